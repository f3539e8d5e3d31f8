"""The pipeline, stage by stage: load → validate → plan → render → write.

`build()` and `check()` are the public API (re-exported by `deck`); the CLI is a thin shell
around them. Nothing is written unless every earlier stage succeeded.
"""

from __future__ import annotations

import gc
import os
import time
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import msgspec
from msgspec import Struct

from . import themes
from .errors import Diagnostic, InputError
from .files import Files
from .source import Source, load_file
from .validate import validate

DEFAULT_OUTLINE = "outline.yaml"


class BuildReport(Struct):
    """What a build did. `diagnostics` are warnings (errors raise InputError instead)."""

    output: Path | None
    slides: int
    diagnostics: list[Diagnostic] = msgspec.field(default_factory=list)
    written: bool = False  # False when the file already held exactly this deck
    seconds: float = 0.0

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "warning"]


def _locate(source: Source):
    def locate(path: tuple, message: str, severity: str = "error") -> Diagnostic:
        return source.map.diagnostic(path, message, severity=severity)
    return locate


def _plan(path: Path | str, theme: str | None, allow_outside=()):
    """Load, validate and lay out: (source, deck, plan). Raises InputError."""
    from .layout import plan_deck

    source = load_file(path, display_name=_display_name(path))
    files = Files(source.path.parent, tuple(Path(p) for p in allow_outside))
    deck = validate(source, files)
    chosen = themes.choose(theme, deck.theme, source.map, files)
    plan = plan_deck(deck, chosen, _locate(source), files)
    return source, deck, plan


def _display_name(path: Path | str) -> str:
    """The outline's name as diagnostics show it: relative to the working folder when inside."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(p)


def check(path: Path | str = DEFAULT_OUTLINE, *, theme: str | None = None,
          allow_outside=()) -> list[Diagnostic]:
    """Validate and lay out without writing. Returns the warnings; raises InputError on errors.
    `allow_outside`: folders outside the outline's own that referenced files may come from."""
    _source, _deck, plan = _plan(path, theme, allow_outside)
    return plan.diagnostics


def output_path(source: Source, output_field: str | None, override: Path | str | None) -> Path:
    """-o (relative to the working folder) wins; else `output:` or build/<name>.pptx, both
    relative to the outline's folder."""
    if override is not None:
        return Path(override)
    base = source.path.parent
    return base / (output_field or f"build/{source.path.stem}.pptx")


def document_time(date: str | None) -> datetime:
    """Created/modified time for the file: SOURCE_DATE_EPOCH, else the outline's ISO `date`,
    else 1980-01-01 — never the clock, so rebuilding gives the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).replace(tzinfo=None)
    if date:
        try:
            return datetime.fromisoformat(date.strip()[:10])
        except ValueError:
            pass
    return datetime(1980, 1, 1)


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


def build(path: Path | str = DEFAULT_OUTLINE, *, output: Path | str | None = None,
          theme: str | None = None, strict: bool = False, allow_outside=()) -> BuildReport:
    """Build the deck. Returns a BuildReport; raises InputError (bad outline, or any warning
    when `strict`) or OutputError (cannot write). An existing output is replaced only when the
    build succeeded."""
    from .render import render_deck
    from .writer import package_bytes, write_atomic

    start = time.perf_counter()
    source, deck, plan = _plan(path, theme, allow_outside)
    if strict and plan.diagnostics:
        raise InputError(plan.diagnostics)
    target = output_path(source, deck.output, output)
    if target.resolve() == source.path.resolve():
        raise InputError([source.map.diagnostic(("output",), "the output would overwrite the "
                                                "outline itself")])
    cache = source.path.parent / "build" / ".cache" / "charts"  # PNGs of image charts
    with _no_cyclic_gc():
        data = package_bytes(render_deck(plan, document_time(deck.date), cache))
    written = write_atomic(data, target)
    return BuildReport(target, len(plan.slides), plan.diagnostics, written,
                       time.perf_counter() - start)
