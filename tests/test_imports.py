"""Cold start (issue 17): a build imports only what its deck needs. Each heavy library is
imported by the slide that uses it: python-pptx's chart data by a native chart (and never
XlsxWriter: deck writes chart workbooks itself), matplotlib by an image chart that is not
cached, fontTools by complex-script text; the template sanitiser (render/oxml/sanitize.py and
the modules only it uses) by a deck with a template."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_ONLY = ("deck.render.oxml.sanitize", "deck.render.oxml.template_checks",
                 "deck.render.oxml.opc")
HEAVY = ("xlsxwriter", "pptx.chart.data", "pptx.chart.xlsx", "matplotlib", "fontTools",
         *TEMPLATE_ONLY)
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
    assert not [m for m in chart if m.startswith(("xlsxwriter", "matplotlib", "fontTools"))]
    assert not [m for m in chart if m in TEMPLATE_ONLY]
