"""Image charts: the same spec drawn by matplotlib, embedded as a PNG that fills its box, with
alt text; matplotlib imported only when needed; bytes deterministic; unchanged charts cached."""

import io
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

import deck
from deck.plan import Box, ChartShape
from deck.render.image_cache import ChartImages, chart_key
from deck.theme import Theme

ROOT = Path(__file__).resolve().parent.parent
IMAGE_OUTLINE = """\
title: T
sections:
  - title: S
    slides:
      - kind: chart
        title: Gap to the leader
        type: bar
        render: image
        categories: [Anthropic, xAI, Alibaba]
        series: [{name: Gap, values: [0, -8, -54]}]
        highlight: [Alibaba]
        number_format: '0;"−"0;0'
        annotations: [{category: Alibaba, text: Fifth}]
"""
NATIVE_OUTLINE = IMAGE_OUTLINE.replace("        render: image\n", "").replace(
    "        annotations: [{category: Alibaba, text: Fifth}]\n", "")


def build(outline, text: str):
    src = outline(text)
    out = src.parent / "out.pptx"
    deck.build(src, output=out)
    return src, Presentation(str(out))


def pictures(prs):
    return [s for slide in prs.slides for s in slide.shapes
            if s.shape_type == MSO_SHAPE_TYPE.PICTURE]


def it_embeds_a_png_that_fills_the_charts_box_with_alt_text(outline):
    _, prs = build(outline, IMAGE_OUTLINE)
    (pic,) = pictures(prs)
    assert not any(s.has_chart for slide in prs.slides for s in slide.shapes)
    assert pic.name == "Bar chart (image)"
    assert pic.image.content_type == "image/png"
    descr = pic._element.xpath("./p:nvPicPr/p:cNvPr/@descr")[0]
    assert descr == "Bar chart: Anthropic 0; xAI −8; Alibaba −54"
    with Image.open(io.BytesIO(pic.image.blob)) as im:
        width, height = im.size
    # The box the native chart would fill: same frame, same place (EMU), drawn at 2 px per pt.
    _, native = build(outline, NATIVE_OUTLINE)
    frame = next(s for slide in native.slides for s in slide.shapes if s.has_chart)
    assert (pic.left, pic.top, pic.width, pic.height) == \
        (frame.left, frame.top, frame.width, frame.height)
    assert abs(width - 2 * frame.width / 12700) <= 1 and abs(height - 2 * frame.height / 12700) <= 1


def it_draws_the_highlight_in_the_accent_and_the_rest_muted(outline):
    _, prs = build(outline, IMAGE_OUTLINE)
    with Image.open(io.BytesIO(pictures(prs)[0].image.blob)) as im:
        colours = {rgb for _, rgb in im.convert("RGB").getcolors(1 << 20)}
    p = Theme().palette
    accent, muted = (tuple(bytes.fromhex(c)) for c in (p.accent, p.chart_muted))
    assert accent in colours and muted in colours
    assert tuple(bytes.fromhex(p.series[1])) not in colours  # no unhighlighted series colour


def shape(**spec_fields) -> ChartShape:
    from deck import model

    spec = model.ChartSpec(type="column", categories=["a", "b"],
                           series=[model.Series(name="s", values=[1, 2])], **spec_fields)
    return ChartShape(Box(60, 120, 400, 300), spec, 20, 18, "Column chart: a 1; b 2", True)


def it_gives_the_same_bytes_for_the_same_chart_and_other_bytes_for_another():
    from deck.render.chart_image import draw_png

    theme = Theme()
    first, again = draw_png(shape(), theme), draw_png(shape(), theme)
    assert first == again
    assert draw_png(shape(highlight=["b"]), theme) != first
    with Image.open(io.BytesIO(first)) as im:
        assert im.size == (800, 600)
        assert "Software" not in im.info and not any("date" in k.lower() for k in im.info)


def it_caches_by_content_on_disk_and_in_memory(tmp_path):
    theme = Theme()
    images = ChartImages(tmp_path / "cache")
    png = images.png(shape(number_format="0.0"), theme)
    key = chart_key(shape(number_format="0.0"), theme)
    assert (tmp_path / "cache" / f"{key}.png").read_bytes() == png
    again = ChartImages(tmp_path / "cache")
    assert again.png(shape(number_format="0.0"), theme) == png and again.drawn == 0
    assert chart_key(shape(number_format="0.00"), theme) != key


def run_python(code: str, cwd: Path) -> str:
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=cwd,
                            capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


BUILD_AND_LIST_MODULES = """
    import sys, deck
    deck.build("outline.yaml", output="out.pptx")
    print(sorted(m for m in sys.modules if m.split(".")[0] == "matplotlib"))
"""


def it_imports_matplotlib_only_for_an_image_chart_that_is_not_cached(outline):
    src = outline(NATIVE_OUTLINE)
    assert run_python(BUILD_AND_LIST_MODULES, src.parent) == "[]"
    src.write_text(IMAGE_OUTLINE, encoding="utf-8")
    drawn = run_python(BUILD_AND_LIST_MODULES, src.parent)
    assert "'matplotlib.figure'" in drawn and "'matplotlib.pyplot'" not in drawn
    first = (src.parent / "out.pptx").read_bytes()
    assert list((src.parent / "build" / ".cache" / "charts").glob("*.png"))
    assert run_python(BUILD_AND_LIST_MODULES, src.parent) == "[]"  # cached: not drawn again
    assert (src.parent / "out.pptx").read_bytes() == first


def it_uses_the_shipped_carlito_font():
    from deck.render.chart_image import _font_family
    from deck.theme import CALIBRI

    assert _font_family(CALIBRI) == "Carlito"
