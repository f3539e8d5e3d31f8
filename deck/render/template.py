"""Templates: a .pptx or .potx whose slide masters and layouts a deck is built on.

`inspect_template` reads what the layout stage needs (slide size, each layout's placeholders
and where they are) into plain data, so layout never sees python-pptx; `open_template` gives
the renderer the presentation to add slides to, without the template's own slides.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

import msgspec
from pptx import Presentation

from ..plan import TemplateInfo

EMU_PER_PT = 12700


def __getattr__(name: str):
    """`TemplateError` (oxml.opc.TemplateProblem: the template cannot be used, the message says
    why), imported with the sanitiser only when a deck has a template (issue 17's cold start)."""
    if name == "TemplateError":
        from .oxml.opc import TemplateProblem

        return TemplateProblem
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@lru_cache(maxsize=4)
def _clean(path: Path, stamp: tuple) -> tuple[bytes, tuple[str, ...]]:
    """The template's package as `oxml.sanitize` leaves it, read once per version of the file
    (`stamp`): inspecting it and every build in a watch session reuse it."""
    from ..files import MAX_FILE_BYTES
    from .oxml.sanitize import TemplateProblem, clean_template

    with open(path, "rb") as fh:  # the caller checked it is a regular file; bound it anyway
        data = fh.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise TemplateProblem(f"is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB, the limit")
    clean, notes = clean_template(data, Path(path).parent)
    return clean, tuple(notes)


def _stamp(path: Path) -> tuple:
    st = path.stat()  # a replaced file can keep its modification time: size and inode too
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def open_template(path: Path | None):
    """A python-pptx Presentation on the template's masters and layouts, with no slides: the
    sanitised package (oxml.sanitize), so nothing of the template but its design is carried
    over. A .potx opens like a .pptx (the sanitiser writes a presentation's content type)."""
    if path is None:
        return Presentation()
    from .oxml.opc import TemplateProblem

    path = Path(path)
    data, _notes = _clean(path, _stamp(path))
    try:
        return Presentation(io.BytesIO(data))
    except Exception as exc:  # python-pptx raises many types for what it cannot read
        raise TemplateProblem(f"cannot be read: {type(exc).__name__}: {exc}"[:300]) from None


@lru_cache(maxsize=8)
def _inspect(path: Path, stamp: tuple) -> TemplateInfo:
    from .analyse import read_template  # every master and layout: render/analyse.py

    return read_template(open_template(path), path)


def inspect_template(path: Path) -> TemplateInfo:
    """Slide size and every layout's placeholders, in points, and what the sanitiser left
    behind (`notes`). Raises TemplateError."""
    path = Path(path)
    stamp = _stamp(path)
    info = _inspect(path, stamp)
    return msgspec.structs.replace(info, notes=_clean(path, stamp)[1])
