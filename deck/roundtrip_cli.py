"""`deck import`, `deck text` and `deck diff` on the command line (the reader side of issue 13),
kept out of cli.py, which stays the shell of every command."""

from __future__ import annotations

import sys
from pathlib import Path

from .cli import EXIT_OK, say
from .errors import Diagnostic, InputError, Span


def run_import(args) -> int:
    """`deck import DECK.pptx -o outline.yaml`: the outline, and its pictures beside it."""
    from .dump import dump
    from .reader import read

    target = Path(args.output)
    if target.is_dir():
        raise InputError([Diagnostic(Span(str(target)), "is a folder: name the outline file "
                                     "to write, e.g. -o talk.yaml")])
    result = read(args.deck, image_prefix=target.stem)
    paths = [target] + [target.parent / name for name in result.images]
    if not args.force:
        taken = [p for p in paths if p.exists() or p.is_symlink()]
        if taken:
            raise InputError([Diagnostic(Span(str(p)), "exists already: not overwritten "
                                         "(--force overwrites)") for p in taken])
    for message in result.warnings:
        say(f"{args.deck}: warning: {message}")
    try:
        for name, data in result.images.items():
            (target.parent / name).write_bytes(data)
        target.write_text(dump(result.deck, f"# Imported from {Path(args.deck).name} by "
                               "deck import (format: docs/outline.md)\n"), encoding="utf-8")
    except OSError as exc:
        raise InputError([Diagnostic(Span(str(target)), f"cannot write: "
                                     f"{exc.strerror or exc}")]) from None
    for path in paths:
        print(path)
    return EXIT_OK


def run_text(args) -> int:
    from .compare import text

    sys.stdout.write(text(args.deck))
    return EXIT_OK


def run_diff(args) -> int:
    from .compare import diff, text_of

    out = diff(text_of(args.a), text_of(args.b), args.a, args.b)
    sys.stdout.write(out)
    if not out:
        say(f"{args.a} and {args.b} say the same")
    return EXIT_OK
