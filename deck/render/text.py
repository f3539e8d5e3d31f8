"""Paragraphs and styled runs into text frames, with explicit sizes and spacing.

Nothing here relies on auto-fit: the layout chose the size, so every run gets it, every
paragraph gets exact line spacing, and every frame has no autofit and zero insets.
"""

from __future__ import annotations

import re

from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Emu, Pt

from ..layout.text import hang, indent
from ..markup import Run, split_lines
from ..measure import is_wide
from ..plan import Para, TextShape
from ..theme import COURIER, Theme
from . import oxml

BULLET_CHARS = ("•", "–", "▪")  # per level: sub-bullets are told apart by mark and indent
ALIGN = {"left": "l", "center": "ctr", "right": "r"}
ANCHOR = {"top": "t", "middle": "ctr", "bottom": "b"}
_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
_KANA = re.compile("[\u3040-\u30ff\u31f0-\u31ff]")


def script_segments(text: str) -> list[tuple[str, bool]]:
    """Split text into (segment, is_east_asian) stretches, so each gets its own `lang`."""
    if text.isascii():  # no wide character in it: one stretch (none for "")
        return [(text, False)] if text else []
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
    if is_cjk(deck_lang):
        return deck_lang
    if _HANGUL.search(text):
        return "ko-KR"
    if _KANA.search(text):
        return "ja-JP"
    return "zh-CN"


class RunStyle:
    """The base style of a block's runs; markup adds bold, italic, code and links on top.
    `part` is the slide part, which holds the relationships of hyperlinks."""

    def __init__(self, size: float, color: str, bold: bool, italic: bool, theme: Theme, lang: str,
                 part, font: str):
        self.size, self.color, self.bold, self.italic = size, color, bold, italic
        self.theme, self.lang, self.part, self.font = theme, lang, part, font


def fill_text_frame(text_frame, shape: TextShape, theme: Theme, lang: str, part) -> None:
    """Write the shape's paragraphs into an existing text frame (a text box or placeholder)."""
    oxml.set_body(text_frame, anchor=ANCHOR[shape.anchor])
    style = RunStyle(shape.size, shape.color, shape.bold, shape.italic, theme, lang, part,
                     shape.font)
    write_paragraphs(oxml.text_body(text_frame), shape.paras, style, shape.line, shape.bullet_color)


def write_paragraphs(body, paras: tuple[Para, ...], style: RunStyle, line: float,
                     bullet_color: str | None = None) -> None:
    """Replace the paragraphs of a text body (`oxml.text_body`) with `paras` set at
    `style.size`, `line` × size apart."""
    body = oxml.clear_paragraphs(body)
    size = style.size
    for k, para in enumerate(paras):
        bullet = None
        if para.bullet or para.number is not None:
            bullet = (Pt(indent(para) * size), Pt(hang(para) * size), bullet_color,
                      BULLET_CHARS[min(para.level, 2)], para.number)
        p = oxml.add_paragraph(body, align=ALIGN[para.align], line=size * line,
                               before=para.space_before * size if k else 0.0, rtl=para.rtl,
                               bullet=bullet)
        last = style.lang
        for n, line_runs in enumerate(split_lines(para.runs)):
            if n:
                oxml.add_line_break(p, size=size, lang=style.lang)
            for run in line_runs:
                last = add_run(p, run, style) or last
        # the paragraph mark in the last run's language, not contradicting it (issue 12)
        oxml.end_paragraph(p, size=size, lang=last)


def add_run(p, run: Run, style: RunStyle) -> str | None:
    """Add a marked-up run, split by script so East-Asian text gets its own language tag.
    Returns the language of its last piece (None for an empty run)."""
    fonts = style.theme.fonts
    link_rid = (style.part.relate_to(run.link, RT.HYPERLINK, is_external=True)
                if run.link else None)
    lang = None
    for text, wide in script_segments(run.text):
        lang = east_asian_lang(text, style.lang) if wide else style.lang
        oxml.add_run(p, text, size=style.size,
                     color=style.theme.palette.accent if run.link else style.color,
                     latin=COURIER.name if run.code else style.font,
                     east_asian=fonts.east_asian_for(lang), lang=lang,
                     bold=run.bold or style.bold, italic=run.italic or style.italic,
                     underline=bool(run.link), link_rid=link_rid)
    return lang


def write_notes(body, text: str, theme: Theme, lang: str) -> None:
    """Speaker notes into the notes placeholder's text body (`oxml.text_body`): a paragraph a
    line, `\\v` a line break, runs split by script and tagged like the slides' (python-pptx's
    bare runs fell back to the notes master's en-US). Size, colour and Latin face stay the
    notes master's."""
    body = oxml.clear_paragraphs(body)
    for line in text.split("\n"):
        p = oxml.add_plain_paragraph(body)
        last = lang
        for n, piece in enumerate(line.split("\v")):
            if n:
                oxml.add_line_break(p, size=None, lang=lang)
            for segment, wide in script_segments(piece):
                last = east_asian_lang(segment, lang) if wide else lang
                oxml.add_plain_run(p, segment, lang=last,
                                   east_asian=theme.fonts.east_asian_for(last))
        oxml.end_paragraph(p, size=None, lang=last)


def is_cjk(lang: str) -> bool:
    """True for a BCP 47 tag of Chinese, Japanese or Korean."""
    return lang.split("-")[0].lower() in ("zh", "ja", "ko")


def deck_east_asian(theme: Theme, lang: str) -> str | None:
    """The East-Asian typeface a CJK deck's text styles name (None for other languages, whose
    masters keep their theme's)."""
    return theme.fonts.east_asian_for(lang) if is_cjk(lang) else None


def east_asian_face(theme: Theme, text: str, lang: str) -> str:
    """The East-Asian typeface for `text` in a deck in `lang`: the deck's for a CJK deck, else
    the one of the text's script (as runs get it)."""
    return theme.fonts.east_asian_for(east_asian_lang(text, lang))


def emu(points: float) -> Emu:
    return Emu(int(round(points * 12700)))
