"""Content blocks read back as they stand on a slide: in rows (a grid's), each under its
`Heading` (a grid cell's or a two-column block's `title`) and over its caption or source line.
The slide's kind follows: one block, two side by side (two_column) or a grid."""

from __future__ import annotations

MAX_GRID = 6  # blocks a grid slide holds (model.GridSlide)


def rows_of(found: list[tuple], rtl: bool) -> list[list[tuple]]:
    """`(shape, kind, spec)` blocks grouped into rows (a block starts a new row when it lies
    wholly below the row's first one), each row in reading order."""
    rows: list[list[tuple]] = []
    for item in sorted(found, key=lambda b: b[0].top):
        first = rows[-1][0][0] if rows else None
        if first is not None and item[0].top < first.top + first.height:
            rows[-1].append(item)
        else:
            rows.append([item])
    for row in rows:
        row.sort(key=lambda b: -(b[0].left + b[0].width) if rtl else b[0].left)
    return rows


def _above(shape, over) -> bool:
    """`over` stands above `shape` and shares its column."""
    return (over.top <= shape.top and over.left < shape.left + shape.width
            and shape.left < over.left + over.width)


def attach(slide, rows: list[list[tuple]], text, warn) -> None:
    """Each block's heading (the nearest `Heading` above it, as its `title`) and caption or
    source line (the nearest under it), read with `text(shape, warn, where)`."""
    blocks = [b for row in rows for b in row]
    for s in slide.shapes:
        if s.name == "Heading":
            under = [b for b in blocks if _above(b[0], s)]
            if under:
                shape, _, spec = min(under, key=lambda b: b[0].top - s.top)
                spec["title"] = text(s, warn, "heading")
        elif s.name in ("Caption", "Source"):
            over = [b for b in blocks if abs(s.left - b[0].left) < b[0].width
                    and s.top >= b[0].top]
            if over:
                shape, kind, spec = min(over, key=lambda b: s.top - b[0].top)
                key = "caption" if s.name == "Caption" or kind == "image" else "source"
                spec[key] = text(s, warn, key)


def arrange(rows: list[list[tuple]], recorded: str | None, fields: dict, warn) -> str:
    """Put the blocks into `fields` as one slide's content; its kind: the single block's, or
    two_column, or grid (as recorded, or when the blocks stand in more than one row or are
    more than two)."""
    from .layout.slides import grid_shape

    blocks = [(kind, spec) for row in rows for _, kind, spec in row]
    if len(blocks) == 1 and recorded != "grid":
        kind, spec = blocks[0]
        if spec.get("title") is not None:  # a lone block under a heading: none to hold it
            warn("a heading over the only block: left out")
            spec.pop("title")
        fields.update(spec)
        return kind
    if len(blocks) == 2 and len(rows) == 1 and recorded != "grid":
        fields["left"], fields["right"] = ({"kind": k, **spec} for k, spec in blocks)
        return "two_column"
    if len(blocks) > MAX_GRID:
        warn(f"{len(blocks)} content blocks, where a grid holds at most {MAX_GRID}: kept the "
             f"first {MAX_GRID}")
        blocks = blocks[:MAX_GRID]
    if len(blocks) < 2:  # a grid with a block deleted: what is left, as one block
        kind, spec = blocks[0]
        spec.pop("title", None)
        fields.update(spec)
        return kind
    fields["blocks"] = [{"kind": k, **spec} for k, spec in blocks]
    across = len(rows[0])
    if across != grid_shape(len(blocks), None)[0]:
        fields["per_row"] = across
    return "grid"
