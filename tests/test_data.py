"""CSV data files: cells read as written (line breaks included), problems located in the file."""

import pytest

import deck.data
from deck.errors import InputError
from deck.source import load_file
from deck.validate import validate

TABLE = ("title: T\nsections:\n  - title: S\n    slides:\n      - kind: table\n"
         "        data: quays.csv\n")
CHART = ("title: T\nsections:\n  - title: S\n    slides:\n      - kind: chart\n"
         "        type: bar\n        data: quays.csv\n        category: Quay\n"
         "        series: [Ships]\n")


def rows(outline, csv: bytes) -> list:
    src = outline(TABLE)
    (src.parent / "quays.csv").write_bytes(csv)
    return validate(load_file(src)).sections[0].slides[0].rows


def problems(outline, text: str, csv: bytes) -> list[str]:
    src = outline(text)
    (src.parent / "quays.csv").write_bytes(csv)
    with pytest.raises(InputError) as info:
        validate(load_file(src, "outline.yaml"))
    return [str(d) for d in info.value.diagnostics]


@pytest.mark.parametrize("csv", [
    b'Quay,Note\nEast,"New cranes\nand longer hours"\n',
    b'Quay,Note\r\nEast,"New cranes\r\nand longer hours"\r\n',  # saved on Windows
    b'Quay,Note\rEast,"New cranes\rand longer hours"\r',  # old Mac line ends
])
def it_keeps_the_line_breaks_of_a_quoted_cell(outline, csv):
    assert rows(outline, csv) == [["East", "New cranes\nand longer hours"]]


def it_reads_tabs_and_separators_in_cells_as_on_a_slide(outline):
    csv = 'Quay,Note\nEast,"a\tb\u2028c"\n'.encode()
    assert rows(outline, csv) == [["East", "a b\nc"]]


def it_locates_a_bad_cell_after_a_cell_with_line_breaks(outline):
    csv = b'Quay,Ships,Note\nEast,12,"two\nlines"\nWest,n/a,x\n'
    assert problems(outline, CHART, csv) == [
        "quays.csv:4:6: error: column `Ships`: expected a number, got `n/a`"]


def it_locates_a_cell_on_the_second_line_of_a_record(outline):
    csv = b'Quay,Note,Ships\nEast,"two\nlines",1x\n'
    assert problems(outline, CHART, csv) == [
        "quays.csv:3:8: error: column `Ships`: expected a number, got `1x`"]


def it_locates_a_header_problem_after_blank_lines(outline):
    assert problems(outline, TABLE, b"\n\nQuay,,Note\nEast,1,x\n") == [
        "quays.csv:3:6: error: column 2 has no name in the header row"]


def it_refuses_control_characters_in_a_cell(outline):
    assert problems(outline, TABLE, b"Quay,Note\nEast,bad\x1bcell\n") == [
        "quays.csv:2:6: error: control character U+001B in a cell; remove it"]


def it_reports_invalid_utf8_in_the_csv_file(outline):
    assert problems(outline, TABLE, b"Quay,Note\nEast,caf\xe9\n") == [
        "quays.csv:2:9: error: invalid UTF-8 (byte 0xe9); save the file as UTF-8"]


def it_lets_a_bug_while_reading_propagate(outline, monkeypatch):
    """Only located input errors are collected; anything else is a bug and must not vanish."""
    def broken(raw, name):
        raise RuntimeError("a bug")

    monkeypatch.setattr(deck.data, "decode", broken)
    src = outline(TABLE)
    (src.parent / "quays.csv").write_bytes(b"Quay\nEast\n")
    with pytest.raises(RuntimeError):
        validate(load_file(src))
