"""ruamel.yaml for `deck import --changes/--apply`: the outline loaded in round-trip mode (its
comments, key order, quoting and flow lists kept), written back with the indentation it has,
and only the lines an edit touches taken from ruamel's text; outline data turned into ruamel
values written as dump.py writes them."""

from __future__ import annotations

import copy
import difflib
import io
import re

from .errors import Diagnostic, InputError, Span

MISSING = object()
# ruamel's indentations tried on the outline as written: the one that reproduces it best is
# used for the lines an edit writes (indentation is not kept in ruamel's model)
INDENTS = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (2, 2, 2))
NUMBER = re.compile(r"-?(0|[1-9]\d*)(\.\d*[1-9])?")
WIDTH = 100  # lines an edit writes are wrapped at 100 at least, as dump.py wraps them
FLOW_MAX = 100  # a list of scalars up to this long stays on one line, as dump.py writes it


def ruamel_yaml():
    """ruamel.yaml's round-trip YAML class; InputError saying how to install it when missing."""
    try:
        from ruamel.yaml import YAML
    except ImportError:
        raise InputError([Diagnostic(Span("deck import"), "--changes and --apply need "
                                     "ruamel.yaml, which keeps the outline's comments: "
                                     "pip install 'deck[roundtrip]'")]) from None
    return YAML


def load(YAML, text: str):
    """(yaml, document, the document as yaml writes it) with the indentation that reproduces
    `text` most closely, wrapping lines no wider than its widest (so fewer lines differ)."""
    width = max([WIDTH] + [len(line) for line in text.splitlines()])
    doc, best = None, None
    for mapping, sequence, offset in INDENTS:
        yaml = YAML()
        yaml.preserve_quotes = True
        yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
        yaml.width = width
        if doc is None:
            doc = yaml.load(text)
        out = emit(yaml, doc)
        if out == text:
            return yaml, doc, out
        same = difflib.SequenceMatcher(None, text.splitlines(), out.splitlines(),
                                       autojunk=False)
        cost = -sum(block.size for block in same.get_matching_blocks())
        if best is None or cost < best[0]:
            best = (cost, yaml, out)
    return best[1], doc, best[2]


def emit(yaml, doc) -> str:
    buf = io.StringIO()
    yaml.dump(doc, buf)
    return buf.getvalue()


def splice(original: str, base: str, edited: str) -> str:
    """The edit (`base` → `edited`, both as ruamel writes them) applied to the original text:
    lines ruamel writes differently (a scalar wrapped elsewhere, spacing) stay as they were
    unless an edit falls among them, and then only that stretch is taken from ruamel."""
    orig, old, new = (t.splitlines(keepends=True) for t in (original, base, edited))
    where = {}  # line of `old` → the same line of `original`
    for tag, i1, i2, j1, _ in difflib.SequenceMatcher(None, orig, old,
                                                      autojunk=False).get_opcodes():
        if tag == "equal":
            where.update({j1 + k: i1 + k for k in range(i2 - i1)})
    hunks: list[list[int]] = []  # [a, b, shift]: old[a:b] becomes new[a + shift : b + shift']
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new,
                                                       autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        a, b = i1, i2
        while a > 0 and (a - 1) not in where:
            a -= 1
        while b < len(old) and b not in where:
            b += 1
        start, end = j1 - (i1 - a), j2 + (b - i2)
        if hunks and a <= hunks[-1][1]:
            hunks[-1][1], hunks[-1][3] = max(b, hunks[-1][1]), end
        else:
            hunks.append([a, b, start, end])
    out, done = [], 0
    for a, b, start, end in hunks:
        first = where[a - 1] + 1 if a > 0 else 0
        last = where[b] if b < len(old) else len(orig)
        out += orig[done:first] + new[start:end]
        done = last
    return "".join(out + orig[done:])


def to_yaml(value, key: str = ""):
    """Outline data (text scalars) → ruamel values, written the way dump.py writes them:
    numbers and booleans plain, short lists of scalars as flow lists."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, dict):
        out = CommentedMap()
        for k, v in value.items():
            out[k] = to_yaml(v, k)
        return out
    if isinstance(value, list):
        seq = CommentedSeq(to_yaml(v, key) for v in value)
        scalars = all(not isinstance(v, (dict, list)) for v in value)
        if value and scalars and key not in ("bullets", "sources") and all(
                "\n" not in (v or "") for v in value) and sum(
                len(v or "") + 2 for v in value) <= FLOW_MAX:
            seq.fa.set_flow_style()
        return seq
    if value is MISSING:
        return None
    return scalar(copy.copy(value))


def scalar(text: str | None):
    """Text → the plain value ruamel writes as that same text (else the text, quoted by
    ruamel where YAML would read it otherwise). The outline's loader reads every scalar as
    text, so this only chooses how it looks."""
    if text is None or not isinstance(text, str):
        return text
    if text in ("true", "false"):
        return text == "true"
    if NUMBER.fullmatch(text):
        number = float(text) if "." in text else int(text)
        if (repr(number) if isinstance(number, float) else str(number)) == text:
            return number
    if "\n" in text:
        from ruamel.yaml.scalarstring import LiteralScalarString

        return LiteralScalarString(text)
    return text


def styled(cur, text):
    """A new scalar (outline text) in the style of the one it replaces: quoted stays quoted,
    folded stays folded; else as `scalar` writes it."""
    from ruamel.yaml.scalarstring import (
        DoubleQuotedScalarString,
        FoldedScalarString,
        LiteralScalarString,
        SingleQuotedScalarString,
    )

    if not isinstance(text, str):
        return scalar(text)
    for kind in (FoldedScalarString, LiteralScalarString):
        if isinstance(cur, kind) and ("\n" not in text.rstrip("\n") or kind is
                                      LiteralScalarString):
            return kind(text)
    if "\n" not in text:
        for kind in (DoubleQuotedScalarString, SingleQuotedScalarString):
            if isinstance(cur, kind):
                return kind(text)
    return scalar(text)
