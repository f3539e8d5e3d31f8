"""Issue 17: incremental rebuilds (render/cache.py, render/oxml/link.py) and the zip writer
(render/oxml/zipwrite.py) give the same bytes as a full build."""

from __future__ import annotations

import io
import random
import zipfile
import zlib

import pytest
import yaml
from PIL import Image
from pptx import Presentation

import deck
from deck import pipeline
from deck.render.oxml.zipwrite import DEFLATED, STORED, compress, inflate, write_zip

# --- the zip writer ---------------------------------------------------------------------------


def it_writes_a_zip_that_zipfile_reads_back():
    blobs = {"[Content_Types].xml": b"<Types/>" * 50, "ppt/media/image1.png": b"\x89PNG" * 99,
             "ppt/slides/slide1.xml": b"<p:sld/>" * 200, "docProps/empty.xml": b""}
    data = write_zip([compress(name, blob) for name, blob in blobs.items()])
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
        assert [i.filename for i in z.infolist()] == list(blobs)
        assert {n: z.read(n) for n in z.namelist()} == blobs
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        kinds = {i.filename: i.compress_type for i in z.infolist()}
        assert kinds["ppt/media/image1.png"] == zipfile.ZIP_STORED
        assert kinds["ppt/slides/slide1.xml"] == zipfile.ZIP_DEFLATED
        assert {i.external_attr >> 16 for i in z.infolist()} == {0o100644}


def it_copies_compressed_members_without_recompressing():
    member = compress("ppt/slides/slide3.xml", b"<a/>" * 1000)
    moved = member.renamed("ppt/slides/slide9.xml")
    assert (moved.data, moved.crc, moved.method) == (member.data, member.crc, DEFLATED)
    assert moved.crc == zlib.crc32(b"<a/>" * 1000) and inflate(moved) == b"<a/>" * 1000
    assert compress("ppt/media/image1.JPG", b"jpeg").method == STORED
    with zipfile.ZipFile(io.BytesIO(write_zip([moved]))) as z:
        assert z.read("ppt/slides/slide9.xml") == b"<a/>" * 1000


def it_refuses_a_member_name_twice():
    one = compress("ppt/presProps.xml", b"<x/>")
    with pytest.raises(RuntimeError, match="would hold `ppt/presProps.xml` twice"):
        write_zip([one, one])


def it_marks_a_non_ascii_name_as_utf8():
    data = write_zip([compress("ppt/média.xml", b"<x/>")])
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        info = z.infolist()[0]
        assert info.filename == "ppt/média.xml" and info.flag_bits & 0x800


# --- incremental builds -----------------------------------------------------------------------

def _slide(kind: str, n: int, rng: random.Random) -> dict:
    title = f"{kind.capitalize()} {n}"
    if kind == "bullets":
        slide = {"kind": "bullets", "title": title,
                 "bullets": [f"Point {n}", "A **second** point", "Third"]}
    elif kind == "chart":
        slide = {"kind": "chart", "title": title, "type": rng.choice(["column", "bar", "line"]),
                 "categories": ["North", "South", "East"],
                 "series": [{"name": "Sales", "values": [rng.randint(1, 9) for _ in range(3)]}]}
    elif kind == "table":
        slide = {"kind": "table", "title": title, "columns": ["Region", "Sales"],
                 "rows": [["North", str(n)], ["South", "2"]]}
    else:
        slide = {"kind": "image", "title": title, "path": "picture.png", "alt": "A picture"}
    if rng.random() < 0.5:
        slide["notes"] = f"Notes for {title}"
    return slide


def _edit(outline: dict, rng: random.Random, counter: list[int]) -> str:
    """One random edit of the outline in place; returns what it did."""
    sections = outline["sections"]
    section = rng.choice(sections)
    slides = section["slides"]
    what = rng.choice(["title", "bullet", "chart", "add", "remove", "move", "theme", "notes"])
    counter[0] += 1
    n = counter[0]
    if what == "add" or not slides:
        slides.insert(rng.randrange(len(slides) + 1),
                      _slide(rng.choice(["bullets", "chart", "table", "image"]), n, rng))
        return "add"
    slide = rng.choice(slides)
    if what == "title":
        slide["title"] = f"Retitled {n}"
    elif what == "bullet" and "bullets" in slide:
        slide["bullets"][rng.randrange(len(slide["bullets"]))] = f"Changed bullet {n}"
    elif what == "chart" and "series" in slide:
        slide["series"][0]["values"][rng.randrange(3)] = rng.randint(10, 99)
    elif what == "remove" and sum(len(s["slides"]) for s in sections) > 2:
        slides.remove(slide)
    elif what == "move":
        slides.remove(slide)
        target = rng.choice(sections)["slides"]
        target.insert(rng.randrange(len(target) + 1), slide)
    elif what == "theme":
        outline["theme"] = "stage" if outline.get("theme", "default") == "default" else "default"
    elif what == "notes":
        if slide.pop("notes", None) is None:
            slide["notes"] = f"New notes {n}"
    return what


def _full_build(src, out):
    """A build with nothing cached, leaving the incremental builds' cache as it was."""
    kept = dict(pipeline._SLIDE_CACHES)
    pipeline.clear_slide_caches()
    try:
        deck.build(src, output=out)
    finally:
        pipeline._SLIDE_CACHES.clear()
        pipeline._SLIDE_CACHES.update(kept)
    return out.read_bytes()


@pytest.mark.parametrize("seed", [1, 2])
def it_gives_a_full_builds_bytes_over_random_edits(tmp_path, seed):
    rng = random.Random(seed)
    Image.new("RGB", (160, 90), (30, 80, 140)).save(tmp_path / "picture.png")
    counter = [0]
    outline = {"title": "Incremental", "slide_numbers": True, "sections": [
        {"title": "One", "slides": [_slide(k, i, rng) for i, k in
                                    enumerate(["bullets", "chart", "table", "image"])]},
        {"title": "Two", "slides": [_slide(k, i, rng) for i, k in
                                    enumerate(["chart", "bullets", "table"], start=4)]}]}
    src, out, ref = tmp_path / "outline.yaml", tmp_path / "out.pptx", tmp_path / "ref.pptx"
    src.write_text(yaml.safe_dump(outline, sort_keys=False), encoding="utf-8")
    deck.build(src, output=out)
    cache = pipeline._SLIDE_CACHES[src.resolve()]
    for _step in range(8):
        what = _edit(outline, rng, counter)
        src.write_text(yaml.safe_dump(outline, sort_keys=False), encoding="utf-8")
        report = deck.build(src, output=out)
        hits, misses = cache.hits, cache.misses
        assert out.read_bytes() == _full_build(src, ref), what
        assert len(cache) == report.slides  # one deck's worth: removed slides are dropped
        if what == "theme":
            assert hits == 0
        elif what in ("bullet", "chart", "notes"):
            assert misses <= 1, what  # only the edited slide (0: the edit did not apply)
        elif what == "title":
            assert misses <= 2  # and its section's divider, which lists the titles


def it_renders_only_the_edited_slide_and_follows_a_changed_picture(tmp_path):
    picture = tmp_path / "picture.png"
    Image.new("RGB", (160, 90), (30, 80, 140)).save(picture)
    rng = random.Random(7)
    slides = [_slide(k, i, rng) for i, k in enumerate(["bullets", "image", "chart", "table"])]
    outline = {"title": "T", "sections": [{"title": "S", "slides": slides}]}
    src, out, ref = tmp_path / "outline.yaml", tmp_path / "out.pptx", tmp_path / "ref.pptx"
    src.write_text(yaml.safe_dump(outline), encoding="utf-8")
    deck.build(src, output=out)
    cache = pipeline._SLIDE_CACHES[src.resolve()]
    slides[2]["series"][0]["values"][0] = 42
    src.write_text(yaml.safe_dump(outline), encoding="utf-8")
    deck.build(src, output=out)
    assert (cache.misses, cache.hits) == (1, len(slides))  # and the section divider
    Image.new("RGB", (160, 90), (200, 40, 40)).save(picture)  # same name, new picture
    deck.build(src, output=out)
    assert cache.misses == 1
    assert out.read_bytes() == _full_build(src, ref)
    with zipfile.ZipFile(out) as z:
        assert any(z.read(n)[:4] == b"\x89PNG" for n in z.namelist() if "media" in n)


def it_keeps_slides_for_a_few_outlines_only(tmp_path):
    src = tmp_path / "outline.yaml"
    for k in range(pipeline.SLIDE_CACHE_OUTLINES + 2):
        folder = tmp_path / f"d{k}"
        folder.mkdir()
        src = folder / "outline.yaml"
        src.write_text("title: T\nsections:\n  - title: S\n    slides:\n"
                       f"      - {{kind: bullets, title: B{k}, bullets: [a]}}\n")
        deck.build(src, output=folder / "out.pptx")
    assert len(pipeline._SLIDE_CACHES) == pipeline.SLIDE_CACHE_OUTLINES
    assert src.resolve() in pipeline._SLIDE_CACHES


@pytest.mark.parametrize(("name", "owner", "ref"), [
    ("/ppt/charts/chart2.xml", "/ppt/slides/slide1.xml", "../charts/chart2.xml"),
    ("/ppt/slides/slide1.xml", "/ppt/notesSlides/notesSlide1.xml", "../slides/slide1.xml"),
    ("/ppt/slides/slide3.xml", "/ppt/presentation.xml", "slides/slide3.xml"),
    ("/ppt/presentation.xml", "/", "ppt/presentation.xml"),
    ("/docProps/app.xml", "/", "docProps/app.xml"),
])
def it_writes_relationship_targets_relative_to_their_part(name, owner, ref):
    from pptx.opc.packuri import PackURI

    from deck.render.oxml.link import relative_ref

    assert relative_ref(name, owner) == ref
    if owner != "/":  # as python-pptx (posixpath.relpath) writes them
        assert PackURI(name).relative_ref(PackURI(owner).baseURI) == ref


def it_escapes_link_targets_in_relationships():
    from lxml import etree

    from deck.render.oxml.link import rels_xml

    url = 'https://example.com/?a=1&b="2"<\n'
    xml = rels_xml("/ppt/slides/slide1.xml", [("rId2", "http://h", url, True)])
    rel = etree.fromstring(xml)[0]
    assert (rel.get("Target"), rel.get("TargetMode")) == (url, "External")


def it_reports_a_reused_slides_warnings_at_its_new_lines(tmp_path):
    many = ", ".join(f"bullet {k}" for k in range(32))
    head = "title: T\nsections:\n  - title: S\n    slides:\n"
    short = "      - kind: bullets\n        title: Short\n        bullets: [a, b]\n"
    long = f"      - kind: bullets\n        title: Many\n        bullets: [{many}]\n"
    src, out, ref = tmp_path / "outline.yaml", tmp_path / "out.pptx", tmp_path / "ref.pptx"
    src.write_text(head + short + long, encoding="utf-8")
    first = deck.build(src, output=out).warnings
    assert first and all(d.span.line == 10 for d in first)
    src.write_text(head + short.replace("[a, b]", "\n          - a\n          - b") + long,
                   encoding="utf-8")  # the slide with warnings moves down two lines
    again = deck.build(src, output=out).warnings
    memo = pipeline._PLAN_MEMOS[src.resolve()]
    assert (memo.hits, memo.misses) == (3, 0)  # the same model: both slides and the divider
    assert [(d.span.line, d.message) for d in again] == [(12, d.message) for d in first]
    assert out.read_bytes() == _full_build(src, ref)
    pipeline.clear_slide_caches()
    assert deck.build(src, output=ref).warnings == again


def it_gives_a_full_builds_bytes_on_a_template(tmp_path):
    from templates import make_template

    make_template(tmp_path / "brand.potx", own_slides=2, chart_layout="Title and Content")
    Image.new("RGB", (160, 90), (30, 80, 140)).save(tmp_path / "picture.png")
    rng = random.Random(3)
    outline = {"title": "T", "template": "brand.potx", "slide_numbers": True, "sections": [
        {"title": "S", "slides": [_slide(k, i, rng) for i, k in
                                  enumerate(["bullets", "chart", "table", "image", "bullets"])]}]}
    src, out, ref = tmp_path / "outline.yaml", tmp_path / "out.pptx", tmp_path / "ref.pptx"
    slides = outline["sections"][0]["slides"]
    for step in range(4):
        if step == 1:
            slides[0]["bullets"][0] = "Changed"
        elif step == 2:
            slides[1]["series"][0]["values"][1] = 77
        elif step == 3:
            del slides[2]
        src.write_text(yaml.safe_dump(outline, sort_keys=False), encoding="utf-8")
        deck.build(src, output=out)
        if step in (1, 2):  # (removing a slide renumbers the ones after it: re-rendered)
            assert pipeline._SLIDE_CACHES[src.resolve()].misses == 1
        if step:
            assert out.read_bytes() == _full_build(src, ref), step


def it_keeps_each_rendered_slide_as_its_bundle_and_drops_its_trees(tmp_path, monkeypatch):
    """Issue 17's table memory: a slide is cut into its compressed bundle as soon as it is
    rendered, and its python-pptx parts are freed even with the cyclic GC paused (as builds
    run), so a deck's memory grows by compressed bytes, not XML trees."""
    import gc
    import weakref
    from datetime import datetime

    from deck.render import render_deck
    from deck.render.oxml import package
    from deck.render.oxml.link import SlideStub

    Image.new("RGB", (160, 90), (30, 80, 140)).save(tmp_path / "picture.png")
    rng = random.Random(3)
    slides = [_slide(kind, n, rng) for n, kind in enumerate(["chart", "table", "image", "image"])]
    slides[0]["notes"] = "Notes of the chart"
    src = tmp_path / "outline.yaml"
    src.write_text(yaml.safe_dump({"title": "Stubs", "sections": [
        {"title": "All", "divider": False, "slides": slides}]}), encoding="utf-8")
    made = []
    add = package.SlideAdder.add

    def watched(self, layout):
        slide = add(self, layout)
        made.append(weakref.ref(slide.part))
        return slide

    monkeypatch.setattr(package.SlideAdder, "add", watched)
    _source, _outline, plan = pipeline._plan(src, None, (), None, None)
    enabled = gc.isenabled()
    gc.disable()
    try:
        prs = render_deck(plan, datetime(2026, 1, 1))
        assert len(made) == 4 and [ref() for ref in made] == [None] * 4
    finally:
        if enabled:
            gc.enable()
    parts = [prs.part.related_part(s.rId) for s in prs.slides._sldIdLst]
    assert all(isinstance(p, SlideStub) for p in parts)
    chart = {piece.pattern for piece in parts[0].bundle.pieces}
    assert {"/ppt/charts/chart%d.xml", "/ppt/notesSlides/notesSlide%d.xml"} <= chart
    assert parts[0].bundle.facts == ("Chart 0", parts[0].bundle.facts[1], True)


def it_gives_the_same_bytes_on_a_processs_first_build_as_on_later_ones(tmp_path, monkeypatch):
    """The first build with a theme uses python-pptx's template as prepared, later ones open a
    saved copy of it (render._default_template): the package written must not tell them apart
    (the member order once followed the template's own .rels)."""
    from deck import render

    monkeypatch.setattr(render, "_PREPARED", {})
    Image.new("RGB", (160, 90), (30, 80, 140)).save(tmp_path / "picture.png")
    rng = random.Random(3)
    outline = {"title": "First", "sections": [{"title": "S", "slides": [
        _slide(k, i, rng) for i, k in enumerate(["bullets", "chart", "table", "image"])]}]}
    src = tmp_path / "outline.yaml"
    src.write_text(yaml.safe_dump(outline, sort_keys=False), encoding="utf-8")
    builds = [_full_build(src, tmp_path / f"out{n}.pptx") for n in range(3)]
    assert render._PREPARED  # the second build kept a prepared package; the third opened it
    assert builds[0] == builds[1] == builds[2]


def it_plans_a_divider_again_only_when_its_section_changed(tmp_path):
    """Section dividers list their slides' titles: kept with the slides' plans, keyed by their
    whole section, so an edit plans the edited slide and its own section's divider again and
    reuses every other divider."""
    def outline(first: str, other_bullet: str) -> str:
        return ("title: T\nsections:\n"
                f"  - title: One\n    slides:\n"
                f"      - {{kind: bullets, title: {first}, bullets: [a]}}\n"
                "      - {kind: bullets, title: Second, bullets: [b]}\n"
                "  - title: Two\n    slides:\n"
                f"      - {{kind: bullets, title: Third, bullets: [{other_bullet}]}}\n"
                "      - {kind: bullets, title: Fourth, bullets: [d]}\n")
    src, out, ref = tmp_path / "outline.yaml", tmp_path / "out.pptx", tmp_path / "ref.pptx"
    src.write_text(outline("First", "c"), encoding="utf-8")
    deck.build(src, output=out)
    memo = pipeline._PLAN_MEMOS[src.resolve()]
    src.write_text(outline("First", "c, e"), encoding="utf-8")  # in section Two
    deck.build(src, output=out)
    assert (memo.hits, memo.misses) == (4, 2)  # that slide and Two's divider
    src.write_text(outline("Renamed", "c, e"), encoding="utf-8")  # in section One
    deck.build(src, output=out)
    assert (memo.hits, memo.misses) == (4, 2)  # that slide and One's divider
    assert out.read_bytes() == _full_build(src, ref)
    agenda = [s for s in Presentation(out).slides[0].shapes if s.name == "Agenda"]
    assert "Renamed" in agenda[0].text_frame.text
