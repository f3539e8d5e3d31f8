"""Cold start (issue 17): a build imports only what its deck needs. Each heavy library is
imported by the slide that uses it: python-pptx's chart data by a native chart (and never
XlsxWriter: deck writes chart workbooks itself) and deck's chart drawing by a native chart,
difflib only to describe a person's edits, matplotlib by an image chart that is not
cached, fontTools by complex-script text; the template sanitiser (render/oxml/sanitize.py and
the modules only it uses) by a deck with a template. Deck's own checks are imported by what
they check: the chart checks and number formats by a chart (deck check; rendering a chart
needs them too), the glyph checks by an image chart or a theme's own font file, the template
engine by `vars:` or loops, the type explanations by an outline that does not fit the model."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_ONLY = ("deck.render.oxml.sanitize", "deck.render.oxml.template_checks",
                 "deck.render.oxml.opc")
CHART_RENDERING = ("deck.render.chart", "deck.render.chart_dot", "deck.chart_labels")
HEAVY = ("xlsxwriter", "pptx.chart.data", "pptx.chart.xlsx", "matplotlib", "fontTools",
         "difflib", *CHART_RENDERING, *TEMPLATE_ONLY)
PLAIN = """\
    title: Plain
    sections:
      - title: S
        slides:
          - kind: bullets
            title: Points
            bullets: [One, "Two with **bold**"]
          - kind: table
            title: A table
            columns: [Region, Sales]
            rows: [[North, '1'], [South, '2']]
"""
CHART = PLAIN + """\
          - kind: chart
            title: A chart
            type: column
            categories: [North, South]
            series: [{name: Sales, values: [1, 2]}]
"""
# builds the plain deck, then the one with a chart, listing the heavy modules after each
LIST_AFTER_EACH_BUILD = f"""
    import json, sys, deck
    heavy = {HEAVY!r}
    found = []
    for name in ("plain.yaml", "chart.yaml"):
        deck.build(name, output=name.replace(".yaml", ".pptx"))
        found.append(sorted(m for m in sys.modules
                            if m in heavy or m.startswith(tuple(h + "." for h in heavy))))
    print(json.dumps(found))
"""


def it_imports_chart_data_only_for_a_chart_and_xlsxwriter_never(tmp_path):
    (tmp_path / "plain.yaml").write_text(textwrap.dedent(PLAIN), encoding="utf-8")
    (tmp_path / "chart.yaml").write_text(textwrap.dedent(CHART), encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(LIST_AFTER_EACH_BUILD)],
                            cwd=tmp_path, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT),
                                 "DECK_CACHE_DIR": str(tmp_path / "cache")})
    assert result.returncode == 0, result.stderr
    plain, chart = json.loads(result.stdout)
    assert plain == []
    assert "pptx.chart.data" in chart and "pptx.chart.xlsx" in chart
    assert set(CHART_RENDERING) <= set(chart)  # deck's chart drawing, by the chart only
    assert not [m for m in chart if m.startswith(("xlsxwriter", "matplotlib", "fontTools"))]
    assert not [m for m in chart if m in TEMPLATE_ONLY]


# Modules a plain outline (PLAIN) does not need, each with an outline that does.
LAZY = ("deck.chart_checks", "deck.numfmt", "deck.glyphs", "deck.templating", "jinja2",
        "deck.typecheck", "deck.rows")
IMAGE_CHART = PLAIN + """\
          - kind: chart
            title: An image chart
            type: column
            render: image
            categories: [North, South]
            series: [{name: Sales, values: [1, 2]}]
"""
WITH_VARS = '    vars: {region: North}\n' + PLAIN.replace("title: Points", "title: '{{ region }}'")
NOT_A_DECK = PLAIN.replace("bullets: [One", "bulets: [One")
# deck.check of each outline in turn (then a build of the plain one), listing LAZY after each
LIST_AFTER_EACH_CHECK = f"""
    import json, sys, deck
    lazy = {LAZY!r}
    found = []
    for name in ("plain.yaml", "build", "image.yaml", "vars.yaml", "bad.yaml"):
        if name == "build":
            deck.build("plain.yaml", output="plain.pptx")
        else:
            try:
                deck.check(name)
            except deck.InputError:
                pass
        found.append(sorted(m for m in lazy if m in sys.modules))
    print(json.dumps(found))
"""


def it_imports_checks_and_the_template_engine_only_for_an_outline_that_uses_them(tmp_path):
    for name, text in (("plain.yaml", PLAIN), ("image.yaml", IMAGE_CHART),
                       ("vars.yaml", WITH_VARS), ("bad.yaml", NOT_A_DECK)):
        (tmp_path / name).write_text(textwrap.dedent(text), encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(LIST_AFTER_EACH_CHECK)],
                            cwd=tmp_path, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT),
                                 "DECK_CACHE_DIR": str(tmp_path / "cache")})
    assert result.returncode == 0, result.stderr
    checked, built, image, with_vars, bad = json.loads(result.stdout)
    assert checked == []
    # rendering imports the chart modules, and with them the chart checks (render/chart.py)
    assert not set(built) & {"deck.glyphs", "deck.templating", "jinja2", "deck.typecheck"}
    assert {"deck.chart_checks", "deck.numfmt", "deck.glyphs"} <= set(image)
    assert {"deck.templating", "jinja2"} <= set(with_vars) and "deck.typecheck" not in with_vars
    assert "deck.typecheck" in bad


# The CLI builds only the grammar of the command it runs (all ten took ~10 ms of a cold build:
# argparse looks up gettext translations for each parser and option); it parses as all do.
ARGVS = [["build", "outline.yaml", "-q", "-o", "out.pptx", "--theme", "stage", "--strict"],
         ["build", "--each", "rows.csv", "--name", "{{ region }}.pptx", "-j", "2"],
         ["check", "x.yaml", "--a11y", "--allow-outside", "a", "--allow-outside", "b"],
         ["watch", "--preview", "--out", "pics"], ["preview", "--force"], ["new", "dir"],
         ["schema"], ["template", "inspect", "t.potx"], ["import", "d.pptx", "--changes"],
         ["text", "d.pptx"], ["diff", "a.pptx", "b.yaml", "--visual", "v.png"]]


def it_builds_only_the_grammar_of_the_command_it_runs_and_parses_the_same():
    from deck.cli_args import GRAMMARS, parser

    full = parser()
    assert list(full._subparsers._group_actions[0].choices) == list(GRAMMARS)
    for argv in ARGVS:
        only = parser(argv)
        assert list(only._subparsers._group_actions[0].choices) == [argv[0]]
        assert vars(only.parse_args(argv)) == vars(full.parse_args(argv))
    for argv in (["--version"], ["-h"], ["bulid"], []):
        assert len(parser(argv)._subparsers._group_actions[0].choices) == len(GRAMMARS)
