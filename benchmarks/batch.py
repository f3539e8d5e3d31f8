"""Batch benchmark (issue 14): one article-size deck per row, against `deck build` once per deck.

Run from the repository root (Unix only: os.wait4 and resource):

    python benchmarks/batch.py                    # 1,000 decks at -j 2, 200 at -j 1 and -j 2
    python benchmarks/batch.py --rows 1000 --compare-rows 200 --cli-runs 10

The deck is the article (outline.yaml, 15 slides, two charts from a CSV, a table, pictures)
with its title filled from the row (`title: "{{ title }}"`), so every deck differs. Cases:

* `deck build` per deck: a fresh `python -m deck build outline.yaml` per deck, the way a shell
  loop over rows would run it. CPU is the child's user+sys (os.wait4).
* `build_each` with -j N: wall time, and CPU of this process and its worker processes
  (RUSAGE_SELF + RUSAGE_CHILDREN, workers reaped when the pool closes).

Throughput per core is decks per CPU-second (the load of other processes on a shared machine
does not move it) and decks per wall-second divided by the workers (it does). The load average
is printed next to the numbers. Memory: each worker's peak RSS after its 100th deck and after
its last (ru_maxrss only grows, so flat means no growth between them).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import deck  # noqa: E402

KIB = 1024 if sys.platform != "darwin" else 1


def prepare(tmp: Path, rows: int) -> tuple[Path, Path]:
    """The article outline with a templated title, beside a link to the assets; a CSV of rows."""
    text = (ROOT / "outline.yaml").read_text(encoding="utf-8")
    text = text.replace("title: Qwen Surpasses 1 Billion Downloads\n",
                        'title: "{{ title }}"\n', 1).replace("output: build/", "# output: ")
    (tmp / "outline.yaml").write_text(text, encoding="utf-8")
    (tmp / "assets").symlink_to(ROOT / "assets")
    data = tmp / "rows.csv"
    data.write_text("title\n" + "".join(f"Qwen report {i}\n" for i in range(1, rows + 1)))
    return tmp / "outline.yaml", data


def cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(
        resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def cli_per_deck(tmp: Path, runs: int) -> dict:
    """`python -m deck build` once per deck: median wall and CPU per deck, peak RSS."""
    walls, cpus, peak = [], [], 0
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for k in range(runs + 1):  # the first run fills the bytecode and page caches: not counted
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-m", "deck", "build", str(ROOT / "outline.yaml"),
                                  "-o", str(tmp / f"cli-{k}.pptx"), "-q"], env=env,
                                 stdout=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0
        if k:
            walls.append(time.perf_counter() - start)
            cpus.append(usage.ru_utime + usage.ru_stime)
            peak = max(peak, usage.ru_maxrss * KIB)
    return {"wall": statistics.median(walls), "cpu": statistics.median(cpus), "peak": peak}


def batch(outline: Path, data: Path, out: Path, jobs: int) -> dict:
    """build_each over every row with `jobs` workers: wall, CPU, memory per worker."""
    if out.exists():
        shutil.rmtree(out)
    cpu0, start = cpu(), time.perf_counter()
    reports = deck.build_each(outline, data, name="{{ index }}.pptx", out_dir=out, jobs=jobs,
                              allow_outside=[ROOT])
    wall, used = time.perf_counter() - start, cpu() - cpu0
    failed = [r for r in reports if not r.ok]
    assert not failed, failed[0]
    by_worker = defaultdict(list)
    for report in sorted(reports, key=lambda r: r.row):
        by_worker[report.worker].append(report)
    memory = {}
    for worker, done in by_worker.items():
        done.sort(key=lambda r: r.peak_memory)  # ru_maxrss only grows: its order is build order
        at_100 = done[min(99, len(done) - 1)].peak_memory
        memory[worker] = (len(done), at_100, done[-1].peak_memory)
    return {"decks": len(reports), "wall": wall, "cpu": used, "memory": memory}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1000, help="decks in the big batch (-j 2)")
    parser.add_argument("--compare-rows", type=int, default=200,
                        help="decks for the -j 1 against -j 2 comparison")
    parser.add_argument("--cli-runs", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        cli = cli_per_deck(tmp, args.cli_runs)
        print(f"deck build per deck: {cli['wall'] * 1000:.0f} ms wall, {cli['cpu'] * 1000:.0f} "
              f"ms CPU, peak {cli['peak'] / 2**20:.0f} MB ({args.cli_runs} runs, median)")
        results = {}
        for jobs, rows in ((1, args.compare_rows), (2, args.compare_rows), (2, args.rows)):
            outline, data = prepare(Path(tempfile.mkdtemp(dir=tmp)), rows)
            load = os.getloadavg()[0]
            found = batch(outline, data, tmp / f"out-{jobs}-{rows}", jobs)
            results[(jobs, rows)] = found
            per_cpu = found["decks"] / found["cpu"]
            per_wall = found["decks"] / found["wall"]
            print(f"build_each -j {jobs}, {rows} decks: {found['wall']:.1f} s wall, "
                  f"{found['cpu']:.1f} s CPU; {per_cpu:.2f} decks per CPU-second "
                  f"({per_cpu * cli['cpu']:.1f}× deck build per deck); {per_wall:.2f} decks/s "
                  f"wall, {per_wall / jobs:.2f} per worker ({per_wall / jobs * cli['wall']:.1f}× "
                  f"deck build per deck, wall); load {load:.1f}")
            for worker, (count, at_100, last) in found["memory"].items():
                print(f"    worker {worker}: {count} decks, peak RSS {at_100 / 2**20:.1f} MB "
                      f"after deck {min(100, count)}, {last / 2**20:.1f} MB after deck {count}")
        one, two = results[(1, args.compare_rows)], results[(2, args.compare_rows)]
        print(f"-j 2 / -j 1 throughput (wall): {one['wall'] / two['wall']:.2f}×; load average "
              f"now {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
