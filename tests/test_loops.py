"""Loops in the outline: `each:` over CSV, JSON, XLSX and inline rows, `vars:`, templates in
the sandbox, `where`/`sort`/`limit`, charts and tables filtered by the row, errors located in
the data file and the outline."""

import pytest

from deck.errors import InputError
from deck.files import Files
from deck.loops import expand
from deck.source import load_file
from deck.validate import validate

CSV = b"region,sales,growth\nNorth,1250000,0.12\nSouth,980000,-0.03\nEast,1104500.5,0.08\n"
LOOP = """title: "{{ company }} review"
vars: {company: Acme}
sections:
  - title: Regions
    slides:
      - kind: bullets
        each: %s
        title: "{{ region }}: {{ sales | number('#,##0') }}"
        bullets: ["Growth {{ growth | number('0.0%%') }}"]
"""


def expanded(path, variables=None):
    source = load_file(path, "outline.yaml")
    return expand(source, Files(path.parent), variables)


def deck_of(path, variables=None):
    return validate(expanded(path, variables))


def titles(deck) -> list[str]:
    return [slide.title for section in deck.sections for slide in section.slides]


def problems(path, variables=None) -> list[str]:
    with pytest.raises(InputError) as info:
        deck_of(path, variables)
    return [str(d) for d in info.value.diagnostics]


def it_makes_one_slide_per_csv_row_with_vars_and_the_number_filter(outline):
    src = outline(LOOP % "regions.csv")
    (src.parent / "regions.csv").write_bytes(CSV)
    deck = deck_of(src)
    assert deck.title == "Acme review"
    assert titles(deck) == ["North: 1,250,000", "South: 980,000", "East: 1,104,501"]
    assert deck.sections[0].slides[1].bullets == ["Growth -3.0%"]


def it_reads_json_at_a_path(outline):
    src = outline(LOOP % "{from: regions.json, path: data.regions}")
    (src.parent / "regions.json").write_text(
        '{"data": {"regions": [{"region": "North", "sales": 1250000, "growth": 0.12},\n'
        '  {"region": "West", "sales": 7, "growth": 0}]}}')
    assert titles(deck_of(src)) == ["North: 1,250,000", "West: 7"]


def it_reads_an_xlsx_sheet(outline):
    openpyxl = pytest.importorskip("openpyxl")
    src = outline(LOOP % "{from: regions.xlsx, sheet: Q4}")
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    sheet = book.create_sheet("Q4")
    for row in (["region", "sales", "growth"], ["North", 1250000, 0.12], ["South", 980000, 0.1]):
        sheet.append(row)
    book.save(src.parent / "regions.xlsx")
    assert titles(deck_of(src)) == ["North: 1,250,000", "South: 980,000"]


def it_takes_an_inline_list_with_where_sort_and_limit(outline):
    rows = ("{from: [{region: A, sales: '5', growth: '0'}, {region: B, sales: '50', growth: '0'},"
            " {region: C, sales: '500', growth: '0'}, {region: D, sales: '1', growth: '0'}],"
            " where: 'sales | float > 2', sort: -sales, limit: 2}")
    assert titles(deck_of(outline(LOOP % rows))) == ["C: 500", "B: 50"]


def it_repeats_a_section_and_gives_batch_variables_precedence(outline):
    src = outline("""title: "{{ company }}"
vars: {company: Acme}
sections:
  - title: "{{ region }}"
    each: [{region: North}, {region: South}]
    slides:
      - {kind: statement, figure: "{{ region }}", caption: "{{ index }} of 2"}
""")
    deck = deck_of(src, {"company": "Globex"})
    assert deck.title == "Globex"
    assert [s.title for s in deck.sections] == ["North", "South"]
    assert deck.sections[1].slides[0].caption == "2 of 2"


def it_fills_charts_and_tables_from_the_rows_that_match_the_loop_row(outline):
    src = outline("""title: T
sections:
  - title: "{{ region }}"
    each: [{region: North}, {region: South}]
    slides:
      - kind: chart
        title: "{{ region }} by month"
        type: column
        data: {from: monthly.csv, where: region == row.region}
        category: month
        series: [sales]
      - kind: table
        title: "{{ region }} months"
        columns: [month, sales]
        data: {from: monthly.csv, where: "region == '{{ region }}'", sort: -sales}
""")
    (src.parent / "monthly.csv").write_text(
        "region,month,sales\nNorth,Jan,10\nSouth,Jan,3\nNorth,Feb,12\nSouth,Feb,4\n")
    deck = deck_of(src)
    north_chart, north_table = deck.sections[0].slides
    assert north_chart.categories == ["Jan", "Feb"]
    assert north_chart.series[0].values == [10, 12]
    assert deck.sections[1].slides[1].rows == [["Feb", "4"], ["Jan", "3"]]


def it_locates_a_bad_value_in_the_data_file_then_in_the_outline(outline):
    src = outline(LOOP % "regions.csv")
    (src.parent / "regions.csv").write_bytes(CSV.replace(b"980000", b"n/a"))
    found = problems(src)
    assert found[0] == "regions.csv:3:7: error: column `sales`: expected a number, got `n/a`"
    assert found[1].startswith("outline.yaml:8:16: note: ")


def it_locates_an_unknown_name_at_the_row_and_the_template(outline):
    src = outline((LOOP % "regions.csv").replace("{{ region }}:", "{{ regoin }}:"))
    (src.parent / "regions.csv").write_bytes(CSV)
    found = problems(src)
    assert found[0].startswith("regions.csv:2:1: error: `regoin` is not defined; did you mean "
                               "`region`?")
    assert found[1].startswith("outline.yaml:8:16: note: ")


def it_locates_a_json_row(outline):
    src = outline(LOOP % "regions.json")
    (src.parent / "regions.json").write_text(
        '[\n  {"region": "North", "sales": 1, "growth": 0},\n'
        '  {"region": "South", "sales": "lots", "growth": 0}\n]')
    assert problems(src)[0] == ("regions.json:3:3: error: column `sales`: expected a number, "
                                "got `lots`")


@pytest.mark.parametrize("template", [
    "{{ ''.__class__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ region.__init__.__globals__ }}",
    "{{ range.__globals__ }}",
    "{{ 'x' * 100000000 }}",
    "{{ 10 ** 10000000 }}",
    "{{ range(10000000) | list }}",
    "{{ ''.format.__self__ }}",
])
def it_refuses_sandbox_escapes_with_a_located_error(outline, template):
    src = outline((LOOP % "regions.csv").replace("{{ region }}:", template))
    (src.parent / "regions.csv").write_bytes(CSV)
    found = problems(src)
    assert found and all(":8:" in f or "regions.csv" in f for f in found), found
    assert any(word in " ".join(found) for word in ("not allowed", "unsafe", "no attribute",
                                                    "not defined")), found


def it_reports_template_syntax_at_the_outline(outline):
    src = outline((LOOP % "regions.csv").replace("{{ region }}:", "{{ region :"))
    (src.parent / "regions.csv").write_bytes(CSV)
    assert problems(src)[0].startswith("outline.yaml:8:16: error: template syntax:")


@pytest.mark.parametrize("each, expected", [
    ("regions.txt", "data for a loop is a .csv, .json or .xlsx file"),
    ("missing.csv", "does not exist"),
    ("{from: regions.csv, limt: 2}", "unknown key `limt`; did you mean `limit`?"),
    ("{from: regions.csv, sort: size}", "no column `size` to sort by"),
    ("../outside.csv", "outside the outline's folder"),
])
def it_locates_problems_with_the_loop_itself(outline, tmp_path, each, expected):
    (tmp_path / "inner").mkdir()
    src = outline(LOOP % each, "inner/outline.yaml")
    (src.parent / "regions.csv").write_bytes(CSV)
    (src.parent.parent / "outside.csv").write_bytes(CSV)
    assert expected in " ".join(problems(src))


def it_leaves_an_outline_without_loops_alone(outline):
    src = outline("title: '{{ not a template }}'\nsections:\n  - title: S\n    slides:\n"
                  "      - {kind: text, text: hi}\n")
    source = load_file(src)
    assert expand(source, Files(src.parent)) is source


def it_expands_the_article_style_example(monkeypatch):
    from pathlib import Path

    example = Path(__file__).resolve().parent.parent / "examples" / "labs.yaml"
    deck = deck_of(example)
    statements = [s for s in deck.sections[1].slides]
    assert [s.title for s in statements][:2] == ["Anthropic: Claude", "xAI: Grok"]
    assert statements[1].caption.startswith("Arena Elo, 8 behind Anthropic")
    assert [s.title for s in deck.sections[2:]] == ["Alibaba's road", "DeepSeek's road"]
    assert deck.sections[3].slides[0].rows == [["2024", "DeepSeek-V3 released with open "
                                                "weights"], ["2025", "R1 reasoning model tops "
                                                             "download charts"]]


def it_names_the_extra_to_install_when_jinja2_is_missing(outline, monkeypatch):
    import sys

    import deck.templating

    monkeypatch.setattr(deck.templating, "_ENV", None)
    monkeypatch.setitem(sys.modules, "jinja2", None)
    monkeypatch.setitem(sys.modules, "jinja2.sandbox", None)
    src = outline(LOOP % "regions.csv")
    (src.parent / "regions.csv").write_bytes(CSV)
    assert "pip install 'deck[data]'" in " ".join(problems(src))


def it_keeps_a_list_from_a_whole_template_and_drops_a_null(outline):
    src = outline("""title: T
sections:
  - title: S
    slides:
      - kind: bullets
        each: {from: teams.json}
        title: "{{ team }}"
        bullets: "{{ points }}"
        notes: "{{ memo }}"
""")
    (src.parent / "teams.json").write_text('[{"team": "Core", "points": ["fast", "small"], '
                                           '"memo": null}]')
    slide = deck_of(src).sections[0].slides[0]
    assert (slide.title, slide.bullets, slide.notes) == ("Core", ["fast", "small"], None)


def it_watches_the_data_files_of_loops(outline):
    from deck.inputs import referenced_files

    src = outline(LOOP % "{from: regions.csv}")
    assert src.parent / "regions.csv" in referenced_files(src)


def it_imports_no_template_engine_for_an_outline_without_loops():
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    code = ("import sys, deck; deck.check('outline.yaml'); "
            "print(sorted(m for m in ('jinja2', 'openpyxl', 'distributed') if m in sys.modules))")
    found = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True,
                           text=True, check=True, env={**os.environ, "PYTHONPATH": str(root)})
    assert found.stdout.strip() == "[]"


def it_locates_a_bad_cell_of_a_sheet_and_of_an_inline_list(outline):
    openpyxl = pytest.importorskip("openpyxl")
    src = outline(LOOP % "{from: regions.xlsx}")
    book = openpyxl.Workbook()
    for row in (["region", "sales", "growth"], ["North", 1, 0], ["South", "lots", 0]):
        book.active.append(row)
    book.save(src.parent / "regions.xlsx")
    assert problems(src)[0] == "regions.xlsx:3:2: error: column `sales`: expected a number, got " \
        "`lots`"
    src = outline(LOOP % "[{region: North, sales: lots, growth: '0'}]")
    assert problems(src)[0].startswith("outline.yaml:7:39: error: column `sales`: expected a "
                                       "number, got `lots`")
