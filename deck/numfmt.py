"""Excel-style number formats rendered as text, for alt text and image charts.

Covers what outlines use: `General`, `0`, `0.0`, `#,##0`, `#,##0.00`, `0%`, `0.0%`, with an
optional literal prefix or suffix (`$#,##0`, `0.0" pts"`). Anything else falls back to `General`.
"""

from __future__ import annotations

import re

_FORMAT = re.compile(r'^(?P<pre>(?:"[^"]*"|[^#0,.%"])*)(?P<num>[#,]*0(?:\.0+)?)(?P<pct>%?)'
                     r'(?P<post>(?:"[^"]*"|[^#0,.%"])*)$')


def format_number(value: float, fmt: str = "General") -> str:
    """`1503.0, "#,##0"` → `1,503`; `0.125, "0.0%"` → `12.5%`; `General` as Excel shows it."""
    m = _FORMAT.match(fmt or "")
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
    return _literal(m.group("pre")) + text + m.group("pct") + _literal(m.group("post"))


def _literal(part: str) -> str:
    return part.replace('"', "").replace("\\", "")
