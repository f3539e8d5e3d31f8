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

    if args.changes or args.apply:
        return run_changes(args)
    if args.outline is not None:
        raise InputError([Diagnostic(Span(args.outline), "an OUTLINE after the deck is for "
                                     "--changes and --apply; name the outline to write with "
                                     "-o")])
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
    from .writer import write_atomic

    text = dump(result.deck, f"# Imported from {Path(args.deck).name} by deck import "
                "(format: docs/outline.md)\n")
    # each file through a temporary file and a rename: none is ever half written
    for name, data in result.images.items():
        write_atomic(data, target.parent / name)
    write_atomic(text.encode("utf-8"), target)
    for path in paths:
        print(path)
    return EXIT_OK


def run_changes(args) -> int:
    """`deck import --changes|--apply DECK.pptx [OUTLINE]`: the deck's edits as a diff of the
    outline, written into it with --apply."""
    from . import changes

    outline = args.outline or "outline.yaml"
    found = (changes.apply if args.apply else changes.changes)(args.deck, outline)
    for message in found.warnings:
        say(f"{args.deck}: warning: {message}")
    sys.stdout.write(found.diff(outline, args.deck))
    if found.after == found.before:
        say(f"{args.deck} holds no edit the outline does not have")
    elif args.apply:
        say(f"{outline}: the deck's edits written")
    return EXIT_OK


def run_text(args) -> int:
    from .compare import text

    sys.stdout.write(text(args.deck))
    return EXIT_OK


EXIT_DIFFERENT = 1  # `deck diff`, as diff(1): 0 the same, 1 different, 2 trouble


def run_diff(args) -> int:
    """`deck diff A B [--visual OUT.png]`: exit 0 when they say the same, 1 when not."""
    if args.visual:
        from .compare_visual import diff_and_draw

        out, rows = diff_and_draw(args.a, args.b, args.visual)
        if rows:
            say(f"{args.visual}: {rows} changed slide(s) side by side")
    else:
        from .compare import diff, text_of

        out = diff(text_of(args.a), text_of(args.b), args.a, args.b)
    sys.stdout.write(out)
    if not out:
        say(f"{args.a} and {args.b} say the same")
    return EXIT_DIFFERENT if out else EXIT_OK
