"""The command line: exit codes, compiler-style messages on stderr, paths on stdout, and an
existing deck left byte-for-byte untouched when a build fails."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOOD = """\
title: T
sections:
  - title: S
    slides:
      - kind: bullets
        title: Hello
        bullets: [one, two]
"""


def run(*args, cwd=None, env=None):
    """`python -m deck ARGS` with the checkout's deck first on the path, from any folder."""
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    return subprocess.run([sys.executable, "-m", "deck", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd or ROOT,
                          env={**os.environ, "PYTHONPATH": path, **(env or {})})


def it_builds_and_prints_the_output_path(tmp_path, outline):
    src = outline(GOOD)
    result = run("build", src)
    assert result.returncode == 0, result.stderr
    out = tmp_path / "build" / "outline.pptx"
    assert result.stdout.strip() == str(out)
    assert out.is_file()


def it_reports_bad_input_compiler_style_with_exit_2_and_no_traceback(outline):
    src = outline(GOOD.replace("kind: bullets", "kind: bulets"))
    result = run("build", src, "-o", src.parent / "x.pptx")
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].endswith("outline.yaml:5:15: error: unknown kind `bulets`; did you mean "
                             "`bullets`? (one of: title, statement, bullets, quote, table, chart,"
                             " image, two_column, grid, sources)")
    assert lines[1] == "        - kind: bulets"
    assert lines[2] == "                ^"
    assert "Traceback" not in result.stderr
    assert not (src.parent / "x.pptx").exists()


def it_leaves_an_existing_deck_byte_for_byte_untouched_when_the_build_fails(outline):
    src = outline(GOOD)
    out = src.parent / "deck.pptx"
    out.write_bytes(b"previous deck")
    src.write_text(GOOD.replace("bullets: [one, two]", "bullets: one: two"))
    result = run("build", src, "-o", out)
    assert result.returncode == 2
    assert out.read_bytes() == b"previous deck"
    assert sorted(p.name for p in src.parent.iterdir()) == ["deck.pptx", "outline.yaml"]


def it_refuses_to_overwrite_the_outline_itself(outline):
    src = outline(GOOD)
    before = src.read_bytes()
    result = run("build", src, "-o", src)
    assert result.returncode == 2
    assert "would overwrite the outline itself" in result.stderr
    assert src.read_bytes() == before


def it_reports_a_missing_output_folder_with_exit_2(outline):
    src = outline(GOOD)
    result = run("build", src, "-o", src.parent / "no" / "such" / "x.pptx")
    assert result.returncode == 2
    assert "cannot write output: folder" in result.stderr
    assert "Traceback" not in result.stderr


def it_reports_a_missing_outline_with_exit_2(tmp_path):
    result = run("build", tmp_path / "nope.yaml")
    assert result.returncode == 2
    assert "error: cannot read: No such file or directory" in result.stderr


def it_checks_without_writing(outline):
    src = outline(GOOD)
    result = run("check", src)
    assert result.returncode == 0
    assert "ok" in result.stderr
    assert not (src.parent / "build").exists()


def it_fails_check_under_strict_when_there_are_warnings(outline):
    long = " ".join(["word"] * 60)
    src = outline(GOOD.replace("bullets: [one, two]", f"bullets: [{long}, {long}, {long}]"))
    assert run("check", src).returncode == 0
    strict = run("check", src, "--strict")
    assert strict.returncode == 2
    assert "outline.yaml:7:18: warning: bullets shrunk from 26 pt to 22 pt" in strict.stderr
    src.write_text(GOOD.replace("bullets: [one, two]", f"bullets: [{long}, {long}, {long}, {long}]"))
    strict = run("build", src, "--strict")
    assert strict.returncode == 2
    assert "outline.yaml:7:18: warning: bullets continued over 2 slides" in strict.stderr
    assert not (src.parent / "build").exists()


def it_does_not_rewrite_an_unchanged_deck(outline):
    src = outline(GOOD)
    out = src.parent / "d.pptx"
    assert run("build", src, "-o", out).returncode == 0
    mtime = out.stat().st_mtime_ns
    again = run("build", src, "-o", out)
    assert "unchanged" in again.stderr
    assert out.stat().st_mtime_ns == mtime


def it_turns_an_internal_error_into_exit_1_without_a_traceback(outline, monkeypatch):
    from deck import cli, pipeline

    def boom(*a, **k):
        raise RuntimeError("kaboom")
    monkeypatch.setattr(pipeline, "build", boom)
    assert cli.main(["build", str(outline(GOOD))]) == 1


def it_builds_the_article_with_make_deck(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "make_deck.py"), "-o",
                             str(tmp_path / "a.pptx")], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "a.pptx").stat().st_size > 20000


@pytest.mark.parametrize("command", [["--help"], ["build", "--help"], ["check", "--help"]])
def it_has_help_on_every_command(command):
    result = run(*command)
    assert result.returncode == 0
    assert "usage: deck" in result.stdout
