"""`deck`'s command-line grammar: every command, option and help text (`deck --help`).

Kept apart from cli.py, which runs the commands, so each stays small; nothing heavy is imported.
"""

from __future__ import annotations

import argparse

from . import __version__

OUTLINE_HELP = "the outline file (default: outline.yaml)"


def parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The command-line parser. Given the command line, and it starts with a command, only that
    command's grammar is built: all ten cost about 10 ms of a cold build (argparse looks up
    translations for every parser and option)."""
    top = argparse.ArgumentParser(
        prog="deck", description="Turn a YAML outline into an editable PowerPoint deck.",
        epilog="Exit status: 0 ok, 1 internal error, 2 invalid input, output not writable, "
        "LibreOffice missing, or warnings under --strict.")
    top.add_argument("--version", action="version", version=f"deck {__version__}")
    sub = top.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    # anything else (help, --version, a misspelt command) needs them all, in this order
    named = argv[0] if argv and argv[0] in GRAMMARS else None
    for name, add in GRAMMARS.items():
        if named in (None, name):
            add(sub)
    return top


def _command(sub, name: str, help: str, description: str, outline: bool = True):
    p = sub.add_parser(name, help=help, description=description)
    if outline:
        p.add_argument("outline", nargs="?", default="outline.yaml", help=OUTLINE_HELP)
    return p


def _template(p):
    p.add_argument("--template", metavar="PATH", help="a .pptx or .potx whose masters and "
                   "layouts to use instead of the outline's `template:`")


def _allow_outside(p):
    p.add_argument("--allow-outside", metavar="DIR", action="append", default=[],
                   help="let the outline use files from DIR too (repeatable); by default "
                   "only files inside the outline's folder")


def _input_options(p):
    p.add_argument("--theme", metavar="NAME|PATH",
                   help="theme to use instead of the outline's: a built-in name, a "
                   "theme.yaml or its folder")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors (exit 2)")
    _template(p)
    _allow_outside(p)


def _output_options(p, *, quiet: bool = True):
    p.add_argument("-o", "--output", metavar="OUT",
                   help="where to write the deck (default: the outline's `output:`, "
                   "else build/<outline name>.pptx next to the outline)")
    _input_options(p)
    if quiet:
        p.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    p.add_argument("--force", action="store_true",
                   help="replace the output even when a person edited it since deck wrote "
                   "it, or deck did not write it; the file is kept beside the new one as "
                   "NAME.edited.pptx (or NAME.edited-2.pptx, ...: a kept file is never "
                   "replaced)")


def _add_build(sub):
    build = _command(sub, "build", "build the .pptx from an outline",
                     "Validate the outline, lay it out and write the .pptx (atomically: a "
                     "failed build leaves an existing file untouched).")
    _output_options(build)
    build.add_argument("--pdf", action="store_true",
                       help="also write a tagged PDF (PDF/UA) beside the deck (needs "
                       "LibreOffice)")
    batch = _rows_options(build, "With --each, -o is the output folder (default: build/ "
                          "beside the outline) and each row's values fill the outline's "
                          "{{ name }} templates.", "build one deck per row")
    batch.add_argument("-j", "--jobs", metavar="N", type=int, help="worker processes "
                       "(default: the machine's cores)")
    batch.add_argument("--executor", choices=("local", "dask"), default="local",
                       help="where rows are built: local processes, or a Dask cluster")
    batch.add_argument("--scheduler", metavar="ADDRESS", help="the Dask scheduler, e.g. "
                       "tcp://HOST:8786 (needs pip install 'deck[dask]')")


def _add_check(sub):
    check = _command(sub, "check", "validate, lay out and lint without writing",
                     "Report every error and warning (lint included) with its line and "
                     "column, without writing anything.")
    _input_options(check)
    check.add_argument("--a11y", action="store_true",
                       help="also print the accessibility rules' status, slide by slide "
                       "(docs/accessibility.md)")
    _rows_options(check, "With --each, every row's deck is checked as `build --each` would "
                  "build it: its values fill the outline's {{ name }} templates.",
                  "check the deck of every row")


def _rows_options(p, description: str, each: str):
    """--each, --name and --sheet, shared by build and check; returns the argument group."""
    rows = p.add_argument_group("one deck per row", description)
    rows.add_argument("--each", metavar="DATA", help=f"a .csv, .json or .xlsx file: {each}")
    rows.add_argument("--name", metavar="TEMPLATE", default="{{ index }}.pptx",
                      help="each deck's file name, e.g. \"{{ region }}.pptx\" (default: "
                      "{{ index }}.pptx, the row number)")
    rows.add_argument("--sheet", metavar="NAME", help="the .xlsx sheet to read (default: "
                      "the first)")
    return rows


def _add_new(sub):
    new = _command(sub, "new", "write a starter outline",
                   "Write a short starter outline that shows every slide kind, and the "
                   "picture it uses beside it. Never overwrites a file.", outline=False)
    new.add_argument("path", nargs="?", default="outline.yaml", metavar="PATH",
                     help="the new outline, or a folder to put outline.yaml in "
                     "(default: outline.yaml)")


def _add_schema(sub):
    _command(sub, "schema", "print the outline's JSON Schema",
             "Print the JSON Schema of the outline format (draft-07), generated from the "
             "model, for editors that complete and check YAML keys.", outline=False)


def _add_watch(sub):
    watch = _command(sub, "watch", "rebuild whenever the outline or a file it names changes",
                     "Build, then rebuild whenever the outline, an image or data file it "
                     "names, a file of its theme, or its template changes; errors are printed "
                     "and watching goes on. Ctrl-C stops.")
    _output_options(watch, quiet=False)
    watch.add_argument("--preview", action="store_true",
                       help="also refresh the preview pictures after each build "
                       "(needs LibreOffice)")
    watch.add_argument("--out", metavar="DIR", help="preview folder (default: "
                       "preview/<deck name>/ beside the deck)")


def _add_preview(sub):
    preview = _command(sub, "preview",
                       "build, then draw every slide as PNG with a contact sheet",
                       "Build the deck, convert it with LibreOffice and write one PNG per "
                       "slide (slide-01.png, …), the PDF and contact.png, all slides on one "
                       "sheet.")
    preview.add_argument("--out", metavar="DIR", help="where the pictures go (default: "
                         "preview/<deck name>/ beside the deck)")
    _output_options(preview)


def _add_template(sub):
    looks = sub.add_parser("template", help="look into a template",
                           description="Look into a .pptx or .potx template.")
    actions = looks.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True
    inspect = actions.add_parser(
        "inspect", help="print its masters, layouts and the layout each slide kind gets",
        description="Print the template's masters (background, artwork), every layout with "
        "its placeholders (type, idx, box in pt) and class, and the layout chosen for each "
        "kind of slide, with the reason.")
    inspect.add_argument("path", metavar="TEMPLATE", help="the .pptx or .potx")


def _add_import(sub):
    imp = sub.add_parser("import", help="turn a .pptx (any deck) into an outline",
                         description="Read a .pptx into an outline: sections, titles, bullets "
                         "with inline markup, tables, native charts, pictures (written beside "
                         "the outline) and notes. What an outline cannot hold is a warning "
                         "naming its slide. Never overwrites a file without --force.")
    imp.add_argument("deck", metavar="DECK.pptx", help="the deck to read")
    imp.add_argument("-o", "--output", metavar="OUTLINE", default="outline.yaml",
                     help="the outline to write (default: outline.yaml); pictures go beside "
                     "it as <name>-NN.png")
    imp.add_argument("--force", action="store_true",
                     help="overwrite an existing outline and pictures")
    imp.add_argument("outline", metavar="OUTLINE", nargs="?",
                     help="with --changes or --apply: the outline the deck was built from "
                     "(default: outline.yaml)")
    imp.add_argument("--changes", action="store_true",
                     help="print the deck's edits as a unified diff against OUTLINE")
    imp.add_argument("--apply", action="store_true",
                     help="write the deck's edits into OUTLINE in place, keeping its "
                     "comments, key order and quoting (prints the diff; needs ruamel.yaml)")


def _add_text(sub):
    text = sub.add_parser("text", help="print a deck as canonical text (for git diff)",
                          description="Print a deck as stable, diff-friendly text: per slide "
                          "its number, kind and title, then bullets, table cells, chart data, "
                          "pictures (alt text, hash) and notes. As git's textconv: "
                          "git config diff.pptx.textconv \"deck text\".")
    text.add_argument("deck", metavar="DECK.pptx", help="the deck to read")


def _add_diff(sub):
    diff = sub.add_parser("diff", help="slide-aware diff of two decks (or a deck and an "
                          "outline)", description="Compare two decks, or a deck and the deck "
                          "an outline builds, slide by slide: slides are matched by kind and "
                          "title, and each change is shown as a unified diff under the slide's "
                          "name. Prints nothing when they say the same. Exit status as "
                          "diff(1): 0 when they say the same, 1 when they differ, 2 on an "
                          "error.")
    diff.add_argument("a", metavar="A", help="a .pptx, or an outline (.yaml) to build")
    diff.add_argument("b", metavar="B", help="a .pptx, or an outline (.yaml) to build")
    diff.add_argument("--visual", metavar="OUT.png",
                      help="also draw the changed slides side by side (A | B, one row per "
                      "slide) through LibreOffice into OUT.png")


# every command's grammar, in the order `deck --help` lists them
GRAMMARS = {"build": _add_build, "check": _add_check, "new": _add_new, "schema": _add_schema,
            "watch": _add_watch, "preview": _add_preview, "template": _add_template,
            "import": _add_import, "text": _add_text, "diff": _add_diff}
