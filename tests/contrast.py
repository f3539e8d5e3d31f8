"""Contrast as a reader sees it: each text span's colour against the pixels under it, with the
text itself erased (PyMuPDF redactions that keep pictures and drawings), in a rendered PDF."""

from __future__ import annotations

LARGE_PT = 24.0  # WCAG "large text" (18 pt) on a 13.33 in slide; scaled with the page width
SLIDE_W = 960.0


def _luminance(rgb) -> float:  # an oracle of its own, not deck.themes: a test must not share the bug it looks for
    def channel(c: float) -> float:
        c /= 255.0
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def ratio(a, b) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def page_contrast(doc, number: int, zoom: float = 1.0) -> list[tuple[str, float, float, float]]:
    """(text, size in pt, contrast against the median background pixel, the least ratio the
    span needs) for every text span on page `number` of `doc` (a pymupdf Document)."""
    import pymupdf

    page = doc[number]
    spans = [s for block in page.get_text("dict")["blocks"] for line in block.get("lines", [])
             for s in line["spans"] if s["text"].strip()]
    for span in spans:
        page.add_redact_annot(pymupdf.Rect(span["bbox"]))
    page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_NONE,
                          graphics=pymupdf.PDF_REDACT_LINE_ART_NONE,
                          text=pymupdf.PDF_REDACT_TEXT_REMOVE)
    pix = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False)
    scale = page.rect.width / SLIDE_W
    found = []
    for span in spans:
        x0, y0, x1, y1 = (int(v * zoom) for v in span["bbox"])
        pixels = [pix.pixel(x, y) for x in range(max(x0, 0), min(x1, pix.width), 2)
                  for y in range(max(y0, 0), min(y1, pix.height), 2)]
        if not pixels:
            continue
        colour = span["color"]
        fg = ((colour >> 16) & 255, (colour >> 8) & 255, colour & 255)
        ratios = sorted(ratio(fg, p) for p in pixels)
        need = 3.0 if span["size"] >= LARGE_PT * scale else 4.5
        found.append((span["text"], span["size"], ratios[len(ratios) // 2], need))
    return found
