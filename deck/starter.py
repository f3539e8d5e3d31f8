"""`deck new`: a short starter outline with every slide kind, and the picture it shows.

The outline builds without a warning (a test runs `check --strict` on it); its first line points
editors at the schema: by a path relative to the new file when deck runs from a source checkout,
else at a copy written beside it (never a path into an installed package, which changes with the
environment). Nothing existing is overwritten.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from .errors import Diagnostic, InputError, Span
from .files import text_name

STARTER = """\
# yaml-language-server: $schema={schema}
# A starter deck with every slide kind. Build it: deck build {name}
# Check it while you write: deck check {name}   Rebuild on save: deck watch {name}

title: My Talk
subtitle: What the audience will take away, in one line
author: Your Name
date: {today}
footer: My Talk

sections:
  - title: Opening
    divider: false            # no divider slide before this section
    slides:
      - kind: title           # title, subtitle, author and date come from above
        notes: Speaker notes go to the notes pane.

      - kind: statement
        title: The one number to remember
        figure: 42 %
        caption: of something that **matters** to your audience

  - title: The details
    notes: Notes on a divider say where the talk goes next.
    slides:
      - kind: bullets
        title: Three points
        bullets:
          - "**First:** the point you make first"   # quoted: it starts with *
          - text: Second, with details
            bullets:
              - a detail
              - another detail
          - Third, with a link to [the example site](https://example.org)

      - kind: quote
        title: In their words
        text: A sentence worth quoting, said by someone your audience trusts.
        attribution: Someone, their role

      - kind: table
        title: A small table
        columns: [Item, Count, Change]
        rows:
          - [Apples, "1,200", "+4%"]
          - [Pears, "850", "−2%"]
        source: "Source: where the numbers come from"

      - kind: chart
        title: A chart you can edit in PowerPoint
        type: column
        categories: ["2023", "2024", "2025"]
        series:
          - name: Visitors
            values: [120, 180, 260]
        highlight: ["2025"]
        number_format: "#,##0"

      - kind: image
        title: A picture
        path: {image}
        alt: Three rising bars, the last one in orange
        caption: Put your own picture next to the outline and name it in `path`

      - kind: two_column
        title: Two blocks side by side
        left:
          kind: text
          text: |
            Each column holds a block: text, bullets, a table, a chart or an image.
        right:
          kind: bullets
          bullets: [One, Two, Three]

      - kind: grid              # 2 to 6 blocks in rows, each under its `title`
        title: Small multiples
        blocks:
          - kind: chart
            title: North
            type: line
            categories: ["2023", "2024", "2025"]
            series: [{{name: North, values: [30, 45, 40]}}]
            axis: {{min: 0, max: 60}}
          - kind: chart
            title: South
            type: line
            categories: ["2023", "2024", "2025"]
            series: [{{name: South, values: [20, 25, 50]}}]
            axis: {{min: 0, max: 60}}
          - kind: text
            title: What they show
            text: One scale for all, so the eye compares them

      - kind: sources
        sources:
          - "Author, *Title of the report*, 2025"
          - "[A web page](https://example.org), read on {today}"
"""


SCHEMA_COPY = "outline.schema.json"  # beside the outline, when deck is an installed package


def schema_reference(folder: Path) -> str | None:
    """The schema file as an editor should find it from `folder`: relative when possible;
    None when deck is installed (site-packages), where a copy beside the outline serves."""
    from . import schema

    if {"site-packages", "dist-packages"} & set(schema.SCHEMA_FILE.parts):
        return None
    try:
        return Path(os.path.relpath(schema.SCHEMA_FILE, folder.resolve())).as_posix()
    except ValueError:  # another drive (Windows)
        return schema.SCHEMA_FILE.as_uri()


def write_starter(path: Path | str = "outline.yaml") -> list[Path]:
    """Write the starter outline (into `path`, or `path`/outline.yaml for a folder) and its
    picture beside it, and the schema too when deck is installed and none is there. Returns the
    paths written; raises InputError rather than overwrite a file."""
    trailing_slash = str(path).endswith(("/", "\\"))
    path = Path(path)
    if path.is_dir() or trailing_slash:  # `deck new talks/`: a folder, made if missing
        path = path / "outline.yaml"
    image = path.with_name(f"{path.stem}-picture.png")
    taken = [p for p in (path, image) if p.exists() or p.is_symlink()]
    if taken:
        raise InputError([Diagnostic(Span(str(p)), "already exists; `deck new` does not "
                                     "overwrite files (choose another name)") for p in taken])
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # names as UTF-8 text: in a non-UTF-8 locale Python holds non-ASCII ones as escapes
        reference = schema_reference(path.parent)
        copy = path.with_name(SCHEMA_COPY) if reference is None else None
        text = STARTER.format(schema=text_name(reference or SCHEMA_COPY),
                              name=text_name(path.name), today=date.today().isoformat(),
                              image=text_name(image.name))
        with open(path, "x", encoding="utf-8") as fh:
            fh.write(text)
        with open(image, "xb") as fh:
            fh.write(starter_picture())
        if copy is not None and not copy.exists():  # one there already serves as it is
            from .schema import schema_text

            copy.write_text(schema_text(), encoding="utf-8")
        else:
            copy = None
    except OSError as exc:
        raise InputError([Diagnostic(Span(str(path)), f"cannot write: {exc.strerror or exc}")]
                         ) from None
    return [path, image] + ([copy] if copy else [])


def starter_picture() -> bytes:
    """A 480 × 270 PNG: three rising bars, the last in the default theme's accent colour."""
    import io

    from PIL import Image, ImageDraw

    from .theme import Palette

    palette = Palette()
    im = Image.new("RGB", (480, 270), f"#{palette.surface}")
    draw = ImageDraw.Draw(im)
    for k, height in enumerate((80, 140, 210)):
        colour = palette.accent if k == 2 else palette.chart_muted
        draw.rectangle((70 + k * 130, 240 - height, 150 + k * 130, 240), fill=f"#{colour}")
    draw.rectangle((40, 240, 440, 243), fill=f"#{palette.text}")
    out = io.BytesIO()
    im.save(out, "PNG", optimize=True)
    return out.getvalue()
