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

KINDS = ("text", "chart", "table", "picture")
ROOT = Path(__file__).resolve().parent.parent


def outline(kind: str, n: int, picture: Path) -> str:
    lines = ["title: Synthetic", "slide_numbers: true", "sections:", "  - title: All",
             "    divider: false", "    slides:"]
    for i in range(n):
        slide_kind = {"text": "bullets", "picture": "image"}.get(kind, kind)
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
