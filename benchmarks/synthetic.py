"""Synthetic decks of N slides of one kind (text, chart, table, picture), built two ways:
by `deck` from a generated outline, and by plain python-pptx doing the same, naively.

    python benchmarks/synthetic.py deck  KIND N OUT   # prints build seconds (imports excluded)
    python benchmarks/synthetic.py plain KIND N OUT

Each run first builds a one-slide deck unmeasured, so the number printed is the build alone
(imports, font loading and first-use caches excluded): milliseconds per slide then say how the
cost grows with the deck. The peak memory the harness reports is the whole child's.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

KINDS = ("text", "chart", "table", "picture", "rich")
LABS = ["Anthropic", "xAI", "Google", "OpenAI", "Alibaba", "DeepSeek"]  # assets/data/arena_elo.csv
ELO = [1503, 1495, 1494, 1481, 1449, 1424]
NOTES = ("In the Stanford 2026 AI Index Arena Elo rankings, Alibaba scored 1,449 and ranks "
         "fifth, ahead of DeepSeek at 1,424.")
SOURCE = "Source: Stanford 2026 AI Index, Arena Elo rankings. The axis starts at 1,400."
FOOTER = "Qwen Surpasses 1 Billion Downloads"
ROOT = Path(__file__).resolve().parent.parent


def outline(kind: str, n: int, picture: Path) -> str:
    lines = ["title: Synthetic", "slide_numbers: true", "sections:", "  - title: All",
             "    divider: false", "    slides:"]
    if kind == "rich":  # the article's chart slide: highlight, labels, number format, notes
        lines.insert(1, f"footer: {FOOTER}")
    for i in range(n):
        slide_kind = {"text": "bullets", "picture": "image", "rich": "chart"}.get(kind, kind)
        lines.append(f"      - kind: {slide_kind}")
        lines.append(f"        title: {kind.capitalize()} slide {i + 1}")
        if kind == "text":
            lines.append(f"        bullets: [Point {i}, A second point with more words, Third]")
        elif kind == "chart":
            lines += ["        type: column", "        categories: [North, South, East, West]",
                      f"        series: [{{name: Sales, values: [{i % 7 + 1}, 2, 3, 4]}}]"]
        elif kind == "table":
            rows = f"[[North, '{i}', growing], [South, '2', flat], [East, '3', new]]"
            lines += ["        columns: [Region, Sales, Note]", f"        rows: {rows}"]
        elif kind == "rich":
            lines += ["        type: bar", f"        categories: [{', '.join(LABS)}]",
                      f"        series: [{{name: Arena Elo, values: {ELO}}}]",
                      "        highlight: [Alibaba]", "        number_format: '#,##0'",
                      "        axis: {min: 1400, max: 1510}", f"        source: '{SOURCE}'",
                      f"        notes: '{NOTES}'"]
        else:
            lines += [f"        path: {picture}", "        alt: A picture"]
    return "\n".join(lines) + "\n"


def make_picture(folder: Path) -> Path:
    from PIL import Image

    path = folder / "picture.png"
    if not path.exists():
        Image.new("RGB", (800, 450), (30, 80, 140)).save(path)
    return path


def build_deck(kind: str, n: int, out: Path) -> float:
    sys.path.insert(0, str(ROOT))
    import deck

    folder = out.parent
    picture = make_picture(folder)
    for count, target in ((1, folder / "warmup.yaml"), (n, folder / f"{kind}{n}.yaml")):
        target.write_text(outline(kind, count, picture.relative_to(folder)), encoding="utf-8")
        out.unlink(missing_ok=True)  # a fresh write, not a check against the warm-up deck
        start = time.perf_counter()
        deck.build(target, output=out)
        elapsed = time.perf_counter() - start
    return elapsed


def build_plain(kind: str, n: int, out: Path) -> float:
    """What a competent script does with python-pptx alone: add_slide, add_* per slide."""
    from pptx import Presentation
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE
    from pptx.util import Inches, Pt

    picture = make_picture(out.parent)

    def build(count: int) -> None:
        prs = Presentation()
        prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
        layout = prs.slide_layouts[5]  # title only
        for i in range(count):
            slide = prs.slides.add_slide(layout)
            slide.shapes.title.text = f"{kind.capitalize()} slide {i + 1}"
            box = (Inches(0.8), Inches(1.6), Inches(11.7), Inches(5))
            if kind == "text":
                frame = slide.shapes.add_textbox(*box).text_frame
                frame.text = f"Point {i}"
                for line in ("A second point with more words", "Third"):
                    frame.add_paragraph().text = line
                for p in frame.paragraphs:
                    p.runs[0].font.size = Pt(26)
            elif kind == "chart":
                data = CategoryChartData()
                data.categories = ["North", "South", "East", "West"]
                data.add_series("Sales", [i % 7 + 1, 2, 3, 4])
                slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, *box, data)
            elif kind == "rich":
                rich_chart(slide, box)
            elif kind == "table":
                table = slide.shapes.add_table(4, 3, *box).table
                for r, row in enumerate([["Region", "Sales", "Note"], ["North", str(i), "growing"],
                                         ["South", "2", "flat"], ["East", "3", "new"]]):
                    for c, text in enumerate(row):
                        table.cell(r, c).text = text
            else:
                slide.shapes.add_picture(str(picture), *box[:2], height=box[3])
        prs.save(out)

    build(1)
    start = time.perf_counter()
    build(n)
    return time.perf_counter() - start


def rich_chart(slide, box) -> None:
    """The article's chart slide as benchmarks/handwritten_article.py draws it: grey bars,
    Alibaba in the accent, labels outside in bold with a number format, the axis from 1,400,
    a source line, a footer and speaker notes."""
    from pptx.chart.data import CategoryChartData
    from pptx.dml.color import RGBColor
    from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
    from pptx.util import Inches, Pt

    data = CategoryChartData(number_format="#,##0")
    data.categories = LABS
    data.add_series("Arena Elo", ELO)
    chart = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, *box, data).chart
    chart.has_legend = chart.has_title = False
    chart.category_axis.reverse_order = True
    chart.category_axis.tick_labels.font.size = Pt(18)
    chart.plots[0].gap_width = 45
    chart.value_axis.minimum_scale, chart.value_axis.maximum_scale = 1400, 1510
    chart.value_axis.visible = False
    chart.value_axis.has_major_gridlines = False
    series = chart.plots[0].series[0]
    series.format.fill.solid()
    series.format.fill.fore_color.rgb = RGBColor.from_string("C5CBD3")
    highlight = series.points[LABS.index("Alibaba")].format.fill
    highlight.solid()
    highlight.fore_color.rgb = RGBColor.from_string("C2410C")
    plot = chart.plots[0]
    plot.has_data_labels = True
    plot.data_labels.number_format, plot.data_labels.number_format_is_linked = "#,##0", False
    plot.data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
    plot.data_labels.font.size, plot.data_labels.font.bold = Pt(20), True
    for text, top in ((SOURCE, Inches(6.4)), (FOOTER, Inches(7.0))):
        frame = slide.shapes.add_textbox(box[0], top, box[2], Inches(0.3)).text_frame
        frame.text = text
        frame.paragraphs[0].runs[0].font.size = Pt(14)
    slide.notes_slide.notes_text_frame.text = NOTES


def main(argv: list[str]) -> int:
    how, kind, n, out = argv[0], argv[1], int(argv[2]), Path(argv[3])
    if how not in ("deck", "plain") or kind not in KINDS:
        print(__doc__, file=sys.stderr)
        return 2
    seconds = (build_deck if how == "deck" else build_plain)(kind, n, out)
    print(f"{seconds:.6f}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 5:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1:]))
