"""Paragraphs and styled runs into python-pptx text frames, with explicit sizes and spacing.

Nothing here relies on auto-fit: the layout chose the size, so every run gets it, every
paragraph gets exact line spacing, and every frame has no autofit and zero insets.
"""

from __future__ import annotations

import re

from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Emu, Pt

from ..layout.text import BULLET_INDENT, NUMBER_EXTRA, indent
from ..markup import Run, split_lines
from ..measure import is_wide
from ..plan import Para, TextShape
from ..theme import Theme
from . import oxml

BULLET_CHARS = ("•", "–", "·")  # per level: sub-bullets are told apart by mark and indent
ALIGN = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}
ANCHOR = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}
_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
_KANA = re.compile("[\u3040-\u30ff\u31f0-\u31ff]")


def script_segments(text: str) -> list[tuple[str, bool]]:
    """Split text into (segment, is_east_asian) stretches, so each gets its own `lang`."""
    out: list[tuple[str, bool]] = []
    for ch in text:
        wide = is_wide(ch)
        if out and (out[-1][1] == wide or ch.isspace()):
            out[-1] = (out[-1][0] + ch, out[-1][1])
        else:
            out.append((ch, wide))
    return out


def east_asian_lang(text: str, deck_lang: str) -> str:
    """The language of an East-Asian stretch: the deck's if it is CJK, else from the script."""
    if deck_lang.split("-")[0].lower() in ("zh", "ja", "ko"):
        return deck_lang
    if _HANGUL.search(text):
        return "ko-KR"
    if _KANA.search(text):
        return "ja-JP"
    return "zh-CN"


def setup_frame(text_frame, *, anchor: str = "top") -> None:
    """No autofit, no insets, word wrap on: the box is exactly the planned text area."""
    text_frame.word_wrap = True
    text_frame.auto_size = MSO_AUTO_SIZE.NONE
    text_frame.margin_left = text_frame.margin_right = 0
    text_frame.margin_top = text_frame.margin_bottom = 0
    text_frame.vertical_anchor = ANCHOR[anchor]


def fill_text_frame(text_frame, shape: TextShape, theme: Theme, lang: str) -> None:
    """Write the shape's paragraphs into an existing text frame (a text box or placeholder)."""
    setup_frame(text_frame, anchor=shape.anchor)
    style = RunStyle(shape.size, shape.color, shape.bold, shape.italic, theme, lang)
    write_paragraphs(text_frame, shape.paras, style, shape.line, shape.bullet_color)


class RunStyle:
    """The base style of a block's runs; markup adds bold, italic, code and links on top."""

    def __init__(self, size: float, color: str, bold: bool, italic: bool, theme: Theme, lang: str):
        self.size, self.color, self.bold, self.italic = size, color, bold, italic
        self.theme, self.lang = theme, lang
        self.rgb = RGBColor.from_string(color)
        self.accent = RGBColor.from_string(theme.palette.accent)


def write_paragraphs(text_frame, paras: tuple[Para, ...], style: RunStyle, line: float,
                     bullet_color: str | None = None) -> None:
    for k, para in enumerate(paras):
        p = text_frame.paragraphs[0] if k == 0 else text_frame.add_paragraph()
        if k == 0:
            for r in list(p.runs):  # a placeholder may come with an empty run
                p._p.remove(r._r)
        size = style.size
        p.alignment = ALIGN["right" if para.rtl and para.align == "left" else para.align]
        p.line_spacing = Pt(size * line)
        p.space_before = Pt(para.space_before * style.size) if k else Pt(0)
        p.space_after = Pt(0)
        if para.bullet or para.number is not None:
            p.level = min(para.level, 8)
            hang = BULLET_INDENT + (NUMBER_EXTRA if para.number is not None else 0.0)
            oxml.set_paragraph_bullet(p, level_indent=Pt(indent(para) * size), hang=Pt(hang * size),
                                      color=bullet_color, number=para.number,
                                      char=BULLET_CHARS[min(para.level, 2)])
        if para.rtl:
            oxml.set_paragraph_rtl(p)
        for n, line_runs in enumerate(split_lines(para.runs)):
            if n:
                p.add_line_break()
            for run in line_runs:
                add_run(p, run, style, size)


def add_run(paragraph, run: Run, style: RunStyle, size: float) -> None:
    """Add a marked-up run, split by script so East-Asian text gets its own language tag."""
    fonts = style.theme.fonts
    for text, wide in script_segments(run.text):
        r = paragraph.add_run()
        r.text = text
        font = r.font
        font.size = Pt(size)
        font.bold = run.bold or style.bold
        font.italic = run.italic or style.italic
        font.color.rgb = style.accent if run.link else style.rgb
        font.name = fonts.mono if run.code else fonts.latin
        lang = east_asian_lang(text, style.lang) if wide else style.lang
        oxml.set_run_fonts(r, east_asian=fonts.east_asian_for(lang if wide else style.lang), lang=lang)
        if run.link:
            r.hyperlink.address = run.link
            font.underline = True


def emu(points: float) -> Emu:
    return Emu(int(round(points * 12700)))
