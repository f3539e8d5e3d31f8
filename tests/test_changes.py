"""`deck import --changes/--apply`: a colleague's edits to the .pptx come back into the outline,
which keeps its comments, key order, quoting and layout; what cannot be mapped is a warning."""

from __future__ import annotations

import sys

import pytest
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from test_cli import run

import deck
from deck import changes
from deck.compare import text
from deck.errors import Diagnostic, InputError, Span

OUTLINE = """\
# The harbour talk: comments, quoting and flow lists must survive an --apply.
title: Harbour
sections:
  - title: Numbers   # the only section
    slides:
      - kind: bullets
        title: "Changes"
        bullets:
          - "**New** cranes"   # bought in March
          - Longer hours
        notes: Say it.
      - kind: table
        title: Quays
        columns: [Quay, Boxes]
        rows: [[East, "412"], [West, "380"]]
      # the chart the board asked for
      - kind: chart
        title: Ships
        type: column
        categories: [March, April]
        series: [{name: Ships, values: [1210, 1302.5]}]
      - kind: statement
        figure: 1.2 million
        caption: boxes a year
"""


def shape(slide, name: str):
    return next(s for s in slide.shapes if s.name == name)


def set_text(paragraph, value: str) -> None:
    """Replace a paragraph's text as PowerPoint does when a person retypes it: in its first
    run, the others emptied."""
    runs = paragraph.runs
    runs[0].text = value
    for run_ in runs[1:]:
        run_.text = ""


def colleague(pptx, out, **slides_out):
    """Edit the deck as a colleague would in PowerPoint: title, bullet, cell, chart value,
    notes; `slides_out` reorders or drops slides (by their number in the file). Edited decks
    are named handmade-*: deck did not write them, so the suite's validity audit skips them."""
    prs = Presentation(str(pptx))
    s = prs.slides
    set_text(s[1].shapes.title.text_frame.paragraphs[0], "What changed")
    set_text(shape(s[1], "Bullets").text_frame.paragraphs[1], "Longer hours, also on Sundays")
    s[1].notes_slide.notes_text_frame.text = "Say it slowly."
    set_text(shape(s[2], "Table").table.cell(2, 1).text_frame.paragraphs[0], "395")
    chart = next(x for x in s[3].shapes if x.has_chart).chart
    data = CategoryChartData()
    data.categories = ["March", "April"]
    data.add_series("Ships", [1210, 1350])
    chart.replace_data(data)
    order = slides_out.get("order")
    if order:
        ids = prs.slides._sldIdLst
        items = list(ids)
        for item in items:
            ids.remove(item)
        for number in order:
            ids.append(items[number - 1])
    prs.save(str(out))


@pytest.fixture
def harbour(tmp_path, outline):
    src = outline(OUTLINE)
    built = tmp_path / "harbour.pptx"
    deck.build(src, output=built)
    return src, built


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    a, b = before.splitlines(), after.splitlines()
    return [x for x in a if x not in b], [x for x in b if x not in a]


def it_brings_each_kind_of_edit_back_and_keeps_the_rest_of_the_outline(harbour, tmp_path):
    src, built = harbour
    edited = tmp_path / "handmade-edited.pptx"
    colleague(built, edited)
    found = changes.apply(edited, src)
    after = src.read_text(encoding="utf-8")
    assert after == found.after and found.before == OUTLINE
    gone, came = changed_lines(OUTLINE, after)
    assert gone == ['        title: "Changes"', "          - Longer hours",
                    "        notes: Say it.", '        rows: [[East, "412"], [West, "380"]]',
                    "        series: [{name: Ships, values: [1210, 1302.5]}]"]
    assert came == ['        title: "What changed"', "          - Longer hours, also on Sundays",
                    "        notes: Say it slowly.",
                    '        rows: [[East, "412"], [West, "395"]]',
                    "        series: [{name: Ships, values: [1210, 1350]}]"]
    assert found.warnings == []
    # the outline now builds the deck the colleague made (but for the chart's stale alt text)
    rebuilt = tmp_path / "rebuilt.pptx"
    deck.build(src, output=rebuilt)
    assert [x for x in text(rebuilt).splitlines() if "alt:" not in x] == \
        [x for x in text(edited).splitlines() if "alt:" not in x]


def it_prints_the_edits_as_a_diff_and_writes_nothing_without_apply(harbour, tmp_path):
    src, built = harbour
    edited = tmp_path / "handmade-edited.pptx"
    colleague(built, edited)
    result = run("import", "--changes", edited, src)
    assert result.returncode == 0, result.stderr
    assert src.read_text(encoding="utf-8") == OUTLINE
    assert result.stdout.startswith(f"--- {src}\n+++ {src} (with the edits in {edited})\n")
    assert '-        title: "Changes"\n+        title: "What changed"\n' in result.stdout
    applied = run("import", "--apply", edited, src)
    assert applied.returncode == 0, applied.stderr
    assert applied.stdout == result.stdout
    assert f"{src}: the deck's edits written" in applied.stderr
    again = run("import", "--changes", edited, src)
    assert again.returncode == 0 and again.stdout == ""
    assert "holds no edit" in again.stderr


def it_moves_and_removes_slides_the_moved_one_keeping_its_comments(harbour, tmp_path):
    src, built = harbour
    edited = tmp_path / "handmade-moved.pptx"
    # file slides: 1 section divider, 2 bullets, 3 table, 4 chart, 5 statement;
    # the chart goes first and the table is deleted
    colleague(built, edited, order=[1, 4, 2, 5])
    found = changes.apply(edited, src)
    after = src.read_text(encoding="utf-8")
    assert "kind: table" not in after and found.warnings == []
    assert after.index("      - kind: chart") < after.index("      - kind: bullets")
    # the moved slide is the same node, edited: its quoting and comments go with it
    assert '        title: "What changed"\n' in after
    assert '          - "**New** cranes"   # bought in March\n' in after
    assert "# the only section" in after
    rebuilt = tmp_path / "rebuilt.pptx"
    deck.build(src, output=rebuilt)
    assert [x for x in text(rebuilt).splitlines() if "alt:" not in x] == \
        [x for x in text(edited).splitlines() if "alt:" not in x]


def it_adds_a_slide_a_colleague_made(harbour, tmp_path):
    src, built = harbour
    prs = Presentation(str(built))
    layout = prs.slide_layouts[1]
    slide = prs.slides.add_slide(layout)
    slide.shapes.title.text = "Next steps"
    slide.placeholders[1].text_frame.text = "Order two more cranes"
    edited = tmp_path / "handmade-added.pptx"
    prs.save(str(edited))
    found = changes.apply(edited, src)
    after = src.read_text(encoding="utf-8")
    assert after.startswith(OUTLINE)  # appended after the last slide of the section
    assert "title: Next steps" in after[len(OUTLINE):]
    assert "Order two more cranes" in after[len(OUTLINE):]
    assert found.warnings == []


def it_warns_for_values_that_come_from_a_data_file(tmp_path, outline):
    (tmp_path / "ships.csv").write_text("Month,Ships\nMarch,1210\nApril,1302.5\n",
                                        encoding="utf-8")
    src = outline(OUTLINE.replace("        categories: [March, April]\n        series: "
                                  "[{name: Ships, values: [1210, 1302.5]}]\n",
                                  "        data: ships.csv   # from the port's export\n"
                                  "        category: Month\n        series: [Ships]\n"))
    built = tmp_path / "harbour.pptx"
    deck.build(src, output=built)
    edited = tmp_path / "handmade-edited.pptx"
    colleague(built, edited)
    found = changes.changes(edited, src)
    assert any("`series` changed, but the outline reads it from the data file ships.csv"
               in w and w.startswith("section 1, slide 3 (chart: Ships)")
               for w in found.warnings), found.warnings
    assert "data: ships.csv   # from the port's export" in found.after
    assert src.read_text(encoding="utf-8") == found.before  # --changes writes nothing


def it_says_how_to_install_ruamel_when_it_is_missing(harbour, tmp_path, monkeypatch):
    src, built = harbour
    monkeypatch.setitem(sys.modules, "ruamel.yaml", None)
    with pytest.raises(InputError) as caught:
        changes.changes(built, src)
    assert "pip install 'deck[roundtrip]'" in caught.value.diagnostics[0].message


def it_keeps_the_outline_when_the_edited_one_would_not_build(harbour, tmp_path, monkeypatch):
    src, built = harbour
    edited = tmp_path / "handmade-edited.pptx"
    colleague(built, edited)
    real = changes._as_read

    def as_read(path, text=None):  # the outline with the edits fails to build
        if text is not None:
            raise InputError([Diagnostic(Span(str(path), 7, 9), "a made-up error")])
        return real(path, text)

    monkeypatch.setattr(changes, "_as_read", as_read)
    with pytest.raises(InputError) as caught:
        changes.apply(edited, src)
    assert "would not build (a made-up error): not written" in \
        caught.value.diagnostics[0].message
    assert src.read_text(encoding="utf-8") == OUTLINE
    assert sorted(p.name for p in src.parent.iterdir() if p.name.startswith(".")) == []


def it_reads_the_edits_of_a_deck_saved_again_by_libreoffice(harbour, tmp_path):
    """LibreOffice renames placeholders ("PlaceHolder 1") and files the core properties under
    another relationship type: the deck still reads as ours, and only the edits come back."""
    import subprocess

    from conftest import needs_libreoffice

    from deck.office import find_soffice

    needs_libreoffice()
    src, built = harbour
    edited = tmp_path / "handmade-edited.pptx"
    colleague(built, edited)
    out = tmp_path / "saved"
    subprocess.run([find_soffice(), f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                    "--headless", "--convert-to", "pptx", "--outdir", str(out), str(edited)],
                   capture_output=True, timeout=300, check=True)
    saved = out / edited.name
    found = changes.changes(saved, src)
    gone, came = changed_lines(OUTLINE, found.after)
    assert came == ['        title: "What changed"', "          - Longer hours, also on Sundays",
                    "        notes: Say it slowly.",
                    '        rows: [[East, "412"], [West, "395"]]',
                    "        series: [{name: Ships, values: [1210, 1350]}]"]
    assert len(gone) == len(came)
    assert found.warnings == []  # its theme colours in lower case are still ours
