"""Issue 17: slides planned by the last build, reused when nothing they are planned from changed.

Laying out a 200-slide deck measures thousands of lines of text; after a one-slide edit only
that slide needs it. A slide's plans are kept under a hash of the slide as validated (the model,
msgspec-encoded) and of what every slide is planned with (the deck's other settings without its
sections, the theme, the template); the image files planning read are checked by version on
reuse. Warnings are kept as (path in the outline, message) and reported again, located afresh:
an edit above a slide moves its lines. A slide's path is not part of its key: its warnings'
paths are kept relative to it. One deck's worth is kept (entries not used by a build go).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import msgspec

from .. import model
from ..plan import SlidePlan, TemplateInfo
from ..theme import Theme


def _other(value):
    if isinstance(value, Path):
        # ascii(): a name read in a non-UTF-8 locale holds surrogate escapes, which msgspec
        # cannot write as UTF-8; ascii() is one-to-one and always encodable
        return ascii(str(value))
    raise TypeError(f"cannot key a {type(value).__name__}")


_ENCODE = msgspec.json.Encoder(enc_hook=_other).encode


def _stamp(path) -> tuple:
    try:
        st = os.stat(path)
    except (OSError, TypeError, ValueError):
        return ()
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def _copy(plan: SlidePlan) -> SlidePlan:
    """A plan later stages may change (section, source, shapes list) without touching ours;
    its shapes are frozen."""
    return msgspec.structs.replace(plan, shapes=list(plan.shapes))


class _Entry(msgspec.Struct, frozen=True):
    plans: tuple[SlidePlan, ...]
    said: tuple[tuple[bool, tuple, str, str], ...]  # (relative?, path, message, severity)
    files: tuple[tuple[str, tuple], ...]  # image files read, with their versions


class _Reading:
    """The planner's Files, noting the images planning reads."""

    def __init__(self, files, seen: list):
        self._files, self._seen = files, seen

    def image(self, name: str):
        found = self._files.image(name)
        if not isinstance(found, str):
            self._seen.append((str(found[0]), _stamp(found[0])))
        return found

    def __getattr__(self, name: str):
        return getattr(self._files, name)


class PlanMemo:
    """One outline's planned slides, by key. Each build plans through its own `begin()`, so
    builds in threads do not mix their keys."""

    def __init__(self) -> None:
        self.entries: dict[bytes, _Entry] = {}
        self.hits = self.misses = 0  # the last build's slides reused and planned

    def begin(self, deck: model.Deck, theme: Theme, template: TemplateInfo) -> PlanReuse:
        """Start a build: what every slide is planned with."""
        stamp = _stamp(template.path) if template.path else ()
        context = hashlib.blake2b(b"\0".join([
            _ENCODE(msgspec.structs.replace(deck, sections=[])), _ENCODE(theme),
            _ENCODE(template), repr(stamp).encode()]), digest_size=20).digest()
        return PlanReuse(self, context)


class PlanReuse:
    """One build's use of a PlanMemo."""

    def __init__(self, memo: PlanMemo, context: bytes):
        self.memo, self.context = memo, context
        self.used: set[bytes] = set()
        self.hits = self.misses = 0

    def plan(self, planner, slide, path: tuple, plan_slide) -> list[SlidePlan]:
        """`plan_slide(planner, slide, path)`, or what it gave last time for this slide."""
        key = hashlib.blake2b(self.context + _ENCODE(slide), digest_size=20).digest()
        entry = self.memo.entries.get(key)
        if entry is not None and all(_stamp(p) == s for p, s in entry.files):
            self.used.add(key)
            self.hits += 1
            for relative, where, message, severity in entry.said:
                (planner.error if severity == "error" else planner.warn)(
                    path + where if relative else where, message)
            return [_copy(p) for p in entry.plans]
        said: list = []
        seen: list = []
        locate, files = planner.locate, planner.files

        def noting(where: tuple, message: str, severity: str = "error"):
            relative = where[:len(path)] == path
            said.append((relative, where[len(path):] if relative else where, message, severity))
            return locate(where, message, severity)

        planner.locate, planner.files = noting, _Reading(files, seen)
        try:
            plans = plan_slide(planner, slide, path)
        finally:
            planner.locate, planner.files = locate, files
        self.memo.entries[key] = _Entry(tuple(_copy(p) for p in plans), tuple(said),
                                        tuple(seen))
        self.used.add(key)
        self.misses += 1
        return plans

    def finish(self) -> None:
        """Drop the slides this build did not have."""
        for key in [k for k in self.memo.entries if k not in self.used]:
            self.memo.entries.pop(key, None)
        self.memo.hits, self.memo.misses = self.hits, self.misses
