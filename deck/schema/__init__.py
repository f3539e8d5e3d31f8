"""The outline's JSON Schema (draft-07), generated from `deck.model` for editors.

`outline_schema()` walks the model's type information, so the schema follows the model. A copy is
committed beside this module as `outline.schema.json`; a test keeps it in sync
(`deck schema > deck/schema/outline.schema.json`). Editors read YAML 1.2, so the schema accepts
what the tool accepts as an editor sees it: text may look like a number or a boolean (`2024`,
`true` stay text for deck), numbers may be quoted, booleans may be `1`/`0`.
"""

from __future__ import annotations

import json
from pathlib import Path

import msgspec
import msgspec.inspect as mi

from .. import model
from .fields import FIELDS, KINDS, TITLES

SCHEMA_FILE = Path(__file__).resolve().parent / "outline.schema.json"
SCHEMA_URI = "http://json-schema.org/draft-07/schema#"

# Plain scalars are kept as text by deck's loader, so an editor's number or boolean is text too.
TEXT = {"type": ["string", "number", "boolean"]}
# A number, or text msgspec converts to a finite number (no `+3`, `.5`, `1,449`, `nan`).
NUMBER = {"anyOf": [{"type": "number"}, {
    "type": "string", "pattern": r"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$"}]}
# msgspec's lax booleans: true/false in any case, 1 and 0 (and, a quirk, "-0").
BOOLEAN = {"anyOf": [{"type": "boolean"}, {"enum": [0, 1]}, {
    "type": "string", "pattern": "^([Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee]|[01]|-0)$"}]}


def outline_schema() -> dict:
    """The JSON Schema of an outline, as a dict ready for `json.dumps`."""
    definitions: dict[str, dict] = {}
    root = _struct(mi.type_info(model.Deck), definitions)
    _add_loops(root, definitions)
    return {"$schema": SCHEMA_URI, **root, "title": "deck outline",
            "description": "A YAML outline that `deck build` turns into an editable PowerPoint "
                           "deck. Reference: docs/outline.md.",
            "definitions": dict(sorted(definitions.items()))}


def _add_loops(root: dict, definitions: dict) -> None:
    """Loops (deck/loops.py) are expanded before validation, so the model never holds them:
    `vars:` on the deck, `each:` on a section or slide, `data: {from: …}` on charts and tables."""
    text, texts = dict(TEXT), {"type": "array", "items": dict(TEXT)}
    definitions["Each"] = {
        "title": "Loop", "type": "object",
        "description": "Rows of data: one copy per row (after where, sort and limit).",
        "properties": {
            "from": {"anyOf": [text, {"type": "array"}], "description": "A .csv, .json or .xlsx "
                     "file relative to the outline's folder, or a list of rows."},
            "sheet": {**text, "description": "The .xlsx sheet (default: the first)."},
            "path": {**text, "description": "Where the rows are in a JSON file: data.regions."},
            "where": {**text, "description": "Keep the rows for which this Jinja expression "
                      "is true; `record` is the row tested, `row` the enclosing loop's."},
            "sort": {"anyOf": [text, texts], "description": "A column, -column for "
                     "descending, or a list of them."},
            "limit": {**NUMBER, "description": "At most this many rows."}},
        "required": ["from"], "additionalProperties": False}
    each = {"anyOf": [text, {"type": "array"}, {"$ref": "#/definitions/Each"}],
            "description": "Make this once per row of data (docs/outline.md#loops)."}
    root["properties"]["vars"] = {"type": "object", "description": "Values for the "
                                  "outline's {{ name }} templates, usable everywhere."}
    for name, definition in definitions.items():
        properties = definition.get("properties", {})
        if name == "Section" or name.endswith("Slide"):
            properties["each"] = dict(each)
        if "data" in properties and properties.get("kind", {}).get("const") in ("chart", "table"):
            old = properties["data"]
            properties["data"] = {"anyOf": [{"type": old["type"]}, {"$ref": "#/definitions/Each"}],
                                  "description": old["description"] + " Or, in a loop, the "
                                  "rows of a file that match: {from: …, where: …}.",
                                  "default": None}


def schema_text() -> str:
    """The schema as the committed file holds it: indented JSON, keys in model order."""
    return json.dumps(outline_schema(), indent=2, ensure_ascii=False) + "\n"


def _ref(cls: type, definitions: dict) -> dict:
    name = cls.__name__
    if name not in definitions:
        definitions[name] = {}  # reserve first: BulletItem refers to itself
        definitions[name] = _struct(mi.type_info(cls), definitions)
    return {"$ref": f"#/definitions/{name}"}


def _struct(t: mi.StructType, definitions: dict) -> dict:
    """An object: its fields, required keys, no unknown keys; `kind` for tagged classes."""
    cls = t.cls
    properties: dict[str, dict] = {}
    required: list[str] = []
    if t.tag_field:
        block = cls.__name__.endswith("Spec") and t.tag != "text"
        properties[t.tag_field] = {"const": t.tag, "description": (
            f"A {t.tag} block; a column never continues onto another slide." if block
            else KINDS[t.tag])}
        required.append(t.tag_field)
    for f in t.fields:
        prop = _type(f.type, definitions)
        doc = _field_doc(cls, f.name)
        if doc:
            prop = {**prop, "description": doc}
        default = _default(f)
        if default is not msgspec.NODEFAULT:
            prop = {**prop, "default": default}
        properties[f.encode_name] = prop
        if f.required:
            required.append(f.encode_name)
    # the first paragraph speaks to authors; the rest, to the code's readers
    doc = (cls.__doc__ or "").strip().split("\n\n")[0]
    out = {"title": TITLES.get(cls.__name__, cls.__name__), "type": "object"}
    if doc and not doc.startswith("Base of"):
        out["description"] = " ".join(doc.split())
    out.update(properties=properties, required=required, additionalProperties=False)
    return out


def _field_doc(cls: type, name: str) -> str | None:
    """`Class.field` for the class or the nearest base that has an entry, else `field`."""
    for base in cls.__mro__:
        doc = FIELDS.get(f"{base.__name__}.{name}")
        if doc:
            return doc
    return FIELDS.get(name)


def _default(f: mi.Field):
    if f.default_factory is not msgspec.NODEFAULT:
        return msgspec.to_builtins(f.default_factory())
    if f.default is msgspec.NODEFAULT:
        return msgspec.NODEFAULT
    value = msgspec.to_builtins(f.default)
    return value if value != {} else msgspec.NODEFAULT  # `axis: {}` says nothing


def _type(t: mi.Type, definitions: dict) -> dict:
    if isinstance(t, mi.StrType):
        return dict(TEXT)
    if isinstance(t, (mi.FloatType, mi.IntType)):
        return dict(NUMBER)
    if isinstance(t, mi.BoolType):
        return dict(BOOLEAN)
    if isinstance(t, mi.NoneType):
        return {"type": "null"}
    if isinstance(t, mi.LiteralType):
        return {"enum": list(t.values)}
    if isinstance(t, mi.ListType):
        return {"type": "array", "items": _type(t.item_type, definitions)}
    if isinstance(t, mi.StructType):
        return _ref(t.cls, definitions)
    if isinstance(t, mi.UnionType):
        return _union(t, definitions)
    raise TypeError(f"no JSON Schema for {t!r}")  # a new kind of model type: map it here


def _union(t: mi.UnionType, definitions: dict) -> dict:
    types = [x for x in t.types if not isinstance(x, mi.NoneType)]
    nullable = len(types) < len(t.types)
    if len(types) == 1 and isinstance(types[0], mi.StrType) and nullable:
        return {"type": [*TEXT["type"], "null"]}
    options = [_type(x, definitions) for x in types]
    tagged = [x for x in types if isinstance(x, mi.StructType) and x.tag_field]
    out: dict = {"anyOf": options + ([{"type": "null"}] if nullable else [])}
    if tagged and len(tagged) == len(types):
        # OpenAPI's discriminator: ignored by validators, used by some editors to pick the class.
        out["discriminator"] = {"propertyName": tagged[0].tag_field, "mapping": {
            x.tag: f"#/definitions/{x.cls.__name__}" for x in tagged}}
    return out
