"""`deck` command line: running commands (their grammar: cli_args.py), printing diagnostics
and progress, exit codes.

Exit status: 0 success, 1 internal error (a bug in deck), 2 invalid input, unwritable output,
missing LibreOffice, or warnings under --strict. Diagnostics and progress go to stderr as
`file:line:col: error: message` with the source line and a caret; paths written go to stdout.
Colour only when stderr is a terminal and NO_COLOR is unset. Nothing heavy is imported here.
"""

from __future__ import annotations

import os
import sys

from .cli_args import parser as _parser
from .errors import DeckError, Diagnostic, format_diagnostic
from .writer import EditedDeck

EXIT_OK, EXIT_INTERNAL, EXIT_INPUT = 0, 1, 2
PROGRESS_SLIDES = 50  # decks with more slides than this show a progress line while rendering


# --- printing ---------------------------------------------------------------------------

_COLOURS = {"error": "1;31", "warning": "1;35", "note": "1;36", "caret": "1;32",
            "location": "1"}


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

def run() -> int:
    """The `deck` command as a process runs it (console script, `python -m deck`): `main`,
    then the process's objects are left to the OS. `gc.freeze` keeps the collector's passes
    at interpreter exit from walking them all (50-80 ms after a cold build of the article;
    atexit handlers, thread joins and flushes still run). Not for `main` itself: callers in a
    long-lived process (tests, the API) keep collecting."""
    status = main()
    import gc

    gc.freeze()
    return status


def main(argv: list[str] | None = None) -> int:
    from .process import readers, stopped_by_signals

    argv = sys.argv[1:] if argv is None else argv
    with readers():  # a reader that stops reading (`| head -1`) ends nothing: deck.process
        args = _parser(argv).parse_args(argv)  # only the named command's grammar is built
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

    if args.each:
        if args.a11y:
            say("error: --a11y prints one deck's table; check a row's deck on its own")
            return EXIT_INPUT
        from .batch_cli import run_check as run_check_each

        return run_check_each(args)
    warnings = pipeline.check(args.outline, theme=args.theme, strict=args.strict,
                              allow_outside=args.allow_outside, template=args.template)
    print_diagnostics(warnings)
    if args.a11y:
        print(pipeline.a11y_report(args.outline, theme=args.theme,
                                   allow_outside=args.allow_outside, template=args.template))
    print(f"{args.outline}: ok" + (f" ({len(warnings)} warnings)" if warnings else ""),
          file=sys.stderr)
    return EXIT_OK


def run_build(args) -> int:
    from . import pipeline

    if args.each:
        from .batch_cli import run

        return run(args)
    progress = ProgressLine(enabled=not args.quiet)
    try:
        report = pipeline.build(args.outline, output=args.output, theme=args.theme,
                                strict=args.strict, pdf=args.pdf, progress=progress,
                                allow_outside=args.allow_outside, template=args.template,
                                force=args.force)
    finally:
        progress.clear()
    if not args.quiet:
        print_diagnostics(report.warnings)
        state = "written" if report.written else "unchanged"
        say(f"{count(report.slides, 'slide')}, {state} in {report.seconds * 1000:.0f} ms")
    _say_kept(report)
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
                         allow_outside=args.allow_outside, template=args.template,
                         force=args.force)
    finally:
        progress.clear()
    _say_kept(report)
    if not args.quiet:
        print_diagnostics(report.diagnostics)
        say(f"{count(len(report.pages), 'slide')} drawn in {report.folder}{os.sep} "
            f"({report.seconds:.1f} s); all on one sheet: {report.contact}")
    for path in (report.deck, report.pdf, *report.pages, report.contact):
        print(path)
    return EXIT_OK


def count(n: int, noun: str) -> str:
    """"1 slide", "2 slides"."""
    return f"{n} {noun}" + ("" if n == 1 else "s")


def run_watch(args) -> int:
    # SIGTERM stops watching as Ctrl-C does, closing LibreOffice (deck.process)
    try:
        from .watcher import Watching, watch
        events = watch(args.outline, output=args.output, theme=args.theme, strict=args.strict,
                       preview=args.preview, out_dir=args.out,
                       allow_outside=args.allow_outside, template=args.template,
                       force=args.force)
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
        if isinstance(event.error, EditedDeck):
            say(f"{why}not written; still watching")
        else:
            say(f"{why}build failed; fix the outline and save again")
    if event.report is not None:
        print_diagnostics(event.report.warnings)
        state = "written" if event.report.written else "unchanged"
        say(f"{why}{count(event.report.slides, 'slide')}, {state} in "
            f"{event.seconds * 1000:.0f} ms")
        _say_kept(event.report)
        if event.report.written:
            print(event.report.output, flush=True)
    if event.preview is not None:
        say(f"preview refreshed: {event.preview.contact}")
        print(event.preview.contact, flush=True)
    sys.stderr.flush()


def _say_kept(report) -> None:
    """A forced build says where the file it replaced went (always: it is the user's work)."""
    if getattr(report, "kept", None) is not None:
        say(f"the file it replaced is kept as {report.kept}")


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
    sys.exit(run())
