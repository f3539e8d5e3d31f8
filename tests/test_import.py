"""`deck import`, `deck text` and `deck diff` on the command line: what they print, what they
refuse (exit 2, the file named, no traceback), and what they never overwrite."""

from __future__ import annotations

import os
import sys

import pytest
from test_cli import run

SMALL = """\
title: Harbour
author: Ana
date: 2026-11-28
sections:
  - title: Numbers
    slides:
      - kind: bullets
        title: Changes
        bullets:
          - "**New** cranes"
          - text: Longer hours
            bullets: [Night shifts]
        notes: Say it.
      - kind: table
        title: Quays
        columns: [Quay, Boxes]
        rows: [[East, "412"], [West, null]]
      - kind: chart
        title: Ships
        type: column
        categories: [March, April]
        series: [{name: Ships, values: [1210, 1302.5]}]
        highlight: [April]
"""

SMALL_TEXT = """\
deck · Harbour
    author: Ana
    language: en-US
slide 1 · section · Numbers
slide 2 · bullets · Changes
    - **New** cranes
    - Longer hours
        - Night shifts
    notes: Say it.
slide 3 · table · Quays
    | Quay | Boxes |
    | East | 412 |
    | West | — |
slide 4 · chart (column) · Ships
    categories: March | April
    series Ships: 1210 | 1302.5
    highlight: April
"""


@pytest.fixture
def small(tmp_path, outline):
    """The small outline and the deck it builds."""
    src = outline(SMALL)
    result = run("build", src, "-o", tmp_path / "small.pptx")
    assert result.returncode == 0, result.stderr
    return src, tmp_path / "small.pptx"


def it_prints_a_deck_as_canonical_text(small):
    _src, pptx = small
    result = run("text", pptx)
    assert result.returncode == 0, result.stderr
    assert result.stdout == SMALL_TEXT


def it_imports_a_deck_into_an_outline_that_builds_the_same_deck(small, tmp_path):
    _src, pptx = small
    out = tmp_path / "back" / "talk.yaml"
    out.parent.mkdir()
    result = run("import", pptx, "-o", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(out)]
    again = run("build", out, "-o", tmp_path / "again.pptx")
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "again.pptx").read_bytes() == pptx.read_bytes()
    assert "        highlight: [April]\n" in out.read_text(encoding="utf-8")


def it_refuses_to_overwrite_an_outline_without_force(small, tmp_path):
    _src, pptx = small
    out = tmp_path / "kept.yaml"
    out.write_text("# mine\n", encoding="utf-8")
    result = run("import", pptx, "-o", out)
    assert result.returncode == 2
    assert f"{out}: error: exists already" in result.stderr
    assert out.read_text(encoding="utf-8") == "# mine\n"
    forced = run("import", pptx, "-o", out, "--force")
    assert forced.returncode == 0, forced.stderr
    assert out.read_text(encoding="utf-8").startswith("# Imported from small.pptx")


def it_shows_the_changed_slides_of_two_decks(small, tmp_path):
    src, pptx = small
    edited = src.read_text(encoding="utf-8").replace("title: Quays", "title: Quays today") \
        .replace("values: [1210, 1302.5]", "values: [1210, 1400]") \
        .replace("Night shifts", "Night and weekend shifts") \
        .replace("      - kind: table\n", "      - kind: statement\n        figure: 1.2 million\n"
                 "      - kind: table\n")
    other = tmp_path / "edited.yaml"
    other.write_text(edited, encoding="utf-8")
    assert run("build", other, "-o", tmp_path / "edited.pptx").returncode == 0
    result = run("diff", pptx, tmp_path / "edited.pptx")
    assert result.returncode == 1, result.stderr  # as diff(1): they differ
    assert result.stdout == f"""\
--- {pptx}
+++ {tmp_path / "edited.pptx"}
@@ slide 2 · bullets · Changes @@
     - Longer hours
-        - Night shifts
+        - Night and weekend shifts
     notes: Say it.
@@ added slide 3 · statement · (no title) @@
+slide 3 · statement · (no title)
+    figure: 1.2 million
@@ slide 3 → 4 · table · Quays → table · Quays today @@
-table · Quays
+table · Quays today
     | Quay | Boxes |
@@ slide 4 → 5 · chart (column) · Ships @@
     categories: March | April
-    series Ships: 1210 | 1302.5
+    series Ships: 1210 | 1400
     highlight: April
"""


def it_compares_a_deck_with_the_outline_it_was_built_from(small):
    src, pptx = small
    result = run("diff", pptx, src)
    assert result.returncode == 0, result.stderr  # as diff(1): the same
    assert result.stdout == ""
    assert "say the same" in result.stderr


def bad_inputs(tmp_path):
    """Files named .pptx that are not decks (`handmade-`: the suite's final audit skips them,
    and never opens the FIFO)."""
    text = tmp_path / "handmade-notes.pptx"
    text.write_text("not a deck", encoding="utf-8")
    folder = tmp_path / "handmade-folder.pptx"
    folder.mkdir()
    broken = tmp_path / "handmade-broken.pptx"
    import zipfile

    with zipfile.ZipFile(broken, "w") as z:
        z.writestr("hello.txt", "a zip, not a deck")
    found = [text, folder, broken]
    if hasattr(os, "mkfifo") and sys.platform != "win32":
        fifo = tmp_path / "handmade-pipe.pptx"
        os.mkfifo(fifo)
        found.append(fifo)
    return found


@pytest.mark.parametrize("command", ["import", "text", "diff"])
def it_refuses_what_is_not_a_deck_with_exit_2_naming_the_file(tmp_path, command):
    for bad in bad_inputs(tmp_path):
        args = [bad, bad] if command == "diff" else [bad]
        extra = ["-o", tmp_path / "out.yaml"] if command == "import" else []
        result = run(command, *args, *extra)
        assert result.returncode == 2, (bad, result.stderr)
        assert result.stderr.startswith(f"{bad}: error: "), result.stderr
        assert "Traceback" not in result.stderr
        assert not (tmp_path / "out.yaml").exists()


def it_imports_libreoffice_sample_decks_into_outlines_that_build(tmp_path):
    """LibreOffice's own sample decks (groups, long titles, title-only slides, many text boxes)
    as a colleague's foreign deck: imported, then built, every one."""
    from conftest import needs_libreoffice
    from field_templates import convert, template_sources

    needs_libreoffice()
    from deck.office import find_soffice

    wanted = {"Candy", "Grey_Elegant", "Yellow_Idea"}
    sources = [p for p in template_sources() if p.stem in wanted]
    decks = convert(sources, tmp_path / "lo", find_soffice())
    assert len(decks) == len(wanted)
    for pptx in decks:
        out = tmp_path / pptx.stem / "outline.yaml"
        out.parent.mkdir()
        imported = run("import", pptx, "-o", out)
        assert imported.returncode == 0, imported.stderr
        assert "warning: slide " in imported.stderr  # what was left out is said, by slide
        built = run("build", out, "-o", tmp_path / pptx.stem / "again.pptx")
        assert built.returncode == 0, (pptx.name, built.stderr)


def edited_small(src, tmp_path):
    """The small outline edited (a cell, a value, a slide added) and built: its deck."""
    edited = src.read_text(encoding="utf-8").replace('"412"', '"415"') \
        .replace("values: [1210, 1302.5]", "values: [1210, 1400]") \
        .replace("      - kind: table\n", "      - kind: statement\n        figure: 1.2 million\n"
                 "      - kind: table\n")
    other = tmp_path / "edited.yaml"
    other.write_text(edited, encoding="utf-8")
    assert run("build", other, "-o", tmp_path / "edited.pptx").returncode == 0
    return tmp_path / "edited.pptx"


def it_shows_decks_as_text_in_git_diff_and_log(small, tmp_path):
    """The README's two lines: .gitattributes and the textconv setting."""
    import shutil
    import subprocess

    from test_cli import ROOT

    src, pptx = small
    edited = edited_small(src, tmp_path)
    repo = tmp_path / "repo"
    repo.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "GIT_CONFIG_NOSYSTEM": "1",
           "HOME": str(tmp_path), "GIT_AUTHOR_NAME": "a", "GIT_AUTHOR_EMAIL": "a@b",
           "GIT_COMMITTER_NAME": "a", "GIT_COMMITTER_EMAIL": "a@b"}

    def git(*args):
        done = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True,
                              text=True)
        assert done.returncode == 0, done.stderr
        return done.stdout

    git("init", "-q")
    (repo / ".gitattributes").write_text("*.pptx diff=pptx\n", encoding="utf-8")
    # `deck text`, run from this checkout
    git("config", "diff.pptx.textconv", f"{sys.executable} -m deck text")
    shutil.copyfile(pptx, repo / "talk.pptx")
    git("add", ".")
    git("commit", "-qm", "first")
    shutil.copyfile(edited, repo / "talk.pptx")
    worktree = git("diff")
    assert "Binary files" not in worktree
    assert "-    series Ships: 1210 | 1302.5\n+    series Ships: 1210 | 1400\n" in worktree
    assert "-    | East | 412 |\n+    | East | 415 |\n" in worktree
    assert "+    figure: 1.2 million\n" in worktree
    git("commit", "-qam", "second")
    assert "+    series Ships: 1210 | 1400\n" in git("log", "-p", "-1")


def it_draws_the_changed_slides_side_by_side(small, tmp_path):
    from conftest import needs_libreoffice
    from PIL import Image

    from deck.compare_visual import EMPTY, GAP, LABEL

    needs_libreoffice()
    src, pptx = small
    edited = edited_small(src, tmp_path)
    out = tmp_path / "changes.png"
    result = run("diff", pptx, edited, "--visual", out)
    assert result.returncode == 1, result.stderr
    assert f"{out}: 3 changed slide(s) side by side" in result.stderr
    assert result.stdout.startswith(f"--- {pptx}\n")
    sheet = Image.open(out).convert("RGB")
    tile_w = (sheet.width - 3 * GAP) // 2
    tile_h = (sheet.height - LABEL - GAP) // 3 - LABEL - GAP
    assert abs(tile_w / tile_h - 16 / 9) < 0.02  # three rows of two slides
    rows = [LABEL + GAP + k * (LABEL + tile_h + GAP) + LABEL for k in range(3)]

    def tile(row: int, side: int):
        left = GAP + side * (tile_w + GAP)
        return sheet.crop((left, rows[row], left + tile_w, rows[row] + tile_h))

    # first row: the added statement slide, missing on the left; the others differ side to side
    def empty_share(image) -> float:
        pixels = image.width * image.height
        return dict((c, n) for n, c in image.getcolors(pixels)).get(EMPTY, 0) / pixels

    assert empty_share(tile(0, 0)) > 0.9 and empty_share(tile(0, 1)) < 0.1
    for row in (1, 2):
        assert tile(row, 0).tobytes() != tile(row, 1).tobytes()
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".changes.png")]
