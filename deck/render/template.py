"""Templates: a .pptx or .potx whose slide masters and layouts a deck is built on.

`inspect_template` reads what the layout stage needs (slide size, each layout's placeholders
and where they are) into plain data, so layout never sees python-pptx; `open_template` gives
the renderer the presentation to add slides to, without the template's own slides.
"""

from __future__ import annotations

import io
import zipfile
from functools import lru_cache
from pathlib import Path

from pptx import Presentation

from ..errors import DeckError
from ..plan import Box, LayoutInfo, Placeholder, TemplateInfo
from . import oxml

EMU_PER_PT = 12700
_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.{}.main+xml"


class TemplateError(DeckError):
    """The template cannot be used: not a presentation, macro-enabled, damaged."""


def open_template(path: Path | None):
    """A python-pptx Presentation on the template's masters and layouts, with no slides.
    A .potx is opened as a presentation (its main part's content type is rewritten)."""
    if path is None:
        return Presentation()
    data = Path(path).read_bytes()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            types = z.read("[Content_Types].xml").decode("utf-8")
    except (zipfile.BadZipFile, KeyError, UnicodeDecodeError):
        raise TemplateError("is not a PowerPoint file (.pptx or .potx)") from None
    if "macroEnabled" in types:
        raise TemplateError("is macro-enabled; save it as .pptx or .potx without macros")
    if _MAIN.format("template") in types:
        data = _retype(data, types.replace(_MAIN.format("template"), _MAIN.format("presentation")))
    try:
        prs = Presentation(io.BytesIO(data))
    except Exception as exc:  # python-pptx raises many types for damaged packages
        raise TemplateError(f"cannot be read: {exc}") from None
    oxml.drop_slides(prs)
    return prs


def _retype(data: bytes, types: str) -> bytes:
    """The package with a new [Content_Types].xml."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w",
                                                                  zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            retyped = info.filename == "[Content_Types].xml"
            dst.writestr(info, types.encode("utf-8") if retyped else src.read(info))
    return out.getvalue()


@lru_cache(maxsize=8)
def _inspect(path: Path, stamp: tuple) -> TemplateInfo:
    prs = open_template(path)
    layouts = {}
    for layout in prs.slide_layouts:
        found = []
        # the same reading of placeholder types as the renderer's (oxml.placeholders)
        for role, idx, ph in oxml.placeholders(layout):
            if role is None:
                continue
            box = None
            if ph.width and ph.height:
                box = Box(ph.left / EMU_PER_PT, ph.top / EMU_PER_PT, ph.width / EMU_PER_PT,
                          ph.height / EMU_PER_PT)
            found.append(Placeholder(role, idx, box))
        layouts.setdefault(layout.name, LayoutInfo(layout.name, tuple(found)))
    return TemplateInfo(path, prs.slide_width / EMU_PER_PT, prs.slide_height / EMU_PER_PT,
                        layouts)


def inspect_template(path: Path) -> TemplateInfo:
    """Slide size and every layout's placeholders, in points. Raises TemplateError."""
    path = Path(path)
    st = path.stat()  # a replaced file can keep its modification time: size and inode too
    return _inspect(path, (st.st_mtime_ns, st.st_size, st.st_ino))
