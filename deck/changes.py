"""`deck import --changes/--apply`: a colleague's edits to a deck, written back into its outline.

The outline is built and read back (the deck as `deck` wrote it), the edited deck is read, and
the two are compared as outline data, slide by slide (slides matched by kind and title, as
`deck diff` matches them). Each difference is written into the outline's YAML with ruamel.yaml's
round-trip mode, which keeps comments, key order, quoting and flow lists; lines no edit touches
stay byte for byte as they were. What cannot be mapped (a value read from a CSV file, a changed
picture, sections added) is a warning, never written half. The result is built once more and
compared with the edited deck, so a warning names every slide whose edits did not come back.
"""

from __future__ import annotations

import difflib
import hashlib
import tempfile
from pathlib import Path

from msgspec import Struct

from .changes_yaml import MISSING, emit, load, ruamel_yaml, splice, styled, to_yaml
from .errors import Diagnostic, InputError, Span

DATA_KEYS = ("categories", "series", "columns", "rows")  # what a `data:` file gives a slide


class Changes(Struct):
    """The outline before and after the deck's edits, and what could not be mapped."""

    before: str
    after: str
    warnings: list[str]

    def diff(self, name: str, deck: str) -> str:
        """A unified diff of the outline, "" when the deck holds no edit."""
        return "".join(difflib.unified_diff(
            self.before.splitlines(keepends=True), self.after.splitlines(keepends=True),
            name, f"{name} (with the edits in {deck})"))


def changes(deck_path: Path | str, outline_path: Path | str) -> Changes:
    """What the edits in `deck_path` change in the outline at `outline_path` (not written)."""
    outline_path = Path(outline_path)
    YAML = ruamel_yaml()
    base, base_warnings, alts = _as_read(outline_path)  # the outline must build (errors located)
    before = outline_path.read_text(encoding="utf-8")
    yaml, doc, emitted = load(YAML, before)
    warnings: list[str] = []
    new, new_warnings, new_alts = _read_plain(deck_path)
    warnings += [w for w in new_warnings if w not in base_warnings]
    _Mapper(doc, base, new, warnings, (alts, new_alts)).run()
    after = splice(before, emitted, emit(yaml, doc))
    if after != before:
        for message in _left_over(after, outline_path, new):  # one warning a slide
            if not any(w.startswith(message.split(": ")[0]) for w in warnings):
                warnings.append(message)
    return Changes(before, after, warnings)


def apply(deck_path: Path | str, outline_path: Path | str) -> Changes:
    """Write the deck's edits into the outline, atomically (all of them, or nothing)."""
    from .writer import write_atomic

    found = changes(deck_path, outline_path)
    if found.after != found.before:
        write_atomic(found.after.encode("utf-8"), Path(outline_path))
    return found


# --- reading both sides as outline data ---------------------------------------------------------

def _read_plain(deck_path) -> tuple[dict, list[str], list[str]]:
    """A deck as the outline data `deck import` would write (every scalar as text), pictures
    named by a hash of their bytes so a renumbered picture is the same picture; its warnings;
    and per slide the alt text its chart's data would generate (a chart whose values a person
    edits keeps the old one)."""
    from .dump import dump
    from .reader import read
    from .source import load_text

    result = read(deck_path, image_prefix="picture")
    data = load_text(dump(result.deck)).data
    names = {name: "sha256:" + hashlib.sha256(blob).hexdigest()[:16]
             for name, blob in result.images.items()}
    _rename_pictures(data, names)
    return data, result.warnings, [_generated_alt(slide) for section in result.deck.sections
                                   for slide in section.slides]


def _generated_alt(slide) -> str | None:
    from . import model
    from .layout.blocks import chart_alt_text

    if isinstance(slide, model.ChartSpec):
        return chart_alt_text(slide)
    return None


def _rename_pictures(node, names: dict[str, str]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "path" and isinstance(value, str):
                node[key] = names.get(value, value)
            else:
                _rename_pictures(value, names)
    elif isinstance(node, list):
        for item in node:
            _rename_pictures(item, names)


def _as_read(outline_path: Path, text: str | None = None):
    """The deck an outline builds, read back as outline data. With `text`, that text is built
    as if it were the outline (from a temporary file beside it, so its paths resolve)."""
    from .pipeline import build

    with tempfile.TemporaryDirectory(prefix="deck-changes-") as tmp:
        built = Path(tmp) / "built.pptx"
        if text is None:
            build(outline_path, output=built)
            return _read_plain(built)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".yaml",
                                         prefix=f".{outline_path.stem}.changes-",
                                         dir=outline_path.parent, delete=False) as fh:
            fh.write(text)
        try:
            build(fh.name, output=built)
        finally:
            Path(fh.name).unlink(missing_ok=True)
        return _read_plain(built)


def _left_over(after: str, outline_path: Path, new: dict) -> list[str]:
    """Slides whose edits the rewritten outline still does not build (an honest last check)."""
    try:
        rebuilt = _as_read(outline_path, after)[0]
    except InputError as exc:
        first = exc.diagnostics[0].message if exc.diagnostics else str(exc)
        raise InputError([Diagnostic(Span(str(outline_path)), "the outline with the deck's "
                                     f"edits would not build ({first}): not written")]) from None
    out = []
    for key in sorted(set(rebuilt) | set(new)):
        if key != "sections" and rebuilt.get(key) != new.get(key):
            out.append(f"deck field `{key}`: the edit could not be written into the outline")
    old_slides, new_slides = _flat(rebuilt), _flat(new)
    if [s for _, s in old_slides] == [s for _, s in new_slides]:
        return out
    if len(old_slides) != len(new_slides):
        return out + ["slides were added or removed in a way the outline could not follow: "
                      "compare with `deck diff`"]
    for (_, a), (at, b) in zip(old_slides, new_slides):
        if a != b:
            out.append(f"{_name(b, at)}: some edits could not be written into the outline")
    return out


def _flat(data: dict) -> list[tuple[tuple[int, int], dict]]:
    return [((i, j), slide) for i, section in enumerate(data.get("sections") or [])
            for j, slide in enumerate(section.get("slides") or [])]


def _name(slide: dict, at: tuple[int, int]) -> str:
    """How a warning names a slide: by its place in the outline, kind and title."""
    title = slide.get("title") or slide.get("figure") or slide.get("text") or ""
    title = str(title).split("\n")[0]
    title = title if len(title) <= 50 else title[:49] + "…"
    return (f"section {at[0] + 1}, slide {at[1] + 1} ({slide.get('kind')}"
            f"{': ' + title if title else ''})")


# --- mapping the differences ------------------------------------------------------------------

class _Mapper:
    """Walks the outline as built (`base`) and the edited deck (`new`), both as outline data,
    and writes each difference into `doc`, the outline's ruamel document."""

    def __init__(self, doc, base: dict, new: dict, warnings: list[str], alts: tuple):
        self.doc, self.base, self.new, self.warnings = doc, base, new, warnings
        # per slide of each: the alt text its chart's data generates, or None
        self.alts, self.new_alts = alts

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def run(self) -> None:
        deck_keys = [k for k in _keys(self.base, self.new) if k != "sections"]
        self.patch(self.doc, {k: self.base.get(k, MISSING) for k in deck_keys},
                   {k: self.new.get(k, MISSING) for k in deck_keys}, "the deck")
        from .changes_slides import map_slides

        map_slides(self)

    def patch(self, node, old: dict, new: dict, where: str) -> None:
        """Write the differences of two mappings into the ruamel mapping `node`."""
        for key in _keys(old, new):
            o, n = old.get(key, MISSING), new.get(key, MISSING)
            if o == n:
                continue
            if key == "path":
                self.warn(f"{where}: the picture changed: not mapped (`deck import` writes "
                          "the deck's pictures)")
                continue
            if "data" in node and key in DATA_KEYS:
                self.warn(f"{where}: `{key}` changed, but the outline reads it from the data "
                          f"file {node['data']}: change it there")
                continue
            if key not in node:
                if o is MISSING or o is None:
                    node[key] = to_yaml(n, key)
                else:
                    self.warn(f"{where}: `{key}` changed, but the outline does not write it "
                              f"(it comes from {_origin(node)}): not mapped")
                continue
            if n is MISSING:
                del node[key]
                continue
            node[key] = self.value(node[key], o, n, f"{where}, `{key}`", key)

    def value(self, cur, old, new, where: str, key: str):
        """`cur` (the outline's value) changed from `old` to `new`: the value to write."""
        from collections.abc import Mapping

        if isinstance(old, dict) and isinstance(new, dict):
            if not isinstance(cur, Mapping):
                self.warn(f"{where}: changed, but the outline writes it another way: not mapped")
                return cur
            self.patch(cur, old, new, where)
            return cur
        if isinstance(old, list) and isinstance(new, list):
            if not isinstance(cur, list) or len(cur) != len(old):
                self.warn(f"{where}: changed, but the outline writes it another way: not mapped")
                return cur
            self.sequence(cur, old, new, where, key)
            return cur
        if isinstance(old, (dict, list)) != isinstance(cur, (dict, list)):
            self.warn(f"{where}: changed, but the outline writes it another way: not mapped")
            return cur
        return styled(cur, new)

    def sequence(self, cur: list, old: list, new: list, where: str, key: str) -> None:
        """Items changed, added or removed in place, so the others keep their comments."""
        ops = difflib.SequenceMatcher(None, [_token(x) for x in old], [_token(x) for x in new],
                                      autojunk=False).get_opcodes()
        for tag, i1, i2, j1, j2 in reversed(ops):
            if tag == "equal":
                continue
            if i2 - i1 == j2 - j1:
                for k in range(i2 - i1):
                    cur[i1 + k] = self.value(cur[i1 + k], old[i1 + k], new[j1 + k],
                                             f"{where} item {i1 + k + 1}", key)
                continue
            del cur[i1:i2]
            for k, item in enumerate(new[j1:j2]):
                cur.insert(i1 + k, to_yaml(item, key))


def _keys(old: dict, new: dict) -> list[str]:
    return list(new) + [k for k in old if k not in new]


def _token(value) -> str:
    import json

    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _origin(node) -> str:
    if "data" in node:
        return f"the data file {node['data']}"
    return "a default or another field"
