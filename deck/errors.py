"""Located diagnostics and the exceptions that carry them.

Every problem with user input becomes a `Diagnostic` with a `Span` (file, 1-based line and
column). Library code never prints: it raises `InputError` with all diagnostics found, or returns
warnings in a report; the CLI formats them compiler-style with the source line and a caret.
"""

from __future__ import annotations

import re
from pathlib import Path

from msgspec import Struct


class Span(Struct, frozen=True):
    """A place in a source file. `line` and `col` are 1-based; 0 means "whole file"."""

    file: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line <= 0:
            return self.file
        return f"{self.file}:{self.line}:{self.col}"


class Diagnostic(Struct, frozen=True):
    """One error or warning about the input, with where it is."""

    span: Span
    message: str
    severity: str = "error"  # "error" or "warning"
    source_line: str = ""  # the text of span.line, for the caret excerpt

    def __str__(self) -> str:
        return f"{self.span}: {self.severity}: {self.message}"


class DeckError(Exception):
    """Base class of every error `deck` raises on purpose."""


class InternalError(DeckError):
    """A bug in deck met during `deck watch`, reported like an error so watching goes on."""

    def __init__(self, exc: Exception):
        super().__init__(f"internal error: {type(exc).__name__}: {exc} (a bug in deck; "
                         "run `deck build` with DECK_DEBUG=1 for the traceback)")


class InputError(DeckError):
    """The outline (or a file it names) is invalid; `diagnostics` holds every problem found."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = sorted(diagnostics, key=lambda d: (d.span.file, d.span.line, d.span.col))
        super().__init__("\n".join(str(d) for d in self.diagnostics))


class OutputError(DeckError):
    """The deck could not be written (folder missing, read-only, disk full). Exit status 2."""

    def __init__(self, path: Path | str, reason: str):
        self.diagnostics = [Diagnostic(Span(str(path)), f"cannot write output: {reason}")]
        super().__init__(str(self.diagnostics[0]))


# compiled (and kept by `re`) when a diagnostic is first shown, not by every build (issue 17)
_UNPRINTABLE = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"


def _printable(text: str) -> str:
    """Control characters shown as U+FFFD: a diagnostic must not drive the user's terminal."""
    return re.sub(_UNPRINTABLE, "\ufffd", text)


def format_diagnostic(diag: Diagnostic) -> str:
    """`file:line:col: error: message`, then the source line and a caret when known."""
    if not diag.source_line:
        return _printable(str(diag))
    line = _printable(diag.source_line.replace("\t", " "))
    col = diag.span.col
    if len(line) > 160:  # keep the caret visible on very long lines
        start = max(0, col - 80)
        line, col = line[start:start + 160], col - start
    return f"{_printable(str(diag))}\n  {line}\n  {' ' * max(col - 1, 0)}^"
