"""One deck per row: `deck.build_each` and `deck build --each` — names checked before anything
is written, failing rows listed without stopping the others, Dask writing the same bytes."""

import pytest

import deck
from deck.cli import main
from deck.errors import InputError

OUTLINE = """title: "{{ region }} review"
sections:
  - title: Results
    slides:
      - kind: statement
        figure: "{{ sales | number('$#,##0') }}"
        caption: "sales in {{ region }}"
"""
CSV = "region,sales\nNorth,1250000\nSouth,980000\nEast,1104500\n"


@pytest.fixture
def batch(outline):
    src = outline(OUTLINE)
    (src.parent / "regions.csv").write_text(CSV)
    return src


def it_writes_one_deck_per_row_named_by_the_template(batch, monkeypatch):
    monkeypatch.chdir(batch.parent)
    reports = deck.build_each(batch, "regions.csv", name="{{ region | lower }}.pptx",
                              out_dir="decks", jobs=1)
    assert [(r.row, r.name, r.ok) for r in reports] == [
        (1, "north.pptx", True), (2, "south.pptx", True), (3, "east.pptx", True)]
    assert all(r.slides == reports[0].slides > 0 for r in reports)
    text = deck.text_form(batch.parent / "decks" / "south.pptx")
    assert "South review" in text and "$980,000" in text
    assert all(r.peak_memory > 0 for r in reports)


@pytest.mark.parametrize("name, data, expected", [
    ("{{ region }}.pptx", "region,sales\nNorth,1\nnorth,2\n",
     "regions.csv:3:1: error: --name: `north.pptx` is also the name of row 1"),
    ("../{{ region }}.pptx", CSV, "contains a path separator"),
    ("{{ region }}.pptx", "region,sales\n../../etc/x,1\n", "contains a path separator"),
    ("{{ region }}.pptx", "region,sales\n..,1\n", "is not a file name"),
    ("{{ region }}", CSV, "must end in .pptx"),
    ("{{ regoin }}.pptx", CSV, "regoin"),
])
def it_refuses_bad_or_colliding_names_before_writing_anything(batch, monkeypatch, name, data,
                                                              expected):
    monkeypatch.chdir(batch.parent)
    (batch.parent / "regions.csv").write_text(data)
    with pytest.raises(InputError) as info:
        deck.build_each(batch, "regions.csv", name=name, out_dir="decks", jobs=1)
    assert expected in "\n".join(str(d) for d in info.value.diagnostics)
    assert not (batch.parent / "decks").exists()


def it_builds_the_other_rows_when_one_fails_and_lists_it(batch, monkeypatch, capsys):
    monkeypatch.chdir(batch.parent)
    (batch.parent / "regions.csv").write_text(CSV.replace("980000", "n/a"))
    status = main(["build", str(batch), "--each", "regions.csv", "--name", "{{ region }}.pptx",
                   "-o", "decks", "-j", "2"])
    out, err = capsys.readouterr()
    assert status == 2
    assert sorted(p.name for p in (batch.parent / "decks").iterdir()) == ["East.pptx",
                                                                           "North.pptx"]
    assert out.split() == [str(batch.parent / "decks" / n) for n in ("North.pptx", "East.pptx")]
    assert "row 2 (South.pptx) failed" in err
    assert "regions.csv:3:7: error: column `sales`: expected a number, got `n/a`" in err
    assert "1 of 3 rows failed" in err


def it_writes_the_same_bytes_on_a_dask_cluster(batch, monkeypatch):
    distributed = pytest.importorskip("distributed")
    monkeypatch.chdir(batch.parent)
    local = deck.build_each(batch, "regions.csv", name="{{ region }}.pptx", out_dir="local",
                            jobs=1)
    with distributed.LocalCluster(processes=False, n_workers=1, threads_per_worker=2,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        remote = deck.build_each(batch, "regions.csv", name="{{ region }}.pptx",
                                 out_dir="remote", executor="dask", scheduler=client)
    assert [r.ok for r in remote] == [True, True, True]
    for a, b in zip(local, remote):
        assert a.output.read_bytes() == b.output.read_bytes()


def it_fills_the_regions_example_from_every_row(monkeypatch):
    from pathlib import Path

    from deck.batch import plan_names, read_rows
    from deck.files import Files
    from deck.loops import expand
    from deck.source import load_file
    from deck.validate import validate

    example = Path(__file__).resolve().parent.parent / "examples" / "regions"
    monkeypatch.chdir(example)
    planned = plan_names(read_rows("regions.csv"), "{{ region }}.pptx", example / "build")
    assert len(planned) == 12 and planned[11][1] == "Türkiye.pptx"
    for variables in (planned_row[3] for planned_row in planned):
        filled = validate(expand(load_file("outline.yaml"), Files(example), variables))
        assert filled.title == f"{variables['region']}: first half 2026"
        chart = filled.sections[1].slides[1]
        assert chart.categories == ["Jan", "Feb", "Mar", "Apr", "May", "Jun"]


def it_frees_each_deck_and_leaves_the_callers_collector_as_it_was(batch, monkeypatch):
    import gc

    monkeypatch.chdir(batch.parent)
    deck.build_each(batch, "regions.csv", name="{{ region }}.pptx", out_dir="decks", jobs=1)
    assert gc.get_freeze_count() == 0 and gc.isenabled()


def it_keeps_a_rows_hand_edited_deck_unless_forced(batch, monkeypatch, capsys):
    """A colleague edited one row's deck: the batch refuses that row (the others are built),
    and with --force replaces it, keeping the edit as NAME.edited.pptx."""
    from pptx import Presentation

    monkeypatch.chdir(batch.parent)
    argv = ["build", str(batch), "--each", "regions.csv", "--name", "{{ region }}.pptx",
            "-o", "decks", "-j", "1"]
    assert main(argv) == 0
    south = batch.parent / "decks" / "South.pptx"
    prs = Presentation(str(south))
    text = next(s for s in prs.slides[0].shapes if s.has_text_frame and "South" in s.text_frame.text)
    text.text_frame.paragraphs[0].runs[0].text = "Southern region, corrected"
    prs.save(str(south))
    edited = south.read_bytes()
    capsys.readouterr()
    assert main(argv) == 2
    assert south.read_bytes() == edited
    assert "row 2 (South.pptx) failed" in capsys.readouterr().err
    assert main(argv + ["--force"]) == 0
    assert (batch.parent / "decks" / "South.edited.pptx").read_bytes() == edited
    assert south.read_bytes() != edited


def it_checks_every_rows_deck_without_writing_anything(batch, monkeypatch, capsys):
    """`deck check --each`: each row's outline validated, laid out and audited as `build
    --each` would build it; a bad row is reported at its cell; no folder, no file."""
    monkeypatch.chdir(batch.parent)
    reports = deck.check_each(batch, "regions.csv", name="{{ region }}.pptx")
    assert [(r.row, r.name, r.ok, r.slides) for r in reports] == [
        (1, "North.pptx", True, 0), (2, "South.pptx", True, 0), (3, "East.pptx", True, 0)]
    (batch.parent / "regions.csv").write_text(CSV.replace("980000", "n/a"))
    before = sorted(p.name for p in batch.parent.iterdir())
    status = main(["check", str(batch), "--each", "regions.csv", "--name",
                   "{{ region }}.pptx"])
    err = capsys.readouterr().err
    assert status == 2
    assert "row 2 (South.pptx) failed" in err
    assert "regions.csv:3:7: error: column `sales`: expected a number, got `n/a`" in err
    assert "2 of 3 rows ok" in err and "1 of 3 rows failed" in err
    assert sorted(p.name for p in batch.parent.iterdir()) == before  # nothing written


def it_checks_the_names_build_each_would_write(batch, monkeypatch, capsys):
    monkeypatch.chdir(batch.parent)
    (batch.parent / "regions.csv").write_text("region,sales\nNorth,1\nnorth,2\n")
    status = main(["check", str(batch), "--each", "regions.csv", "--name",
                   "{{ region }}.pptx"])
    assert status == 2
    assert "regions.csv:3:1: error: --name: `north.pptx` is also the name of row 1" in \
        capsys.readouterr().err
