"""Excel-style number formats rendered as text, for alt text and image charts.

Covers what outlines use: `General`, `0`, `0.0`, `#,##0`, `#,##0.00`, `0%`, `0.0%`, with an
optional literal prefix or suffix (`$#,##0`, `0.0" pts"`), and up to three sections
`positive;negative;zero` (`+0;"−"0;0`: in a negative section the value is shown without its
sign, as in Excel). Anything else falls back to `General`.
"""

from __future__ import annotations

import re

_FORMAT = re.compile(r'^(?P<pre>(?:"[^"]*"|[^#0,.%"])*)(?P<num>[#,]*0(?:\.0+)?)(?P<pct>%?)'
                     r'(?P<post>(?:"[^"]*"|[^#0,.%"])*)$')


def format_number(value: float, fmt: str = "General") -> str:
    """`1503.0, "#,##0"` → `1,503`; `0.125, "0.0%"` → `12.5%`; `-8, '+0;"−"0;0'` → `−8`;
    `General` as Excel shows it."""
    sections = _split(fmt or "")
    if len(sections) > 1 and value < 0 and sections[1]:
        return _format(-value, sections[1])
    if len(sections) > 2 and value == 0 and sections[2]:
        return _format(0.0, sections[2])
    return _format(value, sections[0] if sections else "")


def _split(fmt: str) -> list[str]:
    """`a;"x;y"b;c` → [`a`, `"x;y"b`, `c`]: semicolons inside quotes do not split."""
    parts, current, quoted = [], [], False
    for ch in fmt:
        if ch == '"':
            quoted = not quoted
        if ch == ";" and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def _format(value: float, fmt: str) -> str:
    m = _FORMAT.match(fmt)
    if fmt in ("", "General") or not m:
        if value == int(value) and abs(value) < 1e15:
            return str(int(value))
        return f"{value:.10g}"
    num = m.group("num")
    decimals = len(num.split(".")[1]) if "." in num else 0
    if m.group("pct"):
        value *= 100
    sep = "," if "," in num else ""
    text = f"{value:{sep}.{decimals}f}"
    if text.startswith("-") and not text.strip("-0.,"):
        text = text[1:]  # -0.001 at 0 decimals reads "0", not "-0"
    return _literal(m.group("pre")) + text + m.group("pct") + _literal(m.group("post"))


def _literal(part: str) -> str:
    return part.replace('"', "").replace("\\", "")
