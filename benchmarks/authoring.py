"""The authoring loop, timed: `deck watch` rebuilds of the article, and LibreOffice conversions
with and without a warm instance (`deck watch --preview`). See docs/performance.md.

    python benchmarks/authoring.py            # 15 edits, 5 conversions each way
    python benchmarks/authoring.py --edits 30 --conversions 8

Unix only (LibreOffice headless, pdftoppm). Prints one markdown table of medians.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import deck  # noqa: E402
from deck.office import Office, contact_sheet, to_pdf, to_pngs  # noqa: E402
from deck.previews import CONTACT_WIDTH, PAGE_DPI  # noqa: E402


def watch_rebuilds(edits: int, tmp: Path) -> dict[str, list[float]]:
    """Edit the article's first slide title `edits` times, 0.5 s apart, while deck.watch runs.
    Returns per rebuild: the build's own work, and save → deck written as seen by the caller."""
    src = tmp / "outline.yaml"
    shutil.copy(ROOT / "outline.yaml", src)
    shutil.copytree(ROOT / "assets" / "data", tmp / "assets" / "data")  # the CSV files it names
    text = src.read_text(encoding="utf-8")
    saved: list[float] = []
    stop = threading.Event()

    def editor():
        for k in range(edits):
            time.sleep(0.5)
            saved.append(time.perf_counter())
            src.write_text(text.replace("The scaling victory of open source",
                                        f"The scaling victory of open source {k}"))
        time.sleep(1.0)
        stop.set()

    work, latency = [], []
    events = deck.watch(src, output=tmp / "watch.pptx", stop_event=stop)
    for event in events:
        if isinstance(event, deck.Watching) and not saved:
            threading.Thread(target=editor, daemon=True).start()
        elif isinstance(event, deck.Rebuild) and event.changed:
            assert event.error is None, event.error
            work.append(event.seconds)
            latency.append(time.perf_counter() - saved[len(work) - 1])
    return {"watch: rebuild work (load → written)": work,
            "watch: save → rebuilt deck on disk": latency}


def conversions(runs: int, tmp: Path) -> dict[str, list[float]]:
    """The article deck to PDF: a fresh profile each time (deck preview, build --pdf) against
    the warm instance of watch --preview; then pdftoppm and the contact sheet."""
    pptx = deck.build(ROOT / "outline.yaml", output=tmp / "article.pptx").output
    fresh, warm, pages, sheet = [], [], [], []
    for _ in range(runs):
        start = time.perf_counter()
        pdf = to_pdf(pptx, tmp / "fresh")
        fresh.append(time.perf_counter() - start)
        start = time.perf_counter()
        drawn = to_pngs(pdf, tmp / "fresh", dpi=PAGE_DPI)
        pages.append(time.perf_counter() - start)
        start = time.perf_counter()
        contact_sheet(drawn, tmp / "fresh" / "contact.png", width=CONTACT_WIDTH)
        sheet.append(time.perf_counter() - start)
    with Office() as office:
        office.to_pdf(pptx, tmp / "warm")  # starts the first warm instance; not counted
        for _ in range(runs):
            time.sleep(3.0)  # the user is editing: the instance has time to start
            start = time.perf_counter()
            office.to_pdf(pptx, tmp / "warm")
            warm.append(time.perf_counter() - start)
        handed = office.handed_over
    return {"PDF: fresh LibreOffice (preview, --pdf)": fresh,
            f"PDF: warm LibreOffice (watch --preview; {handed}/{runs} handed over)": warm,
            f"PNG pages at {PAGE_DPI} dpi (pdftoppm)": pages,
            f"contact sheet, {CONTACT_WIDTH} px": sheet}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=15)
    parser.add_argument("--conversions", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="deck-authoring-") as folder:
        tmp = Path(folder)
        rows = watch_rebuilds(args.edits, tmp) | conversions(args.conversions, tmp)
    print("| case | runs | median ms | min ms | max ms |")
    print("|---|---:|---:|---:|---:|")
    for name, values in rows.items():
        ms = [v * 1000 for v in values]
        print(f"| {name} | {len(ms)} | {statistics.median(ms):.0f} | {min(ms):.0f} | "
              f"{max(ms):.0f} |")


if __name__ == "__main__":
    main()
