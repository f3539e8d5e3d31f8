"""Command-line conventions: help everywhere, every command and option in the README, colour only
on a terminal and never with NO_COLOR, progress lines, one clear line for a missing LibreOffice,
and `build --pdf` / `preview` through LibreOffice."""

import io
import os
import pty
import re
import subprocess
import sys

import pytest
from conftest import ROOT, needs_libreoffice
from test_cli import GOOD, run

from deck.cli import PROGRESS_SLIDES, ProgressLine, _parser, show, use_colour

README = (ROOT / "README.md").read_text(encoding="utf-8")
WARNED = GOOD.replace("bullets: [one, two]", "bullets: [a, b, c, d, e, f, g, h]")


def subcommands():
    parser = _parser()
    action = next(a for a in parser._actions if isinstance(a, type(parser._subparsers._actions[-1])))
    return action.choices  # name → sub-parser


@pytest.mark.parametrize("command", ["build", "check", "new", "schema", "watch", "preview"])
def it_has_help_on_every_command(command):
    result = run(command, "--help")
    assert result.returncode == 0
    assert result.stdout.startswith(f"usage: deck {command}")


def it_documents_every_command_and_option_in_the_readme():
    missing = []
    for name, sub in subcommands().items():
        if f"deck {name}" not in README:
            missing.append(f"deck {name}")
        for action in sub._actions:
            for flag in action.option_strings:
                if flag not in ("-h", "--help") and not re.search(rf"{re.escape(flag)}\b", README):
                    missing.append(f"deck {name} {flag}")
    assert subcommands().keys() >= {"build", "check", "new", "schema", "watch", "preview",
                                    "template"}
    assert missing == []


def it_documents_every_command_in_the_readme_api_section():
    for name in ("deck.build(", "deck.check(", "deck.preview(", "deck.watch(",
                 "deck.write_starter("):
        assert name in README, name


def it_colours_only_on_a_terminal_and_never_with_no_color(outline):
    src = outline(WARNED)

    def on_terminal(env):
        leader, follower = pty.openpty()
        proc = subprocess.Popen([sys.executable, "-m", "deck", "check", str(src)], cwd=ROOT,
                                stderr=follower, stdout=subprocess.DEVNULL,
                                env={**os.environ, "TERM": "xterm", **env})
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        os.close(leader)
        assert proc.wait() == 0
        return b"".join(chunks).decode()

    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    coloured = on_terminal({"NO_COLOR": ""} if "NO_COLOR" in env else {})
    assert "\x1b[1;35mwarning\x1b[0m: 8 bullets on one slide" in coloured
    assert "\x1b[" not in on_terminal({"NO_COLOR": "1"})
    piped = run("check", src)
    assert "warning: 8 bullets" in piped.stderr and "\x1b[" not in piped.stderr


def it_decides_colour_from_the_stream_and_the_environment(monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert use_colour(Terminal()) and not use_colour(io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_colour(Terminal())
    monkeypatch.setenv("NO_COLOR", "")
    monkeypatch.setenv("TERM", "dumb")
    assert not use_colour(Terminal())


def it_keeps_the_caret_under_the_column_when_coloured():
    from deck.errors import Diagnostic, Span

    diag = Diagnostic(Span("o.yaml", 3, 5), "bad", "error", "abc defg")
    plain, painted = show(diag, False), show(diag, True)
    assert re.sub(r"\x1b\[[\d;]*m", "", painted) == plain
    assert plain.splitlines()[2] == "      ^"


def it_shows_progress_for_decks_over_50_slides_only(outline):
    slides = "\n".join(f"      - kind: statement\n        figure: \"{k}\"" for k in range(60))
    big = outline(f"title: T\nsections:\n  - title: S\n    slides:\n{slides}\n", "big.yaml")
    result = run("build", big)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[0] == "deck: rendering 61 slides…"
    small = run("build", outline(GOOD))
    assert "rendering" not in small.stderr
    assert "rendering" not in run("build", "-q", big).stderr


def it_redraws_one_progress_line_on_a_terminal():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    stream = Terminal()
    progress = ProgressLine(stream=stream)
    total = PROGRESS_SLIDES + 1
    for k in range(1, total + 1):
        progress("rendering", k, total)
    progress("writing", 0, 1)
    progress.clear()
    text = stream.getvalue()
    assert "\n" not in text
    assert text.count("\r\x1b[K") == total + 2
    assert f"deck: rendering {total}/{total}…" in text and text.endswith("\r\x1b[K")


def it_says_in_one_line_how_to_install_libreoffice_when_it_is_missing(outline, tmp_path):
    src = outline(GOOD)
    empty = tmp_path / "bin"
    empty.mkdir()
    for command in (["build", "--pdf"], ["preview"], ["watch", "--preview"]):
        result = run(*command, src, env={"PATH": str(empty)})
        assert result.returncode == 2, result.stderr
        assert result.stderr.splitlines() == [
            "deck: error: LibreOffice is needed for PDF and previews: install it with "
            "`sudo apt-get install libreoffice-impress` (Debian/Ubuntu) or from libreoffice.org"]
    assert not (src.parent / "build").exists()  # nothing built before saying so


def it_fails_strict_builds_and_says_why(outline):
    result = run("build", "--strict", outline(WARNED))
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == "deck: 1 warning(s) and --strict: failing"


def it_writes_a_pdf_beside_the_deck(outline):
    needs_libreoffice()
    import pymupdf

    src = outline(GOOD)
    result = run("build", "--pdf", src)
    assert result.returncode == 0, result.stderr
    deck_path, pdf_path = result.stdout.splitlines()
    assert pdf_path == str(src.parent / "build" / "outline.pdf")
    assert deck_path == str(src.parent / "build" / "outline.pptx")
    with pymupdf.open(pdf_path) as pdf:
        assert pdf.page_count == 1  # the bullets slide (a one-slide section has no divider)
        assert "Hello" in pdf[0].get_text()


def it_previews_every_slide_and_a_contact_sheet(tmp_path):
    needs_libreoffice()
    from PIL import Image

    assert run("new", cwd=tmp_path).returncode == 0
    (tmp_path / "pictures").mkdir()
    (tmp_path / "pictures" / "slide-notes.png").write_bytes(b"the user's own file")
    (tmp_path / "pictures" / "slide-99.png").write_bytes(b"a page of an earlier preview")
    result = run("preview", "--out", "pictures", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout.splitlines()
    pages = [f"pictures/slide-{k:02d}.png" for k in range(1, 12)]
    assert out == ["build/outline.pptx", "pictures/outline.pdf", *pages, "pictures/contact.png"]
    assert (tmp_path / "pictures" / "slide-notes.png").exists()  # only pages are replaced
    assert not (tmp_path / "pictures" / "slide-99.png").exists()
    assert "deck: converting to PDF (LibreOffice)…" in result.stderr
    assert result.stderr.splitlines()[-1].startswith("deck: 11 slides drawn in pictures/")
    with Image.open(tmp_path / pages[0]) as im:
        assert abs(im.width - 960) <= 1 and im.height == 540  # 72 dpi: a pixel per point
    with Image.open(tmp_path / "pictures" / "contact.png") as sheet:
        assert sheet.width == 1800 and 1000 < sheet.height < 1500  # 4 rows of 3
        # The statement slide's big accent figure is drawn: the sheet holds the accent colour.
        colours = {c for _n, c in sheet.convert("RGB").getcolors(1 << 16)}
    assert (0xC2, 0x41, 0x0C) in colours


@pytest.mark.parametrize("command", ["build", "check", "preview"])
def it_exits_2_on_a_bad_outline_and_writes_nothing(outline, command):
    if command == "preview":
        needs_libreoffice()  # preview checks for LibreOffice before reading the outline
    src = outline(GOOD.replace("kind: bullets", "kind: bulets"))
    result = run(command, src)
    assert result.returncode == 2
    assert "outline.yaml:5:15: error: unknown kind `bulets`" in result.stderr
    assert result.stdout == "" and not (src.parent / "build").exists()


def it_writes_the_starter_into_a_folder_named_with_a_trailing_slash(tmp_path):
    result = run("new", "talks/", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "talks" / "outline.yaml").is_file()
    assert (tmp_path / "talks" / "outline-picture.png").is_file()
