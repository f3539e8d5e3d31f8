"""Checks of the slide kinds that arrange others: a grid's blocks, the title slide's picture.

Called from `validate._check_slide`, which passes itself as `check_block` so each block of a
grid is checked as a block in a column is."""

from __future__ import annotations

from . import model
from .files import Files
from .source import SourceMap

MIN_GRID, MAX_GRID = 2, 6  # fewer is a plain slide; more cannot be read from the back


def check_arranged(slide, path: tuple, smap: SourceMap, files: Files, check_block):
    """Every problem of a grid or a title slide that msgspec's types cannot express."""
    if isinstance(slide, model.GridSlide):
        n = len(slide.blocks)
        if not MIN_GRID <= n <= MAX_GRID:
            hint = ("use a slide of its own kind" if n < MIN_GRID else
                    "split them over two grid slides")
            yield smap.diagnostic(path + ("blocks",), f"a grid holds {MIN_GRID} to {MAX_GRID} "
                                  f"blocks (this one has {n}); {hint}")
        if slide.per_row is not None and not 1 <= slide.per_row <= 3:
            yield smap.diagnostic(path + ("per_row",), "`per_row` is 1, 2 or 3: more cells "
                                  "side by side are too narrow to read")
        for k, spec in enumerate(slide.blocks):
            yield from check_block(spec, path + ("blocks", k))
    elif isinstance(slide, model.TitleSlide) and slide.image is not None:
        if not (slide.alt or "").strip():
            yield smap.diagnostic(path + ("image",), "a title slide's `image` needs `alt`: "
                                  "what it shows, for people who cannot see it (for a logo, "
                                  "the organisation's name)")
        found = files.image(slide.image)
        if isinstance(found, str):
            yield smap.diagnostic(path + ("image",), f"image `{slide.image}` {found}")
    elif isinstance(slide, model.TitleSlide) and slide.alt is not None:
        yield smap.diagnostic(path + ("alt",), "`alt` describes the title slide's `image`, "
                              "and there is none")
