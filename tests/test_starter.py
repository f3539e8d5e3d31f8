"""`deck new`: a starter outline that shows every slide kind, builds without a warning, validates
against the schema as an editor reads it, and never overwrites a file."""

from pathlib import Path

import yaml12
from jsonschema import Draft7Validator
from PIL import Image
from test_cli import run

import deck
from deck import model
from deck.schema import SCHEMA_FILE, outline_schema
from deck.source import load_file

KINDS = {"title", "statement", "bullets", "quote", "table", "chart", "image", "two_column",
         "grid", "sources"}


def it_writes_a_starter_with_every_kind_that_builds_cleanly(tmp_path):
    result = run("new", "talk.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["talk.yaml", "talk-picture.png"]
    assert "deck build talk.yaml" in result.stderr
    src = tmp_path / "talk.yaml"
    with Image.open(tmp_path / "talk-picture.png") as im:
        assert im.format == "PNG" and im.size == (480, 270)

    deck_model = model.convert(load_file(src).data)
    kinds = {type(s).__struct_config__.tag for sec in deck_model.sections for s in sec.slides}
    assert kinds == KINDS
    assert deck.check(src, strict=True) == []
    report = deck.build(src, strict=True)
    assert report.slides == 11 and report.output.is_file()


def it_points_the_starter_at_the_schema_and_the_schema_accepts_it(tmp_path):
    src = Path(run("new", tmp_path / "talks" / "a.yaml").stdout.splitlines()[0])
    first, *_ = src.read_text(encoding="utf-8").splitlines()
    reference = first.removeprefix("# yaml-language-server: $schema=")
    assert reference != first and not Path(reference).is_absolute()
    assert (src.parent / reference).resolve() == SCHEMA_FILE
    errors = list(Draft7Validator(outline_schema()).iter_errors(yaml12.load(src.read_text())))
    assert errors == []


def it_writes_outline_yaml_into_a_folder(tmp_path):
    result = run("new", tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [str(tmp_path / "outline.yaml"),
                                          str(tmp_path / "outline-picture.png")]


def it_refuses_to_overwrite_the_outline_or_the_picture_with_exit_2(tmp_path):
    (tmp_path / "outline.yaml").write_text("mine")
    result = run("new", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == ("outline.yaml: error: already exists; `deck new` does not "
                             "overwrite files (choose another name)\n")
    assert (tmp_path / "outline.yaml").read_text() == "mine"
    assert not (tmp_path / "outline-picture.png").exists()

    (tmp_path / "other-picture.png").write_bytes(b"mine")
    result = run("new", "other.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert "other-picture.png: error: already exists" in result.stderr
    assert not (tmp_path / "other.yaml").exists()
    assert (tmp_path / "other-picture.png").read_bytes() == b"mine"


def it_writes_the_schema_beside_the_starter_when_deck_is_installed(tmp_path, monkeypatch):
    from deck import schema, starter

    installed = tmp_path / "venv" / "lib" / "site-packages" / "deck" / "schema" / "x.json"
    monkeypatch.setattr(schema, "SCHEMA_FILE", installed)
    written = starter.write_starter(tmp_path / "talk.yaml")
    first = written[0].read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=outline.schema.json"
    assert written[2] == tmp_path / "outline.schema.json"
    assert written[2].read_text(encoding="utf-8") == schema.schema_text()
    again = starter.write_starter(tmp_path / "other.yaml")  # the copy there serves: kept
    assert len(again) == 2 and "site-packages" not in again[0].read_text(encoding="utf-8")
