"""Themes: colours, typefaces, type sizes and slide geometry, in points.

A theme is plain data read by the layout (sizes, margins) and the renderers (colours, font names).
Font names are what is written into the file; `measure` uses the metric-compatible files shipped
in `assets/fonts/` (Carlito for Calibri), so both PowerPoint and LibreOffice wrap as planned.
"""

from __future__ import annotations

from pathlib import Path

import msgspec
from msgspec import Struct


def _assets_dir() -> Path:
    """`assets/` of the repository, installed as `deck/assets` by `pip install .`."""
    here = Path(__file__).resolve().parent
    installed = here / "assets"
    return installed if (installed / "fonts").is_dir() else here.parent / "assets"


ASSETS = _assets_dir()
SLIDE_W = 960.0  # 13.333 in × 72 pt: 16:9
SLIDE_H = 540.0  # 7.5 in × 72 pt


class Palette(Struct, frozen=True):
    """Colours as RRGGBB hex strings."""

    background: str = "FAFAF8"
    text: str = "1F2937"
    muted: str = "5B6472"  # captions, attributions, footers: 5.9:1 on the background
    accent: str = "C2410C"  # one accent colour: figures, bullets, highlighted data
    dark: str = "1F2937"  # section divider background
    on_dark: str = "F9FAFB"
    muted_on_dark: str = "A7B0BE"  # 7.0:1 on the dark background
    accent_on_dark: str = "FB923C"
    surface: str = "F1EFEA"  # zebra rows of tables
    rule: str = "D6D3CD"  # thin lines
    chart_muted: str = "B8BEC7"  # bars that are not highlighted: 3.1:1 against the accent
    series: tuple[str, ...] = ("C2410C", "1F4E79", "6B8E23", "8E44AD", "B7950B", "5B6472")


class Fonts(Struct, frozen=True):
    """Typefaces written into the file. East-Asian faces are per language (primary subtag)."""

    latin: str = "Calibri"
    mono: str = "Courier New"
    east_asian: dict[str, str] = msgspec.field(default_factory=lambda: {
        "zh-Hant": "Microsoft JhengHei", "zh": "Microsoft YaHei", "ja": "Yu Gothic",
        "ko": "Malgun Gothic",
    })

    def east_asian_for(self, lang: str) -> str:
        """The East-Asian typeface for a BCP 47 tag such as zh-CN, zh-TW or ja-JP."""
        primary = lang.split("-")[0].lower()
        if primary == "zh" and any(t in lang for t in ("Hant", "TW", "HK", "MO")):
            return self.east_asian["zh-Hant"]
        return self.east_asian.get(primary, self.east_asian["zh"])


class TextStyle(Struct, frozen=True):
    """A text role: its theme size, the smallest it may shrink to, and its line pitch."""

    size: float
    min_size: float
    line: float = 1.2  # line pitch as a multiple of the size (written as exact spacing)
    bold: bool = False
    italic: bool = False


class Sizes(Struct, frozen=True):
    title: TextStyle = TextStyle(36, 28, 1.1, bold=True)
    deck_title: TextStyle = TextStyle(54, 36, 1.05, bold=True)
    subtitle: TextStyle = TextStyle(26, 20, 1.2)
    byline: TextStyle = TextStyle(18, 14)
    section: TextStyle = TextStyle(48, 32, 1.1, bold=True)
    agenda: TextStyle = TextStyle(22, 18, 1.2)  # the slide titles listed on a section divider
    body: TextStyle = TextStyle(26, 18, 1.2)
    text: TextStyle = TextStyle(24, 18, 1.25)
    figure: TextStyle = TextStyle(140, 60, 1.0, bold=True)
    figure_caption: TextStyle = TextStyle(30, 20, 1.2)
    quote: TextStyle = TextStyle(32, 20, 1.25, italic=True)
    attribution: TextStyle = TextStyle(20, 14, 1.2)
    table: TextStyle = TextStyle(22, 14, 1.15)
    caption: TextStyle = TextStyle(14, 12, 1.2)
    sources: TextStyle = TextStyle(22, 18, 1.2)
    footer: TextStyle = TextStyle(12, 12, 1.2)
    chart: TextStyle = TextStyle(18, 14, 1.2)  # axis and category labels
    chart_labels: TextStyle = TextStyle(20, 14, 1.2, bold=True)  # data labels


class Geometry(Struct, frozen=True):
    """Where things go on a 960 × 540 pt slide."""

    margin_x: float = 60.0
    title_top: float = 36.0
    title_gap: float = 26.0  # from the title's last line to the body
    body_bottom: float = 484.0  # content stays above the footer band
    footer_top: float = 506.0
    gutter: float = 40.0  # between two columns


class Theme(Struct, frozen=True):
    name: str = "default"
    palette: Palette = Palette()
    fonts: Fonts = Fonts()
    sizes: Sizes = Sizes()
    geometry: Geometry = Geometry()
    slide_w: float = SLIDE_W
    slide_h: float = SLIDE_H


THEMES = {"default": Theme()}


def get_theme(name: str) -> Theme | None:
    """The named built-in theme, or None."""
    return THEMES.get(name)
