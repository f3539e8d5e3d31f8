"""Writing the deck: atomic, never half-written, never clobbering, reproducible to the byte."""

import errno
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

import deck
from deck.errors import InputError, OutputError

ROOT = Path(__file__).resolve().parent.parent
GOOD = """\
title: T
author: A. Author
date: 2026-11-28
sections:
  - title: S
    slides:
      - kind: bullets
        title: Hello
        bullets: [one, two]
      - kind: chart
        type: column
        categories: [a, b]
        series: [{name: s, values: [1, 2]}]
"""


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def previous_deck(src: Path, out: Path) -> bytes:
    """An earlier deck at `out` (only a deck deck wrote may be replaced): its bytes."""
    earlier = src.with_name("earlier.yaml")
    earlier.write_text(GOOD.replace("title: Hello", "title: Earlier"))
    deck.build(earlier, output=out)
    earlier.unlink()
    return out.read_bytes()


def it_leaves_the_old_deck_when_rendering_crashes_midway(outline, monkeypatch):
    src = outline(GOOD)
    out = src.parent / "deck.pptx"
    before = previous_deck(src, out)
    import deck.render as render

    calls = []

    def crash(slide, plan, *args):
        calls.append(plan)
        if len(calls) == 2:
            raise RuntimeError("crash in the middle of rendering")
    monkeypatch.setattr(render, "render_slide", crash)
    with pytest.raises(RuntimeError):
        deck.build(src, output=out)
    assert out.read_bytes() == before
    assert leftovers(src.parent) == []
    assert_python_pptx_unpatched()


def assert_python_pptx_unpatched():
    import pptx.chart.xlsx
    from pptx.opc.serialized import _ZipPkgWriter

    from deck.render.oxml import workbooks

    # XlsxWriter's, or the stand-in that imports it on first use (workbooks._chart_xlsx)
    assert (pptx.chart.xlsx.Workbook.__module__.startswith("xlsxwriter")
            or pptx.chart.xlsx.Workbook is workbooks._XlsxWriterWorkbook)
    assert _ZipPkgWriter.write.__module__ == "pptx.opc.serialized"
    import gc

    assert gc.isenabled()


def it_builds_the_same_bytes_from_threads_and_leaves_python_pptx_as_it_was(outline, tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    src = outline(GOOD)
    alone = deck.build(src, output=tmp_path / "alone.pptx").output.read_bytes()
    with ThreadPoolExecutor(4) as pool:
        reports = list(pool.map(lambda k: deck.build(src, output=tmp_path / f"t{k}.pptx"),
                                range(8)))
    assert {r.output.read_bytes() for r in reports} == {alone}
    assert_python_pptx_unpatched()


def it_reports_a_full_disk_and_removes_its_temporary_file(outline, monkeypatch):
    src = outline(GOOD)
    out = src.parent / "deck.pptx"
    before = previous_deck(src, out)

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OutputError) as info:
        deck.build(src, output=out)
    assert "No space left on device" in str(info.value)
    assert out.read_bytes() == before
    assert leftovers(src.parent) == []


def it_reports_a_read_only_folder(outline, monkeypatch):
    import tempfile

    src = outline(GOOD)

    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")
    monkeypatch.setattr(tempfile, "mkstemp", denied)
    with pytest.raises(OutputError) as info:
        deck.build(src, output=src.parent / "deck.pptx")
    assert "Permission denied" in str(info.value)
    assert not (src.parent / "deck.pptx").exists()


def it_replaces_a_symlink_instead_of_writing_through_it(outline):
    src = outline(GOOD)
    victim = src.parent / "victim.txt"
    victim.write_text("do not touch")
    out = src.parent / "deck.pptx"
    out.symlink_to(victim)
    deck.build(src, output=out)
    assert victim.read_text() == "do not touch"
    assert not out.is_symlink() and zipfile.is_zipfile(out)


def build_in_subprocess(src: Path, out: Path, **env) -> bytes:
    subprocess.run([sys.executable, "-m", "deck", "build", str(src), "-o", str(out), "-q"],
                   check=True, cwd=ROOT, env={**os.environ, **env}, capture_output=True)
    return out.read_bytes()


def it_builds_byte_identical_files_at_different_times_and_time_zones(outline):
    src = outline(GOOD)
    first = build_in_subprocess(src, src.parent / "a.pptx", TZ="UTC")
    time.sleep(1.1)  # zip members and workbooks carry seconds: cross a second boundary
    second = build_in_subprocess(src, src.parent / "b.pptx", TZ="Asia/Shanghai")
    assert first == second


def it_takes_document_times_from_the_outline_or_source_date_epoch(outline):
    from pptx import Presentation

    src = outline(GOOD)
    deck.build(src, output=src.parent / "a.pptx")
    props = Presentation(str(src.parent / "a.pptx")).core_properties
    assert props.created.isoformat().startswith("2026-11-28")
    assert props.author == "A. Author" and props.revision == 1
    epoch = build_in_subprocess(src, src.parent / "b.pptx", SOURCE_DATE_EPOCH="1700000000")
    assert epoch != (src.parent / "a.pptx").read_bytes()
    with zipfile.ZipFile(src.parent / "b.pptx") as z:
        assert b"2023-11-14T22:13:20Z" in z.read("docProps/core.xml")
        assert {info.date_time for info in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def it_keeps_document_times_in_the_range_zip_and_office_files_can_hold(outline, monkeypatch):
    src = outline(GOOD.replace("date: 2026-11-28", "date: 0099-01-01"))
    deck.build(src, output=src.parent / "old.pptx")
    with zipfile.ZipFile(src.parent / "old.pptx") as z:
        assert b"1980-01-01T00:00:00Z" in z.read("docProps/core.xml")
    for bad in ("99999999999999", "soon", "-5"):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", bad)
        with pytest.raises(InputError, match="SOURCE_DATE_EPOCH: error: must be whole seconds"):
            deck.build(src, output=src.parent / "bad.pptx")
        assert not (src.parent / "bad.pptx").exists()


def it_keeps_nothing_from_the_default_template(outline):
    src = outline(GOOD)
    deck.build(src, output=src.parent / "a.pptx")
    with zipfile.ZipFile(src.parent / "a.pptx") as z:
        text = b"".join(z.read(n) for n in ("docProps/core.xml", "docProps/app.xml"))
    for stale in (b"Steve Canny", b"python-pptx", b"Macintosh", b"4:3", b"2013-"):
        assert stale not in text


def it_never_writes_over_a_file_the_deck_is_built_from(outline, tmp_path):
    from templates import make_template

    make_template(tmp_path / "brand.pptx")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "rows.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    src = outline("""\
        title: T
        template: brand.pptx
        sections:
          - title: S
            divider: false
            slides:
              - kind: table
                title: From a file
                data: data/rows.csv
        """)
    before = (tmp_path / "brand.pptx").read_bytes()
    for target, name in ((tmp_path / "brand.pptx", "brand.pptx"),
                         (tmp_path / "data" / "rows.csv", "rows.csv")):
        with pytest.raises(InputError, match=f"would overwrite `{name}`, a file the deck is"):
            deck.build(src, output=target)
    (tmp_path / "alias.pptx").symlink_to(tmp_path / "brand.pptx")
    with pytest.raises(InputError, match="would overwrite `brand.pptx`"):
        deck.build(src, output=tmp_path / "alias.pptx")
    src.write_text(src.read_text() + "output: brand.pptx\n")
    with pytest.raises(InputError, match=r"outline.yaml:\d+:\d+: error: the output would overwrite"):
        deck.build(src)
    assert (tmp_path / "brand.pptx").read_bytes() == before
    assert (tmp_path / "data" / "rows.csv").read_text() == "a,b\n1,2\n"
