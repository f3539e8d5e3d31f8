"""Issue 17's incremental rebuild: each slide's parts, kept between builds by its plan key.

A slide's plan key hashes everything its parts are made from: the planned slide
(msgspec-encoded), its number, the theme, the template file's version, the deck's language,
the document time (embedded workbooks carry it), the pictures' file versions and deck's own
version. The same key gives the same parts, byte for byte, so a warm build (`deck watch`, the
API) renders only slides whose key it has not seen and copies the others' compressed members
(render/oxml/link.py). A `SlideCache` holds one deck's worth: after each build, entries of
slides no longer in the deck are dropped.
"""

from __future__ import annotations

import hashlib
import os
from datetime import datetime
from pathlib import Path

import msgspec

from ..plan import DeckPlan, PictureShape, SlidePlan
from .oxml import compat
from .oxml.link import Bundle, SlideStub, cut_bundle, deck_parts, release


class SlideCache:
    """The bundles of one outline's last build, by plan key."""

    def __init__(self) -> None:
        self.bundles: dict[bytes, Bundle] = {}
        self.hits = 0  # slides the last build took from here
        self.misses = 0  # slides it rendered

    def __len__(self) -> int:
        return len(self.bundles)


def _other(value):
    if isinstance(value, Path):
        # ascii(): a name read in a non-UTF-8 locale holds surrogate escapes, which msgspec
        # cannot write as UTF-8; ascii() is one-to-one and always encodable
        return ascii(str(value))
    raise TypeError(f"cannot key a {type(value).__name__}")


_ENCODE = msgspec.json.Encoder(enc_hook=_other).encode


def _stamp(path: Path | None) -> tuple:
    """A file's version as the template and picture caches tell them apart (a replaced file
    can keep its modification time: size and inode too)."""
    if path is None:
        return ()
    try:
        st = os.stat(path)
    except OSError:
        return (str(path),)
    return (str(path), st.st_mtime_ns, st.st_size, st.st_ino)


class Reuse:
    """One build's view of a cache (None: no cache, every slide rendered): the keys of its
    slides, the cached bundles it can use, and the bundles of the slides it rendered."""

    def __init__(self, plan: DeckPlan, timestamp: datetime, cache: SlideCache | None):
        from .. import __version__

        self.cache = cache
        self.deck: set | None = None  # the parts slides refer to by name (link.deck_parts)
        self.used: set[bytes] = set()
        if cache is not None:
            cache.hits = cache.misses = 0
            template = plan.template.path if plan.template else None
            context = (__version__, _ENCODE(plan.theme), _stamp(template),
                       plan.language, timestamp.isoformat())
            self.context = repr(context).encode("utf-8", "surrogatepass")

    def key(self, number: int, slide: SlidePlan) -> bytes | None:
        """The slide's plan key (None without a cache)."""
        if self.cache is None:
            return None
        pictures = [_stamp(s.path) for s in slide.shapes if isinstance(s, PictureShape)]
        h = hashlib.blake2b(self.context, digest_size=20)
        h.update(b"\0%d\0" % number)
        h.update(_ENCODE(slide))
        h.update(repr(pictures).encode("utf-8", "surrogatepass"))
        return h.digest()

    def cached(self, key: bytes | None) -> Bundle | None:
        """The cached bundle for `key`, counted as used, or None."""
        if key is None or self.cache is None:
            return None
        found = self.cache.bundles.get(key)
        if found is not None:
            self.used.add(key)
            self.cache.hits += 1
        return found

    def stub(self, adder, bundle: Bundle) -> None:
        """Put a cached slide into the presentation in the next slide's place."""
        adder.add_stub(lambda partname, package: SlideStub(partname, package, bundle))

    def rendered(self, adder, slide, key: bytes | None, extra: object = None) -> Bundle:
        """Cut the slide just rendered into its bundle (kept with `extra`, and cached under
        `key`) and put a stub holding it in its place: the slide's XML trees are dropped, so a
        deck's memory grows by its slides' compressed bytes, not their trees."""
        part = slide.part
        if self.deck is None:  # the notes master is made before the first slide, when needed
            self.deck = deck_parts(part.package)
        bundle = cut_bundle(part, self.deck, compat.slide_facts(part), extra)
        adder.replace_last(SlideStub(part.partname, part.package, bundle))
        release(part, self.deck)
        if self.cache is not None:
            self.cache.misses += 1
            if key is not None:
                self.cache.bundles[key] = bundle
                self.used.add(key)
        return bundle

    def bundle_of(self, part, deck_parts: set) -> Bundle:
        """The slide part's bundle: a stub's own (every slide `render_deck` adds is one)."""
        if isinstance(part, SlideStub):
            return part.bundle
        return cut_bundle(part, deck_parts, compat.slide_facts(part))

    def finish(self) -> None:
        """Drop the cached bundles of slides this build did not have."""
        if self.cache is not None:
            for key in [k for k in self.cache.bundles if k not in self.used]:
                self.cache.bundles.pop(key, None)
