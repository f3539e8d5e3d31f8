"""Deck model → outline YAML text, as a person would write it (the reader's other half).

Keys in the order of docs/outline.md (deck fields, then sections; a slide's `kind` and `title`
first, `notes` last), fields at their default left out, strings quoted only where the loader
would read them otherwise, numbers written exactly (`1503`, `13.4`). Short lists of scalars
are flow lists (`[Q1, Q2]`). `load_text(dump(deck))` validates back to the same Deck.
"""

from __future__ import annotations

import json
import math

import msgspec

from . import model

HEADER = "# An outline for deck (format: docs/outline.md)\n"
DECK_ORDER = ("title", "subtitle", "author", "date", "language", "footer", "slide_numbers",
              "output", "theme", "template", "dividers", "chart_render", "sections")
FIRST, LAST = ("kind", "title"), ("notes", "layout")
_NULLS = {"null", "Null", "NULL", "~", ""}
_START = set("-?:,[]{}#&*!|>'\"%@` ")
_FLOW_BAD = set(",[]{}")
BLOCK_KEYS = ("bullets", "sources")  # lists of sentences: one item a line, never a flow list


def dump(deck: model.Deck, header: str = HEADER) -> str:
    """The outline text of a deck."""
    lines: list[str] = []
    _mapping(_fields(deck, DECK_ORDER), 0, lines)
    return header + "\n".join(lines) + "\n"


def _defaults(struct) -> dict:
    info = msgspec.structs.fields(struct)
    out = {}
    for f in info:
        if f.default is not msgspec.NODEFAULT:
            out[f.name] = f.default
        elif f.default_factory is not msgspec.NODEFAULT:
            out[f.name] = f.default_factory()
    return out


def _fields(obj, order: tuple[str, ...] | None = None) -> list[tuple[str, object]]:
    """(key, value) pairs of a struct, defaults left out, in the docs' order."""
    defaults = _defaults(obj)
    names = list(obj.__struct_fields__)
    if order is None:
        if "categories" in names and "series" in names:
            names.remove("categories")
            names.insert(names.index("series"), "categories")
        head = [n for n in FIRST if n in names]
        tail = [n for n in LAST if n in names]
        names = head + [n for n in names if n not in head and n not in tail] + tail
    else:
        names = [n for n in order if n in names]
    out = []
    tag = getattr(type(obj).__struct_config__, "tag", None)
    if tag is not None and isinstance(tag, str) and order is None:
        out.append(("kind", tag))
    for name in names:
        if name == "kind":
            continue
        value = getattr(obj, name)
        if name in defaults and value == defaults[name]:
            continue
        out.append((name, value))
    return out


def _is_scalar(v) -> bool:
    return v is None or isinstance(v, (str, int, float, bool))


def _mapping(pairs, indent: int, lines: list[str], first_prefix: str | None = None) -> None:
    pad = " " * indent
    for k, (key, value) in enumerate(pairs):
        lead = first_prefix if (k == 0 and first_prefix is not None) else pad
        _entry(lead + f"{key}:", value, indent, lines)


def _entry(head: str, value, indent: int, lines: list[str]) -> None:
    if _is_scalar(value):
        text = _scalar(value, indent + 2)
        lines.append(f"{head} {text}" if not text.startswith("\n") else head + text)
    elif isinstance(value, list):
        if not value:
            lines.append(f"{head} []")
        elif not head.endswith(BLOCK_KEYS[0] + ":") and not head.endswith(
                BLOCK_KEYS[1] + ":") and all(_is_scalar(v) for v in value) and all(
                not isinstance(v, str) or "\n" not in v for v in value):
            flow = "[" + ", ".join(_scalar(v, 0, flow=True) for v in value) + "]"
            if len(head) + len(flow) <= 100 or not all(isinstance(v, str) for v in value):
                lines.append(f"{head} {flow}")
            else:
                lines.append(head)
                for v in value:
                    lines.append(" " * (indent + 2) + "- " + _scalar(v, indent + 4))
        else:
            lines.append(head)
            _sequence(value, indent + 2, lines)
    else:
        tag = getattr(type(value).__struct_config__, "tag", None)
        pairs = _fields(value) if isinstance(tag, str) else _fields_plain(value)
        if not pairs:
            lines.append(f"{head} {{}}")
            return
        lines.append(head)
        _mapping(pairs, indent + 2, lines)


def _fields_plain(obj) -> list[tuple[str, object]]:
    defaults = _defaults(obj)
    names = list(obj.__struct_fields__)
    if isinstance(obj, model.Section):
        names = ["title", "divider", "notes", "slides"]
    if isinstance(obj, model.BulletItem):
        names = ["text", "bullets"]
    return [(n, getattr(obj, n)) for n in names
            if not (n in defaults and getattr(obj, n) == defaults[n])]


def _sequence(items: list, indent: int, lines: list[str]) -> None:
    pad = " " * indent
    for item in items:
        if _is_scalar(item):
            lines.append(pad + "- " + _scalar(item, indent + 2))
        elif isinstance(item, list):
            if all(_is_scalar(v) and not (isinstance(v, str) and "\n" in v) for v in item):
                lines.append(pad + "- [" + ", ".join(_scalar(v, 0, flow=True) for v in item)
                             + "]")
            else:
                lines.append(pad + "-")
                _sequence(item, indent + 2, lines)
        else:
            tag = getattr(type(item).__struct_config__, "tag", None)
            pairs = _fields(item) if isinstance(tag, str) else _fields_plain(item)
            _mapping(pairs, indent + 2, lines, first_prefix=pad + "- ")


def number(v: float | int) -> str:
    """A number as the outline writes it: integral values without `.0`, others by repr
    (the shortest text that reads back as the same float), no `+` in exponents."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if v == 0 and math.copysign(1.0, v) < 0:
        return "-0.0"  # a negative zero is drawn "-0" by the number format: kept
    if math.isfinite(v) and v.is_integer() and abs(v) < 1e16:
        return str(int(v))
    return repr(v).replace("e+", "e")


def _plain_ok(s: str, flow: bool) -> bool:
    if s in _NULLS or s != s.strip() or s[0] in _START:
        return False
    if any(c in s for c in "\n\r\t") or ": " in s or " #" in s or s.endswith(":"):
        return False
    if any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 or c in "\ufeff\u2028\u2029" for c in s):
        return False
    if flow and (_FLOW_BAD & set(s)):
        return False
    return True


def _quoted(s: str) -> str:
    """YAML double-quoted: JSON's escapes are YAML's too (\\uXXXX, \\n, \\")."""
    return json.dumps(s, ensure_ascii=False)


def _scalar(v, indent: int, flow: bool = False) -> str:
    if v is None:
        return "null"
    if isinstance(v, (bool, int, float)):
        return number(v)
    if _plain_ok(v, flow):
        return v
    if not flow and "\n" in v and _block_ok(v):
        chomp = "-" if not v.endswith("\n") else ("+" if v.endswith("\n\n") else "")
        return _block(v, chomp, indent)
    return _quoted(v)


def _block(v: str, chomp: str, indent: int) -> str:
    body = v
    if chomp == "":
        body = v[:-1]
    elif chomp == "+":
        body = v[:-1]
    pad = " " * indent
    return "|" + chomp + "".join("\n" + (pad + line if line else "") for line in body.split("\n"))


def _block_ok(v: str) -> bool:
    """A literal block keeps the text exactly: no tabs or carriage returns, no line with
    trailing spaces, and a first line that does not start with a space."""
    if any(c in v for c in "\t\r") or v.startswith((" ", "\n")):
        return False
    if any(ord(c) < 32 and c != "\n" for c in v):
        return False
    return all(line == line.rstrip() for line in v.split("\n"))


dump_outline = dump  # as `deck.dump_outline` exports it
