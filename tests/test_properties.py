"""Property tests: generated outlines build and read back equal; broken ones point at the line.

Text is drawn from all of Unicode (CJK and right-to-left scripts included) except what the
outline format refuses (control, format and surrogate characters) and the markup characters."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pptx import Presentation
from validity import audit

import deck
from deck.errors import InputError

MARKUP = "*`[]\\_#"
SETTINGS = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])


# letters, marks, numbers, punctuation, symbols and spaces of every script; no controls
characters = st.characters(categories=["L", "M", "N", "P", "S", "Zs"], exclude_characters=MARKUP)
words = st.text(characters, min_size=1, max_size=24).map(lambda s: " ".join(s.split())).filter(bool)
numbers = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False) \
    .map(lambda x: round(x, 3))


@st.composite
def slides(draw):
    kind = draw(st.sampled_from(["bullets", "table", "chart", "quote", "statement", "sources"]))
    slide = {"kind": kind, "title": draw(words), "notes": draw(words)}
    if kind == "bullets":
        slide["bullets"] = draw(st.lists(words, min_size=1, max_size=4))
    elif kind == "sources":
        slide["sources"] = draw(st.lists(words, min_size=1, max_size=4))
    elif kind == "table":
        ncols = draw(st.integers(1, 4))
        slide["columns"] = draw(st.lists(words, min_size=ncols, max_size=ncols))
        slide["rows"] = draw(st.lists(st.lists(st.one_of(words, st.none()), min_size=ncols,
                                               max_size=ncols), min_size=1, max_size=4))
    elif kind == "chart":
        slide["type"] = draw(st.sampled_from(["bar", "column", "line", "pie"]))
        cats = draw(st.lists(words, min_size=1, max_size=5, unique=True))
        values = st.lists(numbers if slide["type"] != "pie" else numbers.map(abs),
                          min_size=len(cats), max_size=len(cats))
        slide["categories"] = cats
        slide["series"] = [{"name": draw(words), "values": draw(values)}]
        if slide["type"] == "pie" and not any(v > 0 for v in slide["series"][0]["values"]):
            slide["series"][0]["values"][0] = 1.0  # a pie of zeros is refused (0/0 shares)
    elif kind == "quote":
        slide["text"], slide["attribution"] = draw(words), draw(words)
    else:
        slide["figure"], slide["caption"] = draw(words), draw(words)
    return slide


outlines = st.fixed_dictionaries({
    "title": words,
    "dividers": st.just("all"),  # every section's divider, read back below
    "sections": st.lists(st.fixed_dictionaries({"title": words,
                                                "slides": st.lists(slides(), min_size=1, max_size=3)}),
                         min_size=1, max_size=2),
})


def emit(value, indent: int = 0) -> list[str]:
    """YAML, one scalar per line, strings as JSON (a subset of YAML double-quoted scalars)."""
    pad = " " * indent
    lines = []
    for key, item in value.items():
        if isinstance(item, list) and item and isinstance(item[0], dict):
            lines.append(f"{pad}{key}:")
            for entry in item:
                sub = emit(entry, indent + 4)
                lines.append(f"{pad}  - " + sub[0].lstrip())
                lines += sub[1:]
        else:
            lines.append(f"{pad}{key}: {json.dumps(item, ensure_ascii=False)}")
    return lines


def build(tmp_path, outline: dict):
    src = tmp_path / "outline.yaml"
    src.write_text("\n".join(emit(outline)) + "\n", encoding="utf-8")
    return src, deck.build(src, output=tmp_path / "out.pptx")


@SETTINGS
@given(outline=outlines)
def it_builds_any_valid_outline_and_reads_back_what_it_was_given(tmp_path, outline):
    _, report = build(tmp_path, outline)
    assert audit(report.output) == []
    prs = Presentation(str(report.output))
    slides_out = iter(prs.slides)
    for section in outline["sections"]:
        divider = next(slides_out)
        # compared without white space: the title's balanced line breaks (\v) may replace a
        # space or break between CJK characters
        assert "".join(divider.shapes.title.text_frame.text.split()) == \
            "".join(section["title"].split())
        for spec in section["slides"]:
            slide = next(slides_out)
            assert slide.shapes.title.text_frame.text == spec["title"]
            assert slide.notes_slide.notes_text_frame.text == spec["notes"]
            texts = [p.text for s in slide.shapes if s.has_text_frame and s.name not in
                     ("Title", "Accent rule", "Slide number", "Footer")
                     for p in s.text_frame.paragraphs]
            if spec["kind"] in ("bullets", "sources"):
                items = spec[spec["kind"]]
                assert texts[:len(items)] == items
            elif spec["kind"] == "table":
                table = next(s for s in slide.shapes if s.has_table).table
                cells = [[c.text for c in row.cells] for row in table.rows]
                assert cells == [spec["columns"]] + [[v if v else "—" for v in row]
                                                     for row in spec["rows"]]
            elif spec["kind"] == "chart":
                plot = next(s for s in slide.shapes if s.has_chart).chart.plots[0]
                assert list(plot.categories) == spec["categories"]
                assert list(plot.series[0].values) == pytest.approx(spec["series"][0]["values"])
            elif spec["kind"] == "quote":
                assert spec["text"] in texts
            else:
                assert spec["figure"] in texts and spec["caption"] in texts
    assert next(slides_out, None) is None


@SETTINGS
@given(outline=outlines, data=st.data())
def it_points_at_the_line_of_a_single_broken_field(tmp_path, outline, data):
    lines = emit(outline)
    kinds = [i for i, line in enumerate(lines) if line.lstrip().startswith("- kind: ")]
    target = data.draw(st.sampled_from(kinds))
    how = data.draw(st.sampled_from(["misspelt kind", "unknown key", "wrong type"]))
    line = lines[target]
    indent = line.index("kind")
    if how == "misspelt kind":
        lines[target] = line.replace("- kind: ", "- kind: x")
    elif how == "unknown key":
        lines.insert(target + 1, " " * indent + "colour: red")
        target += 1
    else:  # the slide's title (always the line after `kind`) becomes a list
        target += 1
        lines[target] = " " * indent + "title: [not, text]"
    src = tmp_path / "outline.yaml"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        deck.check(src)
    assert [d.span.line for d in info.value.diagnostics] == [target + 1], \
        [str(d) for d in info.value.diagnostics]
