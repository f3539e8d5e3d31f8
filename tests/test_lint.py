"""`deck check` lint rules: one case per rule, each located at its line and column; the rules the
issue lists that are errors (missing file, blank alt, empty section, truncated axis) stay errors."""

import sys

import pytest
from PIL import Image

import deck
from deck.errors import InputError

HEAD = """\
title: T
sections:
  - title: S
    slides:
"""


def check(outline, slides: str):
    """Warnings of an outline whose one section holds `slides` (from line 5 on), as
    `line:col: message` strings."""
    src = outline(HEAD + slides)
    Image.new("RGB", (40, 30), (10, 20, 30)).save(src.parent / "skyline.png")
    return [f"{d.span.line}:{d.span.col}: {d.severity}: {d.message}" for d in deck.check(src)]


def errors(outline, slides: str):
    src = outline(HEAD + slides)
    with pytest.raises(InputError) as exc:
        deck.check(src)
    return [f"{d.span.line}:{d.span.col}: {d.message}" for d in exc.value.diagnostics]


WARNINGS = [
    pytest.param("""\
      - kind: image
        path: skyline.png
        alt: skyline.png
""", "7:14: warning: alt text `skyline.png` is the file name; describe what the image shows",
        id="alt text that is the file name"),
    pytest.param("""\
      - kind: image
        path: skyline.png
        alt: Skyline
""", "7:14: warning: alt text `Skyline` is the file name; describe what the image shows",
        id="alt text that is the file name without extension"),
    pytest.param("""\
      - kind: two_column
        left: {kind: text, text: Look}
        right: {kind: image, path: skyline.png, alt: Image}
""", "7:54: warning: alt text `Image` says nothing about the image; describe what it shows",
        id="vague alt text in a column"),
    pytest.param("""\
      - kind: bullets
        bullets: [a, b, c, d, e, f, {text: g, bullets: [h]}]
""", "6:18: warning: 8 bullets on one slide; more than 7 is hard to follow: cut or split it",
        id="more than seven bullets counting sub-bullets"),
    pytest.param("""\
      - kind: statement
        title: "**A title** that goes on and on for far more than seventy characters, surely"
        figure: "1"
""", "6:16: warning: slide title is 72 characters long; at most 70 read at a glance",
        id="title over 70 characters, markup not counted"),
    pytest.param("""\
      - kind: quote
        title: Why it matters
        text: Because.
      - kind: statement
        title: "why it  *matters*"
        figure: "2"
""", "9:16: warning: same title as the slide at line 6; make each slide's title say what is new on it",
        id="duplicate titles ignoring case, spaces and markup"),
    pytest.param("""\
      - kind: bullets
        bullets: [""" + ", ".join([" ".join(["word"] * 60)] * 3) + """]
""", "6:18: warning: bullets shrunk from 26 pt to 23 pt",
        id="text the layout had to shrink"),
]


@pytest.mark.parametrize("slides, expected", WARNINGS)
def it_warns_with_line_and_column(outline, slides, expected):
    assert check(outline, slides) == [expected]


def it_reports_a_section_title_over_70_characters(outline):
    src = outline(HEAD.replace("title: S", "title: " + "Section " * 9 + "end") + """\
      - kind: statement
        figure: "1"
""")
    warnings = [str(d) for d in deck.check(src)]
    assert any("3:12: warning: section title is 75 characters long" in w for w in warnings)


def it_finds_nothing_to_say_about_a_tidy_slide(outline):
    assert check(outline, """\
      - kind: image
        title: The quay
        path: skyline.png
        alt: Three cranes on the east quay at dusk
      - kind: bullets
        title: Seven is fine
        bullets: [a, b, c, d, e, f, g]
""") == []


def it_keeps_the_listed_problems_that_are_errors_as_errors(outline):
    found = errors(outline, """\
      - kind: image
        path: missing.png
        alt: " "
      - kind: chart
        type: bar
        categories: [a, b]
        series: [{name: s, values: [5, 6]}]
        data_labels: false
        axis: {min: 4}
""")
    assert found == [
        "6:15: image `missing.png` does not exist (paths are relative to the outline's folder)",
        "7:14: `alt` must describe the image for people who cannot see it (or mark a picture "
        "that adds nothing `decorative: true`)",
        "13:21: a value axis that does not start at zero exaggerates differences; turn "
        "`data_labels` on to show the real values",
    ]


def it_reports_an_empty_section_as_an_error(outline):
    src = outline("""\
title: T
sections:
  - title: Empty
    slides: []
""")
    with pytest.raises(InputError) as exc:
        deck.check(src)
    assert [str(d) for d in exc.value.diagnostics][0].endswith(
        "outline.yaml:4:13: error: a section needs at least one slide")


def it_fails_under_strict_and_builds_nothing(outline):
    src = outline(HEAD + """\
      - kind: bullets
        bullets: [a, b, c, d, e, f, g, h]
""")
    with pytest.raises(InputError):
        deck.check(src, strict=True)
    with pytest.raises(InputError):
        deck.build(src, strict=True)
    assert not (src.parent / "build").exists()
    report = deck.build(src)
    assert [d.message for d in report.warnings] == [
        "8 bullets on one slide; more than 7 is hard to follow: cut or split it"]


def it_checks_the_article_cleanly_without_importing_python_pptx():
    import subprocess

    code = ("import sys, deck; w = deck.check('outline.yaml', strict=True); "
            "assert 'pptx' not in sys.modules, 'python-pptx imported'; print(len(w))")
    from conftest import ROOT
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "0"
