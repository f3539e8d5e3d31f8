"""Image charts: the same spec drawn by matplotlib, embedded as a PNG that fills its box, with
alt text; matplotlib imported only when needed; bytes deterministic; unchanged charts cached."""

import io
import os
import subprocess
import sys
import textwrap
import warnings
from pathlib import Path

import msgspec
import pytest
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


def run_python(code: str, cwd: Path, **env: str) -> str:
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=cwd,
                            capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT), **env})
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


BUILD_AND_LIST_MODULES = """
    import sys, deck
    deck.build("outline.yaml", output="out.pptx")
    print(sorted(m for m in sys.modules if m.split(".")[0] == "matplotlib"))
"""


def it_imports_matplotlib_only_for_an_image_chart_that_is_not_cached(outline, tmp_path):
    src = outline(NATIVE_OUTLINE)
    cache = {"DECK_CACHE_DIR": str(tmp_path / "user-cache")}
    assert run_python(BUILD_AND_LIST_MODULES, src.parent, **cache) == "[]"
    src.write_text(IMAGE_OUTLINE, encoding="utf-8")
    drawn = run_python(BUILD_AND_LIST_MODULES, src.parent, **cache)
    assert "'matplotlib.figure'" in drawn and "'matplotlib.pyplot'" not in drawn
    first = (src.parent / "out.pptx").read_bytes()
    assert list((tmp_path / "user-cache").glob("*.png"))
    assert not (src.parent / "build").exists()  # nothing cached in the outline's folder
    # cached: not drawn again
    assert run_python(BUILD_AND_LIST_MODULES, src.parent, **cache) == "[]"
    assert (src.parent / "out.pptx").read_bytes() == first


def it_reads_only_regular_cached_files_and_keeps_few_in_memory(tmp_path, monkeypatch):
    from deck.render import image_cache

    theme = Theme()
    folder = tmp_path / "cache"
    folder.mkdir()
    key = chart_key(shape(), theme)
    decoy = tmp_path / "decoy.png"
    decoy.write_bytes(b"\x89PNG\r\n\x1a\n not the chart")
    (folder / f"{key}.png").symlink_to(decoy)  # a link planted in the cache is not followed
    monkeypatch.setattr(image_cache, "_MEMORY", image_cache.OrderedDict())
    images = ChartImages(folder)
    assert images.png(shape(), theme) != decoy.read_bytes() and images.drawn == 1
    os.mkfifo(folder / f"{chart_key(shape(highlight=['b']), theme)}.png")  # nor a FIFO read
    assert images.png(shape(highlight=["b"]), theme).startswith(b"\x89PNG")
    monkeypatch.setattr(image_cache, "MEMORY_ENTRIES", 1)
    images.png(shape(number_format="0.0"), theme)
    assert len(image_cache._MEMORY) == 1


def it_keys_image_charts_on_the_whole_theme_and_the_language():
    theme = Theme()
    smaller = msgspec.structs.replace(
        theme, sizes=msgspec.structs.replace(theme.sizes, chart=msgspec.structs.replace(
            theme.sizes.chart, min_size=10)))
    assert chart_key(shape(), theme) != chart_key(shape(), smaller)
    assert chart_key(shape(), theme, "zh-CN") != chart_key(shape(), theme, "zh-TW")


def it_uses_the_shipped_carlito_font():
    from deck.render.chart_text import _font_family
    from deck.theme import CALIBRI

    assert _font_family(CALIBRI) == "Carlito"


# --- what a visual check of image charts found -------------------------------------------

def chart(kind="column", categories=("a", "b"), values=(1, 2), w=400.0, h=300.0, **fields):
    """A ChartShape of one series (or `series=[...]`), 20 pt labels, 18 pt axis text."""
    from deck import model

    series = fields.pop("series", None) or [model.Series(name="s", values=list(values))]
    spec = model.ChartSpec(type=kind, categories=list(categories), series=series, **fields)
    return ChartShape(Box(60, 120, w, h), spec, 20, 18, "alt", True)


def figure(shape_: ChartShape, theme: Theme | None = None):
    """The chart as matplotlib drew it, laid out: its Figure, to read positions from."""
    import matplotlib

    from deck.render import chart_image

    theme = theme or Theme()
    with matplotlib.rc_context(chart_image.style(shape_, theme)):
        fig = chart_image.draw_figure(shape_, theme)
        fig.draw_without_rendering()
    return fig


def shown_texts(fig):
    """(text, window box) of every text drawn: tick labels in view, annotations, legend."""
    from matplotlib.text import Text

    renderer = fig.canvas.get_renderer()
    found = []
    for ax in fig.axes:
        for axis, i in ((ax.xaxis, 0), (ax.yaxis, 1)):
            low, high = sorted(axis.get_view_interval())
            if axis.get_visible():
                found += [t for t in axis.get_majorticklabels() if t.get_visible()
                          and t.get_text() and low - 1e-9 <= t.get_position()[i] <= high + 1e-9]
        found += [t for t in ax.texts if t.get_visible() and t.get_text()]
    for legend in fig.legends:
        found += [t for t in legend.findobj(Text) if t.get_text()]
    return [(t.get_text(), t.get_window_extent(renderer)) for t in found]


def assert_clear(fig):
    """Every text inside the figure, none overlapping another."""
    texts = shown_texts(fig)
    width, height = fig.bbox.width, fig.bbox.height
    for text, box in texts:
        assert box.x0 >= -1 and box.y0 >= -1 and box.x1 <= width + 1 and box.y1 <= height + 1, \
            (text, box, width, height)
    for k, (a, box_a) in enumerate(texts):
        for b, box_b in texts[k + 1:]:
            assert not box_a.overlaps(box_b), (a, b)


def needs_cjk_font(name: str = "Noto Sans CJK SC"):
    from matplotlib import font_manager

    if any(f.name == name for f in font_manager.fontManager.ttflist):
        return
    if os.environ.get("CI"):
        pytest.fail(f"{name} is required in CI (Debian: fonts-noto-cjk)")
    pytest.skip(f"{name} not installed")


CJK_OUTLINE = """\
title: 中国大模型
language: zh-CN
sections:
  - title: 格局
    slides:
      - kind: chart
        title: 与前沿的差距
        type: bar
        render: image
        categories: [月之暗面, 阿里巴巴, 深度求索]
        series: [{name: 差距, values: [0, -12, -54]}]
        highlight: [阿里巴巴]
        annotations: [{category: 阿里巴巴, text: 唯一进入前五的中国实验室}]
"""


def it_draws_chinese_text_with_a_cjk_fallback_and_no_missing_glyph(outline):
    needs_cjk_font()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph 26376 missing from font(s) Carlito" fails
        _, prs = build(outline, CJK_OUTLINE)
    assert pictures(prs)[0].name == "Bar chart (image)"
    # Real glyphs, not one missing-glyph box for every character: other names, other pixels.
    theme = Theme()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        first = draw_png(chart(categories=["中文", "数据"]), theme)
        other = draw_png(chart(categories=["图表", "模型"]), theme)
    assert first != other


def it_picks_the_cjk_face_by_script_and_only_faces_matplotlib_finds():
    from deck.render.chart_text import font_families

    needs_cjk_font("Noto Sans CJK JP")
    theme = Theme()
    assert font_families(chart(categories=["East", "West"]), theme) == ["Carlito"]
    assert font_families(chart(categories=["东部", "西部"]), theme) == \
        ["Carlito", "Noto Sans CJK SC"]
    assert font_families(chart(categories=["東京", "おおさか"]), theme) == \
        ["Carlito", "Noto Sans CJK JP"]
    assert font_families(chart(categories=["서울", "부산"]), theme) == \
        ["Carlito", "Noto Sans CJK KR"]
    # The theme's own East-Asian face is not installed here: not asked for, no warning.
    assert "Microsoft YaHei" not in font_families(chart(categories=["东部"]), theme)


def draw_png(shape_, theme):
    from deck.render.chart_image import draw_png as draw

    return draw(shape_, theme)


def it_draws_on_a_transparent_ground_with_the_themes_text_colours():
    from deck.theme import Palette

    theme = Theme()
    with Image.open(io.BytesIO(draw_png(chart(), theme))) as im:
        rgba = im.convert("RGBA")
        corners = [rgba.getpixel((x, y)) for x in (0, rgba.width - 1) for y in (0, rgba.height - 1)]
        colours = {c for _, c in rgba.getcolors(1 << 20)}
    assert all(alpha == 0 for *_, alpha in corners)  # a template's master shows through
    background = (*bytes.fromhex(theme.palette.background), 255)
    assert background not in colours  # no box in the theme's own background colour
    assert (*bytes.fromhex(theme.palette.text), 255) in colours  # labels: the theme's text
    # Anything that changes the picture changes its cache key.
    cream = Theme(palette=Palette(background="F4F1E8"))
    white_text = Theme(palette=Palette(text="FFFFFF"))
    keys = {chart_key(chart(), t) for t in (theme, cream, white_text)}
    assert len(keys) == 3
    assert draw_png(chart(), white_text) != draw_png(chart(), theme)


GAP = {"categories": ["Anthropic", "xAI", "Google", "OpenAI", "Alibaba", "DeepSeek"],
       "values": [0, -8, -9, -22, -54, -79], "highlight": ["Alibaba"],
       "number_format": '0;"−"0;0'}


def gap_chart(**fields):
    from deck import model

    notes = [model.Annotation(category=c, text=t) for c, t in (
        ("Anthropic", "The frontier: 1,503"), ("OpenAI", "Top four within 22 points"),
        ("Alibaba", "Fifth, the only Chinese lab in the top five"),
        ("DeepSeek", "25 points behind Alibaba"))]
    return chart("bar", **{"annotations": notes, **GAP, **fields})


def it_puts_the_names_of_bars_that_grow_down_on_the_zero_side():
    from deck import model

    half = [model.Annotation(category="Alibaba", text="Fifth"),
            model.Annotation(category="Anthropic", text="Leader")]
    for shape_, notes in ((gap_chart(w=840, h=340), 4),  # the article's slide
                          (gap_chart(w=630, h=333), 4),  # on a 4:3 template
                          (gap_chart(w=400, h=366, annotations=half), 2)):  # a column
        fig = figure(shape_)
        ax = fig.axes[0]
        assert ax.get_xlim()[1] == 0  # the plot ends at zero, on the right
        assert ax.spines["right"].get_visible() and not ax.spines["left"].get_visible()
        assert ax.spines["right"].get_linewidth() >= 1.5  # a clear zero line
        zero = ax.transData.transform((0, 0))[0]
        renderer = fig.canvas.get_renderer()
        names = ax.yaxis.get_majorticklabels()
        assert [t.get_text() for t in names] == GAP["categories"]
        for name in names:  # each name just right of the zero line, where its bar starts
            box = name.get_window_extent(renderer)
            assert zero < box.x0 < zero + 12 * 2
        # One leader per note, none of zero length: each joins a name to its note.
        leaders = [t.arrow_patch.get_window_extent(renderer) for t in ax.texts
                   if getattr(t, "arrow_patch", None) is not None]
        assert len(leaders) == notes and all(b.width >= 10 * 2 for b in leaders)
        assert min(b.x0 for b in leaders) > max(t.get_window_extent(renderer).x0 for t in names)
        assert_clear(fig)


def it_turns_columns_that_all_grow_down_upside_down():
    fig = figure(chart("column", categories=["A", "B", "C"], values=[0, -8, -20]))
    ax = fig.axes[0]
    assert ax.xaxis.get_ticks_position() == "top" and ax.get_ylim()[1] == 0
    assert ax.spines["top"].get_visible() and not ax.spines["bottom"].get_visible()
    assert_clear(fig)


def visible_ticks(axis) -> list[float]:
    low, high = sorted(axis.get_view_interval())
    return [v for v in axis.get_majorticklocs() if low - 1e-9 <= v <= high + 1e-9]


def it_keeps_value_axes_to_about_five_ticks():
    from deck import model

    line = chart("line", categories=list("abcdef"), values=[98, 91, 102, 109, 117, 113],
                 axis=model.Axis(min=80, max=120), w=400, h=366)  # was 9 ticks, steps of 5
    scatter = chart("scatter", categories=[], series=[model.Series(
        name="s", x=[3000, 8000, 12000, 20000], values=[210, 150, 120, 104])],
        axis=model.Axis(min=0), number_format="$#,##0", w=400, h=366)  # was 9, steps of 25
    small = chart("line", categories=list("abcdef"), values=[0.4, 1.2, 2.9, 3.6, 4.1, 4.6])
    area = chart("area", categories=list("abcdefg"), values=[42, 48, 51, 47, 55, 30, 22])
    for shape_ in (line, scatter, small, area):
        ax = figure(shape_).axes[0]
        assert 4 <= len(visible_ticks(ax.yaxis)) <= 6, (shape_.spec.type, visible_ticks(ax.yaxis))
    assert visible_ticks(figure(line).axes[0].yaxis) == [80, 90, 100, 110, 120]
    assert visible_ticks(figure(scatter).axes[0].yaxis) == [0, 50, 100, 150, 200]


def it_names_doughnut_slices_that_share_a_colour_on_the_slice():
    doughnut = chart("doughnut", categories=["Rail", "Road", "Barge"], values=[0.47, 0.41, 0.12],
                     highlight=["Rail"], number_format="0%", legend="bottom")
    fig = figure(doughnut)
    ax = fig.axes[0]
    assert fig.legends == []  # grey swatches that all look alike: no legend
    texts = [t.get_text() for t in ax.texts]
    assert {"Rail", "Road", "Barge"} <= set(texts)
    background = tuple(bytes.fromhex(Theme().palette.background))
    for wedge in ax.patches:  # slices parted by the background colour
        assert tuple(round(c * 255) for c in wedge.get_edgecolor()[:3]) == background
        assert wedge.get_linewidth() >= 2
    assert_clear(fig)
    # Every slice its own colour: the legend stays.
    assert figure(chart("doughnut", categories=["Rail", "Road"], values=[1, 2])).legends


def it_outlines_areas_over_a_light_fill():
    from deck import model

    series = [model.Series(name="Arrivals", values=[42, 48, 51, 47, 55, 30, 22]),
              model.Series(name="Departures", values=[38, 44, 53, 49, 50, 34, 25])]
    fig = figure(chart("area", categories=list("MTWTFSS"), series=series))
    ax = fig.axes[0]
    p = Theme().palette
    lines = {line.get_color().upper() for line in ax.lines}
    assert {"#" + p.series[0], "#" + p.series[1]} <= lines  # every series' edge drawn
    assert all(fill.get_alpha() <= 0.25 for fill in ax.collections)
    swatches = [h.get_edgecolor() for h in fig.legends[0].legend_handles]
    assert len(set(swatches)) == 2


def it_keeps_category_names_at_the_native_size_turning_them_if_they_collide():
    months = ["January", "February", "March", "April", "May", "June"]
    fig = figure(chart("column", categories=months, values=[1190, 1105, 1210, 1302, 1388, 1350],
                       w=400, h=366))
    names = fig.axes[0].xaxis.get_majorticklabels()
    assert {t.get_fontsize() for t in names} == {18}  # as a native chart's, not 14
    assert {t.get_rotation() for t in names} == {45}
    assert_clear(fig)
    fig = figure(chart("column", categories=["Q1", "Q2"], values=[1, 2], w=400, h=366))
    assert {(t.get_fontsize(), t.get_rotation())
            for t in fig.axes[0].xaxis.get_majorticklabels()} == {(18, 0)}


def it_draws_scatter_markers_large_and_keeps_the_origin_labels_apart():
    from deck import model

    scatter = chart("scatter", categories=[], series=[model.Series(
        name="s", x=[2000, 5000, 8000, 12000], values=[2100, 1500, 1200, 1040])],
        axis=model.Axis(min=0), x_axis=model.Axis(min=2000, number_format="#,##0"),
        number_format="$#,##0")
    fig = figure(scatter)
    assert min(fig.axes[0].collections[0].get_sizes()) >= 10 ** 2  # points², ≥ 10 pt across
    assert_clear(fig)


# --- what a code review found ----------------------------------------------------------------

def it_picks_the_cjk_face_by_the_decks_language():
    from deck.render.chart_text import font_families

    needs_cjk_font("Noto Sans CJK TC")
    theme = Theme()
    han = chart(categories=["東部", "西部"])  # the same ideographs in every CJK language
    assert font_families(han, theme, "zh-TW") == ["Carlito", "Noto Sans CJK TC"]
    assert font_families(han, theme, "ja-JP") == ["Carlito", "Noto Sans CJK JP"]
    assert font_families(han, theme, "zh-CN") == ["Carlito", "Noto Sans CJK SC"]
    assert font_families(han, theme, "en-US") == ["Carlito", "Noto Sans CJK SC"]


def it_draws_dollar_signs_as_text_not_tex():
    from deck import model

    texts = [t for t, _ in shown_texts(figure(chart(categories=["cost $x^$", "from $5 to $10"])))]
    assert "cost $x^$" in texts and "from $5 to $10" in texts
    note = chart(annotations=[model.Annotation(category="a", text="$1 a day")])
    assert "$1 a day" in [t for t, _ in shown_texts(figure(note))]


def it_sets_a_legend_name_wider_than_the_chart_on_several_lines():
    from deck import model

    long = "A very long series name that goes on " + "and on " * 20
    fig = figure(chart(series=[model.Series(name=long, values=[1, 2]),
                               model.Series(name="B", values=[2, 1])], legend="bottom"))
    box = fig.bbox
    legend = [(t, b) for t, b in shown_texts(fig) if t.startswith("A very long")]
    assert legend and "\n" in legend[0][0]
    assert box.x0 - 1 <= legend[0][1].x0 and legend[0][1].x1 <= box.x1 + 1


def it_keeps_a_note_on_a_value_beyond_the_axis_range_at_the_plots_edge():
    from deck import model

    far = chart(values=(5, -1e9), axis=model.Axis(min=-10, max=10),
                annotations=[model.Annotation(category="b", text="note here")])
    fig = figure(far)
    note = next(b for t, b in shown_texts(fig) if t == "note here")
    assert fig.bbox.y0 - 1 <= note.y0 and note.y1 <= fig.bbox.y1 + 1
    assert draw_png(far, Theme()).startswith(b"\x89PNG")


def it_draws_degenerate_data_without_printing_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        draw_png(chart(kind="line", categories=["only"], values=(3,)), Theme())
        draw_png(chart(kind="area", categories=["only"], values=(0,)), Theme())


@pytest.mark.parametrize("kind", ["column", "pie"])
def it_colours_labels_on_a_fill_for_that_fill_as_native_charts_do(kind):
    """A pale bar or slice gets the theme's dark text, a deep one its light text
    (chart_labels.label_colour), not light text on every fill."""
    from matplotlib.colors import to_hex

    from deck import model
    from deck.chart_labels import label_colour

    theme = Theme()
    fills = ["FFE066", "1E3A8A"]
    if kind == "pie":
        spec_fields = {"categories": ("a", "b", "c"), "values": (3, 5, 4),
                       "label_position": "center"}
        fills = list(theme.palette.series[:3])  # the third, olive, takes dark text
    else:
        spec_fields = {"series": [model.Series(name=f"s{k}", values=[3, 5], color=c)
                                  for k, c in enumerate(fills)], "label_position": "center"}
    fig = figure(chart(kind, **spec_fields), theme)
    labels = [to_hex(t.get_color()).upper().lstrip("#") for t in fig.axes[0].texts
              if t.get_text() and t.get_text()[0].isdigit()]
    wanted = [label_colour(f, theme.palette) for f in fills]
    if kind == "column":
        assert labels == [wanted[0], wanted[0], wanted[1], wanted[1]]
        assert wanted[0] != wanted[1]  # the two fills really need different text
    else:
        assert labels == wanted and len(set(wanted)) == 2
