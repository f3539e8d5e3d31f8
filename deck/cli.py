"""`deck` command line: argument parsing, printing diagnostics and progress, exit codes.

Exit status: 0 success, 1 internal error (a bug in deck), 2 invalid input, unwritable output,
missing LibreOffice, or warnings under --strict. Diagnostics and progress go to stderr as
`file:line:col: error: message` with the source line and a caret; paths written go to stdout.
Colour only when stderr is a terminal and NO_COLOR is unset. Nothing heavy is imported here.
"""

from __future__ import annotations

import argparse
import os
import sys

from . import __version__
from .errors import DeckError, Diagnostic, format_diagnostic

EXIT_OK, EXIT_INTERNAL, EXIT_INPUT = 0, 1, 2
PROGRESS_SLIDES = 50  # decks with more slides than this show a progress line while rendering
OUTLINE_HELP = "the outline file (default: outline.yaml)"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="deck", description="Turn a YAML outline into an editable PowerPoint deck.",
        epilog="Exit status: 0 ok, 1 internal error, 2 invalid input, output not writable, "
        "LibreOffice missing, or warnings under --strict.")
    parser.add_argument("--version", action="version", version=f"deck {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    def command(name: str, help: str, description: str, outline: bool = True):
        p = sub.add_parser(name, help=help, description=description)
        if outline:
            p.add_argument("outline", nargs="?", default="outline.yaml", help=OUTLINE_HELP)
        return p

    def template(p):
        p.add_argument("--template", metavar="PATH", help="a .pptx or .potx whose masters and "
                       "layouts to use instead of the outline's `template:`")

    def allow_outside(p):
        p.add_argument("--allow-outside", metavar="DIR", action="append", default=[],
                       help="let the outline use files from DIR too (repeatable); by default "
                       "only files inside the outline's folder")

    def input_options(p):
        p.add_argument("--theme", metavar="NAME|PATH",
                       help="theme to use instead of the outline's: a built-in name, a "
                       "theme.yaml or its folder")
        p.add_argument("--strict", action="store_true", help="treat warnings as errors (exit 2)")
        template(p)
        allow_outside(p)

    def output_options(p, *, quiet: bool = True):
        p.add_argument("-o", "--output", metavar="OUT",
                       help="where to write the deck (default: the outline's `output:`, "
                       "else build/<outline name>.pptx next to the outline)")
        input_options(p)
        if quiet:
            p.add_argument("-q", "--quiet", action="store_true", help="print errors only")

    build = command("build", "build the .pptx from an outline",
                    "Validate the outline, lay it out and write the .pptx (atomically: a "
                    "failed build leaves an existing file untouched).")
    output_options(build)
    build.add_argument("--pdf", action="store_true",
                       help="also write a PDF beside the deck (needs LibreOffice)")

    check = command("check", "validate, lay out and lint without writing",
                    "Report every error and warning (lint included) with its line and column, "
                    "without writing anything.")
    input_options(check)

    new = command("new", "write a starter outline",
                  "Write a short starter outline that shows every slide kind, and the picture "
                  "it uses beside it. Never overwrites a file.", outline=False)
    new.add_argument("path", nargs="?", default="outline.yaml", metavar="PATH",
                     help="the new outline, or a folder to put outline.yaml in "
                     "(default: outline.yaml)")

    command("schema", "print the outline's JSON Schema",
            "Print the JSON Schema of the outline format (draft-07), generated from the model, "
            "for editors that complete and check YAML keys.", outline=False)

    watch = command("watch", "rebuild whenever the outline or a file it names changes",
                    "Build, then rebuild whenever the outline, an image or data file it names, "
                    "a file of its theme, or its template changes; errors are printed and "
                    "watching goes on. "
                    "Ctrl-C stops.")
    output_options(watch, quiet=False)
    watch.add_argument("--preview", action="store_true",
                       help="also refresh the preview pictures after each build "
                       "(needs LibreOffice)")
    watch.add_argument("--out", metavar="DIR", help="preview folder (default: preview/ "
                       "beside the deck)")

    preview = command("preview", "build, then draw every slide as PNG with a contact sheet",
                      "Build the deck, convert it with LibreOffice and write one PNG per slide "
                      "(slide-01.png, …), the PDF and contact.png, all slides on one sheet.")
    preview.add_argument("--out", metavar="DIR", help="where the pictures go (default: "
                         "preview/ beside the deck)")
    output_options(preview)

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
    text = sub.add_parser("text", help="print a deck as canonical text (for git diff)",
                          description="Print a deck as stable, diff-friendly text: per slide "
                          "its number, kind and title, then bullets, table cells, chart data, "
                          "pictures (alt text, hash) and notes. As git's textconv: "
                          "git config diff.pptx.textconv \"deck text\".")
    text.add_argument("deck", metavar="DECK.pptx", help="the deck to read")
    diff = sub.add_parser("diff", help="slide-aware diff of two decks (or a deck and an "
                          "outline)", description="Compare two decks, or a deck and the deck "
                          "an outline builds, slide by slide: slides are matched by kind and "
                          "title, and each change is shown as a unified diff under the slide's "
                          "name. Prints nothing when they say the same. Exit 0 either way.")
    diff.add_argument("a", metavar="A", help="a .pptx, or an outline (.yaml) to build")
    diff.add_argument("b", metavar="B", help="a .pptx, or an outline (.yaml) to build")
    return parser


# --- printing ---------------------------------------------------------------------------

_COLOURS = {"error": "1;31", "warning": "1;35", "caret": "1;32", "location": "1"}


def use_colour(stream) -> bool:
    """Colour only on a terminal, never with NO_COLOR set (no-color.org) or TERM=dumb."""
    return (hasattr(stream, "isatty") and stream.isatty() and not os.environ.get("NO_COLOR")
            and os.environ.get("TERM") != "dumb")


def _paint(text: str, what: str) -> str:
    return f"\x1b[{_COLOURS[what]}m{text}\x1b[0m"


def show(diag: Diagnostic, colour: bool) -> str:
    """A diagnostic as printed: plain, or with the location, severity and caret in colour."""
    text = format_diagnostic(diag)
    if not colour:
        return text
    head, *rest = text.split("\n")
    location, sep, message = head.partition(f": {diag.severity}: ")
    if sep:
        head = f"{_paint(location, 'location')}: {_paint(diag.severity, diag.severity)}: {message}"
    if len(rest) == 2:
        rest[1] = _paint(rest[1], "caret")
    return "\n".join([head, *rest])


def print_diagnostics(diagnostics: list[Diagnostic]) -> None:
    colour = use_colour(sys.stderr)
    for diag in diagnostics:
        print(show(diag, colour), file=sys.stderr)


def say(message: str) -> None:
    print(f"deck: {message}", file=sys.stderr)


class ProgressLine:
    """Progress on stderr: one line redrawn in place on a terminal, else one line per stage.
    Per-slide rendering is shown only for decks over PROGRESS_SLIDES slides."""

    def __init__(self, enabled: bool = True, stream=None):
        self.stream = stream or sys.stderr
        self.enabled, self.tty = enabled, self.stream.isatty()
        self.stage, self.drawn, self.big = None, False, False

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage == "rendering":
            self.big = total > PROGRESS_SLIDES
        if not self.enabled or (stage in ("rendering", "writing") and not self.big):
            return
        if self.tty:
            count = f" {done}/{total}" if stage == "rendering" else ""
            self.stream.write(f"\r\x1b[Kdeck: {stage}{count}…")
            self.stream.flush()
            self.drawn = True
        elif stage != self.stage:
            what = f"{stage} {total} slides" if stage == "rendering" else stage
            self.stream.write(f"deck: {what}…\n")
        self.stage = stage

    def clear(self) -> None:
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.drawn = False


# --- commands ---------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    from .process import readers, stopped_by_signals

    with readers():  # a reader that stops reading (`| head -1`) ends nothing: deck.process
        args = _parser().parse_args(argv)
        with stopped_by_signals():  # SIGTERM, SIGHUP: stop as Ctrl-C does
            return _command(args)


def _command(args) -> int:
    try:
        return COMMANDS[args.command](args)
    except DeckError as exc:
        diagnostics = getattr(exc, "diagnostics", None)
        if diagnostics:
            print_diagnostics(diagnostics)
            if getattr(args, "strict", False) and all(d.severity == "warning"
                                                      for d in diagnostics):
                say(f"{len(diagnostics)} warning(s) and --strict: failing")
        else:
            say(f"error: {exc}")
        return EXIT_INPUT
    except KeyboardInterrupt as exc:
        return 128 + getattr(exc, "signum", 2)
    except Exception as exc:  # a bug in deck, not bad input
        if os.environ.get("DECK_DEBUG"):
            raise
        say(f"internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in deck; run again with DECK_DEBUG=1 for the traceback.")
        return EXIT_INTERNAL


def run_check(args) -> int:
    from . import pipeline

    warnings = pipeline.check(args.outline, theme=args.theme, strict=args.strict,
                              allow_outside=args.allow_outside, template=args.template)
    print_diagnostics(warnings)
    print(f"{args.outline}: ok" + (f" ({len(warnings)} warnings)" if warnings else ""),
          file=sys.stderr)
    return EXIT_OK


def run_build(args) -> int:
    from . import pipeline

    progress = ProgressLine(enabled=not args.quiet)
    try:
        report = pipeline.build(args.outline, output=args.output, theme=args.theme,
                                strict=args.strict, pdf=args.pdf, progress=progress,
                                allow_outside=args.allow_outside, template=args.template)
    finally:
        progress.clear()
    if not args.quiet:
        print_diagnostics(report.warnings)
        state = "written" if report.written else "unchanged"
        say(f"{report.slides} slides, {state} in {report.seconds * 1000:.0f} ms")
    print(report.output)
    if report.pdf:
        print(report.pdf)
    return EXIT_OK


def run_preview(args) -> int:
    from .previews import preview

    progress = ProgressLine(enabled=not args.quiet)
    try:
        report = preview(args.outline, out_dir=args.out, output=args.output, theme=args.theme,
                         strict=args.strict, progress=progress,
                         allow_outside=args.allow_outside, template=args.template)
    finally:
        progress.clear()
    if not args.quiet:
        print_diagnostics(report.diagnostics)
        say(f"{len(report.pages)} slides drawn in {report.folder}{os.sep} "
            f"({report.seconds:.1f} s); all on one sheet: {report.contact}")
    for path in (report.deck, report.pdf, *report.pages, report.contact):
        print(path)
    return EXIT_OK


def run_watch(args) -> int:
    # SIGTERM stops watching as Ctrl-C does, closing LibreOffice (deck.process)
    try:
        from .watcher import Watching, watch
        events = watch(args.outline, output=args.output, theme=args.theme, strict=args.strict,
                       preview=args.preview, out_dir=args.out,
                       allow_outside=args.allow_outside, template=args.template)
        first = next(events)  # the first build
    except KeyboardInterrupt:
        return EXIT_OK
    except ImportError as exc:
        if exc.name != "watchfiles":
            raise
        say("error: `deck watch` needs the watchfiles package: pip install 'deck[watch]'")
        return EXIT_INPUT
    try:
        _print_rebuild(first)
        for event in events:
            if isinstance(event, Watching):
                say(f"watching {len(event.files)} file(s) for changes (Ctrl-C to stop)")
            else:
                _print_rebuild(event)
    except KeyboardInterrupt:
        say("stopped watching")
    finally:
        events.close()
    return EXIT_OK


def _print_rebuild(event) -> None:
    names = ", ".join(p.name for p in event.changed)
    why = f"{names} changed: " if names else ""
    if event.error is not None:
        print_diagnostics(getattr(event.error, "diagnostics", None) or [])
        if not getattr(event.error, "diagnostics", None):
            say(f"error: {event.error}")
        say(f"{why}build failed; fix the outline and save again")
    if event.report is not None:
        print_diagnostics(event.report.warnings)
        state = "written" if event.report.written else "unchanged"
        say(f"{why}{event.report.slides} slides, {state} in {event.seconds * 1000:.0f} ms")
        if event.report.written:
            print(event.report.output, flush=True)
    if event.preview is not None:
        say(f"preview refreshed: {event.preview.contact}")
        print(event.preview.contact, flush=True)
    sys.stderr.flush()


def run_new(args) -> int:
    from .starter import write_starter

    written = write_starter(args.path)
    for path in written:
        print(path)
    say(f"next: deck build {written[0]}")
    return EXIT_OK


def run_schema(args) -> int:
    from .schema import schema_text

    sys.stdout.write(schema_text())
    return EXIT_OK


def run_template(args) -> int:
    """`deck template inspect T.pptx`: the template as the layout stage sees it."""
    from pathlib import Path

    from .errors import InputError, Span
    from .layout.choose import describe
    from .render.template import TemplateError, inspect_template

    path = Path(args.path)
    if not path.is_file() or path.suffix.lower() not in (".pptx", ".potx"):
        raise InputError([Diagnostic(Span(str(path)), "is not a .pptx or .potx file")])
    try:
        info = inspect_template(path)
    except TemplateError as exc:
        raise InputError([Diagnostic(Span(str(path)), str(exc))]) from None
    sys.stdout.write(describe(info))
    return EXIT_OK


def run_roundtrip(args) -> int:
    """`deck import`, `deck text`, `deck diff`: deck/roundtrip_cli.py."""
    from . import roundtrip_cli

    return {"import": roundtrip_cli.run_import, "text": roundtrip_cli.run_text,
            "diff": roundtrip_cli.run_diff}[args.command](args)


COMMANDS = {"build": run_build, "check": run_check, "new": run_new, "schema": run_schema,
            "watch": run_watch, "preview": run_preview, "template": run_template,
            "import": run_roundtrip, "text": run_roundtrip, "diff": run_roundtrip}


if __name__ == "__main__":
    sys.exit(main())
