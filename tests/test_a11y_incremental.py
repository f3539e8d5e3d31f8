"""Issue 17: the accessibility audit keeps each unchanged slide's results between builds
(a11y.AuditMemo); its findings and warnings are those of an audit with nothing kept."""

from __future__ import annotations

import random

import pytest
import yaml

from deck import a11y, pipeline


def _slide(n: int, rng: random.Random) -> dict:
    """Slides that trip the rules now and then: a blank table heading, a vague link, a
    highlighted chart without labels, a repeated title, a hidden title made from a figure."""
    title = rng.choice([f"Slide {n}", "Same title", f"Point {n}"])
    kind = rng.choice(["bullets", "table", "chart", "untitled"])
    if kind == "bullets":
        link = rng.choice(["[click here](https://example.com)", "[the survey](https://a.b)", ""])
        slide = {"kind": "bullets", "title": title, "bullets": [f"Point {n} {link}", "Second"]}
    elif kind == "table":
        slide = {"kind": "table", "title": title, "columns": ["Region", rng.choice(["", "Sales"])],
                 "rows": [["North", str(n)], ["South", "2"]]}
    elif kind == "chart":
        slide = {"kind": "chart", "title": title, "type": "column",
                 "categories": ["North", "South", "East"], "highlight": ["South"],
                 "data_labels": rng.random() < 0.5,
                 "series": [{"name": "Sales", "values": [rng.randint(1, 9) for _ in range(3)]}]}
    else:
        slide = {"kind": "statement", "figure": rng.choice(["42%", f"{n}%"])}
    return slide


def _edit(outline: dict, rng: random.Random, n: int) -> None:
    slides = [s for sec in outline["sections"] for s in sec["slides"]]
    move = rng.choice(["change", "change", "add", "remove", "move", "blank lines"])
    section = rng.choice(outline["sections"])
    if move == "change":
        target = rng.choice(slides)
        target.clear()
        target.update(_slide(n, rng))
    elif move == "add":
        section["slides"].insert(rng.randrange(len(section["slides"]) + 1), _slide(n, rng))
    elif move == "remove" and len(section["slides"]) > 1:
        section["slides"].pop(rng.randrange(len(section["slides"])))
    elif move == "move":
        section["slides"].insert(0, section["slides"].pop())
    else:  # lines above every slide move: the kept warnings must move with them
        rest = {k: v for k, v in outline.items() if k != "subtitle"}
        added = {} if "subtitle" in outline else {"subtitle": "Two\nlines"}
        outline.clear()
        outline.update({**added, **rest})


def _diagnostics(path, memo):
    source, deck_, plan = pipeline._plan(path, None)
    return (a11y.audit(deck_, plan, source.map, memo),
            a11y.audit(deck_, plan, source.map))


@pytest.mark.parametrize("seed", [1, 2])
def it_gives_an_uncached_audits_diagnostics_over_random_edits(tmp_path, seed):
    rng = random.Random(seed)
    outline = {"title": "Audit", "sections": [
        {"title": f"Part {i}", "slides": [_slide(10 * i + j, rng) for j in range(4)]}
        for i in range(3)]}
    path = tmp_path / "outline.yaml"
    memo = a11y.AuditMemo()
    reused = 0
    for n in range(12):
        path.write_text(yaml.safe_dump(outline, sort_keys=False, allow_unicode=True))
        kept, fresh = _diagnostics(path, memo)
        assert kept.diagnostics == fresh.diagnostics
        assert kept.findings == fresh.findings
        reused += memo.hits
        _edit(outline, rng, 100 + n)
    assert reused > 0  # the memo was used, not just filled
    assert any(d.message.startswith("accessibility:") for d in fresh.diagnostics)


def it_reports_a_kept_slides_warning_at_its_new_line(tmp_path):
    outline = {"title": "Audit", "sections": [{"title": "One", "slides": [
        {"kind": "table", "title": "T", "columns": ["Region", ""], "rows": [["a", "b"]]}]}]}
    path = tmp_path / "outline.yaml"
    pipeline.clear_slide_caches()
    path.write_text(yaml.safe_dump(outline, sort_keys=False))
    before = [d for d in pipeline.check(path) if "header row" in d.message]
    outline = {"subtitle": "Above\nthe slides", **outline}  # its lines come first
    path.write_text(yaml.safe_dump(outline, sort_keys=False))
    after = [d for d in pipeline.check(path) if "header row" in d.message]
    memo = next(iter(pipeline._A11Y_MEMOS.values()))
    assert memo.hits == len(memo.entries) and memo.misses == 0  # every slide's audit kept
    assert len(before) == len(after) == 1
    assert after[0].span.line > before[0].span.line
    pipeline.clear_slide_caches()
    assert [d for d in pipeline.check(path) if "header row" in d.message] == after
