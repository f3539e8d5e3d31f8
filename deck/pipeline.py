"""The pipeline, stage by stage: load → validate → plan → render → write.

`build()` and `check()` are the public API (re-exported by `deck`); the CLI is a thin shell
around them. Nothing is written unless every earlier stage succeeded.
"""

from __future__ import annotations

import gc
import os
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import msgspec
from msgspec import Struct

from . import themes
from .errors import Diagnostic, InputError, Span
from .files import LOOP, Files, fs_name, is_loop
from .inputs import files_named
from .source import Source, load_file
from .validate import validate

DEFAULT_OUTLINE = "outline.yaml"
# progress(stage, done, total): called as slides are rendered, and once per later stage.
Progress = Callable[[str, int, int], None]


class BuildReport(Struct):
    """What a build did. `diagnostics` are warnings (errors raise InputError instead)."""

    output: Path | None
    slides: int
    diagnostics: list[Diagnostic] = msgspec.field(default_factory=list)
    written: bool = False  # False when the file already held exactly this deck
    seconds: float = 0.0
    pdf: Path | None = None  # the PDF written beside the deck, when asked for
    kept: Path | None = None  # with force: where the file it replaced was kept (.edited.pptx)

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "warning"]


def _locate(source: Source):
    def locate(path: tuple, message: str, severity: str = "error") -> Diagnostic:
        return source.map.diagnostic(path, message, severity=severity)
    return locate


def _template(flag: str | None, deck, source: Source, files: Files):
    """The template's layouts: `--template` (relative to the working folder) wins over the
    outline's `template:` (relative to, and confined to, the outline's folder)."""
    from .plan import DEFAULT_TEMPLATE

    name = flag or deck.template
    if not name:
        return DEFAULT_TEMPLATE

    def refuse(message: str):
        where = (Diagnostic(Span("--template"), message) if flag
                 else source.map.diagnostic(("template",), message))
        return InputError([where])

    # The command line may name any file; an outline only files in its own folder.
    found = Files(Path.cwd(), (Path("/"),)).path(name) if flag else files.path(name)
    if isinstance(found, str):
        raise refuse(f"template `{name}` {found}")
    if found.suffix.lower() not in (".pptx", ".potx"):
        raise refuse(f"template `{name}` must be a .pptx or .potx file")
    from .render.template import TemplateError, inspect_template  # python-pptx: only now

    try:
        return inspect_template(found)
    except TemplateError as exc:
        raise refuse(f"template `{name}` {exc}") from None


def _plan(path: Path | str, theme: str | None, allow_outside=(), template: str | None = None,
          variables: dict | None = None):
    """Load, expand loops, validate, lay out and lint: (source, deck, plan). Raises
    InputError. `plan.diagnostics` holds every warning, layout and lint, sorted by position.
    `variables`: values for the outline's templates (a batch row), see deck/loops.py."""
    from . import a11y
    from .layout import plan_deck
    from .layout.memo import PlanMemo
    from .lint import lint
    from .loops import expand

    source = load_file(path, display_name=_display_name(path))
    files = Files(source.path.parent, tuple(Path(p) for p in allow_outside))
    source = expand(source, files, variables)  # unchanged without loops, `vars:` or variables
    deck = validate(source, files)
    chosen = themes.choose(theme, deck.theme, source.map, files)
    template_info = _template(template, deck, source, files)
    plan = plan_deck(deck, chosen, _locate(source), files, template_info,
                     memo=_kept(_PLAN_MEMOS, source.path, PlanMemo))
    for note in template_info.notes:  # what the sanitiser left behind that may be missed
        message = f"template: {note}"
        plan.diagnostics.append(
            Diagnostic(Span("--template"), message, severity="warning") if template
            else source.map.diagnostic(("template",), message, severity="warning"))
    a11y.prepare(plan)  # hidden titles, reading order: before anything reads the plan
    plan.diagnostics = sorted(plan.diagnostics + lint(deck, source.map)
                              + a11y.audit(deck, plan, source.map,
                                           _kept(_A11Y_MEMOS, source.path, a11y.AuditMemo)
                                           ).diagnostics,
                              key=lambda d: (d.span.line, d.span.col))
    return source, deck, plan


def _display_name(path: Path | str) -> str:
    """The outline's name as diagnostics show it: relative to the working folder when inside."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop
        return str(p)


def check(path: Path | str = DEFAULT_OUTLINE, *, theme: str | None = None,
          strict: bool = False, allow_outside=(), template: str | None = None,
          variables: dict | None = None) -> list[Diagnostic]:
    """Validate, lay out and lint without writing (python-pptx is not imported). Returns the
    warnings; raises InputError on errors, and on any warning when `strict`.
    `allow_outside`: folders outside the outline's own that referenced files may come from;
    `template`: a .pptx/.potx instead of the outline's `template:`; `variables`: values for
    the outline's templates (a batch row, as `build`)."""
    _source, _deck, plan = _plan(path, theme, allow_outside, template, variables)
    if strict and plan.diagnostics:
        raise InputError(plan.diagnostics)
    return plan.diagnostics


def a11y_report(path: Path | str = DEFAULT_OUTLINE, *, theme: str | None = None,
                allow_outside=(), template: str | None = None) -> str:
    """`deck check --a11y`: the accessibility rules' status, slide by slide (deck/a11y.py).
    Raises InputError on errors."""
    from . import a11y

    source, deck, plan = _plan(path, theme, allow_outside, template)
    return a11y.report(a11y.audit(deck, plan, source.map), plan)


def output_path(source: Source, output_field: str | None, override: Path | str | None) -> Path:
    """-o (relative to the working folder) wins; else `output:` or build/<name>.pptx, both
    relative to the outline's folder."""
    if override is not None:
        return Path(override)
    base = source.path.parent
    return base / (fs_name(output_field) if output_field else f"build/{source.path.stem}.pptx")


def _same_file(a: Path, b: Path) -> bool:
    """The same file: one path, or two names of it (a symlink, a hard link)."""
    try:
        if Path(a).resolve() == Path(b).resolve():
            return True
        return os.path.samefile(a, b)
    except (OSError, RuntimeError, ValueError):  # RuntimeError: a symlink loop
        return False


def check_output(source: Source, target: Path, *, where: str, inputs, pdf: bool = False,
                 force: bool = False) -> None:
    """Refuse, before any work, an output that would replace what it must not: a file the deck
    is built from, anything but a deck that deck wrote (a device, a pipe, notes, a font), and
    with `pdf` anything but a PDF at the PDF's place. The default `build/<name>.pptx` must stay
    in the outline's folder, as `output:` must (validate checks that one). `where` ("-o",
    "output:" or "default") says whose path it is, so the error points there: the `output:`
    line, else the path itself. Raises InputError, or writer.EditedDeck for a deck a person
    edited since deck wrote it (`force`: any file is replaced, kept by `build` first)."""
    from .writer import EditedDeck, EditedReason, pdf_refusal, refusal

    def refuse(message: str, path: Path = target):
        if where == "output:":
            return InputError([source.map.diagnostic(("output",), message)])
        return InputError([Diagnostic(Span(str(path)), message)])

    clobbered = next((p for p in sorted(inputs) if _same_file(target, p)), None)
    if clobbered is not None:
        what = ("the outline itself" if _same_file(clobbered, source.path)
                else f"`{clobbered.name}`, a file the deck is built from")
        raise refuse(f"the output would overwrite {what}")
    if where == "default":
        base = source.path.parent
        try:
            real_base, real = base.resolve(), target.parent.resolve()
        except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop
            reason = (f"`{target.parent.name}` {LOOP}" if is_loop(exc)
                      else getattr(exc, "strerror", None) or str(exc))
            raise refuse(f"cannot write output: {reason}") from None
        if real != real_base and real_base not in real.parents:
            raise refuse(f"cannot write output: the default output folder `{target.parent.name}` "
                         f"leads out of the outline's folder (to {real}); set `output:`, or "
                         "write elsewhere with -o")
    reason = refusal(target, force=force)
    if isinstance(reason, EditedReason):
        from .fingerprint import message

        raise EditedDeck(target, message(target, reason.changes,
                                         outline=_display_name(source.path)))
    if reason:
        raise refuse(f"cannot write output: {reason}")
    if pdf:
        pdf_path = target.parent / f"{target.stem}.pdf"
        reason = pdf_refusal(pdf_path)
        if reason:
            raise refuse(f"cannot write the PDF {pdf_path.name}: {reason}", pdf_path)


def document_time(date: str | None) -> datetime:
    """Created/modified time for the file: SOURCE_DATE_EPOCH, else the outline's ISO `date`
    (no earlier than 1980-01-01), else 1980-01-01 — never the clock, so rebuilding gives the
    same bytes. Raises InputError for a SOURCE_DATE_EPOCH that is not a time in 1980–9999."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            when = datetime.fromtimestamp(int(epoch), tz=UTC).replace(tzinfo=None)
        except (ValueError, OverflowError, OSError):
            when = None
        if when is None or not FIRST_DATE <= when < LAST_DATE:
            raise InputError([Diagnostic(Span("SOURCE_DATE_EPOCH"), "must be whole seconds "
                                         "since 1970 giving a time in 1980–9999, "
                                         f"not `{epoch[:40]}`")])
        return when
    if date:
        try:
            when = datetime.fromisoformat(date.strip()[:10])
        except ValueError:
            return FIRST_DATE
        # zip and document times cannot go before 1980 (and a year must have four digits)
        return max(when, FIRST_DATE)
    return FIRST_DATE


FIRST_DATE = datetime(1980, 1, 1)  # the earliest time a zip member can carry
LAST_DATE = datetime(9999, 12, 31)


# Rendering patches python-pptx for its duration (reproducible zip members, a faster workbook
# writer: render/oxml/package.py) and pauses the cyclic GC, all process-wide: one build at a
# time renders, so concurrent builds in threads neither see nor leave those patches.
_RENDERING = threading.Lock()


@contextmanager
def _no_cyclic_gc():
    """Pause the cyclic garbage collector while python-pptx builds the deck: each of its full
    passes walks every live object, so with thousands of slides it took a fifth of the time
    and grew faster than the deck. Cycles made meanwhile are collected afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# Issue 17: each outline's slides as its last build in this process wrote them (a watch
# session, the API), so the next build renders only the slides that changed. One deck's worth
# per outline (render/cache.py drops slides no longer in it), for the last few outlines.
# Their plans are kept the same way (layout/memo.py).
_SLIDE_CACHES: dict[Path, object] = {}
_PLAN_MEMOS: dict[Path, object] = {}
_A11Y_MEMOS: dict[Path, object] = {}  # and their accessibility audits (a11y.AuditMemo)
SLIDE_CACHE_OUTLINES = 4


def _kept(store: dict, path: Path, make):
    """The outline's entry in `store` (made when missing), kept among the most recent few."""
    key = Path(path).resolve()
    found = store.pop(key, None)
    store[key] = found = make() if found is None else found  # the most recent last
    while len(store) > SLIDE_CACHE_OUTLINES:
        del store[next(iter(store))]
    return found


def _slide_cache(path: Path):
    from .render.cache import SlideCache

    return _kept(_SLIDE_CACHES, path, SlideCache)


def clear_slide_caches() -> None:
    """Forget every slide kept for incremental builds: the next build plans and renders every
    slide."""
    _SLIDE_CACHES.clear()
    _PLAN_MEMOS.clear()
    _A11Y_MEMOS.clear()


def build(path: Path | str = DEFAULT_OUTLINE, *, output: Path | str | None = None,
          theme: str | None = None, strict: bool = False, pdf: bool = False,
          progress: Progress | None = None, allow_outside=(),
          template: str | None = None, variables: dict | None = None,
          force: bool = False) -> BuildReport:
    """Build the deck, and with `pdf` a PDF beside it (LibreOffice). Returns a BuildReport;
    raises InputError (bad outline, or any warning when `strict`), OutputError (cannot write)
    or office.OfficeError (no LibreOffice). An existing output is replaced only when the build
    succeeded. `allow_outside`: folders referenced files may come from besides the outline's;
    `variables`: values for the outline's `{{ name }}` templates (deck/loops.py). A deck a
    person edited since deck wrote it, or any other file, is not replaced (writer.EditedDeck,
    OutputError) unless `force`: then it is kept as NAME.edited.pptx (`report.kept`)."""
    from .render import render_deck
    from .render.image_cache import default_folder
    from .writer import keep_edited, package_bytes, refusal, remember, write_atomic

    start = time.perf_counter()
    if pdf:
        from .office import require

        require()  # before building: say what is missing without making the reader wait
    source, deck, plan = _plan(path, theme, allow_outside, template, variables)
    if strict and plan.diagnostics:
        raise InputError(plan.diagnostics)
    target = output_path(source, deck.output, output)
    check_output(source, target, where="-o" if output is not None else
                 "output:" if deck.output is not None else "default", pdf=pdf,
                 inputs=files_named(source.path, source.data, theme, template), force=force)
    cache = default_folder()  # PNGs of image charts: the user's cache, not the outline's folder
    with _RENDERING, _no_cyclic_gc():
        prs = render_deck(plan, document_time(deck.date), cache, progress=progress,
                          slide_cache=_slide_cache(source.path))
        if progress:
            progress("writing", 0, 1)
        data = package_bytes(prs)
    kept = keep_edited(target) if force else None
    written = write_atomic(data, target, refuse=lambda path: refusal(path, force=force))
    remember(target)  # ours as written: the next build's check of it is a stat
    report = BuildReport(target, len(plan.slides), plan.diagnostics, written,
                         time.perf_counter() - start, kept=kept)
    if pdf:
        from .office import to_pdf

        if progress:
            progress("converting to PDF (LibreOffice)", 0, 1)
        report.pdf = to_pdf(target, target.parent, language=deck.language)
        report.seconds = time.perf_counter() - start
    return report
