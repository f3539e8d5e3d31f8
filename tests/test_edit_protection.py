"""Issue 13, edit protection: a deck a person edited is never silently replaced.

The starter deck is built once; each test edits a copy as a colleague would (python-pptx, or
LibreOffice saving it again) and builds over it: the build must stop with exit 2, leave the
file's bytes alone, and name the slide and what changed. A deck saved again without a change
is replaced; `--force` keeps the edited file as NAME.edited.pptx; a file without deck's prints
is refused. Edited copies are named `handmade-*` (not audited as decks deck wrote)."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import needs_libreoffice
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.util import Emu

import deck
from deck import fingerprint
from deck.cli import main


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    """(the starter outline, the deck built from it)."""
    folder = tmp_path_factory.mktemp("edit-protection")
    outline = deck.write_starter(folder / "outline.yaml")[0]
    out = folder / "starter.pptx"
    deck.build(outline, output=out)
    return outline, out


def _copy(built, tmp_path, name="handmade-deck.pptx") -> Path:
    path = tmp_path / name
    shutil.copyfile(built[1], path)
    return path


def _build(outline: Path, out: Path, *extra) -> int:
    return main(["build", str(outline), "-o", str(out), "-q", *extra])


def _slide(prs, title: str):
    return next(s for s in prs.slides if s.shapes.title is not None
                and s.shapes.title.text_frame.text == title)


def _number(prs, slide) -> int:
    return list(prs.slides).index(slide) + 1


def edit_title(prs):
    slide = _slide(prs, "Three points")
    slide.shapes.title.text_frame.text = "Three better points"
    return _number(prs, slide), "title changed"


def edit_bullet(prs):
    slide = _slide(prs, "Three points")
    body = next(s for s in slide.shapes if s.name == "Bullets")
    body.text_frame.paragraphs[0].runs[0].text = "First, reworded"
    return _number(prs, slide), "text changed"


def edit_table_cell(prs):
    slide = _slide(prs, "A small table")
    table = next(s for s in slide.shapes if s.has_table).table
    table.cell(1, 1).text_frame.text = "99"
    return _number(prs, slide), "table cell changed"


def edit_chart_value(prs):
    slide = _slide(prs, "A chart you can edit in PowerPoint")
    chart = next(s for s in slide.shapes if s.has_chart).chart
    data = CategoryChartData()
    data.categories = [c for c in chart.plots[0].categories]
    for series in chart.plots[0].series:
        values = list(series.values)
        data.add_series(series.name, [values[0] + 1, *values[1:]])
    chart.replace_data(data)
    return _number(prs, slide), "chart value changed"


def edit_notes(prs):
    slide = prs.slides[0]
    slide.notes_slide.notes_text_frame.text = "Say this instead."
    return 1, "notes changed"


def edit_picture(prs):
    """Another picture at the same place: the old one deleted, a new one added."""
    import io

    from PIL import Image

    slide = _slide(prs, "A picture")
    old = next(s for s in slide.shapes if s.shape_type == 13)
    box = (old.left, old.top, old.width, old.height)
    old._element.getparent().remove(old._element)
    png = io.BytesIO()
    Image.new("RGB", (64, 36), (200, 30, 30)).save(png, "PNG")
    slide.shapes.add_picture(io.BytesIO(png.getvalue()), *box)
    return _number(prs, slide), "picture changed"


def edit_move_shape(prs):
    slide = _slide(prs, "A small table")
    table = next(s for s in slide.shapes if s.has_table)
    table.left = table.left + Emu(360000)  # 1 cm to the right
    return _number(prs, slide), "a shape moved or resized"


def edit_resize_shape(prs):
    slide = _slide(prs, "A picture")
    picture = next(s for s in slide.shapes if s.shape_type == 13)
    picture.width = int(picture.width * 0.8)
    return _number(prs, slide), "a shape moved or resized"


def edit_add_shape(prs):
    slide = _slide(prs, "Three points")
    box = slide.shapes.add_textbox(Emu(0), Emu(0), Emu(914400), Emu(457200))
    box.text_frame.text = "Draft"
    return _number(prs, slide), "a shape added"


def edit_add_slide(prs):
    prs.slides.add_slide(prs.slide_layouts[6])
    return len(prs.slides), "slide added"


def edit_remove_slide(prs):
    ids = prs.slides._sldIdLst
    ids.remove(ids[4])  # slide 5, "In their words"
    return 5, "slide removed"


def edit_move_slide(prs):
    ids = prs.slides._sldIdLst
    last = ids[-1]
    ids.remove(last)
    ids.insert(1, last)  # "Sources" (slide 11) becomes slide 2
    return 2, "moved (was slide 11)"


EDITS = [edit_title, edit_bullet, edit_table_cell, edit_chart_value, edit_notes, edit_picture,
         edit_move_shape, edit_resize_shape, edit_add_shape, edit_add_slide, edit_remove_slide,
         edit_move_slide]


@pytest.mark.parametrize("edit", EDITS, ids=[e.__name__ for e in EDITS])
def it_refuses_to_replace_a_deck_a_person_edited(built, tmp_path, capsys, edit):
    path = _copy(built, tmp_path)
    prs = Presentation(str(path))
    number, what = edit(prs)
    prs.save(str(path))
    before = path.read_bytes()
    assert _build(built[0], path) == 2
    err = capsys.readouterr().err
    assert path.read_bytes() == before  # untouched
    assert f"slide {number}" in err and what in err, err
    assert f"`deck import --changes {path} {built[0]}`" in err and "--force" in err
    assert not fingerprint.edited_name(path).exists()
    # the change is on that slide alone
    assert [c.slide for c in fingerprint.check(path)] == [number], fingerprint.check(path)


def it_says_nothing_changed_for_a_fresh_deck_or_one_saved_again_by_python_pptx(built, tmp_path):
    assert fingerprint.check(built[1]) == []
    path = _copy(built, tmp_path)
    Presentation(str(path)).save(str(path))
    assert path.read_bytes() != built[1].read_bytes()
    assert fingerprint.check(path) == []
    assert _build(built[0], path) == 0
    assert path.read_bytes() == built[1].read_bytes()


def it_records_a_short_print_per_slide(built):
    prints = fingerprint.read_prints(built[1])
    assert [p.kind for p in prints][:3] == ["title", "statement", "section"]
    assert [p.slide_id for p in prints] == list(range(256, 256 + len(prints)))
    with zipfile.ZipFile(built[1]) as z:
        custom = z.read("docProps/custom.xml").decode()
    assert custom.count("deck.slide.") == len(prints)
    assert all(len(fingerprint.encode(p)) < 255 for p in prints)


def it_accepts_a_libreoffice_resave_and_sees_an_edit_through_one(built, tmp_path):
    """LibreOffice rounds boxes to 1/100 mm, shrinks them at each save, renumbers slide ids and
    rewrites every part: saved twice without a change, the deck is still ours, unchanged; an
    edit made before LibreOffice saved it is still seen."""
    needs_libreoffice()
    plain = _copy(built, tmp_path, "handmade-plain.pptx")
    edited = _copy(built, tmp_path, "handmade-edited.pptx")
    prs = Presentation(str(edited))
    number, what = edit_table_cell(prs)
    prs.save(str(edited))
    once, twice = tmp_path / "once", tmp_path / "twice"
    _libreoffice(tmp_path, once, plain, edited)
    _libreoffice(tmp_path, twice, once / plain.name)
    for path in (once / plain.name, twice / plain.name):
        assert fingerprint.check(path) == [], path
    resaved = twice / plain.name
    assert _build(built[0], resaved) == 0
    assert resaved.read_bytes() == built[1].read_bytes()
    before = (once / edited.name).read_bytes()
    assert _build(built[0], once / edited.name) == 2
    assert (once / edited.name).read_bytes() == before
    assert [(c.slide, str(c)) for c in fingerprint.check(once / edited.name)] == [
        (number, f'slide {number} "A small table": {what}')]


def _libreoffice(tmp_path: Path, out: Path, *decks: Path) -> None:
    from deck.office import find_soffice

    profile = tmp_path / "lo-profile"
    subprocess.run([find_soffice(), f"-env:UserInstallation=file://{profile}", "--headless",
                    "--norestore", "--convert-to", "pptx", "--outdir", str(out),
                    *map(str, decks)], check=True, capture_output=True, timeout=300)
    for d in decks:
        assert (out / d.name).is_file(), d


def it_overwrites_with_force_keeping_the_edited_file_beside(built, tmp_path, capsys):
    path = _copy(built, tmp_path)
    for k, title in enumerate(["Edited once", "Edited twice"]):
        prs = Presentation(str(path))
        prs.slides[0].shapes.title.text_frame.text = title
        prs.save(str(path))
        edited = path.read_bytes()
        assert _build(built[0], path, "--force") == 0
        kept = tmp_path / ("handmade-deck.edited.pptx" if k == 0
                           else "handmade-deck.edited-2.pptx")
        assert kept.read_bytes() == edited  # the first kept file is never replaced
        assert f"kept as {kept}" in capsys.readouterr().err
        assert path.read_bytes() == built[1].read_bytes()
    assert (tmp_path / "handmade-deck.edited.pptx").read_bytes() != edited
    # nothing in the way: nothing kept
    assert _build(built[0], path, "--force") == 0
    assert "kept as" not in capsys.readouterr().err
    assert not (tmp_path / "handmade-deck.edited-3.pptx").exists()


def it_refuses_a_deck_without_prints_unless_forced(built, tmp_path, capsys):
    """A deck deck did not write — here one of ours with its prints taken out, so that its
    app.xml still names deck — is never replaced without --force."""
    path = tmp_path / "handmade-stranger.pptx"
    with zipfile.ZipFile(built[1]) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            if item.filename != "docProps/custom.xml":
                dst.writestr(item, src.read(item))
    before = path.read_bytes()
    assert fingerprint.read_prints(path) is None and fingerprint.check(path) is None
    assert _build(built[0], path) == 2
    assert path.read_bytes() == before
    assert "is not a deck written by deck" in capsys.readouterr().err
    assert _build(built[0], path, "--force") == 0
    assert fingerprint.edited_name(path).read_bytes() == before


def it_keeps_watching_when_the_deck_was_edited(built, tmp_path):
    """`deck watch`'s build reports the refusal as that build's error; the watcher goes on."""
    pytest.importorskip("watchfiles")
    import threading

    from deck.watcher import watch
    from deck.writer import EditedDeck

    path = _copy(built, tmp_path)
    prs = Presentation(str(path))
    edit_notes(prs)
    prs.save(str(path))
    stop = threading.Event()
    events = watch(built[0], output=path, stop_event=stop)
    try:
        first = next(events)
        assert isinstance(first.error, EditedDeck) and first.report is None
        assert "slide 1" in str(first.error)
    finally:
        stop.set()
        events.close()


def it_checks_an_unchanged_deck_by_its_stat_after_building_it(built, tmp_path, monkeypatch):
    from deck import writer

    out = tmp_path / "handmade-again.pptx"
    assert _build(built[0], out) == 0
    calls = []
    monkeypatch.setattr(fingerprint, "check", lambda p: calls.append(p) or [])
    assert _build(built[0], out) == 0
    assert calls == []  # the deck it wrote is remembered: no read
    writer._KNOWN.clear()
    assert _build(built[0], out) == 0
    assert calls  # forgotten: read and checked


def it_tolerates_libreoffice_boxes_but_not_a_moved_shape():
    """Boxes as LibreOffice saves them (positions rounded to 1/100 mm, sizes 1/100 mm smaller
    each save, up to ten saves) match; a shape moved 0.3 mm, or resized 0.4 mm, does not."""
    import random

    def resaved(box, saves):
        x, y, w, h = (round(v / 360) * 360 for v in box)
        return (x, y, w - 360 * saves, h - 360 * saves)

    def print_of(boxes):
        return fingerprint.SlidePrint("", "", "", "", "", "", "", fingerprint.boxes_text(boxes),
                                      len(boxes))

    rng = random.Random(13)
    for _ in range(300):
        boxes = [(rng.randrange(-10**6, 12192000), rng.randrange(0, 6858000),
                  rng.randrange(0, 8 * 10**6), rng.randrange(0, 5 * 10**6))
                 for _ in range(rng.randrange(1, 30))]
        recorded = print_of(boxes)
        for saves in (0, 1, 10):
            assert fingerprint.same_boxes(recorded, print_of([resaved(b, saves) for b in boxes]))
        shape, edge = rng.randrange(len(boxes)), rng.randrange(4)
        change = rng.choice([-1, 1]) * (10800 if edge < 2 else 14400)  # 0.3 mm, 0.4 mm
        edited = [list(b) for b in boxes]
        edited[shape][edge] += change
        assert not fingerprint.same_boxes(recorded, print_of([tuple(b) for b in edited]))


def it_refuses_a_deck_whose_prints_another_version_of_deck_wrote(built, tmp_path, capsys):
    path = tmp_path / "handmade-older.pptx"
    with zipfile.ZipFile(built[1]) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "docProps/custom.xml":
                data = data.replace(
                    f'name="deck.fingerprint"><vt:lpwstr>{fingerprint.FORMAT}<'.encode(),
                    b'name="deck.fingerprint"><vt:lpwstr>1<')
            dst.writestr(item, data)
    before = path.read_bytes()
    assert fingerprint.format_of(path) == "1" and fingerprint.check(path) is None
    assert _build(built[0], path) == 2
    assert path.read_bytes() == before
    assert "was written by another version of deck" in capsys.readouterr().err
