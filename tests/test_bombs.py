"""Resource bombs and crashes in layout, charts, fonts, images and data (issue 18): each input
is refused with a located error or handled, with memory bounded by an rlimit in a child process
(no timings are asserted), and the quadratic paths below the limits are gone."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from lxml import etree

import deck
from deck.render import oxml

ROOT = Path(__file__).resolve().parent.parent
MEMORY = 400 * 2**20  # address space for a child `deck build`: the article needs about 150 MB


def build_limited(folder: Path, outline: str, memory: int = MEMORY) -> subprocess.CompletedProcess:
    """`deck build outline.yaml` in `folder`, in a child process whose address space is capped
    at `memory` bytes (a quadratic table raises MemoryError, seen as exit 1) and whose CPU time
    is capped far above any real need (a runaway loop is killed rather than hanging the suite)."""
    (folder / "outline.yaml").write_text(outline, encoding="utf-8")
    code = textwrap.dedent(f"""
        import resource, sys
        resource.setrlimit(resource.RLIMIT_AS, ({memory}, {memory}))
        resource.setrlimit(resource.RLIMIT_CPU, (300, 300))
        sys.path.insert(0, {str(ROOT)!r})
        from deck.cli import main
        sys.exit(main(["build", "outline.yaml", "-o", "out.pptx"]))
    """)
    return subprocess.run([sys.executable, "-c", code], cwd=folder, capture_output=True,
                          text=True, timeout=900)


def one_slide(slide: str) -> str:
    return "title: T\nsections:\n  - title: S\n    slides:\n" + textwrap.indent(
        textwrap.dedent(slide).strip("\n"), "      ") + "\n"


# --- finding 11: a long title ------------------------------------------------------------

@pytest.mark.parametrize("title", ["word " * 40_000, "x" * 200_000],
                         ids=["200k-of-words", "one-200k-word"])
def it_refuses_a_200k_title_in_bounded_memory(title, tmp_path):
    """Balancing built lines × words tables (a 1 MB title reached 22.5 GB); one long word was
    cut by measuring the whole rest for every line, and FreeType's width of 70,000 letters
    overflowed to a negative number, so the word passed as one line."""
    done = build_limited(tmp_path, one_slide(f"""
        - kind: bullets
          title: {title.strip()}
          bullets: [a]
    """))
    assert done.returncode == 2, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    assert "outline.yaml:6:16: error: title needs" in done.stderr
    assert not (tmp_path / "out.pptx").exists()


def it_balances_titles_only_as_long_as_a_title_can_be():
    from deck.markup import parse
    from deck.measure import BALANCE_PIECES, balance

    short = parse("Alibaba cements its leadership in China's open-source AI models today")
    assert "\n" in "".join(r.text for r in balance(short, 500, 36))
    long = parse("word " * (BALANCE_PIECES + 1))
    assert balance(long, 40_000, 36) == long  # greedy, unbalanced: no quadratic search


def it_measures_a_word_of_100k_letters_as_wide_as_it_is():
    from deck.measure import run_width

    assert run_width("x" * 100_000, 10) == pytest.approx(100 * run_width("x" * 1_000, 10))


# --- finding 13: many categories ---------------------------------------------------------

def it_refuses_16000_categories_before_drawing_them(tmp_path):
    n = 16_000
    done = build_limited(tmp_path, one_slide(f"""
        - kind: chart
          title: Ships a day
          type: column
          categories: [{", ".join(f"d{k}" for k in range(n))}]
          series: [{{name: Ships, values: [{", ".join(str(k % 7) for k in range(n))}]}}]
    """))
    assert done.returncode == 2, done.stderr[-2000:]
    assert ("outline.yaml:8:21: error: a chart has at most 1,000 categories (this one has "
            "16,000)") in done.stderr
    assert not (tmp_path / "out.pptx").exists()


def it_refuses_more_values_than_a_chart_can_show(tmp_path):
    series = ", ".join(f"{{name: s{k}, values: [{', '.join(['1'] * 600)}]}}" for k in range(20))
    done = build_limited(tmp_path, one_slide(f"""
        - kind: chart
          title: Ships
          type: line
          categories: [{", ".join(f"d{k}" for k in range(600))}]
          series: [{series}]
    """))
    assert done.returncode == 2, done.stderr[-2000:]
    assert "a chart has at most 10,000 values, all series together (this one has 12,000)" in \
        done.stderr


def it_indexes_categories_without_python_pptx_scanning_them(monkeypatch):
    """python-pptx's `Categories.index` scans every category for each one written: n²."""
    from pptx.chart.data import Categories
    from pptx.chart.xmlwriter import ChartXmlWriter
    from pptx.enum.chart import XL_CHART_TYPE

    def scan(self, category):
        raise AssertionError("python-pptx's linear category scan was used")

    monkeypatch.setattr(Categories, "index", scan)
    data = oxml.category_chart_data([f"c{k}" for k in range(1000)], "General")
    data.add_series("s", list(range(1000)))
    xml = ChartXmlWriter(XL_CHART_TYPE.COLUMN_CLUSTERED, data).xml
    assert xml.count('<c:pt idx="999">') == 2  # the category and its value
    assert re.search(r'<c:pt idx="999">\s*<c:v>c999</c:v>', xml)
    assert data.categories.index(data.categories[500]) == 500


def it_formats_points_in_one_pass_in_index_order(monkeypatch):
    """python-pptx's `series.points[i]` searches the series' points for each one: n²."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.enum.chart import XL_CHART_TYPE
    from pptx.oxml.chart.series import CT_SeriesComposite
    from pptx.util import Inches

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    data = oxml.category_chart_data([f"c{k}" for k in range(300)], "General")
    data.add_series("s", [k + 1 for k in range(300)])
    chart = slide.shapes.add_chart(XL_CHART_TYPE.PIE, 0, 0, Inches(4), Inches(4), data).chart
    series = chart.plots[0].series[0]
    monkeypatch.setattr(CT_SeriesComposite, "get_or_add_dPt_for_point",
                        lambda self, idx: pytest.fail("python-pptx's point search was used"))
    points = oxml.data_points(series, reversed(range(300)))
    for i, point in points.items():
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = RGBColor(0, 0, i % 256)
    ser = series._element
    dpts = ser.findall(f"{{{oxml.C}}}dPt")
    assert [int(d.find(f"{{{oxml.C}}}idx").get("val")) for d in dpts] == list(range(300))
    order = [etree.QName(el).localname for el in ser]
    assert order.index("dPt") > order.index("tx") and order.index("cat") > order.index("dPt")
    assert dpts[7].find(f".//{{{oxml.A}}}srgbClr").get("val") == "000007"


# --- finding 15: chart values and theme fonts --------------------------------------------

def it_steps_an_axis_whose_span_underflows():
    from deck.charttypes import nice_step

    assert nice_step(0, 5e-324) > 0  # was: math domain error
    assert nice_step(-1e308, 1e308) > 0  # was: cannot convert float infinity to integer
    assert nice_step(0, 100) == 20


# --- finding 19: messages ----------------------------------------------------------------

def it_draws_again_a_cached_chart_png_that_is_damaged(tmp_path, monkeypatch):
    """A cache file cut short used to reach python-pptx, whose error named an
    `<_io.BytesIO object at 0x…>`."""
    from collections import OrderedDict

    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    from deck.pipeline import clear_slide_caches
    from deck.render import image_cache

    cache = tmp_path / "cache"
    monkeypatch.setenv("DECK_CACHE_DIR", str(cache))
    src = tmp_path / "outline.yaml"
    src.write_text(one_slide("""
        - kind: chart
          title: Ships
          render: image
          type: column
          categories: [a, b]
          series: [{name: s, values: [1, 2]}]
    """), encoding="utf-8")
    deck.build(src, output=tmp_path / "a.pptx")
    (png,) = cache.glob("*.png")
    good = png.read_bytes()
    for damaged in (good[:len(good) // 2], good[:8] + b"garbage" + good[-12:]):
        png.write_bytes(damaged)
        monkeypatch.setattr(image_cache, "_MEMORY", OrderedDict())  # as a new process,
        clear_slide_caches()  # which keeps no rendered slide either
        deck.build(src, output=tmp_path / "b.pptx")
        assert png.read_bytes() == good  # drawn again, and the cache repaired
        (picture,) = [s for s in Presentation(str(tmp_path / "b.pptx")).slides[0].shapes
                      if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        blob = picture.image.blob  # the good PNG, the chart's fields before its IEND chunk
        assert blob.startswith(good[:-12]) and blob.endswith(good[-12:]) and blob != good


# --- findings 17 and 19: phone photos -----------------------------------------------------

def halves(width: int = 64, height: int = 32):
    """A picture red on its left half, blue on its right."""
    from PIL import Image

    im = Image.new("RGB", (width, height), (200, 0, 0))
    im.paste((0, 0, 200), (width // 2, 0, width, height))
    return im


def embedded_pictures(pptx: Path) -> list[tuple]:
    """(content type, Pillow image, shape width, shape height) of each picture in a deck."""
    import io

    from PIL import Image
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    return [(sh.image.content_type, Image.open(io.BytesIO(sh.image.blob)), sh.width, sh.height)
            for slide in Presentation(str(pptx)).slides for sh in slide.shapes
            if sh.shape_type == MSO_SHAPE_TYPE.PICTURE]


def picture_outline(folder: Path, name: str) -> Path:
    src = folder / "outline.yaml"
    src.write_text(one_slide(f"""
        - kind: image
          title: Quay
          path: {name}
          alt: The east quay at dawn
    """), encoding="utf-8")
    return src


def it_draws_a_photo_upright_as_its_exif_orientation_says(tmp_path):
    """Orientation 6: the camera was turned a quarter clockwise; the left half is the top."""
    from PIL import Image

    exif = Image.Exif()
    exif[0x0112] = 6
    halves().save(tmp_path / "photo.jpg", exif=exif.tobytes())
    deck.build(picture_outline(tmp_path, "photo.jpg"), output=tmp_path / "out.pptx")
    ((kind, im, w, h),) = embedded_pictures(tmp_path / "out.pptx")
    assert kind == "image/jpeg" and im.size == (32, 64)
    assert h == pytest.approx(2 * w, rel=0.01)  # the planned box is upright too
    top, bottom = im.getpixel((16, 8)), im.getpixel((16, 56))
    assert top[0] > 150 > top[2] and bottom[2] > 150 > bottom[0]
    assert im.getexif().get(0x0112, 1) == 1  # not turned again by an engine that reads it


def it_embeds_the_first_frame_of_an_mpo_photo_as_a_jpeg(tmp_path):
    from PIL import Image

    halves().save(tmp_path / "photo.jpg", "MPO", save_all=True,
                  append_images=[Image.new("RGB", (64, 32), (0, 200, 0))])
    assert Image.open(tmp_path / "photo.jpg").format == "MPO"  # what phones write
    deck.build(picture_outline(tmp_path, "photo.jpg"), output=tmp_path / "out.pptx")
    ((kind, im, w, h),) = embedded_pictures(tmp_path / "out.pptx")
    assert (kind, im.format, im.size) == ("image/jpeg", "JPEG", (64, 32))
    assert w == pytest.approx(2 * h, rel=0.01)
    assert im.getpixel((8, 16))[0] > 150  # the first frame (red), not the second (green)


# --- finding 18: image charts in other scripts -------------------------------------------

def image_chart(categories: str, language: str = "en-US", kind: str = "column") -> str:
    return f"title: T\nlanguage: {language}\n" + one_slide(f"""
        - kind: chart
          title: Ships
          render: image
          type: {kind}
          categories: {categories}
          series: [{{name: Ships, values: [10, 1, 1, 1]}}]
    """).removeprefix("title: T\n")


def it_warns_at_the_category_an_image_chart_would_draw_as_a_box(tmp_path):
    src = tmp_path / "outline.yaml"
    src.write_text(image_chart("[North, South, East, 🚢 West]"), encoding="utf-8")
    (warning,) = deck.check(src)
    assert (warning.span.line, warning.span.col) == (10, 42)
    assert "image charts cannot draw 🚢" in warning.message
    src.write_text(image_chart("[North, دبي, East, West]"), encoding="utf-8")
    assert "Arabic letters unjoined" in deck.check(src)[0].message
    src.write_text(image_chart("[צפון, דרום, מזרח, מערב]", "he"), encoding="utf-8")
    assert deck.check(src) == []  # Hebrew alone is drawn (DejaVu Sans), read from the right


def it_prints_nothing_from_matplotlib_when_quiet(tmp_path):
    """A missing glyph made matplotlib print a UserWarning even with `-q`."""
    (tmp_path / "outline.yaml").write_text(image_chart("[North, South, East, 🚢 West]"),
                                           encoding="utf-8")
    cache = tmp_path / "cache"  # a fresh cache: the chart is drawn, not read
    done = subprocess.run([sys.executable, "-m", "deck", "build", "-q", "outline.yaml"],
                          cwd=tmp_path, capture_output=True, text=True,
                          env={**__import__("os").environ, "DECK_CACHE_DIR": str(cache)})
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert list(cache.glob("*.png"))


def tallest_bar_x(tmp_path: Path, language: str, kind: str = "column") -> float:
    """Where, as a share of the chart's width (or height, for bars), the accent-coloured
    first category is drawn."""
    src = tmp_path / f"{language}-{kind}.yaml"
    src.write_text(image_chart("[A, B, C, D]", language, kind), encoding="utf-8")
    deck.build(src, output=tmp_path / f"{language}-{kind}.pptx")
    ((_, im, _, _),) = embedded_pictures(tmp_path / f"{language}-{kind}.pptx")
    im = im.convert("RGB")
    accent = [x for x in range(im.width) for y in range(0, im.height, 4)
              if (lambda p: p[0] > 150 and p[1] < 90 and p[2] < 60)(im.getpixel((x, y)))]
    return sum(accent) / len(accent) / im.width


def it_mirrors_image_charts_for_right_to_left_decks(tmp_path):
    """The first category on the right, as the deck is read; bars grow leftwards."""
    assert tallest_bar_x(tmp_path, "en-US") < 0.3 < 0.7 < tallest_bar_x(tmp_path, "he")
    assert tallest_bar_x(tmp_path, "en-US", "bar") < 0.5 < tallest_bar_x(tmp_path, "ar", "bar")


def it_reverses_right_to_left_text_for_matplotlib_and_only_that():
    from deck.render.chart_image_style import visual_order

    assert visual_order("צפון") == "ןופצ"
    assert visual_order("תל אביב\nצפון") == "ביבא לת\nןופצ"
    assert visual_order("North") == "North"
    assert visual_order("צפון 2024") == "צפון 2024"  # digits need the bidi algorithm: warned
