"""The article on every template LibreOffice ships (converted to .pptx by LibreOffice): each
builds, gives a valid package (one member per name, no external target, no DTD, the OOXML
schemas and PowerPoint's rules), and renders with every line of text inside its shape.
Needs LibreOffice: skipped on a developer machine without it, a failure in CI."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from conftest import ARTICLE, needs_libreoffice
from field_templates import EXPECTED, convert, template_sources

NAMES = [p.stem for p in template_sources()]


@pytest.fixture(scope="module")
def field(tmp_path_factory):
    """{template name: (deck path or the error, PDF or None)}: every template converted, the
    article built on each, and all the decks converted to PDF with one LibreOffice start."""
    needs_libreoffice()
    import deck
    from deck.errors import DeckError
    from deck.office import find_soffice, to_pdfs

    base = tmp_path_factory.mktemp("field")
    templates = convert(template_sources(), base / "templates", find_soffice())
    built: dict[str, Path | str] = {}
    for template in templates:
        try:
            name = template.stem.removeprefix("handmade-")
            built[name] = deck.build(ARTICLE, template=str(template),
                                              output=base / "decks" / f"audited-{name}.pptx"
                                              ).output
        except DeckError as exc:
            built[name] = str(exc)
    decks = [p for p in built.values() if isinstance(p, Path)]
    pdfs = to_pdfs(decks, base / "pdf") if decks else {}
    return {name: (out, pdfs.get(out)) for name, out in built.items()}


def it_finds_all_of_libreoffices_templates():
    if os.environ.get("CI") or NAMES:
        assert len(NAMES) == EXPECTED, NAMES
    else:
        pytest.skip("LibreOffice not installed (the field corpus runs in CI)")


@pytest.mark.parametrize("name", NAMES)
def it_builds_the_article_on_a_libreoffice_template(field, name):
    from validity import audit

    out, _ = field[name]
    assert isinstance(out, Path), out
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        assert len(names) == len(set(names)), "a zip member twice"
        for member in names:
            if member.endswith((".xml", ".rels")):
                text = z.read(member)
                assert b"<!DOCTYPE" not in text, member
                assert b'TargetMode="External"' not in text, member
    assert audit(out) == []


@pytest.mark.parametrize("name", NAMES)
def it_renders_the_article_on_a_libreoffice_template_inside_every_shape(field, name):
    from pdfcheck import pdf_problems
    from pptx import Presentation

    out, pdf = field[name]
    assert isinstance(out, Path), out
    assert pdf is not None, "LibreOffice could not convert the deck"
    assert pdf_problems(pdf, Presentation(str(out)), f"{name} slide") == []


@pytest.mark.parametrize("name", NAMES)
def it_keeps_every_text_readable_on_a_libreoffice_templates_background(field, name):
    """Each text span against the pixels under it once the text is erased (pictures and
    drawings kept): at least 4.5:1, or 3:1 for large type (24 pt on a 13.33 in slide)."""
    import pymupdf
    from contrast import page_contrast

    out, pdf = field[name]
    assert pdf is not None, out
    poor = []
    with pymupdf.open(pdf) as doc:
        for k in range(doc.page_count):
            poor += [f"slide {k + 1}: '{text[:30]}' {size:.0f} pt at {got:.2f}:1 (needs {need:g})"
                     for text, size, got, need in page_contrast(doc, k) if got < need - 0.01]
    assert poor == []
