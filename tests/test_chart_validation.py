"""Bad charts and bad CSV data: every problem at its line and column, with the exact message.

Combinations a chart type does not allow are refused here, before anything is drawn: the
renderers may assume every spec they get is one `charttypes.CHART_KINDS` allows."""

import os
import subprocess
import sys
import typing
from pathlib import Path

import pytest

import deck
from deck import model
from deck.charttypes import CHART_KINDS, LABEL_POSITIONS
from deck.errors import InputError

HEAD = "title: T\nsections:\n  - title: S\n    slides:\n      - kind: chart\n"  # chart on line 5


def problems(outline, text: str, files: dict[str, str] | None = None) -> list[str]:
    path = outline(text)
    for name, content in (files or {}).items():
        target = path.parent / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as info:
        deck.check(path)
    return [str(d).replace(str(path.parent) + "/", "") for d in info.value.diagnostics]


def chart(*lines: str) -> str:
    return HEAD + "".join(f"        {line}\n" for line in lines)


BAR = ("categories: [a, b]", "series: [{name: s, values: [1, 2]}]")
TWO = ("categories: [a, b]", "series: [{name: s, values: [1, 2]}, {name: t, values: [3, 4]}]")

# (chart fields after `kind: chart`, the one expected diagnostic). The chart starts on line 5,
# its first field is on line 6.
CASES = [
    (("type: combo", *BAR),
     "outline.yaml:8:17: error: a combo chart needs at least 2 series: columns, then the last "
     "one as a line"),
    (("type: stacked_column", *TWO, "label_position: outside_end"),
     "outline.yaml:9:25: error: `outside_end` is not a label position of stacked column charts "
     "(PowerPoint would repair the file); use one of: center, inside_end, inside_base"),
    (("type: pie", *BAR, "label_position: above"),
     "outline.yaml:9:25: error: `above` is not a label position of pie charts (PowerPoint would "
     "repair the file); use one of: outside_end, inside_end, center"),
    (("type: column", *BAR, "label_position: right"),
     "outline.yaml:9:25: error: `right` is not a label position of column charts (PowerPoint "
     "would repair the file); use one of: outside_end, inside_end, center, inside_base"),
    (("type: area", *BAR, "data_labels: true", "label_position: center"),
     "outline.yaml:10:25: error: a area chart takes no label position (PowerPoint would repair "
     "the file); remove it"),
    (("type: line", *BAR, "data_labels: false", "label_position: above"),
     "outline.yaml:10:25: error: `label_position` needs data labels; remove it or set "
     "`data_labels: true`"),
    (("type: column", *TWO, "highlight: [a]"),
     "outline.yaml:9:20: error: highlight colours the categories of one series; this chart "
     "has 2"),
    (("type: stacked_bar", *BAR, "highlight: [a]"),
     "outline.yaml:9:20: error: a stacked bar chart cannot highlight categories (its series "
     "colours tell them apart); use a bar, column, line, pie or doughnut chart"),
    (("type: line", *BAR, "sort: descending"),
     "outline.yaml:9:15: error: a line chart cannot be sorted: its categories are an order, "
     "such as time"),
    (("type: column", *BAR, "annotations: [{category: a, text: Note}]"),
     "outline.yaml:9:22: error: annotations are drawn on image charts only: add `render: image`"),
    (("type: column", "render: image", *BAR, "annotations: [{category: c, text: Note}]"),
     "outline.yaml:10:34: error: annotation category `c` is not a category"),
    (("type: column", *BAR, "secondary_axis: {title: x}"),
     "outline.yaml:9:25: error: only combo charts have a secondary axis (for their line)"),
    (("type: column", *BAR, "x_axis: {title: x}"),
     "outline.yaml:9:17: error: only scatter charts have an x value axis"),
    (("type: column", *BAR, "markers: false"),
     "outline.yaml:9:18: error: `markers` applies to line and combo charts"),
    (("type: pie", *BAR, "gridlines: true"),
     "outline.yaml:9:20: error: a pie chart has no gridlines"),
    (("type: column", *BAR, "alt: ' '"),
     "outline.yaml:9:14: error: `alt` must describe the chart for people who cannot see it "
     "(leave it out to have it generated from the data)"),
    (("type: scatter", "series: [{name: s, values: [1, 2]}]"),
     "outline.yaml:7:18: error: scatter series `s` needs `x` values"),
    (("type: scatter", "categories: [a]", "series: [{name: s, x: [1], values: [1]}]"),
     "outline.yaml:7:21: error: scatter charts have no categories; each series has `x` values"),
    (("type: percent_stacked_column", "categories: [a]", "series: [{name: s, values: [-1]}]"),
     "outline.yaml:8:37: error: a 100% stacked column chart cannot show the negative value -1"),
    (("type: bar", "categories: [a, b]", "series: [{name: s, values: [1, inf]}]"),
     "outline.yaml:8:40: error: `inf` is not a finite number"),
    (("type: column", "categories: [a, b]", "series: [{name: s, values: [1, two]}]"),
     "outline.yaml:8:40: error: expected a number, got `two`"),
    (("type: column", "categories: [a, b]", "series: [Sales]"),
     "outline.yaml:8:18: error: `Sales` names a CSV column: add `data:` with the file, or write "
     "`{name: Sales, values: [...]}`"),
]


@pytest.mark.parametrize("fields, expected", CASES,
                         ids=[c[1].split("error: ")[1][:50] for c in CASES])
def it_reports_the_exact_message_at_the_right_place(outline, fields, expected):
    assert problems(outline, chart(*fields)) == [expected]


CSV = "Lab,Elo,Note\nAnthropic,1503,8\nAlibaba,1449,\n"

CSV_CASES = [
    (("type: bar", "data: data/missing.csv", "category: Lab", "series: [Elo]"), {},
     "outline.yaml:7:15: error: data file `data/missing.csv` does not exist (paths are "
     "relative to the outline's folder)"),
    (("type: bar", "data: data/elo.csv", "category: Lab", "series: [Elos]"), {"data/elo.csv": CSV},
     "outline.yaml:7:15: error: `data/elo.csv` has no column `Elos`; did you mean `Elo`? "
     "(columns: Lab, Elo, Note)"),
    (("type: bar", "data: data/elo.csv", "category: Company", "series: [Elo]"),
     {"data/elo.csv": CSV},
     "outline.yaml:7:15: error: `data/elo.csv` has no column `Company` (columns: Lab, Elo, Note)"),
    (("type: bar", "data: data/elo.csv", "series: [Elo]"), {"data/elo.csv": CSV},
     "outline.yaml:7:15: error: name the column that holds the categories with `category:`"),
    (("type: bar", "data: data/elo.csv", "category: Lab", "series: [Note]"), {"data/elo.csv": CSV},
     "data/elo.csv:3:14: error: column `Note`: expected a number, got an empty cell"),
    (("type: bar", "data: data/elo.csv", "category: Lab", "series: [Elo]"),
     {"data/elo.csv": 'Lab,Elo\nAnthropic,"1,503"\nxAI,1495\n'},
     "data/elo.csv:2:11: error: column `Elo`: expected a number, got `1,503` (write `1503`; "
     "use number_format for separators)"),
    (("type: bar", "data: data/elo.csv", "category: Lab", "series: [Elo]"),
     {"data/elo.csv": "Lab,Elo\nAnthropic,1503\nxAI,1495,extra\n"},
     "data/elo.csv:3:1: error: this row has 3 cells; the header has 2"),
    (("type: bar", "data: data/elo.csv", "categories: [a]", "category: Lab", "series: [Elo]"),
     {"data/elo.csv": CSV},
     "outline.yaml:8:21: error: with `data:` the categories come from the `category:` column; "
     "remove `categories`"),
    (("type: scatter", "data: data/elo.csv", "series: [Elo]"), {"data/elo.csv": CSV},
     "outline.yaml:8:18: error: with `data:` each scatter series names two columns: "
     "`{name: ..., x: <column>, values: <column>}`"),
]


@pytest.mark.parametrize("fields, files, expected", CSV_CASES,
                         ids=[c[2].split("error: ")[1][:50] for c in CSV_CASES])
def it_locates_data_problems_in_the_outline_or_the_csv_file(outline, fields, files, expected):
    assert problems(outline, chart(*fields), files) == [expected]


def it_reports_every_bad_cell_of_a_csv_file(outline):
    found = problems(outline, chart("type: bar", "data: elo.csv", "category: Lab",
                                    "series: [Elo]"),
                     {"elo.csv": "Lab,Elo\nAnthropic,1503\nxAI,nan\nGoogle,−9\n"})
    assert found == ["elo.csv:3:5: error: column `Elo`: `nan` is not a finite number",
                     "elo.csv:4:8: error: column `Elo`: expected a number, got `−9` (write `-9` "
                     "with a plain hyphen-minus)"]


def it_reports_a_missing_table_file_at_the_data_key(outline):
    text = ("title: T\nsections:\n  - title: S\n    slides:\n      - kind: table\n"
            "        data: nowhere.csv\n")
    assert problems(outline, text) == [
        "outline.yaml:6:15: error: data file `nowhere.csv` does not exist (paths are relative "
        "to the outline's folder)"]


def it_keeps_the_type_literal_and_the_kinds_table_in_step():
    assert set(typing.get_args(model.ChartType)) == set(CHART_KINDS)
    assert set(typing.get_args(model.LabelPosition)) == set(LABEL_POSITIONS)
    for kind in CHART_KINDS.values():
        assert set(kind.label_positions) <= set(LABEL_POSITIONS)
        assert kind.label_default is None or kind.label_default in kind.label_positions


def it_prints_a_csv_problem_compiler_style_with_the_csv_line_and_exit_2(outline):
    src = outline(chart("type: bar", "data: elo.csv", "category: Lab", "series: [Elo]"))
    (src.parent / "elo.csv").write_text("Lab,Elo\nAnthropic,1503\nxAI,n/a\n", encoding="utf-8")
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run([sys.executable, "-m", "deck", "check", "outline.yaml"],
                            cwd=src.parent, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(root)})
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "elo.csv:3:5: error: column `Elo`: expected a number, got `n/a`", "  xAI,n/a",
        "      ^"]
    fifo = src.parent / "pipe.csv"
    os.mkfifo(fifo)  # reading it would block forever: refused without opening it
    assert problems(outline, chart("type: bar", "data: pipe.csv", "category: Lab",
                                   "series: [Elo]")) == [
        "outline.yaml:7:15: error: data file `pipe.csv` is not a regular file (a device, pipe "
        "or socket)"]
