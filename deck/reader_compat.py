"""Decks of ours that another application saved, read as ours (in memory; nothing is written).

LibreOffice, saving a .pptx, renames every placeholder "PlaceHolder N" (our "Title",
"Bullets", "Subtitle", "Agenda") and writes the core properties' relationship with a type
python-pptx does not know (`officedocument/2006/relationships/metadata/core-properties`,
where the standard says `package/2006/…`), so python-pptx would read a default title
("PowerPoint Presentation") and no author or language.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

LO_PLACEHOLDER = re.compile(r"PlaceHolder \d+")
CORE_TYPE = "/metadata/core-properties"
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"
CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
MAX_CORE = 1 << 20  # bytes of docProps/core.xml read at most


def restore_names(slide, ours: set[str]) -> None:
    """Our placeholders' names back from their types, on a slide that still has shapes named
    as ours (`ours`: the names deck gives); a foreign slide is left as it is."""
    from pptx.enum.shapes import PP_PLACEHOLDER as PH

    names = {s.name for s in slide.shapes}
    if not names & ours:
        return
    for s in slide.shapes:
        if not (s.is_placeholder and LO_PLACEHOLDER.fullmatch(s.name)):
            continue
        kind = s.placeholder_format.type
        if kind in (PH.TITLE, PH.CENTER_TITLE):
            # a title above the slide is the hidden one screen readers get (a11y.py)
            s.name = "Title (hidden)" if (s.top or 0) < 0 else "Title"
        elif kind == PH.SUBTITLE:
            s.name = "Subtitle"
        elif kind in (PH.BODY, PH.OBJECT):
            s.name = "Agenda" if "Section number" in names else "Bullets"


def restore_core_properties(prs, path: Path) -> None:
    """The core properties (title, subject, author, language, created) from a core part
    python-pptx did not find by its relationship's type, copied into `prs` in memory."""
    from lxml import etree

    try:
        with zipfile.ZipFile(path) as z:
            rels = z.read("_rels/.rels") if "_rels/.rels" in z.namelist() else b""
            found = re.search(rb'Type="[^"]*officedocument/2006/relationships'
                              rb'/metadata/core-properties"\s+Target="/?([^"]+)"', rels) or \
                re.search(rb'Target="/?([^"]+)"\s+Type="[^"]*officedocument/2006/'
                          rb'relationships/metadata/core-properties"', rels)
            if not found:
                return
            info = z.getinfo(found.group(1).decode())
            if info.file_size > MAX_CORE:
                return
            root = etree.fromstring(z.read(info), etree.XMLParser(resolve_entities=False,
                                                                 no_network=True))
    except (KeyError, OSError, ValueError, zipfile.BadZipFile, etree.XMLSyntaxError):
        return
    core = prs.core_properties
    for attr, tag in (("title", f"{{{DC}}}title"), ("subject", f"{{{DC}}}subject"),
                      ("author", f"{{{DC}}}creator"), ("language", f"{{{DC}}}language")):
        text = root.findtext(tag)
        setattr(core, attr, text or "")
    created = root.findtext(f"{{{DCTERMS}}}created")
    if created:
        from datetime import datetime

        try:
            core.created = datetime.fromisoformat(created.replace("Z", "+00:00"))
        except ValueError:
            pass
