"""`deck text` and `deck diff`: a deck as canonical text, and a slide-aware diff of two decks.

The text form lists every slide of the file in order: `slide N · kind · title`, then its
fields one per line, indented (bullets by level, table rows as `| a | b |`, chart data as
`name: v1 | v2`, pictures by alt text and a hash of their bytes, notes last). It depends only
on what the slides say, never on file names, ids or timestamps, so it is stable: git shows
decks with it (`textconv`). A diff matches slides by kind and title, so a moved or inserted
slide reads as one change, not as every slide after it changed.
"""

from __future__ import annotations

import difflib
import hashlib
import tempfile
from pathlib import Path

from . import model

INDENT = "    "


def text(path: Path | str) -> str:
    """The canonical text form of a deck."""
    return "".join(block for block in _blocks(path))


def _blocks(path: Path | str) -> list[str]:
    from .reader import read_slides

    prs, reads, images, warnings = read_slides(path)
    props = prs.core_properties
    head = [f"deck · {props.title or ''}"]
    for key, value in (("subtitle", props.subject), ("author", props.author),
                       ("language", props.language)):
        if value:
            head.append(f"{INDENT}{key}: {value}")
    out = ["\n".join(head) + "\n"]
    for r in reads:
        out.append(_slide(r, images))
    if warnings:
        out.append("warnings\n" + "".join(f"{INDENT}{w}\n" for w in warnings))
    return out


def _slide(r, images: dict[str, bytes]) -> str:
    title = r.fields.get("title")
    kind = r.kind
    if kind == "chart":
        kind = f"chart ({r.fields.get('type')})"
    lines = [f"slide {r.number} · {kind} · {title if title is not None else '(no title)'}"]
    fields = r.fields
    if "categories" in fields:  # categories before the series that follow them
        fields = {"categories": fields["categories"], **fields}
    for key, value in fields.items():
        if key in ("title", "notes", "numbers", "footer", "listed") or value is None:
            continue
        if key in ("left", "right"):
            lines.append(f"{INDENT}{key}: {value.get('kind')}")
            lines += [INDENT + line for line in _fields(value, images)]
            continue
        lines += _fields({key: value}, images)
    notes = r.fields.get("notes")
    if notes:
        for line in notes.rstrip("\n").replace("\v", "\n").split("\n"):
            lines.append(f"{INDENT}notes: {line}".rstrip())
    return "\n".join(lines) + "\n"


def _fields(fields: dict, images: dict[str, bytes]) -> list[str]:
    lines = []
    if "categories" in fields:  # categories before the series that follow them
        fields = {"categories": fields["categories"], **fields}
    for key, value in fields.items():
        if key in ("kind", "type") or value is None:
            continue
        if key == "bullets":
            lines += _bullets(value, 1)
        elif key == "sources":
            lines += [f"{INDENT}{k}. {s}" for k, s in enumerate(value, start=1)]
        elif key == "columns":
            lines.append(f"{INDENT}| " + " | ".join(value) + " |")
        elif key == "rows":
            lines += [f"{INDENT}| " + " | ".join("—" if c is None else c for c in row) + " |"
                      for row in value]
        elif key == "series":
            for s in value:
                numbers = " | ".join(_num(v) for v in s["values"])
                xs = s.get("x")
                if xs:
                    numbers = " | ".join(f"({_num(x)}, {_num(y)})" for x, y in
                                         zip(xs, s["values"]))
                lines.append(f"{INDENT}series {s['name']}: {numbers}")
        elif key == "categories":
            lines.append(f"{INDENT}categories: " + " | ".join(value))
        elif key == "path":
            digest = hashlib.sha256(images.get(value, b"")).hexdigest()[:12]
            lines.append(f"{INDENT}picture: sha256 {digest}")
        elif isinstance(value, dict):
            lines.append(f"{INDENT}{key}: " + ", ".join(f"{k} {_num(v)}"
                                                       for k, v in value.items()))
        elif isinstance(value, list):
            lines.append(f"{INDENT}{key}: " + " | ".join(str(v) for v in value))
        else:
            for n, line in enumerate(str(_num(value)).split("\n")):
                lines.append(f"{INDENT}{key}: {line}".rstrip() if n == 0
                             else f"{INDENT}{' ' * len(key)}  {line}".rstrip())
    return lines


def _bullets(items, level: int) -> list[str]:
    lines = []
    for item in items:
        text, subs = (item, []) if isinstance(item, str) else (item.text, item.bullets)
        lines.append(f"{INDENT * level}- {text}".replace("\n", "\n" + INDENT * level + "  "))
        if isinstance(item, model.BulletItem):
            lines += _bullets(subs, level + 1)
    return lines


def _num(v) -> str:
    from .dump import number

    return number(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else str(v)


# --- diff ------------------------------------------------------------------------------------

def text_of(path: Path | str, **build_options) -> str:
    """The text form of a deck, or of the deck an outline builds (into a temporary file)."""
    path = Path(path)
    if path.suffix.lower() in (".yaml", ".yml"):
        from .pipeline import build

        with tempfile.TemporaryDirectory(prefix="deck-diff-") as tmp:
            built = Path(tmp) / f"{path.stem}.pptx"
            build(path, output=built, **build_options)
            return text(built)
    return text(path)


def _split(form: str) -> list[str]:
    """The text form cut into blocks: the deck's head, each slide, the warnings."""
    blocks: list[str] = []
    for line in form.splitlines(keepends=True):
        if (line.strip() and not line.startswith((" ", "\t"))) or not blocks:
            blocks.append(line)
        else:
            blocks[-1] += line
    return blocks


def _key(block: str) -> str:
    """What identifies a slide across versions: its kind and title, not its number."""
    first = block.split("\n", 1)[0]
    parts = first.split(" · ", 2)
    return " · ".join(parts[1:]) if first.startswith("slide ") else first


def diff(a: str, b: str, name_a: str = "a", name_b: str = "b") -> str:
    """A slide-aware unified diff of two text forms; "" when they are the same."""
    pairs = changed_blocks(a, b)
    if not pairs:
        return ""
    out = [f"--- {name_a}\n", f"+++ {name_b}\n"]
    for x, y in pairs:
        if x is None:
            out.append(f"@@ added {_name(y)} @@\n" + "".join(
                "+" + line for line in y.splitlines(keepends=True)))
        elif y is None:
            out.append(f"@@ removed {_name(x)} @@\n" + "".join(
                "-" + line for line in x.splitlines(keepends=True)))
        else:
            out.append(_changed(x, y))
    return "".join(out)


def changed_blocks(a: str, b: str) -> list[tuple[str | None, str | None]]:
    """The blocks (deck head, slides, warnings) of two text forms that differ, in order, as
    pairs: (old, new) for a slide in both, (None, new) for one added, (old, None) removed."""
    blocks_a, blocks_b = _split(a), _split(b)
    if list(map(_unnumbered, blocks_a)) == list(map(_unnumbered, blocks_b)):
        return []
    out: list[tuple[str | None, str | None]] = []
    matcher = difflib.SequenceMatcher(None, [_key(x) for x in blocks_a],
                                      [_key(x) for x in blocks_b], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out += [(x, y) for x, y in zip(blocks_a[i1:i2], blocks_b[j1:j2])
                    if _unnumbered(x) != _unnumbered(y)]
            continue
        out += [(x, y) for x, y in _replaced(blocks_a[i1:i2], blocks_b[j1:j2])
                if x is None or y is None or _unnumbered(x) != _unnumbered(y)]
    return out


def slide_number(block: str | None) -> int | None:
    """The number of the slide a block shows (None for the deck head, warnings or nothing)."""
    number = _number(block) if block else ""
    return int(number.split()[1]) if number else None


def _kind(block: str) -> str:
    parts = _name(block).split(" · ")
    return parts[1] if len(parts) > 2 else parts[0]


def _replaced(olds: list[str], news: list[str]) -> list[tuple[str | None, str | None]]:
    """Slides whose titles changed, went or came: a slide of the same kind, in order, is the
    same slide retitled; the others were removed or added."""
    out: list[tuple[str | None, str | None]] = []
    i = j = 0
    while i < len(olds) or j < len(news):
        if i < len(olds) and j < len(news) and _kind(olds[i]) == _kind(news[j]):
            out.append((olds[i], news[j]))
            i, j = i + 1, j + 1
        elif j < len(news) and (i >= len(olds) or _kind(olds[i]) in map(_kind, news[j:])):
            out.append((None, news[j]))
            j += 1
        else:
            out.append((olds[i], None))
            i += 1
    return out


def _name(block: str) -> str:
    return block.split("\n", 1)[0]


def _unnumbered(block: str) -> str:
    """A slide's block without its number, which moves whenever a slide is added before it."""
    return block.split(" · ", 1)[1] if block.startswith("slide ") else block


def _number(block: str) -> str:
    return _name(block).split(" · ", 1)[0] if block.startswith("slide ") else ""


def _changed(x: str, y: str) -> str:
    """One slide in both decks, as a unified diff of its lines under its name."""
    if _unnumbered(x) == _unnumbered(y):
        return ""
    first_x, first_y = _name(_unnumbered(x)), _name(_unnumbered(y))
    where = _number(x) if _number(x) == _number(y) else f"{_number(x)} → {_number(y)}".replace(
        " → slide ", " → ")
    head = f"{where} · {first_x}" if first_x == first_y else f"{where} · {first_x} → {first_y}"
    lines = list(difflib.unified_diff(_unnumbered(x).splitlines(keepends=True),
                                      _unnumbered(y).splitlines(keepends=True), n=1))[2:]
    body = [line for line in lines if not line.startswith("@@")]
    return f"@@ {head.lstrip(' ·')} @@\n" + "".join(
        line if line.endswith("\n") else line + "\n" for line in body)


def diff_decks(a: Path | str, b: Path | str) -> str:
    """`deck diff A B`: the slide-aware diff of two decks (or outlines, built to compare)."""
    return diff(text_of(a), text_of(b), str(a), str(b))


text_form = text_of  # as `deck.text_form` exports it
