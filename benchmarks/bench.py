"""Benchmarks for `deck`: how much does the outline → .pptx pipeline cost over plain python-pptx?

Run from the repository root (stdlib only, nothing to install beyond deck's own dependencies;
Unix only: it uses os.wait4 and resource):

    python benchmarks/bench.py            # 7 runs per case
    python benchmarks/bench.py --runs 15

Cases (see docs/performance.md for how to read them):

* cold article build: `python -m deck build outline.yaml -o OUT` vs
  `python benchmarks/handwritten_article.py OUT`, each a fresh interpreter. Runs are paired and
  interleaved (deck, hand, deck, hand, …) so drift in machine load hits both sides alike; the
  ratio is the median over pairs of deck/hand. Peak RSS is the child's ru_maxrss (os.wait4),
  the largest over the runs. The output is deleted before every run. Children cache bytecode
  in a temporary folder (PYTHONPYCACHEPREFIX, PYTHONDONTWRITEBYTECODE dropped), and one
  unmeasured pair runs first to fill that cache and the page cache.
* image charts: cold CLI builds of one native chart (the baseline), one matplotlib chart with
  nothing cached, 11 with nothing cached (each further chart's cost), 11 all cached.
* scaling: synthetic decks (benchmarks/synthetic.py) of 10 to 2,000 slides of one kind, deck vs
  python-pptx alone, build time without imports, ms per slide and the child's peak RSS.
* warm rebuild: `deck.build("outline.yaml", output=OUT)` called repeatedly in this process after
  one unmeasured call (imports done). Two variants: the output deleted before each call (every
  call writes), and the output left in place (the writer skips the write when the bytes are
  identical; the row says how often that happened). Peak RSS is this process's own ru_maxrss,
  which only grows, so it is an upper bound.

* incremental (issue 17): in this process, a rebuild after a one-slide edit (one bullet of a
  deck of 10, 50 and 200 mixed bullet, chart and table slides) with the last build's slides
  cached, against that deck's full warm build (caches cleared: deck.pipeline.
  clear_slide_caches); and the article's one-slide edit against the hand-written script run in
  process (runpy; its imports paid by an unmeasured first run). Each pair runs interleaved; the
  ratio is the median over pairs.

Prints one markdown table: case, runs, median ms, ratio, peak RSS MB. To add a case, write a
function `(runs, tmp) -> list[Row]` and append it to CASES.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTLINE = ROOT / "outline.yaml"
HANDWRITTEN = ROOT / "benchmarks" / "handwritten_article.py"
MAXRSS_UNIT = 1024 if sys.platform != "darwin" else 1  # ru_maxrss is KiB on Linux, bytes on macOS


@dataclass
class Row:
    case: str
    runs: int
    median_ms: float
    ratio: float | None = None  # against the case's baseline; None when there is none
    peak_rss_mb: float | None = None
    per_slide_ms: float | None = None


def _mb(maxrss: int) -> float:
    return maxrss * MAXRSS_UNIT / 2**20


def child_env(tmp: Path) -> dict[str, str]:
    """Children cache bytecode under `tmp`, never in the repository, whatever the caller's
    PYTHONDONTWRITEBYTECODE says: "cold" means a fresh interpreter, not recompiling deck."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    env["DECK_CACHE_DIR"] = str(tmp / "chart-cache")  # image charts: filled by the warm-up run
    return env


def run_child(argv: list[str], output: Path, env: dict[str, str]) -> tuple[float, float]:
    """Run a command in a fresh interpreter from the repo root, output deleted first.
    Returns (wall seconds, peak RSS MB); raises if it fails or writes nothing."""
    output.unlink(missing_ok=True)
    with tempfile.TemporaryFile() as err:  # a file, not a pipe: a chatty child cannot block
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)  # reap it ourselves to get its own rusage
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0 or not output.is_file():
            err.seek(0)
            raise RuntimeError(f"{' '.join(argv)} failed ({proc.returncode}):\n"
                               f"{err.read().decode(errors='replace')}")
    return elapsed, _mb(usage.ru_maxrss)


def cold_article(runs: int, tmp: Path) -> list[Row]:
    """deck CLI vs the hand-written script, paired and interleaved, fresh interpreters."""
    py = sys.executable
    sides = {
        "cold build: deck CLI": [py, "-m", "deck", "build", str(OUTLINE), "-q", "-o",
                                 str(tmp / "cold-deck.pptx")],
        "cold build: hand-written python-pptx": [py, str(HANDWRITTEN), str(tmp / "cold-hand.pptx")],
    }
    outputs = {name: Path(argv[-1]) for name, argv in sides.items()}
    env = child_env(tmp)
    times: dict[str, list[float]] = {name: [] for name in sides}
    rss: dict[str, list[float]] = {name: [] for name in sides}
    for i in range(runs + 1):  # pair 0 warms the page cache and bytecode; not counted
        for name, argv in sides.items():
            seconds, peak = run_child(argv, outputs[name], env)
            if i:
                times[name].append(seconds)
                rss[name].append(peak)
    (deck_name, hand_name) = sides
    ratios = [d / h for d, h in zip(times[deck_name], times[hand_name])]
    return [
        Row(deck_name, runs, statistics.median(times[deck_name]) * 1000,
            statistics.median(ratios), max(rss[deck_name])),
        Row(hand_name, runs, statistics.median(times[hand_name]) * 1000, 1.0,
            max(rss[hand_name])),
    ]


def warm_rebuild(runs: int, tmp: Path) -> list[Row]:
    """deck.build() in this process, imports already paid for."""
    sys.path.insert(0, str(ROOT))
    import deck

    output = tmp / "warm.pptx"
    deck.build(OUTLINE, output=output)  # unmeasured: imports python-pptx, fills caches
    rows = []
    for name, delete in (("warm rebuild: output deleted each run", True),
                         ("warm rebuild: same output path", False)):
        times, skipped = [], 0
        for _ in range(runs):
            if delete:
                output.unlink(missing_ok=True)
            start = time.perf_counter()
            report = deck.build(OUTLINE, output=output)
            times.append(time.perf_counter() - start)
            skipped += not report.written
            if report.slides != 15 or (delete and not report.written):
                raise RuntimeError(f"{name}: written={report.written}, slides={report.slides}")
        if not delete:  # skips only when the bytes match: see docs/performance.md
            name += f" ({skipped}/{runs} writes skipped)"
        peak = _mb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
        rows.append(Row(name, runs, statistics.median(times) * 1000, None, peak))
    return rows


SIZES = (10, 100, 1000, 2000)
SYNTHETIC = ROOT / "benchmarks" / "synthetic.py"


def run_synthetic(how: str, kind: str, n: int, tmp: Path,
                  env: dict[str, str]) -> tuple[float, float]:
    """(build seconds as the child measured them, child peak RSS MB)."""
    out = tmp / f"{how}-{kind}-{n}.pptx"
    with tempfile.TemporaryFile() as stdout:
        proc = subprocess.Popen([sys.executable, str(SYNTHETIC), how, kind, str(n), str(out)],
                                cwd=ROOT, env=env, stdout=stdout, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise RuntimeError(f"synthetic {how} {kind} {n} failed")
        stdout.seek(0)
        return float(stdout.read().decode()), _mb(usage.ru_maxrss)


def scaling(runs: int, tmp: Path) -> list[Row]:
    """N slides of one kind: deck vs python-pptx alone, build time without imports, per slide."""
    env = child_env(tmp)
    rows = []
    kinds = ("text", "chart", "table", "picture")
    for kind in kinds:
        for n in SIZES:
            repeats = max(1, runs if n <= 100 else 1)
            deck_runs = [run_synthetic("deck", kind, n, tmp, env) for _ in range(repeats)]
            deck_s = statistics.median(t for t, _ in deck_runs)
            row = Row(f"{kind} × {n}: deck", repeats, deck_s * 1000, None,
                      max(m for _, m in deck_runs), deck_s * 1000 / n)
            if n <= PLAIN_LIMIT:
                plain_runs = [run_synthetic("plain", kind, n, tmp, env) for _ in range(repeats)]
                plain_s = statistics.median(t for t, _ in plain_runs)
                row.ratio = deck_s / plain_s
                rows.append(row)
                rows.append(Row(f"{kind} × {n}: python-pptx alone", repeats, plain_s * 1000, 1.0,
                                max(m for _, m in plain_runs), plain_s * 1000 / n))
            else:
                rows.append(row)
    return rows


PLAIN_LIMIT = 1000  # python-pptx alone is quadratic: 2,000 chart slides take over a minute


def chart_outline(n: int, render: str) -> str:
    """n column charts with different data (each its own cache entry), drawn as `render`."""
    lines = ["title: Image charts", "sections:", "  - title: All", "    divider: false",
             "    slides:"]
    for i in range(n):
        lines += ["      - kind: chart", f"        title: Chart {i + 1}", "        type: column",
                  f"        render: {render}", "        categories: [North, South, East, West]",
                  f"        series: [{{name: Sales, values: [{i + 1}, 2, 3, 4]}}]"]
    return "\n".join(lines) + "\n"


IMAGE_EXTRA = 10  # further charts, after the first


def image_charts(runs: int, tmp: Path) -> list[Row]:
    """matplotlib charts, cold CLI builds: one native chart (baseline), the first image chart
    (matplotlib imported, nothing cached), 1 + IMAGE_EXTRA image charts (the extra ones give
    the cost of each further chart), and the same deck again with every PNG cached."""
    env = child_env(tmp)
    n = 1 + IMAGE_EXTRA
    cases = {"image charts: 1 native chart (baseline)": (1, "native", False),
             "image charts: 1 image chart, nothing cached": (1, "image", False),
             f"image charts: {n} image charts, nothing cached": (n, "image", False),
             f"image charts: {n} image charts, all cached": (n, "image", True)}
    times: dict[str, list[float]] = {name: [] for name in cases}
    rss: dict[str, list[float]] = {name: [] for name in cases}
    for i in range(runs + 1):  # round 0 warms bytecode and the page cache; not counted
        for name, (count, render, cached) in cases.items():
            folder = tmp / f"charts-{count}-{render}-{'cached' if cached else i}"
            folder.mkdir(exist_ok=True)
            env = {**env, "DECK_CACHE_DIR": str(folder / "cache")}  # new folder: empty cache
            outline = folder / "outline.yaml"
            outline.write_text(chart_outline(count, render), encoding="utf-8")
            out = folder / "out.pptx"
            if cached and not (folder / "cache").exists():
                run_child([sys.executable, "-m", "deck", "build", str(outline), "-q", "-o",
                           str(out)], out, env)  # fills the cache, unmeasured
            seconds, peak = run_child([sys.executable, "-m", "deck", "build", str(outline),
                                       "-q", "-o", str(out)], out, env)
            if i:
                times[name].append(seconds)
                rss[name].append(peak)
    base = statistics.median(times["image charts: 1 native chart (baseline)"])
    rows = []
    for name in cases:
        median = statistics.median(times[name])
        rows.append(Row(name, runs, median * 1000, median / base if rows else 1.0,
                        max(rss[name])))
    return rows


def image_chart_costs(rows: list[Row]) -> list[str]:
    """The first image chart's cost over a native one, and each further chart's."""
    ms = {r.case: r.median_ms for r in rows if r.case.startswith("image charts:")}
    if len(ms) < 4:
        return []
    base, first, many, cached = ms.values()
    further = (many - first) / IMAGE_EXTRA
    return [f"- image charts: the first costs {first - base:.0f} ms more than a native chart "
            f"(matplotlib import and first draw); each further chart {further:.0f} ms; "
            f"{1 + IMAGE_EXTRA} cached charts {cached - base:+.0f} ms against one native chart"]


def mixed_outline(n: int, edit: int = 0) -> str:
    """n slides cycling bullets (with notes), a column chart and a table, in sections of 25;
    `edit` changes one bullet of the bullet slide in the middle (0: none)."""
    lines = ["title: Mixed", "slide_numbers: true", "sections:"]
    for i in range(n):
        if i % 25 == 0:
            lines += [f"  - title: Part {i // 25 + 1}", "    slides:"]
        first = f"Point {i}" + (f" (edit {edit})" if edit and i == n // 6 * 3 else "")
        lines += {0: ["      - kind: bullets", f"        title: Slide {i + 1}",
                      f"        bullets: ['{first}', A second point with more words, Third]",
                      f"        notes: Notes for slide {i + 1}"],
                  1: ["      - kind: chart", f"        title: Slide {i + 1}",
                      "        type: column",
                      "        categories: [North, South, East, West]",
                      f"        series: [{{name: Sales, values: [{i % 7 + 1}, 2, 3, 4]}}]"],
                  2: ["      - kind: table", f"        title: Slide {i + 1}",
                      "        columns: [Region, Sales, Note]",
                      f"        rows: [[North, '{i}', growing], [South, '2', flat]]"]}[i % 3]
    return "\n".join(lines) + "\n"


def _edit_build(path: Path, text: str) -> float:
    """Seconds for `deck.build` of `path` after writing `text` into it (a one-slide edit)."""
    import deck

    path.write_text(text, encoding="utf-8")
    start = time.perf_counter()
    report = deck.build(path, output=path.with_suffix(".pptx"), allow_outside=[ROOT])
    elapsed = time.perf_counter() - start
    if not report.written:
        raise RuntimeError(f"{path.name}: the edit was not written")
    return elapsed


def _paired(runs: int, measured, baseline) -> tuple[list[float], list[float], float]:
    """`measured(k)` and `baseline(k)` run interleaved, `runs` pairs (drift in machine load
    hits both alike). Returns both lists of seconds and the median over pairs of their ratio."""
    mine, base = [], []
    for k in range(1, runs + 1):
        mine.append(measured(k))
        base.append(baseline(k))
    return mine, base, statistics.median(m / b for m, b in zip(mine, base, strict=True))


def incremental(runs: int, tmp: Path) -> list[Row]:
    """Issue 17: a warm rebuild after a one-slide edit, against that deck's full warm build
    (nothing cached: pipeline.clear_slide_caches), and the article's, against the hand-written
    script run in process (runpy, imports already paid), interleaved in pairs."""
    import runpy
    import shutil

    sys.path.insert(0, str(ROOT))
    import deck
    from deck import pipeline

    rows = []
    for n in (10, 50, 200):
        path = tmp / f"mixed{n}.yaml"
        path.write_text(mixed_outline(n), encoding="utf-8")
        deck.build(path, output=path.with_suffix(".pptx"))  # unmeasured: imports, caches

        def full(k: int, n=n, path=path) -> float:
            pipeline.clear_slide_caches()
            return _edit_build(path, mixed_outline(n, 2 * k))

        inc, whole, ratio = _paired(
            runs, lambda k, n=n, path=path: _edit_build(path, mixed_outline(n, 2 * k + 1)), full)
        rows += [Row(f"incremental: one-slide edit × {n}", runs,
                     statistics.median(inc) * 1000, ratio),
                 Row(f"incremental: full warm build × {n}", runs,
                     statistics.median(whole) * 1000, 1.0)]
    folder = tmp / "article"
    shutil.copytree(ROOT / "assets", folder / "assets", dirs_exist_ok=True)
    article = OUTLINE.read_text(encoding="utf-8")
    path = folder / "outline.yaml"

    def edited(k: int) -> str:
        return article.replace("**Developer adoption:**", f"**Developer adoption ({k}):**")

    def hand(_k: int) -> float:
        argv = sys.argv
        sys.argv = [str(HANDWRITTEN), str(tmp / "hand.pptx")]
        try:
            start = time.perf_counter()
            runpy.run_path(str(HANDWRITTEN), run_name="__main__")
            return time.perf_counter() - start
        finally:
            sys.argv = argv

    _edit_build(path, edited(0))  # unmeasured: the first build of this outline
    hand(0)  # and the script's first run (its own imports)
    inc, base, ratio = _paired(runs, lambda k: _edit_build(path, edited(k)), hand)
    rows += [Row("incremental: article one-slide edit", runs, statistics.median(inc) * 1000,
                 ratio),
             Row("incremental: hand-written python-pptx in process", runs,
                 statistics.median(base) * 1000, 1.0)]
    return rows


# warm_rebuild last: it grows this process, and a child's ru_maxrss counts the parent memory
# it shared between fork and exec, so cases run after it would report this process's size
# (incremental runs in this process too, after it)
MINIMAL = ROOT / "benchmarks" / "handwritten_minimal.py"


def cold_minimal(runs: int, tmp: Path) -> list[Row]:
    """The cold article build against python-pptx at its plainest (handwritten_minimal.py: the
    same slides in the default template, one native chart, the tables, no styling), paired and
    interleaved as cold_article is."""
    env = child_env(tmp)
    sides = {"cold build vs minimal: deck CLI": [sys.executable, "-m", "deck", "build",
                                                 str(OUTLINE), "-q", "-o",
                                                 str(tmp / "min-deck.pptx")],
             "cold build vs minimal: minimal python-pptx": [sys.executable, str(MINIMAL),
                                                            str(tmp / "min-hand.pptx")],
             # the same build through cli.main, which leaves the collector's passes at exit
             # running (cli.run, the command, freezes them): what the exit change is worth
             "cold build vs minimal: deck CLI, exit as before": [
                 sys.executable, "-c", "import sys; from deck.cli import main; sys.exit(main())",
                 "build", str(OUTLINE), "-q", "-o", str(tmp / "min-deck-main.pptx")]}
    times: dict[str, list[float]] = {name: [] for name in sides}
    rss: dict[str, list[float]] = {name: [] for name in sides}
    for i in range(runs + 1):  # pair 0 warms bytecode and the page cache; not counted
        for name, argv in sides.items():
            seconds, peak = run_child(argv, Path(argv[-1]), env)
            if i:
                times[name].append(seconds)
                rss[name].append(peak)
    deck_name, hand_name, main_name = sides

    def row(name: str) -> Row:
        ratios = [d / h for d, h in zip(times[name], times[hand_name])]
        return Row(name, runs, statistics.median(times[name]) * 1000, statistics.median(ratios),
                   max(rss[name]))
    return [row(deck_name), row(hand_name), row(main_name)]


def _one_against_plain(kind: str, n: int, tmp: Path, label: str) -> list[Row]:
    """One synthetic run of each side (python-pptx alone is slow at this size)."""
    env = child_env(tmp)
    deck_s, deck_mb = run_synthetic("deck", kind, n, tmp, env)
    plain_s, plain_mb = run_synthetic("plain", kind, n, tmp, env)
    return [Row(f"{label}: deck", 1, deck_s * 1000, deck_s / plain_s, deck_mb, deck_s * 1000 / n),
            Row(f"{label}: python-pptx alone", 1, plain_s * 1000, 1.0, plain_mb,
                plain_s * 1000 / n)]


def table_memory(runs: int, tmp: Path) -> list[Row]:
    """1,000 table slides: time and the child's peak RSS, deck against python-pptx alone."""
    return _one_against_plain("table", 1000, tmp, "table memory × 1000")


def tables(runs: int, tmp: Path) -> list[Row]:
    """10 and 100 table slides, deck against python-pptx alone in interleaved pairs (the
    ratio is the median of the pairs' ratios: load drifts hit both sides)."""
    env = child_env(tmp)
    rows = []
    for n in (10, 100):
        deck_s, plain_s = [], []
        for _ in range(runs):
            deck_s.append(run_synthetic("deck", "table", n, tmp, env)[0])
            plain_s.append(run_synthetic("plain", "table", n, tmp, env)[0])
        ratio = statistics.median(d / p for d, p in zip(deck_s, plain_s))
        rows += [Row(f"tables × {n}: deck (pairs)", runs, statistics.median(deck_s) * 1000,
                     ratio, None, statistics.median(deck_s) * 1000 / n),
                 Row(f"tables × {n}: python-pptx alone", runs,
                     statistics.median(plain_s) * 1000, 1.0, None,
                     statistics.median(plain_s) * 1000 / n)]
    return rows


def rich_charts(runs: int, tmp: Path) -> list[Row]:
    """1,000 copies of the article's chart slide (highlight, data labels, number format,
    source, footer, notes): synthetic.py's `rich` kind, against python-pptx alone drawing the
    same 1,000 charts as handwritten_article.py draws its one."""
    return _one_against_plain("rich", 1000, tmp, "rich chart × 1000")


PREVIEW_SLIDES = 50


def preview_after_edit(runs: int, tmp: Path) -> list[Row]:
    """A 50-slide deck (text, charts, tables): `deck watch --preview`'s refresh after its title
    on one slide changed (previews.Refresher: only that slide drawn), against a full preview of
    the same deck (PDF, PNGs, contact sheet), both through one warm LibreOffice, alternated.
    A pause before each conversion lets the warm instance come up, as an author's editing does."""
    sys.path.insert(0, str(ROOT))
    import deck
    from deck.office import Office
    from deck.previews import Refresher, pictures

    src, out = tmp / "preview50.yaml", tmp / "preview50.pptx"

    def build(edit: int) -> None:
        src.write_text(mixed_outline(PREVIEW_SLIDES, edit), encoding="utf-8")
        out.unlink(missing_ok=True)
        deck.build(src, output=out)

    refreshed, full, converted = [], [], set()
    with Office() as office:
        refresher = Refresher(tmp / "preview-refresh", office)
        build(0)
        refresher.refresh(out)  # the first refresh draws every slide: not counted
        for i in range(1, runs + 1):
            build(i)
            time.sleep(1.5)
            start = time.perf_counter()
            refresher.refresh(out)
            refreshed.append(time.perf_counter() - start)
            converted.add(len(refresher.converted))
            time.sleep(1.5)
            start = time.perf_counter()
            pictures(out, tmp / "preview-full", office=office)
            full.append(time.perf_counter() - start)
    base = statistics.median(full)
    drawn = "/".join(str(n) for n in sorted(converted))
    return [Row(f"preview after a one-slide edit, {PREVIEW_SLIDES} slides ({drawn} drawn)",
                runs, statistics.median(refreshed) * 1000, statistics.median(refreshed) / base),
            Row(f"preview of all {PREVIEW_SLIDES} slides", runs, base * 1000, 1.0)]


CASES = [cold_article, scaling, image_charts, warm_rebuild, incremental]
# issue 17, parts 2–5, before the warm cases (they grow this process: see above)
CASES[CASES.index(warm_rebuild):CASES.index(warm_rebuild)] = [cold_minimal, tables, table_memory,
                                                              rich_charts, preview_after_edit]


def markdown_table(rows: list[Row]) -> str:
    def num(value: float | None, fmt: str) -> str:
        return "—" if value is None else format(value, fmt)

    lines = ["| case | runs | median ms | ratio | ms/slide | peak RSS MB |",
             "|---|---:|---:|---:|---:|---:|"]
    lines += [f"| {r.case} | {r.runs} | {r.median_ms:.0f} | {num(r.ratio, '.2f')} | "
              f"{num(r.per_slide_ms, '.2f')} | {num(r.peak_rss_mb, '.1f')} |" for r in rows]
    return "\n".join(lines)


def linearity(rows: list[Row]) -> list[str]:
    """ms/slide at 1,000 and 2,000 slides over ms/slide at 100, per kind (deck rows)."""
    per = {r.case: r.per_slide_ms for r in rows if r.case.endswith(": deck")}
    lines = []
    for kind in ("text", "chart", "table", "picture"):
        base = per.get(f"{kind} × 100: deck")
        if base:
            ratios = ", ".join(f"{n}: {per[f'{kind} × {n}: deck'] / base:.2f}×"
                               for n in (1000, 2000) if f"{kind} × {n}: deck" in per)
            lines.append(f"- {kind}: ms/slide vs 100 slides — {ratios}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="measured runs per case (default 7)")
    parser.add_argument("--only", choices=[c.__name__ for c in CASES], action="append",
                        help="run only this case (repeatable)")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="deck-bench-") as tmp:
        for case in CASES:
            if not args.only or case.__name__ in args.only:
                rows += case(args.runs, Path(tmp))
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, {args.runs} runs per case")
    print(markdown_table(rows))
    for line in linearity(rows) + image_chart_costs(rows):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
