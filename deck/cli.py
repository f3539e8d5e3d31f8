"""`deck` command line: argument parsing, printing diagnostics, exit codes.

Exit status: 0 success, 1 internal error (a bug in deck), 2 invalid input or unwritable output.
Diagnostics go to stderr as `file:line:col: error: message` with the source line and a caret;
paths written go to stdout.
"""

from __future__ import annotations

import argparse
import os
import sys

from . import __version__
from .errors import DeckError, Diagnostic, format_diagnostic

EXIT_OK, EXIT_INTERNAL, EXIT_INPUT = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="deck", description="Turn a YAML outline into an editable PowerPoint deck.",
        epilog="Exit status: 0 ok, 1 internal error, 2 invalid input or output not writable.")
    parser.add_argument("--version", action="version", version=f"deck {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    build = sub.add_parser("build", help="build the .pptx from an outline",
                           description="Validate the outline, lay it out and write the .pptx "
                           "(atomically: a failed build leaves an existing file untouched).")
    build.add_argument("outline", nargs="?", default="outline.yaml",
                       help="the outline file (default: outline.yaml)")
    build.add_argument("-o", "--output", metavar="OUT",
                       help="where to write the deck (default: the outline's `output:`, "
                       "else build/<outline name>.pptx next to the outline)")
    build.add_argument("--theme", metavar="NAME", help="theme to use instead of the outline's")
    build.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build.add_argument("-q", "--quiet", action="store_true", help="print errors only")

    check = sub.add_parser("check", help="validate and lay out without writing",
                           description="Report every error and warning with its line and "
                           "column, without writing anything.")
    check.add_argument("outline", nargs="?", default="outline.yaml",
                       help="the outline file (default: outline.yaml)")
    check.add_argument("--theme", metavar="NAME", help="theme to use instead of the outline's")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors (exit 2)")

    new = sub.add_parser("new", help="write a starter outline",
                         description="Write a short starter outline that shows every slide "
                         "kind, and the picture it uses beside it. Never overwrites a file.")
    new.add_argument("path", nargs="?", default="outline.yaml", metavar="PATH",
                     help="the new outline, or a folder to put outline.yaml in "
                     "(default: outline.yaml)")

    sub.add_parser("schema", help="print the outline's JSON Schema",
                   description="Print the JSON Schema of the outline format (draft-07), "
                   "generated from the model, for editors that complete and check YAML keys.")
    return parser


def _print_diagnostics(diagnostics: list[Diagnostic]) -> None:
    for diag in diagnostics:
        print(format_diagnostic(diag), file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except DeckError as exc:
        diagnostics = getattr(exc, "diagnostics", None)
        if diagnostics:
            _print_diagnostics(diagnostics)
        else:
            print(f"deck: error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug in deck, not bad input
        if os.environ.get("DECK_DEBUG"):
            raise
        print(f"deck: internal error: {type(exc).__name__}: {exc}\n"
              "This is a bug in deck; run again with DECK_DEBUG=1 for the traceback.",
              file=sys.stderr)
        return EXIT_INTERNAL


def _run(args) -> int:
    if args.command == "schema":
        from .schema import schema_text

        sys.stdout.write(schema_text())
        return EXIT_OK
    if args.command == "new":
        from .starter import write_starter

        written = write_starter(args.path)
        for path in written:
            print(path)
        print(f"deck: next: deck build {written[0]}", file=sys.stderr)
        return EXIT_OK
    from . import pipeline

    if args.command == "check":
        warnings = pipeline.check(args.outline, theme=args.theme)
        _print_diagnostics(warnings)
        if warnings and args.strict:
            return EXIT_INPUT
        print(f"{args.outline}: ok" + (f" ({len(warnings)} warnings)" if warnings else ""),
              file=sys.stderr)
        return EXIT_OK
    if args.command == "build":
        report = pipeline.build(args.outline, output=args.output, theme=args.theme,
                                strict=args.strict)
        if not args.quiet:
            _print_diagnostics(report.warnings)
            state = "written" if report.written else "unchanged"
            print(f"deck: {report.slides} slides, {state} in {report.seconds * 1000:.0f} ms",
                  file=sys.stderr)
        print(report.output)
        return EXIT_OK
    return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
