"""Theme files are checked beyond their types: sizes, line pitch, geometry and the series
colours must make a deck that can be laid out and opened; theme.yaml is read only through the
same checks as every other referenced file (inside the folder, a regular file, not too big)."""

import contextlib
import io
import os
from pathlib import Path

import pytest
from test_themes import theme_errors

import deck
from deck.cli import main
from deck.errors import InputError
from deck.themes import load_theme, theme_file

OUTLINE = ("title: T\n{theme}sections:\n  - title: S\n    slides:\n      - kind: bullets\n"
           "        bullets: [a, b]\n      - kind: two_column\n        left: {{kind: text, "
           "text: x}}\n        right: {{kind: chart, type: pie, categories: [a, b], series: "
           "[{{name: s, values: [1, 2]}}]}}\n")


@pytest.mark.parametrize("text, expected", [
    ("sizes:\n  body: {size: 0, min_size: 0}\n", [
        "theme.yaml:2:16: error: sizes.body.size is 0 pt; text sizes must be between 6 and "
        "200 pt",
        "theme.yaml:2:29: error: sizes.body.min_size is 0 pt; text sizes must be between 6 and "
        "200 pt"]),
    ("sizes:\n  figure: {size: 400, min_size: 60}\n", [
        "theme.yaml:2:18: error: sizes.figure.size is 400 pt; text sizes must be between 6 and "
        "200 pt"]),
    ("sizes:\n  body: {size: 20, min_size: 30}\n", [
        "theme.yaml:2:30: error: sizes.body.min_size (30 pt) is larger than size (20 pt); text "
        "shrinks from size down to min_size, so min_size must not exceed it"]),
    ("sizes:\n  body: {size: nan, min_size: 18}\n", [
        "theme.yaml:2:16: error: sizes.body.size is nan pt; text sizes must be between 6 and "
        "200 pt"]),
    ("sizes:\n  table:\n    size: 22\n    min_size: 14\n    line: 0\n", [
        "theme.yaml:5:11: error: sizes.table.line is 0; the line pitch must be between 0.8 and 3 "
        "times the size"]),
    ("sizes:\n  quote: {size: 32, min_size: 20, line: 12}\n", [
        "theme.yaml:2:41: error: sizes.quote.line is 12; the line pitch must be between 0.8 and "
        "3 times the size"]),
    ("geometry: {margin_x: 500}\n", [
        "theme.yaml:1:22: error: geometry.margin_x 500 leaves -40 pt of the slide's 960 pt "
        "width; the body needs at least 216 pt (3 in)"]),
    ("geometry:\n  margin_x: 400\n", [
        "theme.yaml:2:13: error: geometry.margin_x 400 leaves 160 pt of the slide's 960 pt "
        "width; the body needs at least 216 pt (3 in)"]),
    ("geometry: {gutter: -1, title_gap: -26}\n", [
        "theme.yaml:1:20: error: geometry.gutter is -1; it must be a distance of 0 pt or more",
        "theme.yaml:1:35: error: geometry.title_gap is -26; it must be a distance of 0 pt or "
        "more"]),
    ("geometry: {gutter: 800}\n", [
        "theme.yaml:1:20: error: geometry.gutter 800 leaves two columns of 20 pt; each needs at "
        "least 54 pt"]),
    ("geometry:\n  title_top: 200\n  body_bottom: 400\n", [
        "theme.yaml:3:16: error: geometry.body_bottom 400 leaves 174 pt of height below "
        "title_top 200 and title_gap 26; the body needs at least 216 pt (3 in)"]),
    ("geometry: {footer_top: 600}\n", [
        "theme.yaml:1:24: error: geometry.footer_top 600 must lie between body_bottom (484) and "
        "the slide's bottom edge (540)"]),
    ("slide_w: 0\n", [
        "theme.yaml:1:10: error: slide_w is 0 pt; a slide is 72 to 4032 pt (1 to 56 in)"]),
    ("palette:\n  series: []\n", [
        "theme.yaml:2:11: error: palette.series is empty; charts need at least one series "
        "colour"]),
])
def it_refuses_sizes_and_geometry_that_cannot_make_a_deck(tmp_path, text, expected):
    assert theme_errors(tmp_path, text) == expected


@pytest.mark.parametrize("text", [
    "sizes:\n  body: {size: 6, min_size: 6, line: 0.8}\n  figure: {size: 200, min_size: 6, "
    "line: 3}\n",
    "geometry: {margin_x: 372, gutter: 108}\n",  # a 3-inch body, two 54 pt columns
    "geometry: {title_top: 0, title_gap: 268, body_bottom: 484, footer_top: 539}\n",
    "palette:\n  series: ['1F4E79']\n",
])
def it_accepts_the_limits_and_lays_a_deck_out_on_them(tmp_path, outline, text):
    (tmp_path / "brand").mkdir()
    (tmp_path / "brand" / "theme.yaml").write_text(text, encoding="utf-8")
    src = outline(OUTLINE.format(theme="theme: ./brand\n"))
    try:
        deck.check(src)
    except InputError as exc:  # text may not fit in so little room: a located error, not a hang
        assert all(d.span.file.endswith("outline.yaml") for d in exc.diagnostics), exc


def run(args: list[str], folder: Path) -> tuple[int, str]:
    err = io.StringIO()
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = main(args)
    finally:
        os.chdir(cwd)
    return code, err.getvalue()


def it_does_not_read_a_theme_yaml_that_leads_outside_the_outline_folder(tmp_path):
    """`brand/theme.yaml -> /etc/passwd` printed the file's first line in the excerpt."""
    folder = tmp_path / "talk"
    (folder / "brand").mkdir(parents=True)
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:do not show this\n")
    (folder / "brand" / "theme.yaml").symlink_to(secret)
    (folder / "outline.yaml").write_text(OUTLINE.format(theme="theme: brand/\n"))
    code, stderr = run(["check", "outline.yaml"], folder)
    assert code == 2
    assert stderr.startswith("outline.yaml:2:8: error: theme `brand/`: its theme.yaml is outside "
                             "the outline's folder"), stderr
    assert "do not show this" not in stderr


def it_keeps_the_theme_yaml_of_a_theme_folder_on_the_command_line_inside_it(tmp_path):
    (tmp_path / "brand").mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:do not show this\n")
    (tmp_path / "brand" / "theme.yaml").symlink_to(secret)
    (tmp_path / "outline.yaml").write_text(OUTLINE.format(theme=""))
    code, stderr = run(["check", "outline.yaml", "--theme", "./brand"], tmp_path)
    assert code == 2
    assert stderr.startswith("--theme: error: theme `./brand`: its theme.yaml leads outside "
                             "the theme's folder"), stderr
    assert "do not show this" not in stderr


def it_refuses_a_theme_yaml_that_is_a_fifo_without_opening_it(tmp_path):
    (tmp_path / "brand").mkdir()
    os.mkfifo(tmp_path / "brand" / "theme.yaml")  # opening it would block forever
    found = theme_file("./brand", tmp_path)
    assert found == ("theme `./brand`: its theme.yaml is not a regular file (a device, pipe or "
                     "socket)")
    with pytest.raises(InputError) as info:
        load_theme(tmp_path / "brand" / "theme.yaml", "theme.yaml")
    assert str(info.value.diagnostics[0]) == ("theme.yaml: error: theme file is not a regular "
                                              "file (a device, pipe or socket)")


def it_refuses_a_theme_yaml_over_the_size_limit(tmp_path, monkeypatch):
    import deck.files

    monkeypatch.setattr(deck.files, "MAX_FILE_BYTES", 100)
    (tmp_path / "brand").mkdir()
    (tmp_path / "brand" / "theme.yaml").write_text("name: brand\n" + "#" * 200 + "\n")
    assert theme_file("brand/", tmp_path) == ("theme `brand/`: its theme.yaml is 213 bytes; "
                                              "the limit is 100 bytes")


def it_names_the_theme_file_in_messages_about_its_shape(tmp_path):
    assert theme_errors(tmp_path, "") == [
        "theme.yaml:1:1: error: the theme file is empty; name what the theme changes, such as "
        "`palette:`"]
    assert theme_errors(tmp_path, "root:x:0:0\n") == [
        "theme.yaml:1:1: error: the theme file must be a mapping of keys (`palette:`, `sizes:` "
        "…), not plain text"]


def it_shows_a_theme_file_relative_to_the_working_folder(tmp_path):
    (tmp_path / "brand").mkdir()
    (tmp_path / "brand" / "theme.yaml").write_text("palette:\n  series: []\n")
    (tmp_path / "outline.yaml").write_text(OUTLINE.format(theme="theme: ./brand\n"))
    code, stderr = run(["check", "outline.yaml"], tmp_path)
    assert code == 2
    assert stderr.startswith("brand/theme.yaml:2:11: error: palette.series is empty"), stderr
