"""Inline markup: the parser gives the same runs as the original (quadratic) one, in linear time."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deck import markup
from deck.markup import _LINK, ESCAPABLE, Run, parse

# --- the parser as it was before it was made linear: the reference for its behaviour ----------


def _closes_later(text: str, start: int, marker: str) -> bool:
    i = text.find(marker, start)
    while i != -1:
        if i > start and not text[i - 1].isspace() and text[i - 1] != "\\":
            return True
        i = text.find(marker, i + 1)
    return False


def _reference_into(text, runs, *, bold, italic, link):
    buf, i, n = [], 0, len(text)

    def flush():
        if buf:
            runs.append(Run("".join(buf), bold, italic, False, link))
            buf.clear()

    while i < n:
        c = text[i]
        if c == "\\" and i + 1 < n and text[i + 1] in ESCAPABLE:
            buf.append(text[i + 1])
            i += 2
            continue
        if c == "`":
            j = text.find("`", i + 1)
            if j > i + 1:
                flush()
                runs.append(Run(text[i + 1:j], bold, italic, True, link))
                i = j + 1
                continue
        if c == "*":
            width = 2 if text.startswith("**", i) else 1
            marker = text[i:i + width]
            is_open = bold if width == 2 else italic
            nxt = text[i + width:i + width + 1]
            if is_open or (nxt and not nxt.isspace() and _closes_later(text, i + width, marker)):
                flush()
                if width == 2:
                    bold = not bold
                else:
                    italic = not italic
                i += width
                continue
        if c == "[" and link is None:
            m = _LINK.match(text, i)
            if m:
                flush()
                _reference_into(m.group(1), runs, bold=bold, italic=italic, link=m.group(2))
                i = m.end()
                continue
        buf.append(c)
        i += 1
    flush()


def reference(text: str) -> tuple[Run, ...]:
    runs: list[Run] = []
    _reference_into(text, runs, bold=False, italic=False, link=None)
    merged: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        last = merged[-1] if merged else None
        if last and (last.bold, last.italic, last.code, last.link) == (
                run.bold, run.italic, run.code, run.link):
            merged[-1] = Run(last.text + run.text, last.bold, last.italic, last.code, last.link)
        else:
            merged.append(run)
    return tuple(merged)


# --- behaviour ---------------------------------------------------------------------------

TRICKY = [
    "", "plain", "5 * 3", "5 * 3 * 2", "*a*", "**a**", "***a***", "**a*", "*a**", "a*b*c",
    "* a*", "*a *", "*a\\*", "\\*a*", "**", "****", "a****b****c", "*", "*x " * 50,
    "**x " * 50, "*x " * 50 + "[*a* b](https://a.org) " * 3,
    "*x* *", "**bold *both***", "*it **bold** it*", "**a\\**", "x**y**z",
    "`code *not*`", "``", "`a` `b", "*`x`*", "[site](https://a.org)", "[*a*](https://a.org)",
    "[a](https://a.org) *b*", "[a](https://a.org/x_(y)) z", "[a\\]b](https://a.org)",
    "*[a](https://a.org)*", "[**a**](u) **b", "**a [b](u) c**", "\\\\*a*", "a *\n* b",
    "*a\n*", "** a**", "**a **", "*\t*", "*a*b*c*d*", "***", "** **", "*a**b*", "**a*b**",
]


@pytest.mark.parametrize("text", TRICKY)
def it_parses_tricky_text_exactly_as_before(text):
    assert parse(text) == reference(text)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="*`\\[]() ax\n", max_size=40))
def it_parses_any_mix_of_markers_exactly_as_before(text):
    assert parse(text) == reference(text)


@pytest.mark.parametrize("text, runs", [
    ("5 * 3", (Run("5 * 3"),)),
    ("**New:** cranes", (Run("New:", bold=True), Run(" cranes"))),
    ("a**b**c", (Run("a"), Run("b", bold=True), Run("c"))),
    ("*x *x", (Run("*x *x"),)),  # every `*` follows a space: none can close
])
def it_reads_the_documented_examples(text, runs):
    assert parse(text) == runs


def it_scans_for_closing_markers_once_per_text(monkeypatch):
    """The cost of `*x *x *x …` was one scan ahead per `*` (2.9 s for 24 KB): now each text,
    and each link text, looks for its last closing `*` and `**` once."""
    calls = []
    real = markup._last_closer
    monkeypatch.setattr(markup, "_last_closer", lambda t, m: calls.append(m) or real(t, m))
    text = "*x " * 34_000 + "[*a* b](https://a.org) " * 10  # about 100 KB
    markup.parse.__wrapped__(text)
    assert len(calls) == 2 * (1 + 10)


def it_parses_100_kilobytes_of_unpaired_markers():
    """Every `*` follows a space, so none can close: quadratic, this took about 50 s."""
    text = "*x " * 34_000
    assert parse(text) == (Run(text),)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab \t.通义ダ한é—\u3000"), max_size=30))
def it_splits_text_by_script_the_same_with_or_without_the_ascii_shortcut(text):
    """render/text.script_segments answers ASCII text in one step: the same stretches as the
    character walk, which stays for everything else."""
    from deck.measure import is_wide
    from deck.render.text import script_segments

    walked: list = []
    for ch in text:
        wide = is_wide(ch)
        if walked and (walked[-1][1] == wide or ch.isspace()):
            walked[-1] = (walked[-1][0] + ch, walked[-1][1])
        else:
            walked.append((ch, wide))
    assert script_segments(text) == walked
    assert "".join(s for s, _ in script_segments(text)) == text
