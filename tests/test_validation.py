"""Bad outlines: every problem reported at its line and column, with the exact message."""

from pathlib import Path

import pytest

import deck
from deck import model
from deck.errors import InputError

HEAD = "title: T\nsections:\n  - title: S\n    slides:\n"  # slides start on line 5


def problems(outline, text: str) -> list[str]:
    path = outline(text)
    with pytest.raises(InputError) as info:
        deck.check(path)
    name = path.name
    return [str(d).replace(str(path), name) for d in info.value.diagnostics]


# (outline after HEAD, the one expected diagnostic). Lines count from 1 at `title: T`.
CASES = [
    ("      - kind: bulets\n        bullets: [a]\n",
     "outline.yaml:5:15: error: unknown kind `bulets`; did you mean `bullets`? (one of: title, "
     "statement, bullets, quote, table, chart, image, two_column, grid, sources)"),
    ("      - kind: bullets\n        titel: X\n        bullets: [a]\n",
     "outline.yaml:6:9: error: unknown key `titel` in a `bullets` slide; did you mean `title`?"),
    ("      - kind: quote\n        title: Q\n",
     "outline.yaml:5:9: error: missing required key `text` in a `quote` slide"),
    ("      - kind: chart\n        type: barr\n        categories: [a]\n"
     "        series: [{name: s, values: [1]}]\n",
     "outline.yaml:6:15: error: `barr` is not one of area, bar, column, combo, dot, doughnut, line, "
     "percent_stacked_column, pie, scatter, stacked_bar, stacked_column; did you mean `bar`?"),
    ("      - kind: chart\n        type: bar\n        categories: [a, b]\n"
     "        series: [{name: s, values: [1, \"1,503\"]}]\n",
     "outline.yaml:8:40: error: expected a number, got `1,503` (write `1503`; use number_format "
     "for separators)"),
    ("      - kind: chart\n        type: bar\n        categories: [a, b]\n"
     "        series: [{name: s, values: [1, 2, 3]}]\n",
     "outline.yaml:8:36: error: series `s` has 3 values for 2 categories"),
    ("      - kind: chart\n        type: bar\n        categories: [a, b]\n"
     "        series: [{name: s, values: [1, 2]}]\n        highlight: [c]\n",
     "outline.yaml:9:21: error: highlight `c` is not a category"),
    ("      - kind: chart\n        type: bar\n        categories: [a, b]\n"
     "        series: [{name: s, values: [1, nan]}]\n",
     "outline.yaml:8:40: error: `nan` is not a finite number"),
    ("      - kind: chart\n        type: pie\n        categories: [a, b]\n"
     "        series: [{name: s, values: [1, -2]}]\n",
     "outline.yaml:8:40: error: a pie chart cannot show the negative value -2"),
    ("      - kind: chart\n        type: bar\n        categories: [a, b]\n"
     "        series: [{name: s, values: [1450, 1500]}]\n        data_labels: false\n"
     "        axis: {min: 1400}\n",
     "outline.yaml:10:21: error: a value axis that does not start at zero exaggerates "
     "differences; turn `data_labels` on to show the real values"),
    ("      - kind: chart\n        type: doughnut\n        categories: [a, b]\n"
     "        series: [{name: s, values: [0, 0]}]\n",
     "outline.yaml:8:36: error: a doughnut chart needs a value above zero: its slices are "
     "shares of the total, and these values add up to 0"),
    ("      - kind: chart\n        type: scatter\n"
     "        series: [{name: s, x: [], values: []}]\n",
     "outline.yaml:7:43: error: scatter series `s` has no values; give it at least one point"),
    ("      - kind: chart\n        type: line\n        categories: [a, b]\n"
     "        series: [{name: s, values: [1, 2]}]\n        axis: {number_format: 0.0E+00}\n",
     "outline.yaml:9:31: error: number format `0.0E+00`: `E` (scientific) is not supported; "
     "quote it (`\"E\"`) to show it as text; supported: General, 0 and # digits with `,` "
     "thousands and `.` decimals, trailing `,` (÷ 1,000), `%`, literal text in quotes, `\\x` or "
     "`_x`, colours like [Red], and up to three sections positive;negative;zero"),
    ("      - kind: table\n        columns: [A, B]\n        rows:\n          - [1, 2]\n"
     "          - [3]\n",
     "outline.yaml:9:13: error: row 2 has 1 cell; the table has 2 columns (use `null` for an "
     "empty cell)"),
    ("      - kind: bullets\n        bullets: ['[x](javascript:alert(1))']\n",
     "outline.yaml:6:19: error: link `javascript:alert(1)` is not allowed: only http, https and "
     "mailto links are written (got `javascript:`)"),
    ("      - kind: image\n        path: missing.png\n        alt: A chart\n",
     "outline.yaml:6:15: error: image `missing.png` does not exist (paths are relative to the "
     "outline's folder)"),
    ("      - kind: bullets\n        bullets:\n          - text: a\n            bullets:\n"
     "              - text: b\n                bullets:\n                  - text: c\n"
     "                    bullets: [d]\n",
     "outline.yaml:12:30: error: bullets nest at most 3 levels deep"),
]


@pytest.mark.parametrize("body, expected", CASES, ids=[c[1].split("error: ")[1][:40] for c in CASES])
def it_reports_the_exact_message_at_the_right_place(outline, body, expected):
    assert problems(outline, HEAD + body) == [expected]


def it_reports_a_wrong_type_at_deck_level(outline):
    assert problems(outline, "title: T\nslide_numbers: yes\nsections: [{title: S, slides: []}]\n") == [
        "outline.yaml:2:16: error: expected true or false, got `yes` (write `true` or `false`)"]
    assert problems(outline, "title: T\nsections: []\n") == [
        "outline.yaml:2:11: error: an outline needs at least one section"]


def it_reports_every_problem_not_only_the_first(outline):
    text = ("title: T\nlangauge: en\nsections:\n  - title: S\n    slides:\n"
            "      - kind: bulets\n        bullets: [a]\n"
            "      - kind: table\n        columns: [A]\n        rows: [[1, 2]]\n"
            "      - kind: quote\n")
    found = problems(outline, text)
    assert [f.split(": error:")[0] for f in found] == [
        "outline.yaml:2:1", "outline.yaml:6:15", "outline.yaml:10:16", "outline.yaml:11:9"]


def it_keeps_text_that_looks_like_other_types_as_text(outline):
    path = outline("title: NO\ndate: 2026-11-28\nsections:\n  - title: 1.10\n    slides:\n"
                   "      - kind: bullets\n        bullets: [yes, 1:30, 0o17]\n")
    assert deck.check(path) == []
    from deck.source import load_file
    from deck.validate import validate

    model = validate(load_file(path))
    assert (model.title, model.date, model.sections[0].title) == ("NO", "2026-11-28", "1.10")
    assert model.sections[0].slides[0].bullets == ["yes", "1:30", "0o17"]


def it_refuses_a_title_that_cannot_fit_on_two_lines(outline):
    long_title = " ".join(["Extraordinarily"] * 20)
    found = problems(outline, HEAD + f"      - kind: bullets\n        title: {long_title}\n"
                     "        bullets: [a]\n")
    assert len(found) == 1
    assert found[0].startswith("outline.yaml:6:16: error: title needs ")
    assert found[0].endswith("lines even at 28 pt; at most 2 fit: shorten it")


def _imports(module: Path) -> set[str]:
    """The deck modules a module imports (relative imports, lazy ones inside functions too)."""
    import ast

    found = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            names = [node.module] if node.module else [a.name for a in node.names]
            found.update(name.split(".")[0] for name in names)
    return found


def it_has_no_import_cycles_among_the_checking_modules():
    """source → typecheck/validate/data → hints: no module imports another lazily to dodge a
    cycle (typecheck once took `suggest` from validate, which imports data, which took it back)."""
    deck_dir = Path(deck.__file__).parent
    graph = {p.stem: _imports(p) for p in deck_dir.glob("*.py")}
    graph = {m: {d for d in deps if d in graph and d != m} for m, deps in graph.items()}

    def reaches(start: str, goal: str) -> bool:
        seen, todo = set(), list(graph[start])
        while todo:
            m = todo.pop()
            if m == goal:
                return True
            if m not in seen:
                seen.add(m)
                todo.extend(graph[m])
        return False

    checking = ["source", "hints", "typecheck", "validate", "data", "files", "markup",
                "numfmt", "themes", "theme", "model"]
    assert [m for m in checking if reaches(m, m)] == []


# Unknown keys that teach: the key meant (aliases from other tools), where a key belongs, the
# allowed keys when none is close, and blocks named as blocks.
KEY_CASES = [
    ("      - kind: chart\n        type: scatter\n"
     "        series: [{name: s, x: [1], values: [2], y: [2]}]\n",
     "unknown key `y`; did you mean `values`?"),
    ("      - kind: chart\n        type: bar\n        categories: [a]\n"
     "        series: [{name: s, values: [1]}]\n        caption: From here\n",
     "unknown key `caption` in a `chart` slide; did you mean `source`?"),
    pytest.param(
        "      - kind: chart\n        type: scatter\n        trendline: linear\n"
        "        series: [{name: s, x: [1], values: [2]}]\n",
        "unknown key `trendline` in a `chart` slide; `trendline` belongs in each of `series`",
        marks=pytest.mark.skipif("trendline" not in model.Series.__struct_fields__,
                                 reason="series trendlines arrive with the charts work")),
    ("      - kind: chart\n        type: bar\n        categories: [a]\n"
     "        series: [{name: s, values: [1]}]\n        min: 0\n",
     "unknown key `min` in a `chart` slide; `min` belongs in `axis`"),
    ("      - kind: chart\n        type: bar\n        categories: [a]\n"
     "        series: [{name: s, values: [1]}]\n        axis: {foo: 1}\n",
     "unknown key `foo`; allowed keys: min, max, title, number_format"),
    ("      - kind: two_column\n        left: {kind: text, text: a, zzz: 1}\n"
     "        right: {kind: text, text: b}\n",
     "unknown key `zzz` in a `text` block; allowed keys: text"),
]


@pytest.mark.parametrize("body, expected", KEY_CASES,
                         ids=[(c.values if hasattr(c, "values") else c)[1][:40]
                              for c in KEY_CASES])
def it_teaches_the_right_key(outline, body, expected):
    found = problems(outline, HEAD + body)
    assert any(f.split("error: ")[1].startswith(expected) for f in found), found


def it_names_a_block_in_two_columns_a_block(outline):
    found = problems(outline, HEAD + "      - kind: two_column\n        left: {kind: image}\n"
                     "        right: {kind: text, text: b}\n")
    assert "missing required key `path` in a `image` block" in found[0]
