"""Text measurement with real font metrics: run widths, line wrapping, block heights.

Widths come from the font files of the theme's faces (by default the shipped Carlito, metric-
compatible with Calibri; code in Liberation Mono for Courier New), read by Pillow's FreeType
binding at 1000 px per em so hinting does not distort them. Characters the font lacks are
measured as the fallback font would draw them: East-Asian wide/full-width characters (CJK
ideographs, kana, Hangul, full-width punctuation) are 1 em in every CJK font; the rest use the
font's own fallback advance.

Wrapping is greedy, as in PowerPoint and LibreOffice: break at spaces, after a hyphen between
letters, between any two CJK characters except before closing punctuation, and inside a word only
when the word alone is wider than the line (then after its last `/` or `-` that fits). The
engines differ in small ways (kerning, rounding), so lines are filled to `WRAP_SAFETY` of the
width: checked against LibreOffice renders, this never predicts fewer lines than it draws.
"""

from __future__ import annotations

import math
import re
import unicodedata
from functools import cache, lru_cache

from msgspec import Struct
from PIL import ImageFont

from .markup import Run, split_lines
from .theme import CALIBRI, COURIER, FontFace

UNITS = 1000  # the pixel size fonts are loaded at: widths come out in 1/1000 em
WRAP_SAFETY = 0.965  # measure against 96.5 % of the box: kerning and rounding differ per engine
AUTOSPACE = 0.25  # em LibreOffice adds between CJK and Latin letters; PowerPoint adds none

# No line may start with these (closing punctuation) or end with the opening ones.
_NO_BREAK_BEFORE = set("，。、；：？！）」』】〉》〕］｝,.;:?!)]}%’”·・ー々〜…‥"
                       "ぁぃぅぇぉっゃゅょァィゥェォッャュョ")
_NO_BREAK_AFTER = set("（「『【〈《〔［｛([{‘“")
# spaces a line may break at: not the no-break ones (U+00A0, U+2007, U+202F), which join
_BREAKING = (" \t\n\x0b\x0c\r\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009"
             "\u200a\u205f\u3000")
_WORD = re.compile(f"[^{_BREAKING}]+[{_BREAKING}]*|[{_BREAKING}]+")
_HYPHEN_BREAK = re.compile(r"(?<=[^\W\d_]-)(?=[^\W\d_])")  # "open-|source": both engines break here


def is_wide(ch: str) -> bool:
    """East-Asian wide or full-width: CJK ideographs, kana, Hangul, full-width forms."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


@cache
def _font(path: str) -> ImageFont.FreeTypeFont:
    # BASIC, never raqm: Pillow picks raqm only when the machine has libraqm, and its kerning
    # would change widths (up to 5 %), hence line breaks and bytes, from machine to machine.
    # Without kerning, widths come out a little wider: the safe side.
    return ImageFont.truetype(path, UNITS, layout_engine=ImageFont.Layout.BASIC)


@lru_cache(maxsize=65536)
def _em_width(text: str, path: str) -> float:
    """Width of `text` in em (font size 1) in the font file at `path`."""
    font = _font(path)
    if text.isascii():  # nothing wide, nothing a Latin face lacks: one measurement
        return _length(font, text) / UNITS
    total = 0.0
    start = 0
    for i, ch in enumerate(text):
        wide = is_wide(ch)
        if wide or (ch > "\u058f" and _in_scripts(ch) and not _covers(path, ch)):
            if i > start:
                total += _length(font, text[start:i])
            total += UNITS if wide else MISSING_EM * UNITS
            start = i + 1
    if start < len(text):
        total += _length(font, text[start:])
    return total / UNITS


_CHUNK = 4096  # characters FreeType measures at once: its 26.6 fixed-point width of a line
# overflows 2³¹ at about 70,000 Latin letters at UNITS px, and comes back negative


def _length(font: ImageFont.FreeTypeFont, text: str) -> float:
    """`font.getlength`, in chunks: without kerning (BASIC layout) widths add up exactly."""
    if len(text) <= _CHUNK:
        return font.getlength(text)
    return sum(font.getlength(text[k:k + _CHUNK]) for k in range(0, len(text), _CHUNK))


# Scripts a Latin face often lacks (Hebrew, Arabic, Indic, Thai, Lao, Tibetan, Myanmar,
# Georgian, Khmer, Arabic and Hebrew presentation forms): only these are looked up in the
# font's character map; punctuation, Greek or Cyrillic a face lacks measure as its .notdef box
# (ranges, not a regex: compiling that character class took 1 ms of every cold build)
_SCRIPTS = (("\u0590", "\u10ff"), ("\u1780", "\u17ff"), ("\ufb1d", "\ufdff"), ("\ufe70", "\ufeff"))
MISSING_EM = 0.62  # a letter the face lacks (Arabic, Hebrew, Devanagari… in a Latin face)
# is drawn from a fallback font the engine picks; measured as this wide, a little wider than
# the fallbacks LibreOffice uses (DejaVu Sans Arabic: 0.44–0.58 em), not as the .notdef box


def _in_scripts(ch: str) -> bool:
    return any(low <= ch <= high for low, high in _SCRIPTS)


@cache
def _coverage(path: str) -> frozenset[int]:
    """The code points the font file has glyphs for (fontTools: a matplotlib dependency,
    imported only when a text goes beyond Latin)."""
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap())


def _covers(path: str, ch: str) -> bool:
    return ord(ch) in _coverage(path)


def run_width(text: str, size: float, *, bold: bool = False, italic: bool = False,
              code: bool = False, face: FontFace = CALIBRI) -> float:
    """Width of a single-style string in points at `size` pt, set in `face` (code: COURIER)."""
    return _em_width(text, (COURIER if code else face).file(bold, italic)) * size


class Piece(Struct, frozen=True):
    """An unbreakable piece of a paragraph: text in one style, plus its trailing spaces.
    Widths are in em, so one measurement serves every size."""

    text: str
    space: str
    style: tuple  # (bold, italic, code)
    glue: bool  # True: no break allowed before this piece
    em: float = 0.0  # width of `text`, plus LibreOffice's CJK/Latin autospace before it
    space_em: float = 0.0  # width of `space`


def _style_em(text: str, style: tuple, face: FontFace) -> float:
    bold, italic, code = style
    return _em_width(text, (COURIER if code else face).file(bold, italic)) if text else 0.0


@lru_cache(maxsize=16384)
def _pieces(runs: tuple[Run, ...], face: FontFace = CALIBRI) -> tuple[Piece, ...]:
    """Split styled runs into break units: words, single CJK characters, glued punctuation."""
    raw: list[list] = []  # [text, space, style, glue, autospace]
    glue_next = True  # the first piece has nothing to break from
    for run in runs:
        style = (run.bold, run.italic, run.code)
        for m in _WORD.finditer(run.text):
            token = m.group()
            word = token.rstrip(_BREAKING)
            space = token[len(word):]
            if not word:  # only spaces: they trail the previous piece
                if raw:
                    raw[-1][1] += space
                glue_next = False
                continue
            chunks = _cjk_chunks(word)
            if "-" in word:
                chunks = [part for chunk in chunks for part in _HYPHEN_BREAK.split(chunk)]
            for k, chunk in enumerate(chunks):
                glue = glue_next if k == 0 else (chunk[0] in _NO_BREAK_BEFORE or
                                                  chunks[k - 1][-1] in _NO_BREAK_AFTER)
                prev = raw[-1][0][-1] if raw and not raw[-1][1] else None
                extra = AUTOSPACE if prev and is_wide(chunk[0]) != is_wide(prev) else 0.0
                raw.append([chunk, space if k == len(chunks) - 1 else "", style, glue, extra])
            glue_next = not space
    return tuple(Piece(text, space, style, glue, _style_em(text, style, face) + extra,
                       _style_em(space, style, face)) for text, space, style, glue, extra in raw)


def _cjk_chunks(word: str) -> list[str]:
    """`word` split before and after each CJK character (a line may break between them), but
    not before closing punctuation nor after opening punctuation."""
    if word.isascii():  # nothing wide: most words, without a look at each character
        return [word]
    chunks, buf = [], ""
    for ch in word:
        if is_wide(ch) and ch not in _NO_BREAK_BEFORE:
            if buf:
                chunks.append(buf)
            buf = ch
        elif buf and is_wide(buf[-1]) and not is_wide(ch) and buf[-1] not in _NO_BREAK_AFTER:
            chunks.append(buf)
            buf = ch
        else:
            buf += ch
    chunks.append(buf)
    return chunks


def wrap_runs(runs: tuple[Run, ...], width: float, size: float,
              face: FontFace = CALIBRI) -> list[float]:
    """Greedy line wrap of styled runs into `width` pt at `size` pt. Returns each line's width.

    A newline in the text is a forced line break. An empty paragraph is one empty line. A piece
    wider than the line is cut between characters, as both PowerPoint and LibreOffice do.
    """
    if any("\n" in run.text for run in runs):
        return [w for line in split_lines(runs) for w in _wrap(line, width, size, face)]
    return _wrap(runs, width, size, face)


def _wrap(runs: tuple[Run, ...], width: float, size: float, face: FontFace) -> list[float]:
    width *= WRAP_SAFETY
    lines: list[float] = []
    line = 0.0  # width of the current line without trailing spaces
    pending = 0.0  # trailing spaces of the current line, counted only if more follows
    started = False
    for piece in _pieces(runs, face):
        w = piece.em * size
        if not started:
            line, started = w, True
        elif line + pending + w <= width or (piece.glue and
                                             line + pending + w <= width / WRAP_SAFETY):
            line += pending + w  # glued punctuation may use the safety margin rather than break
        else:
            lines.append(line)
            line = w
        # a piece alone wider than the line: cut it, a character at least each time; the last
        # character stays, however narrow the box (a zero or negative width cannot loop)
        if line > width and line == w and len(piece.text) > 1:
            line = _cut_all(piece.text, width, size, piece.style, face, lines)
        pending = piece.space_em * size
    lines.append(line)
    return lines


def _cut_all(text: str, width: float, size: float, style: tuple, face: FontFace,
             lines: list[float]) -> float:
    """Cut a piece wider than the line into lines (appended to `lines`, widths in pt); returns
    the width of its last part, which fits or is one character. Linear in the piece's length:
    each cut measures only about twice the text that fits (no copy of the rest per line)."""
    start = 0
    while len(text) - start > 1:
        cut = _cut(text, start, width, size, style, face)
        if cut is None:  # the rest fits
            break
        lines.append(cut[0])
        start += cut[1]
    return _style_em(text[start:], style, face) * size


def _cut(text: str, start: int, width: float, size: float, style: tuple,
         face: FontFace) -> tuple[float, int] | None:
    """Where an over-long word, from `start` on, breaks: (width of the first part, its length
    ≥ 1), or None when all of it fits.

    After the last `/`, `-`, `?`, `&` or `=` that fits when there is one (LibreOffice's ICU
    rules may break a URL there), else after the last character that fits. The prefix that
    fits is found by doubling, then halving: widths only grow with length (no kerning in the
    BASIC layout), so this finds what a search over the whole rest would.
    """
    bold, italic, code = style

    def fits(n: int) -> bool:
        return run_width(text[start:start + n], size, bold=bold, italic=italic, code=code,
                         face=face) <= width

    rest = len(text) - start
    lo, hi = 1, 1  # lo: a length known to fit, or 1; hi: a length that does not, or the rest
    while hi < rest and fits(hi):
        lo, hi = hi, min(2 * hi, rest)
    if hi == rest and fits(rest):
        return None
    hi -= 1
    while lo < hi:  # binary search on the prefix length
        mid = (lo + hi + 1) // 2
        if fits(mid):
            lo = mid
        else:
            hi = mid - 1
    soft = max(text.rfind(ch, start, start + lo) for ch in "/-?&=") - start
    if soft > 0:
        lo = soft + 1
    return run_width(text[start:start + lo], size, bold=bold, italic=italic, code=code,
                     face=face), lo


def count_lines(runs: tuple[Run, ...], width: float, size: float,
                face: FontFace = CALIBRI) -> int:
    """Number of lines `runs` wrap to in a box `width` pt wide at `size` pt."""
    return len(wrap_runs(runs, width, size, face))


def widest_word(runs: tuple[Run, ...], size: float, face: FontFace = CALIBRI) -> float:
    """Width in pt of the widest unbreakable piece: the narrowest a column can be."""
    return max((piece.em for piece in _pieces(runs, face)), default=0.0) * size


def natural_width(runs: tuple[Run, ...], size: float, face: FontFace = CALIBRI) -> float:
    """Width in pt of the widest line of the runs when nothing wraps (newlines still break),
    measured piece by piece as `wrap_runs` measures: a box this wide / WRAP_SAFETY holds them
    on one line each."""
    return max(wrap_runs(runs, math.inf, size, face), default=0.0)


BALANCE_LINES = 4  # titles take at most 3 lines (a deck title), 2 elsewhere
BALANCE_PIECES = 400  # words, or CJK characters: 3 lines of CJK at 28 pt hold about 100


def balance(runs: tuple[Run, ...], width: float, size: float,
            face: FontFace = CALIBRI) -> tuple[Run, ...]:
    """The runs with explicit line breaks ("\\n") that wrap them into as many lines as they
    need in `width` pt, but as evenly as possible: no lone last word, and a line both engines
    keep as planned (text a hair too wide for one engine's line no longer wraps differently in
    the other). Returns the runs unchanged when they fit on one line, already hold a line
    break, or a piece is wider than the line, and when they are longer than a title can be
    (more than BALANCE_LINES lines or BALANCE_PIECES words): the search costs lines × words ×
    words-per-line, so a long text is wrapped greedily (the planner has refused it already)."""
    if any("\n" in r.text for r in runs):
        return runs
    lines = len(wrap_runs(runs, width, size, face))
    pieces = _pieces(runs, face)
    if not 2 <= lines <= BALANCE_LINES or len(pieces) > BALANCE_PIECES:
        return runs
    if "".join(p.text + p.space for p in pieces) != "".join(r.text for r in runs):
        return runs
    starts = _even_starts(pieces, lines, width * WRAP_SAFETY, size)
    if starts is None:
        return runs
    balanced = _break_at(runs, pieces, starts)
    return balanced if len(wrap_runs(balanced, width, size, face)) == lines else runs


def _even_starts(pieces: tuple[Piece, ...], lines: int, width: float,
                 size: float) -> list[int] | None:
    """Where to start each line so that `lines` lines, none wider than `width` pt, are as
    even as can be (least sum of squared line widths), never breaking before glued punctuation
    or after a number ("1 / Billion"). None if there is no such way."""
    ends = [0.0]  # ends[j]: width of pieces[0:j] with the spaces between them
    for piece in pieces:
        ends.append(ends[-1] + piece.em * size + piece.space_em * size)

    def line(i: int, j: int) -> float:  # pieces[i:j] on a line: no trailing space
        return ends[j] - ends[i] - pieces[j - 1].space_em * size

    breakable = [k > 0 and not pieces[k].glue and not _NUMBER.fullmatch(pieces[k - 1].text)
                 for k in range(len(pieces))]
    inf = float("inf")
    n = len(pieces)
    cost = [[inf] * (n + 1) for _ in range(lines + 1)]
    back = [[0] * (n + 1) for _ in range(lines + 1)]
    cost[0][0] = 0.0
    for k in range(1, lines + 1):
        for j in range(1, n + 1):
            if j < n and not breakable[j]:
                continue
            for i in range(j - 1, -1, -1):
                w = line(i, j)
                if w > width:
                    break
                if (i == 0 or breakable[i]) and cost[k - 1][i] + w * w < cost[k][j]:
                    cost[k][j], back[k][j] = cost[k - 1][i] + w * w, i
    if cost[lines][n] == inf:
        return None
    starts, j = [], n
    for k in range(lines, 0, -1):
        j = back[k][j]
        starts.append(j)
    return sorted(starts)[1:]  # the first line starts at 0


_NUMBER = re.compile(r"[$€£¥]?[\d.,]+%?")


def _break_at(runs: tuple[Run, ...], pieces: tuple[Piece, ...],
              starts: list[int]) -> tuple[Run, ...]:
    """Runs with a "\\n" before each starting piece, in place of the space before it."""
    edits, offset = {}, 0  # character offset in the joined text → (length replaced, "\n")
    for k, piece in enumerate(pieces):
        if k in starts:
            space = pieces[k - 1].space
            edits[offset - len(space)] = len(space)
        offset += len(piece.text) + len(piece.space)
    out, start = [], 0
    for run in runs:
        text, end = run.text, start + len(run.text)
        for at in sorted((a for a in edits if start <= a <= end), reverse=True):
            if at == end and edits[at] == 0 and run is not runs[-1]:
                continue  # a break at a run boundary goes at the start of the next run
            local = at - start
            text = text[:local] + "\n" + text[local + edits[at]:]
        out.append(Run(text, run.bold, run.italic, run.code, run.link))
        start = end
    return tuple(out)
