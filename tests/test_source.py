"""The YAML loader: text stays text, positions are kept, dangerous YAML is refused."""

import time

import pytest

from deck.errors import InputError
from deck.source import load_text


def errors_of(text: str) -> list[str]:
    with pytest.raises(InputError) as info:
        load_text(text, "o.yaml")
    return [str(d) for d in info.value.diagnostics]


@pytest.mark.parametrize("text, expected", [
    ("a: NO", "NO"),
    ("a: yes", "yes"),
    ("a: 1.10", "1.10"),
    ("a: 2026-11-28", "2026-11-28"),
    ("a: 1:30", "1:30"),
    ("a: 0o17", "0o17"),
    ("a: 1e3", "1e3"),
    ("a: '~'", "~"),
    ("a: 'null'", "null"),
])
def it_keeps_plain_scalars_as_the_text_written(text, expected):
    assert load_text(text).data["a"] == expected


@pytest.mark.parametrize("text, expected", [
    ('a: "CR\\rinside"', "CR\ninside"),
    ('a: "CRLF\\r\\ninside"', "CRLF\ninside"),
    ('a: "x\\r\\r\\ny"', "x\n\ny"),
    ('a: "line\\u2028sep"', "line\nsep"),
    ('a: "para\\u2029sep"', "para\nsep"),
    ('a: "tab\\there"', "tab here"),
    ('a: ["a\\u2029b", "c\\td"]', ["a\nb", "c d"]),
    ('a: "one\u2028two"', "one\ntwo"),  # typed into the file, not escaped
    ('a: {b: "x\\ry"}', {"b": "x\ny"}),
])
def it_normalises_line_separators_and_tabs_in_values(text, expected):
    """CR, U+2028 and U+2029 crash text shaping (raqm) or vanish in LibreOffice; a tab is
    measured as a glyph but drawn as a tab stop: all become "\\n" or a space."""
    assert load_text(text).data["a"] == expected


def it_keeps_keys_as_written():
    assert load_text('"k\\ty": "v\\tw"').data == {"k\ty": "v w"}


def it_checks_an_outline_with_carriage_returns_and_separators(outline):
    """These crashed `deck check` (RuntimeError: raqm_layout() failed) before."""
    import deck

    path = outline('title: "CR\\rinside"\nsections:\n  - title: "S\\u2028T"\n    slides:\n'
                   '      - kind: bullets\n        bullets: ["a\\u2029b", "tab\\tstop"]\n'
                   '        notes: "n\\r\\nm"\n'
                   '      - kind: table\n        title: "T\\rU"\n'
                   '        columns: ["A\\rB"]\n        rows: [["x\\u2028y"]]\n')
    assert deck.check(path) == []


@pytest.mark.parametrize("text", ["a: ~", "a: null", "a: Null", "a:", "a: NULL"])
def it_reads_only_null_forms_as_nothing(text):
    assert load_text(text).data["a"] is None


def it_records_the_line_and_column_of_values_and_keys():
    source = load_text("title: T\nsections:\n  - title: S\n    slides: []\n", "o.yaml")
    assert source.map.span(("sections", 0, "title")).line == 3
    assert source.map.span(("sections", 0, "title")).col == 12
    assert source.map.span(("sections", 0, "title"), key=True).col == 5


def it_falls_back_to_the_nearest_ancestor_position():
    source = load_text("a:\n  b: 1\n", "o.yaml")
    assert str(source.map.span(("a", "b", "c", 4))) == "o.yaml:2:6"


@pytest.mark.parametrize("text, message", [
    ("a: 1\nb: 2\na: 3\n", "o.yaml:3:1: error: duplicate key `a` (first defined at line 1)"),
    ("- a\n", "o.yaml:1:1: error: the outline must be a mapping"),
    ("", "o.yaml:1:1: error: the outline is empty"),
    ("# only a comment\n", "o.yaml:1:1: error: the outline is empty"),
    ("a: &x 1\n", "o.yaml:1:4: error: YAML anchors and aliases"),
    ("a: !!python/object/apply:os.system [ls]\n", "o.yaml:1:4: error: YAML tag `tag:yaml.org,2002:python/object/apply:os.system` is not supported"),
    ("a: !custom x\n", "o.yaml:1:4: error: YAML tag `!custom` is not supported"),
    ("a: 1\n---\nb: 2\n", "o.yaml:2:1: error: a second YAML document starts here"),
    ('a: "x\\ey"\n', "o.yaml:1:4: error: text contains the control character U+001B"),
    ('a: "x\\u202Ey"\n', "o.yaml:1:4: error: text contains the control character U+202E"),
    ("a: b: c\n", "o.yaml:1:5: error: YAML syntax: mapping values are not allowed in this context"),
    ("a:\n\tb: 1\n", "o.yaml:2:1: error: YAML syntax: found character that cannot start any token (this line contains a tab; indent with spaces)"),
    ("? [a]\n: 1\n", "o.yaml:1:3: error: a mapping key must be plain text"),
])
def it_refuses_with_a_located_error(text, message):
    assert any(e.startswith(message) for e in errors_of(text)), errors_of(text)


def it_reports_every_duplicate_not_only_the_first():
    assert len(errors_of("a: 1\na: 2\nb: 1\nb: 2\n")) == 2


def it_survives_ten_thousand_nested_brackets_without_recursion_error():
    errs = errors_of("a: " + "[" * 10000 + "]" * 10000 + "\n")
    # ours at depth 64, or libyaml ≥ 0.2.5's own limit at depth 1000: located either way
    assert errs[0].startswith("o.yaml:1:"), errs[0]
    assert "nesting" in errs[0]


def it_rejects_a_billion_laughs_alias_chain_quickly():
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i-1}"] * 9) + "]" for i in range(1, 10)]
    start = time.perf_counter()
    errs = errors_of("\n".join(lines) + "\n")
    assert time.perf_counter() - start < 1.0
    assert "anchors and aliases" in errs[0]


@pytest.mark.parametrize("raw, expected", [
    (b"\xef\xbb\xbfa: x\n", "x"),  # UTF-8 with BOM
    ("a: é\n".encode("utf-16"), "é"),  # UTF-16 with BOM
    (b"a: x\r\nb: y\r\n", "x"),  # CRLF
])
def it_decodes_boms_and_crlf(tmp_path, raw, expected):
    from deck.source import load_file

    path = tmp_path / "o.yaml"
    path.write_bytes(raw)
    assert load_file(path).data["a"] == expected


def it_reports_invalid_utf8_at_its_line_and_column(tmp_path):
    from deck.source import load_file

    path = tmp_path / "o.yaml"
    path.write_bytes(b"a: ok\nb: bad \xff here\n")
    with pytest.raises(InputError) as info:
        load_file(path, "o.yaml")
    assert str(info.value.diagnostics[0]).startswith("o.yaml:2:8: error: invalid UTF-8 (byte 0xff)")
