"""Text measurement: widths from the shipped font metrics, greedy wrapping like the engines."""

import pytest

from deck.markup import parse
from deck.measure import AUTOSPACE, count_lines, natural_width, run_width, widest_word, wrap_runs


def it_measures_with_the_metric_compatible_font():
    # Carlito's advance widths equal Calibri's: "Hello world" at 24 pt is 112.32 pt wide,
    # summed advances without kerning (Pillow's BASIC engine, whatever the machine has)
    assert run_width("Hello world", 24) == pytest.approx(112.32, abs=0.01)
    assert run_width("Hello world", 24, bold=True) > run_width("Hello world", 24)
    assert run_width("Hello", 48) == pytest.approx(2 * run_width("Hello", 24))


def it_measures_cjk_ideographs_as_one_em_each():
    assert run_width("通义千问", 24) == pytest.approx(96)


def it_wraps_at_spaces_and_never_fills_past_the_safety_width():
    widths = wrap_runs(parse("one two three four five six seven eight nine ten"), 150, 24)
    assert len(widths) > 1
    assert all(w <= 150 * 0.965 + 1e-9 for w in widths)


def it_breaks_after_a_hyphen_between_letters():
    text = parse("open-source")
    width = (max(run_width("open-", 24), run_width("source", 24)) + 1) / 0.965
    assert width < run_width("open-source", 24)
    assert count_lines(text, width, 24) == 2
    assert widest_word(parse("open-source is"), 24) == pytest.approx(run_width("source", 24))


def it_cuts_a_word_wider_than_the_line_after_its_last_slash():
    url = parse("https://example.com/aaaa/bbbb/cccc/dddd")
    widths = wrap_runs(url, 200, 24)
    assert len(widths) >= 2
    assert all(w <= 200 for w in widths)


def it_breaks_between_cjk_characters_but_not_before_closing_punctuation():
    text = parse("阿里巴巴通义千问系列模型，累计下载量突破十亿次。")
    widths = wrap_runs(text, 24 * 10 / 0.965 + 0.1, 24)  # room for exactly 10 ideographs
    assert len(widths) == 3
    assert all(w <= 24 * 11 for w in widths)  # a comma may join its character, never start a line


def it_adds_libreoffice_autospace_between_cjk_and_latin():
    glyphs = run_width("Qwen", 24) + run_width("通义", 24)
    assert natural_width(parse("Qwen通义"), 24) == pytest.approx(glyphs + AUTOSPACE * 24, abs=0.5)
    assert wrap_runs(parse("Qwen通义"), 1000, 24) == [natural_width(parse("Qwen通义"), 24)]


def it_treats_newlines_as_forced_breaks():
    assert count_lines(parse("a\nb\n\nc"), 500, 24) == 4


def it_measures_code_in_the_monospace_face():
    assert run_width("iiii", 24, code=True) == pytest.approx(run_width("MMMM", 24, code=True))


def it_is_an_empty_line_for_empty_text():
    assert wrap_runs(parse(""), 100, 24) == [0.0]


@pytest.mark.parametrize("width", [-50, -1, 0, 0.5])
def it_wraps_into_a_box_with_no_room_one_character_per_line(width):
    assert count_lines(parse("ab cd"), width, 20) == 4
    assert count_lines(parse("中文"), width, 20) == 2


def it_never_breaks_at_a_no_break_space():
    for space in ("\u00a0", "\u202f", "\u2007"):
        width = run_width(f"ten{space}thousand", 20) / 0.965 + 1  # the joined words only
        assert count_lines(parse(f"ten{space}thousand ten{space}thousand"), width, 20) == 2
    width = run_width("ten\u00a0thousand", 20) / 0.965 + 1
    assert count_lines(parse("ten thousand ten thousand"), width, 20) == 2
    assert count_lines(parse("ten\u00a0thousand"), width / 2, 20) >= 2  # cut, as a long word


TITLES = ["Qwen Surpasses 1 Billion Downloads",
          "Alibaba holds 5th place, 54 points behind the frontier leader Anthropic, ahead of "
          "DeepSeek",
          "Gap to the frontier: Alibaba 54 Elo points behind",
          "阿里巴巴通义千问系列模型累计下载量已正式突破十亿次，成为首个达成这一里程碑的中国开源大模型系列",
          "**Qwen**'s downloads passed *one billion* in November, a first for an open model family"]


@pytest.mark.parametrize("title", TITLES)
@pytest.mark.parametrize("width", [400, 600, 840])
def it_balances_a_title_over_the_lines_it_needs(title, width):
    from deck.measure import balance

    runs = parse(title)
    plain = wrap_runs(runs, width, 36)
    balanced = balance(runs, width, 36)
    assert "".join(r.text for r in balanced).replace("\n", " ").replace(" ", "") == \
        "".join(r.text for r in runs).replace(" ", "")  # the same text, breaks aside
    assert [(r.bold, r.italic) for r in balanced] == [(r.bold, r.italic) for r in runs]
    lines = wrap_runs(balanced, width, 36)
    assert len(lines) == len(plain)  # never more lines than the text needs
    if len(lines) > 1:
        assert min(lines) >= min(plain) - 1e-6  # the shortest line only grows: no lone word
        assert max(lines) <= max(plain) + 1e-6
    assert "1\nBillion" not in "".join(r.text for r in balanced)  # no break after a number


def it_leaves_a_one_line_title_and_explicit_breaks_alone():
    from deck.measure import balance

    assert balance(parse("Short title"), 800, 36) == parse("Short title")
    assert balance(parse("Mine\nmy breaks " * 10), 300, 36) == parse("Mine\nmy breaks " * 10)


def it_measures_letters_the_face_lacks_wider_than_its_notdef_box():
    from deck.measure import MISSING_EM

    arabic = "تجاوز"
    assert run_width(arabic, 20) == pytest.approx(len(arabic) * MISSING_EM * 20)
    assert run_width("Hebrew עברית", 20) > run_width("Hebrew ", 20) + 5 * 0.5 * 20
    assert run_width("0123", 20) == pytest.approx(4 * 0.507 * 20, abs=0.1)  # covered: as is
