"""`{{ column }}` templates in outline text, rendered by Jinja2's sandbox.

Outlines come from anyone, so templates run in `jinja2.sandbox.SandboxedEnvironment`: no
attribute starting with `_` (`''.__class__` is refused), no unsafe methods, no globals but a
short `range`; `*` and `**` are capped so `'x' * 10**9` cannot eat the memory. The `number`
filter formats with the deck's Excel-style number formats (deck/numfmt.py). jinja2 is imported
only when an outline uses loops or `vars:`; without it the error names `pip install 'deck[data]'`.
"""

from __future__ import annotations

import re

import msgspec

from . import numfmt
from .errors import InputError, Span

MAX_RANGE = 1_000  # `range(n)` in a template
MAX_SIZE = 100_000  # characters (or items) a `*` may make, and a template may render
MARKERS = ("{{", "{%", "{#")
_WHOLE = re.compile(r"^\{\{(?:(?!\}\}|\{\{).)*\}\}$", re.S)  # one `{{ … }}`, nothing around it


class Refused(Exception):
    """A template problem that belongs to one cell of a data file (`at`) as well as the template."""

    def __init__(self, message: str, at: tuple | None = None):
        super().__init__(message)
        self.at = at


def is_template(text: str) -> bool:
    return any(m in text for m in MARKERS)


def to_number(value) -> float:
    """A cell as a number: text like `1503.5` or `1,503.5` (as validate reads it)."""
    if isinstance(value, bool):
        raise Refused(f"`{value}` is not a number", getattr(value, "_at", None))
    if isinstance(value, (int, float)):
        return float(value)
    text = str(value).strip().replace(",", "")
    try:
        return msgspec.convert(text, float, strict=False)
    except msgspec.ValidationError:
        what = f"`{value}`" if text else "an empty cell"
        raise Refused(f"expected a number, got {what}", getattr(value, "_at", None)) from None


def _number(value, fmt: str = "General") -> str:
    """`{{ sales | number('#,##0') }}`: the value in an Excel number format."""
    problem = numfmt.check(str(fmt))
    if problem:
        raise Refused(problem)
    return numfmt.format_number(to_number(value), str(fmt))


_ENV = None


def environment():
    """The sandboxed Jinja2 environment, made once per process."""
    global _ENV
    if _ENV is not None:
        return _ENV
    try:
        from jinja2 import StrictUndefined
        from jinja2.exceptions import SecurityError
        from jinja2.sandbox import SandboxedEnvironment
    except ImportError:
        raise InputError([_missing()]) from None

    class Sandbox(SandboxedEnvironment):
        intercepted_binops = frozenset({"*", "**"})

        def call_binop(self, context, operator, left, right):
            if operator == "**":
                if isinstance(right, (int, float)) and abs(right) > 64:
                    raise SecurityError("`**` with an exponent over 64 is not allowed")
                return left ** right
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(times, int) \
                        and len(seq) * times > MAX_SIZE:
                    raise SecurityError(f"`*` would make more than {MAX_SIZE:,} items")
            return left * right

    def capped_range(*args):
        values = range(*args)
        if len(values) > MAX_RANGE:
            raise SecurityError(f"range() of more than {MAX_RANGE} numbers is not allowed")
        return values

    env = Sandbox(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True,
                  cache_size=2000)
    env.globals.clear()
    env.globals["range"] = capped_range
    env.filters["number"] = _number
    _ENV = env
    return env


def _missing():
    from .errors import Diagnostic

    return Diagnostic(Span("deck"), "loops and `vars:` need jinja2 and openpyxl: "
                      "pip install 'deck[data]'")


_COMPILED: dict[str, object] = {}


def compiled(text: str, expression: bool = False):
    """The compiled template (or, with `expression`, expression) for `text`, cached."""
    key = ("e:" if expression else "t:") + text
    found = _COMPILED.get(key)
    if found is None:
        env = environment()
        found = (env.compile_expression(text, undefined_to_none=False) if expression
                 else env.from_string(text))
        if len(_COMPILED) > 5000:
            _COMPILED.clear()
        _COMPILED[key] = found
    return found


def plain(value):
    """A template's result as outline data: text, or lists and mappings of text; None stays."""
    if value is None or isinstance(value, str):
        return None if value is None else str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return str(value)


def render(text: str, context: dict):
    """`text` with its templates filled in from `context`. A string that is one `{{ … }}`
    keeps the value's shape (a list stays a list); otherwise the result is text.
    Raises jinja2's errors, SecurityError and Refused; the caller locates them."""
    if _WHOLE.match(text.strip()):
        value = compiled(text.strip()[2:-2].strip(), expression=True)(**context)
        if hasattr(value, "_fail_with_undefined_error"):
            value._fail_with_undefined_error()
        if isinstance(value, (list, tuple, dict)):
            return plain(value)
        if value is None:
            return None
        result = str(value)  # as Jinja would print it, without rendering a second time
    else:
        result = compiled(text).render(context)
    if len(result) > MAX_SIZE:
        raise Refused(f"the template makes {len(result):,} characters; at most {MAX_SIZE:,}")
    return result


def test(text: str, context: dict) -> bool:
    """A `where:` expression's truth for one record."""
    value = compiled(text, expression=True)(**context)
    if hasattr(value, "_fail_with_undefined_error"):
        value._fail_with_undefined_error()
    return bool(value)
