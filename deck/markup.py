"""Inline markup → styled runs: `**bold**`, `*italic*`, `` `code` ``, `[text](url)`, `\\*` escapes.

Hand-written rather than markdown-it-py: it is four constructs, and markdown-it-py's import
(~20 ms) would be a third of the cold-build budget left after python-pptx. Unmatched markers stay
literal text ("5 * 3" is not italic). Pure functions, no I/O.
"""

from __future__ import annotations

import re
from functools import lru_cache

from msgspec import Struct

ESCAPABLE = frozenset("\\`*_[]()#")
_LINK = re.compile(r"\[((?:[^\[\]\\]|\\.)*)\]\(\s*([^\s()]*(?:\([^\s()]*\)[^\s()]*)*)\s*\)")


class Run(Struct, frozen=True):
    """A stretch of text with one style. `link` is the URL the run points to, or None."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    link: str | None = None


def plain_text(text: str, *, show_links: bool = False) -> str:
    """The text without markup, as it will read on the slide. `show_links` keeps each link's
    target after its text — `site (https://…)` — for places that cannot hold a hyperlink."""
    if not show_links:
        return "".join(run.text for run in parse(text))
    out, last_link = [], None
    for run in parse(text):
        if last_link and run.link != last_link:
            out.append(f" ({last_link})")
        out.append(run.text)
        last_link = run.link
    if last_link:
        out.append(f" ({last_link})")
    return "".join(out)


def split_lines(runs: tuple[Run, ...]) -> list[tuple[Run, ...]]:
    """Runs split at newlines: one tuple of runs per line of a paragraph (forced line breaks)."""
    lines: list[list[Run]] = [[]]
    for run in runs:
        parts = run.text.split("\n")
        for k, part in enumerate(parts):
            if k:
                lines.append([])
            if part:
                lines[-1].append(Run(part, run.bold, run.italic, run.code, run.link))
    return [tuple(line) for line in lines]


@lru_cache(maxsize=4096)
def parse(text: str) -> tuple[Run, ...]:
    """Parse inline markup into runs; adjacent runs with the same style are merged. Linear in
    the length of the text, however its markers are arranged."""
    runs: list[Run] = []
    _parse_into(text, runs, bold=False, italic=False, link=None)
    groups: list[list[Run]] = []
    for run in runs:
        if not run.text:
            continue
        if groups and _same_style(groups[-1][0], run):
            groups[-1].append(run)
        else:
            groups.append([run])
    return tuple(g[0] if len(g) == 1 else Run("".join(r.text for r in g), g[0].bold,
                                              g[0].italic, g[0].code, g[0].link) for g in groups)


def links(text: str) -> list[str]:
    """Every link target in the text, in order."""
    return [run.link for run in parse(text) if run.link is not None]


def _same_style(a: Run, b: Run) -> bool:
    return (a.bold, a.italic, a.code, a.link) == (b.bold, b.italic, b.code, b.link)


def _last_closer(text: str, marker: str) -> int:
    """Where `marker` last appears in a closing position (right after a character that is
    neither a space nor a backslash), or -1. A marker opened at `i` pairs up only if this is
    beyond `i`: one backward scan per text, instead of a scan ahead for every `*`."""
    i = text.rfind(marker)
    while i > 0:
        before = text[i - 1]
        if not before.isspace() and before != "\\":
            return i
        i = text.rfind(marker, 0, i + len(marker) - 1)  # the previous one, overlaps included
    return -1


def _parse_into(text: str, runs: list[Run], *, bold: bool, italic: bool, link: str | None) -> None:
    buf: list[str] = []
    i, n = 0, len(text)
    closers = {"*": _last_closer(text, "*"), "**": _last_closer(text, "**")}

    def flush() -> None:
        if buf:
            runs.append(Run("".join(buf), bold, italic, False, link))
            buf.clear()

    while i < n:
        c = text[i]
        if c == "\\" and i + 1 < n and text[i + 1] in ESCAPABLE:
            buf.append(text[i + 1])
            i += 2
            continue
        if c == "`":
            j = text.find("`", i + 1)
            if j > i + 1:
                flush()
                runs.append(Run(text[i + 1:j], bold, italic, True, link))
                i = j + 1
                continue
        if c == "*":
            width = 2 if text.startswith("**", i) else 1
            marker = text[i:i + width]
            is_open = bold if width == 2 else italic
            nxt = text[i + width:i + width + 1]
            if is_open or (nxt and not nxt.isspace() and closers[marker] > i + width):
                flush()
                if width == 2:
                    bold = not bold
                else:
                    italic = not italic
                i += width
                continue
        if c == "[" and link is None:
            m = _LINK.match(text, i)
            if m:
                flush()
                _parse_into(m.group(1), runs, bold=bold, italic=italic, link=m.group(2))
                i = m.end()
                continue
        buf.append(c)
        i += 1
    flush()
