"""YAML text → plain data (dicts, lists, str, None) plus the line/column of every node.

The only module that sees YAML. It builds the data from the parser's event stream instead of
`yaml.safe_load`, which buys four things:

* no implicit typing: every plain scalar stays the exact text the author wrote (`NO`, `1.10`,
  `2026-11-28`, `1:30` are strings); only `null`, `~` and an empty value mean "nothing". The
  validator converts text to numbers or booleans where the model asks for them.
* duplicate keys are errors naming both lines, not "last one wins".
* no recursion, so 10,000 nested brackets cannot raise RecursionError; depth is capped instead.
* anchors and aliases are refused, so an alias bomb ("billion laughs") cannot expand.
"""

from __future__ import annotations

import re
from pathlib import Path

import msgspec
import yaml
from msgspec import Struct

from .errors import Diagnostic, InputError, Span
from .files import read_regular

Path_ = tuple  # a data path such as ("sections", 1, "slides", 2, "title")

MAX_DEPTH = 64
NULL_TEXT = frozenset({"", "~", "null", "Null", "NULL"})
STR_TAGS = frozenset({None, "!", "tag:yaml.org,2002:str"})
# C0/C1 controls except tab and newline, noncharacters, lone surrogates, bidi overrides/isolates.
# python-pptx writes C0 controls as the visible text `_x001B_` and raises on the others.
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff\u202a-\u202e\u2066-\u2069]"
)

# Line and paragraph separators other than "\n" crash text shaping (raqm) or vanish in
# LibreOffice; a tab is measured as a glyph but drawn as a tab stop. Values are normalised.
_NEWLINES = str.maketrans({"\r": "\n", "\u2028": "\n", "\u2029": "\n", "\t": " "})

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: 10× faster


class SourceMap(Struct):
    """Where each value (and each mapping key) of the loaded data starts in the file."""

    file: str
    lines: list[str]
    values: dict[Path_, tuple[int, int]] = msgspec.field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = msgspec.field(default_factory=dict)

    def span(self, path: Path_, *, key: bool = False) -> Span:
        """Where the value at `path` (or its key) starts, else its nearest recorded ancestor."""
        table = self.keys if key else self.values
        if key and path not in table:
            table = self.values
        p = tuple(path)
        while p not in table and p:
            p = p[:-1]
        line, col = table.get(p, (1, 1))
        return Span(self.file, line, col)

    def diagnostic(self, path: Path_, message: str, *, key: bool = False,
                   severity: str = "error") -> Diagnostic:
        span = self.span(path, key=key)
        return self.at(span.line, span.col, message, severity=severity)

    def at(self, line: int, col: int, message: str, *, severity: str = "error") -> Diagnostic:
        text = self.lines[line - 1] if 1 <= line <= len(self.lines) else ""
        return Diagnostic(Span(self.file, line, col), message, severity, text)


class Source(Struct):
    """A loaded outline: its data, where each piece came from, and the folder it lives in."""

    path: Path
    data: dict
    map: SourceMap


def bad_character(text: str) -> re.Match | None:
    """The first character of `text` that may not appear on a slide (see `_FORBIDDEN`)."""
    return _FORBIDDEN.search(text)


def normalise_text(text: str) -> str:
    """Text as a slide shows it: "\\r\\n", "\\r", U+2028 and U+2029 become "\\n", a tab a space."""
    if not ("\r" in text or "\t" in text or "\u2028" in text or "\u2029" in text):
        return text  # most text (four substring tests, no generator per call)
    return text.replace("\r\n", "\n").translate(_NEWLINES)


def decode(raw: bytes, file: str) -> str:
    """Bytes → text: UTF-8 (a BOM is dropped) or UTF-16/32 with a BOM; anything else is an error."""
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32-le"),
                       (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe", "utf-16-le"),
                       (b"\xfe\xff", "utf-16-be")):
        if raw.startswith(bom):
            raw_body, encoding = raw[len(bom):], codec
            break
    else:
        raw_body, encoding = raw, "utf-8"
    try:
        return raw_body.decode(encoding)
    except UnicodeDecodeError as exc:
        line = raw_body.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw_body.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = raw_body[exc.start:exc.start + 1].hex()
        raise InputError([Diagnostic(Span(file, line, col),
                                     f"invalid {encoding.upper()} (byte 0x{byte}); save the "
                                     "file as UTF-8")]) from None


# How messages name the file and its keys: an outline, or a theme file.
_KINDS = {"outline": ("the outline", "an outline", "`title:`, `sections:`",
                      "it needs at least `title:` and `sections:`"),
          "theme": ("the theme file", "a theme file", "`palette:`, `sizes:`",
                    "name what the theme changes, such as `palette:`")}


def load_file(path: Path | str, display_name: str | None = None, kind: str = "outline"
              ) -> Source:
    """Read and parse a YAML file. Raises InputError (located) for anything not loadable.
    `kind` ("outline" or "theme") is what messages call the file."""
    path = Path(path)
    name = display_name or str(path)
    # A regular file, checked before open() and read no further than the limit: a FIFO
    # would hang the build (and `deck watch`), `outline.yaml -> /dev/zero` would never end.
    raw = read_regular(path)
    if isinstance(raw, str):
        if raw == "is a directory":
            raw = f"is a directory, not {_KINDS[kind][1]} file"
        elif raw == "does not exist":
            raw = "cannot read: No such file or directory"
        raise InputError([Diagnostic(Span(name), raw)])
    return load_text(decode(raw, name), name, path, kind)


def load_text(text: str, file: str = "<string>", path: Path | None = None,
              kind: str = "outline") -> Source:
    """Parse YAML text into (data, SourceMap). The root must be a mapping."""
    smap = SourceMap(file, text.splitlines())
    data = _Builder(smap, kind).build(text)
    return Source(path or Path(file), data, smap)


_MISSING = object()
_INVALID = object()


class _Frame:
    """An open mapping or sequence while its children are being read."""

    __slots__ = ("container", "path", "mark", "key", "key_mark", "want_key")

    def __init__(self, container, path: Path_, mark):
        self.container, self.path, self.mark = container, path, mark
        self.key, self.key_mark, self.want_key = None, None, True


def _syntax_hint(line: str, col: int) -> str:
    """A hint for the YAML mistakes people make in outlines."""
    if "\t" in line:
        return " (this line contains a tab; indent with spaces)"
    value = line.split(":", 1)[1].strip() if ":" in line else line.strip().lstrip("- ")
    if value[:1] in ("*", "&", "`", "@", "%", "!", "|", ">") and not value.startswith(("|", ">")):
        return f" (quote text that starts with {value[0]}: write \"{value[:24]}\")"
    if ": " in value and not value.startswith(("\"", "'")):
        return " (text containing `: ` must be quoted)"
    return ""


class _Builder:
    """Turns parser events into plain data, recording positions and collecting problems."""

    def __init__(self, smap: SourceMap, kind: str = "outline"):
        self.smap, self.names = smap, _KINDS[kind]
        self.errors: list[Diagnostic] = []

    def error(self, mark, message: str) -> None:
        self.errors.append(self.smap.at(mark.line + 1, mark.column + 1, message))

    def build(self, text: str) -> dict:
        self._scan_characters(text)
        loader = _Loader(text)
        try:
            root = self._walk(loader)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            problem = exc.problem or exc.context or "invalid YAML"
            line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            problem += _syntax_hint(self.smap.lines[line - 1] if line <= len(self.smap.lines)
                                    else "", col)
            raise InputError([self.smap.at(line, col, f"YAML syntax: {problem}")]) from None
        except yaml.YAMLError as exc:  # e.g. a reader error without a mark
            raise InputError([self.smap.at(1, 1, f"YAML: {exc}")]) from None
        finally:
            loader.dispose()
        if self.errors:
            raise InputError(self.errors)
        return root

    def _scan_characters(self, text: str) -> None:
        """Control characters typed into the file itself: report each at its line and column
        (the YAML reader would refuse the first with a character offset only)."""
        problems = []
        for m in _FORBIDDEN.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            col = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
            problems.append(self.smap.at(line, col, f"control character U+{ord(m.group()):04X} "
                                         "in the file; remove it"))
            if len(problems) == 20:
                break
        if problems:
            raise InputError(problems)

    def _walk(self, loader):
        stack: list[_Frame] = []  # open containers, innermost last; no recursion anywhere
        self.root = _MISSING
        documents = 0
        while loader.check_event():
            event = loader.get_event()
            kind = type(event)
            if kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    self.error(event.start_mark, "a second YAML document starts here (`---`); "
                               f"{self.names[1]} is a single document")
                    break
                continue
            if kind in (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent):
                continue
            if kind in (yaml.MappingEndEvent, yaml.SequenceEndEvent):
                frame = stack.pop()
                self._complete(stack, frame.container, frame.mark)
                continue

            mark = event.start_mark
            path = self._child_path(stack)
            if path is not None:
                self.smap.values.setdefault(path, (mark.line + 1, mark.column + 1))
            if getattr(event, "anchor", None) or kind is yaml.AliasEvent:
                self.error(mark, "YAML anchors and aliases (&name, *name) are not supported; "
                           "write the value out")
            if kind is yaml.AliasEvent:
                self._complete(stack, None, mark)
            elif kind is yaml.ScalarEvent:
                if event.tag not in STR_TAGS:
                    self.error(mark, f"YAML tag `{event.tag}` is not supported; remove it "
                               "(values are plain text, numbers, lists and mappings)")
                value = self._scalar(event)
                if path is not None and value is not None:  # a value; keys stay as written
                    value = normalise_text(value)
                self._complete(stack, value, mark)
            else:
                if event.tag not in (None, "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
                    self.error(mark, f"YAML tag `{event.tag}` is not supported; remove it")
                if len(stack) >= MAX_DEPTH:
                    self.error(mark, f"nesting deeper than {MAX_DEPTH} levels")
                    raise InputError(self.errors)
                if path is None:
                    self.error(mark, "a mapping key must be plain text")
                    path = stack[-1].path + ("?",)
                container = {} if kind is yaml.MappingStartEvent else []
                stack.append(_Frame(container, path, mark))

        root = self.root
        the, _, keys, needs = self.names
        if root is _MISSING or root is None:
            self.errors.append(self.smap.at(1, 1, f"{the} is empty; {needs}"))
        elif not isinstance(root, dict):
            what = "a list" if isinstance(root, list) else "plain text"
            self.errors.append(self.smap.at(1, 1, f"{the} must be a mapping of keys ({keys} …), "
                                            f"not {what}"))
        return root

    @staticmethod
    def _child_path(stack: list[_Frame]) -> Path_ | None:
        """The data path of a node starting now; None when it is a mapping key."""
        if not stack:
            return ()
        top = stack[-1]
        if isinstance(top.container, list):
            return top.path + (len(top.container),)
        if top.want_key:
            return None
        return top.path + (top.key if isinstance(top.key, str) else "?",)

    def _complete(self, stack: list[_Frame], value, mark) -> None:
        """A node ended: make it the root, a list item, a key, or the value of the pending key."""
        if not stack:
            self.root = value
            return
        top = stack[-1]
        if isinstance(top.container, list):
            top.container.append(value)
        elif top.want_key:
            if value is None:
                self.error(mark, "a mapping key must not be empty")
            top.key = value if isinstance(value, str) else _INVALID
            top.key_mark = mark
            top.want_key = False
        else:
            top.want_key = True
            key = top.key
            if key is _INVALID:
                return
            key_path = top.path + (key,)
            if key in top.container:
                first_line = self.smap.keys[key_path][0]
                self.error(top.key_mark, f"duplicate key `{key}` (first defined at line "
                           f"{first_line}); each key may appear once")
                return
            top.container[key] = value
            self.smap.keys[key_path] = (top.key_mark.line + 1, top.key_mark.column + 1)

    def _scalar(self, event) -> str | None:
        value = event.value
        if event.implicit[0] and value in NULL_TEXT:  # plain (unquoted, untagged) null
            return None
        bad = _FORBIDDEN.search(value)
        if bad:
            self.error(event.start_mark, f"text contains the control character "
                       f"U+{ord(bad.group()):04X}; remove it")
        return value
