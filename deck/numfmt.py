"""Excel number formats rendered as text, as Excel shows them, for alt text and image charts.

The supported subset (`check` refuses anything else, so a native chart and its picture or alt
text never disagree):

* `General` (or an empty format);
* digit placeholders `0` (a digit, always shown) and `#` (a digit, only if significant), with
  `,` between them for thousands separators and `.` for decimals (`0.0#`: one or two);
* trailing commas after the digits, each dividing by 1,000 (1503000 in `#,##0,"K"` is
  `1,503K`), and `%` (× 100);
* literal text: `"quoted"`, `\\x` (one character), `_x` (a space as wide as x, written as a
  space), and unquoted `$ - + / ( ) : ! ^ & ' ~ { } < > =`, spaces and non-letter symbols such
  as `€` or `−`; `[$€-407]` (a currency with a locale) is its symbol;
* colours `[Red]`, `[Blue]`, …, `[Color12]`: accepted, and ignored in text;
* up to three sections `positive;negative;zero`. A negative section shows the value without
  its sign (`#,##0;(#,##0)`); with one section a negative value gets `-` in front of everything
  (`$#,##0.00` → `-$1,503.25`). An empty section shows nothing.

Values are rounded half away from zero, after taking the 15 significant digits Excel keeps
(`1503.25` at one decimal is `1,503.3`, `1.005` at two `1.01`). A negative value that rounds
to zero shows no sign (`0` for -0.001, where Excel writes `-0`).
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Context, Decimal
from functools import lru_cache

SUPPORTED = ("General, 0 and # digits with `,` thousands and `.` decimals, trailing `,` (÷ 1,000), "
             "`%`, literal text in quotes, `\\x` or `_x`, colours like [Red], and up to three "
             "sections positive;negative;zero")
_BARE = frozenset("$-+/():!^&'~{}<>= ")
_COLOURS = frozenset({"black", "blue", "cyan", "green", "magenta", "red", "white", "yellow"})
_NUMBER = re.compile(r"(?P<int>(?:[#0,]*[#0])?)(?P<s1>,*)(?:(?P<dot>\.)(?P<dec>[0#]*))?(?P<s2>,*)")
_DIGITS = re.compile(r"[0#.,]+")
_GROUPS = re.compile(r"(?<=\d)(?=(?:\d{3})+$)")
_CONTEXT = Context(prec=80)  # 1e15 × 100 with 30 decimals, exactly
MAX_DECIMALS = 30  # as in Excel


class FormatError(ValueError):
    """A number format outside the supported subset; the message says why."""


class _Number:
    """The digits of a section: `#,##0.0#`, with its scaling."""

    __slots__ = ("min_int", "group", "dot", "min_dec", "max_dec", "scale", "general")

    def __init__(self, token: str = "", general: bool = False):
        self.general = general
        if general:
            return
        m = _NUMBER.fullmatch(token)
        if not m or not (m["int"] or m["dec"]):
            raise FormatError(f"`{token}` is not a number pattern like `#,##0.00`")
        dec = m["dec"] or ""
        if not re.fullmatch(r"0*#*", dec):
            raise FormatError(f"decimals `{dec}` must be zeros, then #s (like `0.0#`)")
        if len(dec) > MAX_DECIMALS:
            raise FormatError(f"at most {MAX_DECIMALS} decimals")
        self.min_int = m["int"].count("0")
        self.group = "," in m["int"]
        self.dot = bool(m["dot"])
        self.min_dec, self.max_dec = dec.count("0"), len(dec)
        self.scale = len(m["s1"]) + len(m["s2"])

    def text(self, value: Decimal, percent: int) -> tuple[str, bool]:
        """`value` (not negative) in this pattern, and whether it shows as more than zero."""
        if self.general:
            return _general(float(value.scaleb(2 * percent, _CONTEXT))), value != 0
        value = value.scaleb(2 * percent - 3 * self.scale, _CONTEXT)
        rounded = value.quantize(Decimal(1).scaleb(-self.max_dec), ROUND_HALF_UP, _CONTEXT)
        whole, _, frac = f"{rounded:f}".partition(".")
        whole = ("" if whole == "0" else whole).zfill(self.min_int)
        if self.group:
            whole = _GROUPS.sub(",", whole)
        frac = frac.rstrip("0").ljust(self.min_dec, "0")
        return whole + ("." + frac if self.dot else ""), rounded != 0


def _general(value: float) -> str:
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.10g}"


@lru_cache(maxsize=256)
def _parse(fmt: str) -> tuple[tuple[list, int], ...]:
    """The sections of a format, each as ([literal text or _Number, …], number of % signs)."""
    sections = []
    for section in _split(fmt):
        parts: list = []
        percent, i, n = 0, 0, len(section)
        while i < n:
            c = section[i]
            if c == '"':
                end = section.find('"', i + 1)
                if end < 0:
                    raise FormatError("a quote `\"` is not closed")
                parts.append(section[i + 1:end])
                i = end + 1
            elif c in "\\_":
                if i + 1 >= n:
                    raise FormatError(f"`{c}` at the end needs a character after it")
                parts.append(section[i + 1] if c == "\\" else " ")
                i += 2
            elif c == "[":
                end = section.find("]", i + 1)
                if end < 0:
                    raise FormatError("a bracket `[` is not closed")
                parts.append(_bracket(section[i + 1:end]))
                i = end + 1
            elif c == "%":
                percent += 1
                parts.append("%")
                i += 1
            elif c in "0#.":
                m = _DIGITS.match(section, i)
                if any(isinstance(p, _Number) for p in parts):
                    raise FormatError("a section has one number; quote the other digits")
                parts.append(_Number(m.group()))
                i = m.end()
            elif section[i:i + 7].lower() == "general":
                parts.append(_Number(general=True))
                i += 7
            elif c in _BARE or (ord(c) > 127 and not c.isalpha() and c.isprintable()):
                parts.append(c)
                i += 1
            else:
                raise FormatError(_unsupported(c))
        sections.append((parts, percent))
    if len(sections) > 3:
        raise FormatError("at most three sections (positive;negative;zero); a text section is "
                          "not supported")
    return tuple(sections)


def _bracket(inside: str) -> str:
    """`[Red]` → "" (colours are ignored in text), `[$€-407]` → "€"; anything else refused."""
    low = inside.lower()
    if low in _COLOURS or re.fullmatch(r"color([1-9]|[1-4]\d|5[0-6])", low):
        return ""
    if inside.startswith("$"):
        return inside[1:].split("-")[0]
    raise FormatError(f"`[{inside}]` is not supported: brackets may hold a colour like [Red] or "
                      "a currency like [$€-407], not a condition or an elapsed time")


def _unsupported(c: str) -> str:
    what = {"?": "`?` (digit with space padding)", "*": "`*` (repeat to fill the cell)",
            "@": "`@` (text)", "E": "`E` (scientific)", "e": "`e` (scientific)",
            ",": "a comma away from the digits"}.get(c)
    if what is None and c.isalpha():
        return (f"`{c}` is a date or time code, or text: quote literal text (`\"{c}\"`); "
                "dates and times are not supported")
    return f"{what or f'`{c}`'} is not supported; quote it (`\"{c}\"`) to show it as text"


def _split(fmt: str) -> list[str]:
    """`a;"x;y"b;c` → [`a`, `"x;y"b`, `c`]: semicolons quoted or escaped do not split."""
    parts, current, quoted, escaped = [], [], False, False
    for ch in fmt:
        if ch == ";" and not quoted and not escaped:
            parts.append("".join(current))
            current = []
            continue
        current.append(ch)
        if escaped:
            escaped = False
        elif ch == '"':
            quoted = not quoted
        elif ch == "\\" and not quoted:
            escaped = True
    parts.append("".join(current))
    return parts


def check(fmt: str) -> str | None:
    """Why `fmt` is outside the supported subset (with what is supported), or None."""
    try:
        _parse(_normal(fmt))
    except FormatError as exc:
        return f"number format `{fmt}`: {exc}; supported: {SUPPORTED}"
    return None


def _normal(fmt: str | None) -> str:
    return fmt if fmt and fmt.strip() else "General"


def format_number(value: float, fmt: str = "General") -> str:
    """`1503.0, "#,##0"` → `1,503`; `0.125, "0.0%"` → `12.5%`; `-8, '+0;"−"0;0'` → `−8`;
    `-1503.25, "$#,##0.00"` → `-$1,503.25`; `General` as Excel shows it. A format outside the
    subset (see `check`) is shown as `General`."""
    try:
        sections = _parse(_normal(fmt))
    except FormatError:
        sections = _parse("General")
    if value < 0 and len(sections) > 1:
        return _render(sections[1], -value)[0]
    if value == 0 and len(sections) > 2:
        return _render(sections[2], 0.0)[0]
    text, shown = _render(sections[0], abs(value))
    return "-" + text if value < 0 and shown else text


def _render(section: tuple[list, int], value: float) -> tuple[str, bool]:
    """The section's text for `value` (not negative), and whether its number is not zero."""
    parts, percent = section
    exact = Decimal(f"{value:.15g}")  # Excel keeps 15 significant digits
    out, shown = [], False
    for part in parts:
        if isinstance(part, _Number):
            text, shown = part.text(exact, percent)
            out.append(text)
        else:
            out.append(part)
    return "".join(out), shown
