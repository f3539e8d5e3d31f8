"""The reader's content blocks (tables, pictures, image charts; native charts in
reader_charts.py) and foreign slides.
"""

from __future__ import annotations

from . import markup, model
from .layout.table import EMPTY_CELL, column_align
from .reader import (
    _bullets,
    _merge,
    _paras,
    _Read,
    _text,
    to_markup,
)
from .reader_charts import chart_block

FLIP = {"left": "right", "right": "left", "center": "center"}
PICTURE = 13  # MSO_SHAPE_TYPE.PICTURE
LONG_COLUMNS = 400  # characters of text in two columns: more reads as one list, which continues
LONG_TITLE = 70  # characters: the lint's long-title limit; two lines hold about this much
GRAPHIC = 7  # MSO_SHAPE_TYPE.CHART is 3, TABLE 19; groups 6, media 16, SmartArt via graphic


def table_block(shape, warn, rtl: bool = False) -> dict:
    """A table: header row → columns (its bold is the header's own), the rest → rows. In a
    mirrored deck (`rtl`) the columns run right to left and their alignment is flipped."""
    from .render.oxml import read as rx

    rows = []
    aligns = []
    for r, bodies in enumerate(rx.cell_bodies(shape.table)):
        row = []
        for body in bodies:
            paras = rx.paragraphs(body, shape.part)
            text = "\n\n".join(to_markup(_merge(p.runs, base_bold=r == 0), warn, "table")
                               for p in paras)
            if r == 0:
                aligns.append(paras[0].align if paras and paras[0].align else "left")
            row.append(None if r and text in (EMPTY_CELL, "") else text)
        rows.append(row[::-1] if rtl else row)
    if rtl:
        aligns = [FLIP[a] for a in aligns[::-1]]
    if not rows:
        return {"columns": [], "rows": []}
    columns = [c or "" for c in rows[0]]
    spec = {"columns": columns, "rows": rows[1:]}
    default = column_align(model.TableSpec(columns=columns, rows=rows[1:]))
    if tuple(aligns) != default:
        spec["align"] = aligns
    return spec


def picture_block(shape, slide, number, prefix, images, warn):
    """A picture: its bytes written beside the outline; a full-slide picture without alt text
    is the theme's background (None). A picture of one of our image charts stays a picture."""
    from .render.oxml import read as rx

    alt = rx.descr(shape) or ""
    if not alt and shape.left == 0 and shape.top == 0:
        return None
    image = shape.image
    if shape.name.endswith("chart (image)"):
        chart = _image_chart(image.blob)
        if chart is not None:
            return "chart", chart
    name = f"{prefix}-{number:02d}"
    k = 2
    while f"{name}.{image.ext}" in images and images[f"{name}.{image.ext}"] != image.blob:
        name = f"{prefix}-{number:02d}-{k}"
        k += 1
    images[f"{name}.{image.ext}"] = image.blob
    if shape.name.endswith("chart (image)"):
        warn("an image chart (render: image) reads back as a picture: its data is not in "
             "the file (its picture was replaced or re-compressed)")
    if not alt.strip():
        warn("a picture without alt text: alt set to its file name, please describe it")
        alt = f"{name}.{image.ext}"
    return "image", {"path": f"{name}.{image.ext}", "alt": alt}


def _image_chart(png: bytes) -> dict | None:
    """The outline fields of an image chart, from the chunk deck wrote into its PNG
    (render/chart_record.py), as a chart block drawn as an image; None without them."""
    import msgspec

    from .render.chart_record import fields_of

    fields = fields_of(png)
    if fields is None:
        return None
    fields = {k: v for k, v in fields.items() if k not in ("kind", "title", "notes", "layout")}
    # the file's data was read into the chart when it was built: the values are the chart's
    fields.update(render="image", data=None, category=None)
    try:
        msgspec.convert({"kind": "chart", **fields}, model.ChartSpec)
    except msgspec.ValidationError:
        return None
    return fields


# --- foreign slides --------------------------------------------------------------------------

def read_foreign(prs, number, slide, notes, prefix, images, warn) -> _Read:
    """A slide deck did not write: its kind from what it holds."""
    from pptx.enum.shapes import PP_PLACEHOLDER

    title = subtitle = None
    center = False
    bodies, texts, blocks = [], [], []
    for s in _flat(slide.shapes, warn):
        ph = s.placeholder_format.type if s.is_placeholder else None
        if ph in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.VERTICAL_TITLE):
            # bold as a whole is how our titles look anyway: not markup
            title = " ".join(_text(s, warn, "title", title=True, bold=_all_bold(s)).split())
            center = center or ph == PP_PLACEHOLDER.CENTER_TITLE
        elif ph == PP_PLACEHOLDER.SUBTITLE:
            subtitle = _text(s, warn, "subtitle").strip() or None
        elif ph in (PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.DATE):
            continue
        elif getattr(s, "has_table", False):
            blocks.append((s, "table", _foreign_table(s, warn)))
        elif getattr(s, "has_chart", False):
            blocks.append((s, "chart", chart_block(s, None, warn)))
        elif s.shape_type == PICTURE or (s.is_placeholder and hasattr(s, "image")):
            got = picture_block(s, slide, number, prefix, images, warn)
            if got:
                blocks.append((s, *got))
        elif s.has_text_frame and s.text_frame.text.strip():
            (bodies if ph is not None else texts).append(s)
        elif s.shape_type in (6, 16) or not s.has_text_frame:
            warn(f"`{s.name or 'unnamed'}` (a {_what(s)}) cannot be represented in an outline: "
                 "left out")
    if title and len(markup.plain_text(title)) > LONG_TITLE:
        warn(f"a title of {len(markup.plain_text(title))} characters, longer than a slide "
             "title can be: shortened, the whole title put first in the notes")
        whole = markup.plain_text(title)
        if markup.plain_text(whole, show_links=True) != whole:
            whole = _escape_plain(whole)
        notes = whole + ("\n" + notes if notes else "")
        title = _shorten(title)
    f = {"title": title, "notes": notes}
    if (center or subtitle) and not bodies and not blocks and not texts:
        f.update(subtitle=subtitle, byline=None)
        return _Read(number, "title", f, ours=False)
    for s in bodies + texts:
        items = _bullets(_paras(s), warn, foreign=True)
        if items:
            blocks.append((s, "bullets", {"bullets": items}))
    if len(blocks) == 1 and blocks[0][1] == "bullets" and not bodies and title and \
            len(blocks[0][2]["bullets"]) == 1 and isinstance(blocks[0][2]["bullets"][0], str) \
            and len(blocks[0][2]["bullets"][0]) <= 40:
        f["figure"] = _unbold(blocks[0][2]["bullets"][0])
        return _Read(number, "statement", f, ours=False)
    blocks.sort(key=lambda b: (b[0].left or 0))
    if not blocks:
        if title:
            # a heading slide: a title slide holds up to three lines of it
            f.update(subtitle=None, byline=None)
            return _Read(number, "title", f, ours=False)
        warn("an empty slide: left out")
        return _Read(number, "empty", f, ours=False)
    texts_at = [b for b in blocks if b[1] == "bullets"]
    long = sum(len(markup.plain_text(str(i))) for b in texts_at for i in b[2]["bullets"])
    # many text boxes, or long text in columns (which cannot continue): one list, in order
    if len(texts_at) > 1 and (len(blocks) > 2 or long > LONG_COLUMNS):
        texts_at.sort(key=lambda b: (b[0].top or 0, b[0].left or 0))
        merged = [item for b in texts_at for item in b[2]["bullets"]]
        blocks = [b for b in blocks if b[1] != "bullets"] + [(texts_at[0][0], "bullets",
                                                                 {"bullets": merged})]
        warn(f"{len(texts_at)} text boxes read as one list of bullets")
    if len(blocks) > 2:
        warn(f"{len(blocks)} content blocks, where a slide holds one or two: kept the first "
             "two, left out the rest")
    if len(blocks) == 1:
        f.update(blocks[0][2])
        return _Read(number, blocks[0][1], f, ours=False)
    f["left"], f["right"] = ({"kind": k, **spec} for _s, k, spec in blocks[:2])
    return _Read(number, "two_column", f, ours=False)


def _flat(shapes, warn) -> list:
    """The shapes of a slide, a group's own shapes in its place (read one by one: the grouping
    and its drawing are lost, which is said once per group)."""
    out = []
    for s in shapes:
        if s.shape_type == 6:  # MSO_SHAPE_TYPE.GROUP
            inner = _flat(s.shapes, warn)
            if any(x.has_text_frame and x.text_frame.text.strip() for x in inner):
                warn(f"group `{s.name or 'unnamed'}`: its text read shape by shape, its "
                     "drawing left out")
            out += [x for x in inner if x.has_text_frame or x.shape_type == PICTURE]
        else:
            out.append(s)
    return out


def _all_bold(shape) -> bool:
    runs = [r for p in _paras(shape) for r in p.runs if r.text.strip()]
    return bool(runs) and all(r.bold for r in runs)


def _unbold(text: str) -> str:
    """A figure is bold as a whole on the slide: `**1**` is just `1`."""
    inner = text[2:-2]
    if text.startswith("**") and text.endswith("**") and "**" not in inner and inner:
        return inner
    return text


def _shorten(title: str) -> str:
    """A long title cut at a word before LONG_TITLE characters, with an ellipsis (as plain
    text: markup could be cut in half)."""
    plain = markup.plain_text(title)
    cut = plain[:LONG_TITLE - 10].rsplit(" ", 1)[0]
    return _escape_plain(cut + " …")


def _escape_plain(text: str) -> str:
    return "".join("\\" + c if c in markup.ESCAPABLE else c for c in text)


def _foreign_table(shape, warn) -> dict:
    spec = table_block(shape, warn)
    width = len(spec["columns"])
    rows = [r[:width] + [None] * (width - len(r)) for r in spec["rows"]]
    spec["rows"] = rows
    spec["columns"] = [c or f"Column {k + 1}" for k, c in enumerate(spec["columns"])]
    spec.pop("align", None)
    return spec


def _what(shape) -> str:
    return {6: "group", 16: "media clip"}.get(shape.shape_type, "shape without text")
