"""Why plain data does not fit the model: every structural error, located.

msgspec stops at the first error. When it does, `explain` walks the data against the model's
type information (`msgspec.inspect`) and reports every unknown key (with "did you mean"), every
missing key, wrong type and unknown `kind`, each at its line and column. Imported only when
an outline (or a theme file) is invalid.
"""

from __future__ import annotations

import re

import msgspec
import msgspec.inspect as mi

from .errors import Diagnostic
from .hints import key_hint, number_hint, suggest
from .source import SourceMap

_TYPE_NAMES = {mi.StrType: "text", mi.FloatType: "a number", mi.IntType: "a whole number",
               mi.BoolType: "true or false", mi.ListType: "a list", mi.NoneType: "nothing (null)"}


def explain(data, model_type, smap: SourceMap, msgspec_message: str) -> list[Diagnostic]:
    """Every place where `data` does not fit `model_type`; falls back to msgspec's own message
    (located at its path) should the walk find nothing."""
    errors: list[Diagnostic] = []
    _check(data, mi.type_info(model_type), (), smap, errors)
    if not errors:
        errors.append(smap.diagnostic(_msgspec_path(msgspec_message), msgspec_message))
    return errors


def _describe(value) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = str(value)
    return f"`{text[:40]}…`" if len(text) > 40 else f"`{text}`"


def _expected(t: mi.Type) -> str:
    if isinstance(t, mi.StructType):
        return f"a mapping ({t.cls.__name__})"
    if isinstance(t, mi.LiteralType):
        return "one of " + ", ".join(f"`{v}`" for v in t.values)
    if isinstance(t, mi.UnionType):
        return " or ".join(dict.fromkeys(_expected(x) for x in t.types))
    return _TYPE_NAMES.get(type(t), type(t).__name__)


def _check(value, t: mi.Type, path: tuple, smap: SourceMap, out: list[Diagnostic]) -> None:
    """Append a diagnostic for every place where `value` does not fit type `t`."""
    if isinstance(t, mi.UnionType):
        types = t.types
        if value is None and any(isinstance(x, mi.NoneType) for x in types):
            return
        structs = [x for x in types if isinstance(x, mi.StructType)]
        if isinstance(value, dict) and structs:
            if len(structs) == 1:
                return _check(value, structs[0], path, smap, out)
            tag_field = structs[0].tag_field
            tags = [s.tag for s in structs]
            tag = value.get(tag_field)
            if tag is None:
                out.append(smap.diagnostic(path, f"missing `{tag_field}`; one of: "
                                           f"{', '.join(tags)}"))
                return
            match = [s for s in structs if s.tag == tag]
            if not match:
                out.append(smap.diagnostic(path + (tag_field,), f"unknown {tag_field} `{tag}`"
                                           f"{suggest(str(tag), tags)} "
                                           f"(one of: {', '.join(tags)})"))
                return
            return _check(value, match[0], path, smap, out)
        for x in types:  # a union of simple types: the first that accepts the value wins
            if not isinstance(x, mi.StructType) and not _leaf_error(value, x):
                if isinstance(x, mi.ListType):
                    return _check(value, x, path, smap, out)
                return
        # an optional flag (`divider: NO`) keeps the YAML 1.1 boolean hint a plain one gets
        hint = (" (write `true` or `false`)"
                if any(isinstance(x, mi.BoolType) for x in types) else "")
        out.append(smap.diagnostic(path, f"expected {_expected(t)}, got {_describe(value)}{hint}"))
        return
    if isinstance(t, mi.StructType):
        if not isinstance(value, dict):
            out.append(smap.diagnostic(path, f"expected {_expected(t)}, got {_describe(value)}"))
            return
        fields = {f.encode_name: f for f in t.fields}
        owner = _owner(t, path)
        for key in value:
            if key not in fields and key != t.tag_field:
                where = f" in {owner}" if t.tag else ""
                hint = key_hint(str(key), fields, _nested_keys(t))
                out.append(smap.diagnostic(path + (key,), f"unknown key `{key}`{where}{hint}",
                                           key=True))
        for name, f in fields.items():
            if name in value:
                _check(value[name], f.type, path + (name,), smap, out)
            elif f.required:
                what = owner if t.tag else f"this {t.cls.__name__.lower()}"
                out.append(smap.diagnostic(path, f"missing required key `{name}` in {what}"))
        return
    if isinstance(t, mi.ListType):
        if not isinstance(value, list):
            out.append(smap.diagnostic(path, f"expected a list, got {_describe(value)}"))
            return
        for i, item in enumerate(value):
            _check(item, t.item_type, path + (i,), smap, out)
        return
    if isinstance(t, mi.LiteralType):
        if value not in t.values:
            out.append(smap.diagnostic(path, f"`{value}` is not one of "
                                       f"{', '.join(map(str, t.values))}"
                                       f"{suggest(str(value), map(str, t.values))}"))
        return
    problem = _leaf_error(value, t)
    if problem:
        out.append(smap.diagnostic(path, problem))


def _owner(t: mi.StructType, path: tuple) -> str:
    """"a `chart` slide", or "a `chart` block" for one nested in a slide (a column, a cell)."""
    nested = len(path) > 4 and path[0] == "sections"  # ("sections", i, "slides", j) is a slide
    return f"a `{t.tag}` {'block' if nested else 'slide'}"


def _nested_keys(t: mi.StructType) -> dict[str, str]:
    """The keys of the plain mappings a struct holds (a chart's series and axes), each with
    where it is written: `min` belongs in `axis`, `trendline` in each series."""
    found: dict[str, str] = {}
    for f in t.fields:
        inner = f.type
        many = False
        for _ in range(3):  # unwrap Optional, list and union to the struct inside
            if isinstance(inner, mi.UnionType):
                structs = [x for x in inner.types if isinstance(x, (mi.StructType, mi.ListType))]
                inner = structs[0] if len(structs) == 1 else inner
            if isinstance(inner, mi.ListType):
                inner, many = inner.item_type, True
        if isinstance(inner, mi.StructType) and inner.tag is None:
            where = f"each of `{f.encode_name}`" if many else f"`{f.encode_name}`"
            for sub in inner.fields:
                found.setdefault(sub.encode_name, where)
    return found


_LEAF_TYPES = {mi.StrType: str, mi.FloatType: float, mi.IntType: int, mi.BoolType: bool}


def _leaf_error(value, t: mi.Type) -> str | None:
    """Why `value` is not a valid scalar of type `t`, or None if it is."""
    if isinstance(t, mi.NoneType):
        return None if value is None else "expected nothing"
    if isinstance(t, mi.ListType):
        return None if isinstance(value, list) else "expected a list"
    if isinstance(t, mi.LiteralType):
        return None if value in t.values else "not an allowed value"
    py = _LEAF_TYPES.get(type(t))
    if py is None:
        return f"unsupported value {_describe(value)}"
    try:
        msgspec.convert(value, py, strict=False)
    except msgspec.ValidationError:
        hint = number_hint(value) if py is float and isinstance(value, str) else ""
        if py is bool:
            hint = " (write `true` or `false`)"
        return f"expected {_expected(t)}, got {_describe(value)}{hint}"
    return None


def _msgspec_path(message: str) -> tuple:
    """`... - at `$.sections[0].slides[2]`` → ("sections", 0, "slides", 2)."""
    m = re.search(r"at `\$([^`]*)`", message)
    if not m:
        return ()
    return tuple(int(index) if index else key
                 for key, index in re.findall(r"\.(\w+)|\[(\d+)\]", m.group(1)))
