"""Themes: colours, typefaces, type sizes and slide geometry, in points.

The defaults below are the `default` theme. A theme file (`assets/themes/<name>/theme.yaml`, or
any folder or file given by path) overrides any of them, so a brand theme can be three lines.
Font names are what is written into the file; each face also names the font files `measure`
reads, metric-compatible with that name (Carlito for Calibri), so PowerPoint and LibreOffice
wrap text as planned. Loading and checking theme files is `themes.py`.
"""

# Annotations are objects, not strings (no `from __future__ import annotations`): msgspec
# compiles each string annotation on the first convert, ~2 ms of a cold build (issue 17).
from pathlib import Path
from typing import Literal, Union

import msgspec
from msgspec import Struct


def _assets_dir() -> Path:
    """`assets/` of the repository, installed as `deck/assets` by `pip install .`."""
    here = Path(__file__).resolve().parent
    installed = here / "assets"
    return installed if (installed / "fonts").is_dir() else here.parent / "assets"


ASSETS = _assets_dir()
FONTS = ASSETS / "fonts"
SLIDE_W = 960.0  # 13.333 in × 72 pt: 16:9
SLIDE_H = 540.0  # 7.5 in × 72 pt


class _Part(Struct, forbid_unknown_fields=True, frozen=True):
    """Base of theme structs: unknown keys in a theme file are errors."""


class FontFace(_Part):
    """A typeface: the name written into the deck, and the files measured for it. Files are
    relative to the theme's folder or to the shipped fonts; missing styles use `regular`."""

    name: str
    regular: str
    bold: str = ""
    italic: str = ""
    bold_italic: str = ""

    def file(self, bold: bool, italic: bool) -> str:
        """The file for a style: the exact one, else the closest that exists."""
        if bold and italic:
            return self.bold_italic or self.bold or self.italic or self.regular
        if bold:
            return self.bold or self.regular
        if italic:
            return self.italic or self.regular
        return self.regular


CALIBRI = FontFace("Calibri", str(FONTS / "Carlito-Regular.ttf"), str(FONTS / "Carlito-Bold.ttf"),
                   str(FONTS / "Carlito-Italic.ttf"), str(FONTS / "Carlito-BoldItalic.ttf"))
COURIER = FontFace("Courier New", str(FONTS / "LiberationMono-Regular.ttf"),
                   str(FONTS / "LiberationMono-Bold.ttf"))


class Palette(_Part):
    """Colours as RRGGBB hex strings. Text colours must reach 4.5:1 against the background
    they sit on, the accent 3:1 against the muted chart colour (WCAG AA)."""

    background: str = "FAFAF8"
    text: str = "1F2937"
    muted: str = "5B6472"  # captions, attributions, footers
    accent: str = "C2410C"  # one accent colour: figures, bullets, links, highlighted data
    dark: str = "1F2937"  # section dividers and table headers
    on_dark: str = "F9FAFB"
    muted_on_dark: str = "A7B0BE"
    accent_on_dark: str = "FB923C"
    surface: str = "F1EFEA"  # zebra rows of tables
    rule: str = "D6D3CD"  # thin lines: axes, gridlines
    chart_muted: str = "C5CBD3"  # bars that are not highlighted: 3.2:1 against the accent
    series: tuple[str, ...] = ("C2410C", "1F4E79", "6B8E23", "8E44AD", "B7950B", "5B6472")


# The palettes a template's background can call for, whatever the theme's: the default theme's
# on light slides, the stage theme's (assets/themes/stage) on dark ones (tests/test_template_
# analysis.py checks this copy against the file).
LIGHT_PALETTE = Palette()
DARK_PALETTE = Palette(
    background="111827", text="F3F4F6", muted="A5AFBD", accent="FBBF24", dark="2B3A55",
    on_dark="F9FAFB", muted_on_dark="A5AFBD", accent_on_dark="FBBF24", surface="1C2536",
    rule="374151", chart_muted="4B5563",
    series=("FBBF24", "60A5FA", "34D399", "F472B6", "A78BFA", "F87171"))


class Fonts(_Part):
    """Typefaces. East-Asian faces are per language (BCP 47 primary subtag). Inline `code` is
    always Courier New (measured with Liberation Mono): not a theme choice."""

    body: FontFace = CALIBRI
    heading: Union[FontFace, None] = None  # titles, section titles, key figures; default: body
    east_asian: dict[str, str] = msgspec.field(default_factory=lambda: {
        "zh-Hant": "Microsoft JhengHei", "zh": "Microsoft YaHei", "ja": "Yu Gothic",
        "ko": "Malgun Gothic",
    })

    def face(self, role: str) -> FontFace:
        """The face for a text role's `font`: "body" or "heading"."""
        return (self.heading or self.body) if role == "heading" else self.body

    def east_asian_for(self, lang: str) -> str:
        """The East-Asian typeface for a BCP 47 tag such as zh-CN, zh-TW or ja-JP."""
        primary = lang.split("-")[0].lower()
        if primary == "zh" and any(t in lang for t in ("Hant", "TW", "HK", "MO")):
            return self.east_asian.get("zh-Hant", self.east_asian.get("zh", ""))
        return self.east_asian.get(primary, self.east_asian.get("zh", ""))


class TextStyle(_Part):
    """A text role: its theme size, the smallest it may shrink to, its line pitch, its face."""

    size: float
    min_size: float
    line: float = 1.2  # line pitch as a multiple of the size (written as exact spacing)
    bold: bool = False
    italic: bool = False
    font: Literal["body", "heading"] = "body"


class Sizes(_Part):
    title: TextStyle = TextStyle(36, 28, 1.1, bold=True, font="heading")
    deck_title: TextStyle = TextStyle(54, 36, 1.05, bold=True, font="heading")
    subtitle: TextStyle = TextStyle(26, 20, 1.2)
    byline: TextStyle = TextStyle(18, 14)
    section: TextStyle = TextStyle(48, 32, 1.1, bold=True, font="heading")
    agenda: TextStyle = TextStyle(22, 18, 1.2)  # the slide titles listed on a section divider
    body: TextStyle = TextStyle(26, 18, 1.2)
    text: TextStyle = TextStyle(24, 18, 1.25)
    figure: TextStyle = TextStyle(140, 60, 1.0, bold=True, font="heading")
    figure_caption: TextStyle = TextStyle(30, 20, 1.2)
    quote: TextStyle = TextStyle(32, 20, 1.25, italic=True)
    attribution: TextStyle = TextStyle(20, 14, 1.2)
    table: TextStyle = TextStyle(22, 14, 1.15)
    caption: TextStyle = TextStyle(14, 12, 1.2)
    sources: TextStyle = TextStyle(22, 18, 1.2)
    footer: TextStyle = TextStyle(12, 12, 1.2)
    chart: TextStyle = TextStyle(18, 14, 1.2)  # axis and category labels
    chart_labels: TextStyle = TextStyle(20, 14, 1.2, bold=True)  # data labels


class Geometry(_Part):
    """Where things go, in points on a 960 × 540 slide (scaled for other slide sizes)."""

    margin_x: float = 60.0
    title_top: float = 36.0
    title_gap: float = 26.0  # from the title's last line to the body
    body_bottom: float = 484.0  # content stays above the footer band
    footer_top: float = 506.0
    gutter: float = 40.0  # between two columns


class Layouts(_Part):
    """Which layout of the template each kind of slide uses, by the name PowerPoint shows.
    A slide can name another with `layout:`. `blank` is for slides without a title."""

    title: str = "Title Slide"
    section: str = "Section Header"
    statement: str = "Title Only"
    bullets: str = "Title and Content"
    quote: str = "Title Only"
    table: str = "Title Only"
    chart: str = "Title Only"
    image: str = "Title Only"
    two_column: str = "Two Content"
    grid: str = "Title Only"
    sources: str = "Title and Content"
    blank: str = "Blank"


class Backgrounds(_Part):
    """Optional full-slide background images (PNG or JPEG), relative to the theme's folder."""

    title: Union[str, None] = None
    section: Union[str, None] = None
    content: Union[str, None] = None


class Theme(_Part):
    name: str = "default"
    palette: Palette = Palette()
    fonts: Fonts = Fonts()
    sizes: Sizes = Sizes()
    geometry: Geometry = Geometry()
    layouts: Layouts = Layouts()
    backgrounds: Backgrounds = Backgrounds()
    slide_w: float = SLIDE_W
    slide_h: float = SLIDE_H

    def face(self, style: TextStyle) -> FontFace:
        """The face a text role is set in."""
        return self.fonts.face(style.font)


DEFAULT = Theme()
