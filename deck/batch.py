"""One deck per row of a data file: `deck.build_each`, and `deck build --each` behind it.

Every row's values fill the outline's `{{ … }}` templates (deck/loops.py) and its output name
(`--name "{{ region }}.pptx"`). All names are checked first — no path separators or `..`,
a .pptx ending, no two rows writing the same file (compared as a case-insensitive file system
would) — so a bad name writes nothing at all. Then rows are built by warm workers: processes
that import python-pptx once and build row after row (`jobs`, default the machine's cores), or
a Dask cluster (`executor="dask"`, `scheduler="tcp://host:8786"`). A failing row does not stop
the others; each row gets a `RowReport`.
"""

from __future__ import annotations

import os
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

import msgspec
from msgspec import Struct

from .errors import DeckError, Diagnostic, InputError, Span
from .files import Files
from .source import SourceMap, bad_character

MAX_NAME_BYTES = 255  # one path component, on every common file system
RowProgress = Callable[[int, int, int], None]  # progress(done, total, failed)


class RowReport(Struct):
    """What building one row did. `diagnostics` are its warnings, or its errors when not `ok`."""

    row: int  # 1-based, among the data's records
    name: str
    output: Path | None = None
    ok: bool = False
    slides: int = 0
    seconds: float = 0.0
    diagnostics: list[Diagnostic] = msgspec.field(default_factory=list)
    error: str = ""  # a failure that is not about the input (internal error), as text
    peak_memory: int = 0  # bytes: the building process's peak resident memory after this row
    worker: int = 0  # the building process's id


class _Task(Struct, frozen=True):
    row: int
    name: str
    output: str
    outline: str
    variables: dict
    options: dict
    cells: dict  # column → (Span, source line): where each value is in the data file


class _RowPlace:
    """Where one row's cells are, for `rows.Cell` in a worker (the file itself stays home)."""

    def __init__(self, cells: dict):
        self.cells = cells

    def diagnostic(self, row: int, column: str | None, message: str) -> Diagnostic:
        span, line = self.cells.get(column) or self.cells[None]
        return Diagnostic(span, message, "error", line)


def _located(task: _Task) -> dict:
    """The task's variables, text values as `rows.Cell`s that know their place in the file."""
    from .rows import Cell

    place, variables = _RowPlace(task.cells), dict(task.variables)
    for column, value in variables.items():
        if isinstance(value, str) and column in task.cells:
            variables[column] = cell = Cell(value)
            cell._at = (place, 0, column)
    return variables


def read_rows(data: Path | str, *, sheet: str | None = None, json_path: str | None = None):
    """The records of a `--each` data file (relative to the working folder), as plain dicts."""
    from . import rows

    smap = SourceMap("--each", [])
    found = rows.read(str(data), smap, Files(Path.cwd(), (Path("/"),)), (), sheet=sheet,
                      json_path=json_path)
    return found


def _plain(value):
    """A record's value without its location (pickled to workers: no reference to the file)."""
    if isinstance(value, str):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _name_problem(name: str) -> str | None:
    """Why `name` may not be an output file name inside the output folder, or None."""
    if not name or not name.strip():
        return "the name is empty"
    if "/" in name or "\\" in name:
        return f"`{name}` contains a path separator; a name is one file in the output folder"
    if name.strip(". ") == "" or name.startswith(".."):
        return f"`{name}` is not a file name"
    if bad_character(name) or "\n" in name or "\t" in name:
        return f"`{name!r}` contains a control character"
    if not name.lower().endswith(".pptx"):
        return f"`{name}` must end in .pptx"
    if len(name.encode("utf-8", "surrogatepass")) > MAX_NAME_BYTES:
        return f"the name is longer than {MAX_NAME_BYTES} bytes"
    return None


def plan_names(found, name: str, out_dir: Path) -> list[tuple]:
    """(row, name, path, variables, cells) for every record, or InputError listing every bad or
    colliding name at its row in the data file. Nothing is written."""
    from . import templating
    from .loops import LoopError

    try:
        template = templating.compiled(name)
    except Exception as exc:
        raise InputError([Diagnostic(Span("--name"), f"template syntax: {exc}")]) from None
    planned, problems, seen = [], [], {}
    for i, record in enumerate(found.records):
        values = {k: _plain(v) for k, v in record.items()}
        variables = {**values, "index": i + 1, "row": values}
        try:
            rendered = template.render(variables).strip()
        except Exception as exc:
            problems.append(found.diagnostic(i, None, f"--name: {type(exc).__name__}: {exc}"))
            continue
        problem = _name_problem(rendered)
        if problem:
            problems.append(found.diagnostic(i, None, f"--name: {problem}"))
            continue
        key = unicodedata.normalize("NFC", rendered).casefold()
        if key in seen:
            problems.append(found.diagnostic(i, None, f"--name: `{rendered}` is also the name "
                                             f"of row {seen[key]}; each row needs its own file "
                                             "(put a unique column in --name)"))
            continue
        seen[key] = i + 1
        cells = {column: _place(found.diagnostic(i, column, ""))
                 for column in (None, *record)}
        planned.append((i + 1, rendered, out_dir / rendered, variables, cells))
    if problems:
        raise LoopError(problems)
    return planned


def _place(diagnostic: Diagnostic) -> tuple[Span, str]:
    return diagnostic.span, diagnostic.source_line


def build_row(task: _Task) -> RowReport:
    """Build one row's deck (in a worker). Never raises: a failure is in the report."""
    return _row(task, check=False)


def check_row(task: _Task) -> RowReport:
    """Check one row's deck as `build_row` would build it, writing nothing (`deck check`)."""
    return _row(task, check=True)


def _row(task: _Task, check: bool) -> RowReport:
    from . import pipeline

    report = RowReport(task.row, task.name, Path(task.output), worker=os.getpid())
    start = time.perf_counter()
    try:
        if check:
            options = {k: v for k, v in task.options.items() if k != "force"}
            report.diagnostics = pipeline.check(task.outline, variables=_located(task),
                                                **options)
            report.ok = True
        else:
            built = pipeline.build(task.outline, output=task.output, variables=_located(task),
                                   **task.options)
            report.ok, report.slides = True, built.slides
            report.diagnostics = built.diagnostics
    except DeckError as exc:
        report.diagnostics = list(getattr(exc, "diagnostics", None) or [])
        report.error = "" if report.diagnostics else str(exc)
    except Exception as exc:  # a bug in deck: this row fails, the others go on
        report.error = f"internal error: {type(exc).__name__}: {exc}"
    _settle()
    report.seconds = time.perf_counter() - start
    report.peak_memory = _peak_memory()
    return report


_FREEZE = False  # a process that builds row after row: a pool worker, or a batch in-process
_FROZEN = False


def _settle() -> None:
    """Free this row's deck now, so memory stays flat over thousands of rows. A build pauses
    the cyclic GC (pipeline._no_cyclic_gc) and its object cycles outlive the young
    generations, so without this they piled up until a rare full collection: peak RSS grew
    from 90 to 112 MB over 150 article decks (54 MB flat with it). In a batch process,
    everything alive after the first row (modules, fonts, caches) is frozen, so each later
    collection walks only the new objects: cheaper than not collecting at all."""
    global _FROZEN
    import gc

    gc.collect()
    if _FREEZE and not _FROZEN:
        gc.freeze()
        _FROZEN = True


def _peak_memory() -> int:
    try:
        import resource
    except ImportError:  # Windows
        return 0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def warm() -> None:
    """Import what building needs, once per worker process (python-pptx, lxml, the renderers).
    A failure here is left for the first row to meet and report: a worker whose initializer
    raises would break the whole pool, and every row with it."""
    global _FREEZE
    _FREEZE = True
    try:
        from . import pipeline  # noqa: F401
        from .layout import plan_deck  # noqa: F401
        from .render import render_deck  # noqa: F401
    except Exception:
        pass


def build_each(outline: Path | str, data: Path | str, *, name: str = "{{ index }}.pptx",
               out_dir: Path | str | None = None, jobs: int | None = None,
               executor: str = "local", scheduler=None, sheet: str | None = None,
               json_path: str | None = None, theme: str | None = None,
               template: str | None = None, strict: bool = False, allow_outside=(),
               force: bool = False, progress: RowProgress | None = None) -> list[RowReport]:
    """One deck per record of `data` (CSV, JSON or XLSX), named by the `name` template, in
    `out_dir` (default: build/ beside the outline). `jobs` warm worker processes (default: the
    cores), or `executor="dask"` on the cluster at `scheduler` (an address or a Client).
    Returns a RowReport per row in data order; raises InputError before writing anything
    when the data or a name is bad. A row's deck a person edited is that row's failure unless
    `force` (then it is kept as NAME.edited.pptx, as `build` keeps it)."""
    options = {"theme": theme, "template": template, "strict": strict, "force": force,
               "allow_outside": tuple(str(p) for p in allow_outside)}
    tasks, target_dir = _tasks(outline, data, name, out_dir, sheet, json_path, options)
    target_dir.mkdir(parents=True, exist_ok=True)
    if executor == "dask":
        from .batch_dask import run_dask

        reports = run_dask(tasks, scheduler, progress)
    elif executor == "local":
        reports = _run_local(tasks, jobs or os.cpu_count() or 1, progress)
    else:
        raise InputError([Diagnostic(Span("--executor"), f"`{executor}`: use local or dask")])
    return sorted(reports, key=lambda r: r.row)


def check_each(outline: Path | str, data: Path | str, *, name: str = "{{ index }}.pptx",
               out_dir: Path | str | None = None, sheet: str | None = None,
               json_path: str | None = None, theme: str | None = None,
               template: str | None = None, strict: bool = False, allow_outside=(),
               progress: RowProgress | None = None) -> list[RowReport]:
    """`deck check` of every record's deck, as `build_each` would build it (data, names,
    every row's outline validated, laid out, linted and audited), in this process, writing
    nothing. Returns a RowReport per row; raises InputError when the data or a name is bad."""
    options = {"theme": theme, "template": template, "strict": strict,
               "allow_outside": tuple(str(p) for p in allow_outside)}
    tasks, _ = _tasks(outline, data, name, out_dir, sheet, json_path, options)
    reports: list[RowReport] = []
    for task in tasks:
        reports.append(check_row(task))
        if progress:
            progress(len(reports), len(tasks), sum(not r.ok for r in reports))
    return reports


def _tasks(outline, data, name: str, out_dir, sheet, json_path, options: dict):
    """Every row's task, its name made and checked, and the output folder (not created)."""
    outline = Path(outline).resolve()
    if not outline.is_file():
        raise InputError([Diagnostic(Span(str(outline)), "cannot read: No such file")])
    found = read_rows(data, sheet=sheet, json_path=json_path)
    target_dir = Path(out_dir) if out_dir is not None else outline.parent / "build"
    planned = plan_names(found, name, target_dir.resolve() if target_dir.exists()
                         else target_dir.absolute())
    return ([_Task(row, shown, str(path), str(outline), variables, options, cells)
             for row, shown, path, variables, cells in planned], target_dir)


def _run_local(tasks: list[_Task], jobs: int, progress: RowProgress | None
               ) -> list[RowReport]:
    global _FREEZE, _FROZEN
    reports: list[RowReport] = []

    def done(report: RowReport) -> None:
        reports.append(report)
        if progress:
            progress(len(reports), len(tasks), sum(not r.ok for r in reports))

    if jobs <= 1 or len(tasks) <= 1:
        _FREEZE = True  # this process is the one warm worker, for the length of the batch
        try:
            for task in tasks:
                done(build_row(task))
        finally:
            import gc

            if _FROZEN:
                gc.unfreeze()  # the caller's objects back under the collector's care
            _FREEZE = _FROZEN = False
        return reports
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    # spawn: a fresh interpreter per worker (no fork of a parent holding threads or locks);
    # `warm` pays the imports once, then each worker builds row after row.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=min(jobs, len(tasks)), mp_context=context,
                             initializer=warm) as pool:
        futures = {pool.submit(build_row, task): task for task in tasks}
        for future in as_completed(futures):
            done(result(future, futures[future]))
    return reports


def result(future, task: _Task) -> RowReport:
    """A finished task's report; a worker that died (killed, out of memory) fails its row."""
    try:
        return future.result()
    except Exception as exc:
        return RowReport(task.row, task.name, Path(task.output),
                         error=f"the worker failed: {type(exc).__name__}: {exc}")
