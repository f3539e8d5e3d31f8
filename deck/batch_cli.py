"""`deck build OUTLINE --each DATA --name TEMPLATE [-o DIR] [-j N]`: one deck per row, and
`deck check OUTLINE --each DATA`: every row's deck checked, nothing written.

Prints each deck written on stdout, a progress bar of rows done on stderr, and at the end every
row that failed with its diagnostics; exit status 2 when any row failed.
"""

from __future__ import annotations

import sys

from .cli import EXIT_INPUT, EXIT_OK, print_diagnostics, say

BAR = 30
SHOWN_IN_FULL = 5  # failed rows whose every diagnostic is printed; later ones get a line


class RowBar:
    """`deck: [#########.....] 370/1000 rows, 2 failed`, redrawn in place on a terminal;
    elsewhere a line at each tenth of the rows."""

    def __init__(self, enabled: bool, stream=None):
        self.stream = stream or sys.stderr
        self.enabled, self.tty, self.shown = enabled, self.stream.isatty(), -1

    def __call__(self, done: int, total: int, failed: int) -> None:
        if not self.enabled:
            return
        tenth = done * 10 // max(total, 1)
        if not self.tty and tenth == self.shown:
            return
        self.shown = tenth
        filled = done * BAR // max(total, 1)
        line = (f"deck: [{'#' * filled}{'.' * (BAR - filled)}] {done}/{total} rows"
                + (f", {failed} failed" if failed else ""))
        self.stream.write(f"\r\x1b[K{line}" if self.tty else f"{line}\n")
        self.stream.flush()

    def clear(self) -> None:
        if self.enabled and self.tty and self.shown >= 0:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def run(args) -> int:
    from .batch import build_each

    if args.pdf:
        say("error: --pdf builds one deck; with --each, convert the folder afterwards")
        return EXIT_INPUT
    bar = RowBar(enabled=not args.quiet)
    try:
        reports = build_each(args.outline, args.each, name=args.name, out_dir=args.output,
                             jobs=args.jobs, executor=args.executor, scheduler=args.scheduler,
                             sheet=args.sheet, theme=args.theme, template=args.template,
                             strict=args.strict, allow_outside=args.allow_outside,
                             force=args.force, progress=bar)
    finally:
        bar.clear()
    failed = [r for r in reports if not r.ok]
    for report in reports:
        if report.ok:
            print(report.output)
    if not args.quiet:
        warned = sum(bool(r.diagnostics) for r in reports if r.ok)
        seconds = sum(r.seconds for r in reports)
        say(f"{len(reports) - len(failed)} of {len(reports)} decks written"
            + (f", {warned} with warnings" if warned else "")
            + f" ({seconds:.1f} s of building)")
    return _failures(reports, failed)


def run_check(args) -> int:
    """`deck check --each`: each row's warnings, then its errors; a summary line."""
    from .batch import check_each

    bar = RowBar(enabled=sys.stderr.isatty())  # checks are quick: a log gets the summary
    try:
        reports = check_each(args.outline, args.each, name=args.name, sheet=args.sheet,
                             theme=args.theme, template=args.template, strict=args.strict,
                             allow_outside=args.allow_outside, progress=bar)
    finally:
        bar.clear()
    failed = [r for r in reports if not r.ok]
    warned = [r for r in reports if r.ok and r.diagnostics]
    for n, report in enumerate(warned):
        if n < SHOWN_IN_FULL:
            say(f"row {report.row} ({report.name}):")
            print_diagnostics(report.diagnostics)
        else:
            say(f"row {report.row} ({report.name}): {report.diagnostics[0]}")
    say(f"{args.outline}: {len(reports) - len(failed)} of {len(reports)} rows ok"
        + (f", {len(warned)} with warnings" if warned else ""))
    return _failures(reports, failed)


def _failures(reports: list, failed: list) -> int:
    for n, report in enumerate(failed):
        if n < SHOWN_IN_FULL:
            say(f"row {report.row} ({report.name}) failed:")
            print_diagnostics(report.diagnostics)
            if report.error:
                say(report.error)
        else:  # one line each: a thousand rows failing alike must not bury the summary
            first = report.diagnostics[0] if report.diagnostics else report.error
            say(f"row {report.row} ({report.name}) failed: {first}")
    if failed:
        say(f"{len(failed)} of {len(reports)} rows failed")
        return EXIT_INPUT
    return EXIT_OK
