"""`deck watch`: rebuild whenever the outline, a file it names, its theme or template changes.

`watch()` is a generator: it yields a `Rebuild` after every build (failed ones included) and a
`Watching` each time the watcher is (re)started on a new set of files; the caller prints. The
process stays warm (python-pptx and the measured fonts stay loaded), so a rebuild costs only the
build itself. Needs the `watchfiles` package (`pip install 'deck[watch]'`).
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path

from msgspec import Struct

from .errors import DeckError, InternalError
from .files import fs_name, text_name
from .inputs import referenced_files
from .pipeline import DEFAULT_OUTLINE, BuildReport, build
from .previews import PreviewReport, Refresher, default_folder

IDLE_MS = 200  # the watcher wakes this often when nothing changes (to notice it is running)


class Rebuild(Struct):
    """One build: its report, or the error that stopped it; what triggered it."""

    report: BuildReport | None
    error: DeckError | None
    changed: list[Path]  # empty for the first build
    seconds: float  # the build's own work, from reading the outline to the file written
    preview: PreviewReport | None = None  # when asked for, and the build succeeded


class Watching(Struct):
    """The watcher is running on these files: a change to any of them starts a rebuild."""

    files: list[Path]


def _signature(files: set[Path]) -> dict[Path, tuple | None]:
    """What a file looks like on disk now (None when missing), to see changes between checks."""
    out = {}
    for path in files:
        try:
            st = path.stat()
            out[path] = (st.st_mtime_ns, st.st_size, st.st_ino)
        except OSError:
            out[path] = None
    return out


def _roots(files: set[Path]) -> dict[Path, tuple[int, int]]:
    """The folders to watch, each with its identity (device, inode): every file's folder, or,
    while that is missing, its nearest existing ancestor, to see the folder come back. A
    folder deleted and made again under the same name is a new identity."""
    roots: dict[Path, tuple[int, int]] = {}
    for folder in {p.parent for p in files}:
        while True:
            try:
                info = folder.stat()
            except (OSError, ValueError):
                info = None
            if info is not None and stat.S_ISDIR(info.st_mode):
                roots[folder] = (info.st_dev, info.st_ino)
                break
            if folder == folder.parent:
                break
            folder = folder.parent
    return roots


def _event_name(path: Path) -> str:
    """A path as watchfiles takes and spells it: its bytes read as UTF-8. The same as
    `str(path)` in a UTF-8 locale; in another, Python holds non-ASCII bytes as escapes, which
    watchfiles refuses (UnicodeEncodeError) and never reports. `fs_name` turns it back."""
    return text_name(path)


def watch(path: Path | str = DEFAULT_OUTLINE, *, output: Path | str | None = None,
          theme: str | None = None, strict: bool = False, preview: bool = False,
          out_dir: Path | str | None = None, stop_event=None, allow_outside=(),
          template: str | None = None, force: bool = False) -> Iterator[Rebuild | Watching]:
    """Build now, then again after every change, until `stop_event` is set (or Ctrl-C, which
    raises KeyboardInterrupt). With `preview`, each good build also refreshes the preview
    pictures, reusing one warm LibreOffice. A deck a person edited is not replaced: that
    build's error says so (writer.EditedDeck), and watching goes on; with `force` it is kept as
    NAME.edited.pptx and replaced. Raises ImportError when watchfiles is missing."""
    import watchfiles

    from . import render  # noqa: F401 - imported now, so even a failing first build leaves us warm

    outline = Path(path)
    office = None
    if preview:
        from .office import Office, require

        require(previews=True)
        office = Office()
    refreshers: dict[Path, Refresher] = {}  # by preview folder

    def rebuild(changed: list[Path]) -> Rebuild:
        start = time.perf_counter()
        try:
            report = build(outline, output=output, theme=theme, strict=strict,
                           allow_outside=allow_outside, template=template, force=force)
        except DeckError as exc:
            return Rebuild(None, exc, changed, time.perf_counter() - start)
        except Exception as exc:  # a bug: say so, and keep watching for the next save
            if os.environ.get("DECK_DEBUG"):
                raise
            return Rebuild(None, InternalError(exc), changed, time.perf_counter() - start)
        result = Rebuild(report, None, changed, report.seconds)
        if office is not None:
            folder = Path(out_dir) if out_dir else default_folder(report.output)
            if folder not in refreshers:
                refreshers[folder] = Refresher(folder, office)
            try:  # only the slides that changed are drawn again (previews.Refresher)
                pdf, pages, contact = refreshers[folder].refresh(report.output)
            except DeckError as exc:
                result.error = exc
            else:
                result.preview = PreviewReport(report.output, pdf, pages, contact,
                                               report.diagnostics, time.perf_counter() - start)
        return result

    try:
        files = referenced_files(outline, theme, template)
        before = _signature(files)
        yield rebuild([])
        while stop_event is None or not stop_event.is_set():
            roots = _roots(files)
            # the files, and the folders on their way: a folder deleted, or made again
            wanted = {_event_name(f) for f in files}
            nearby = wanted | {_event_name(p) for f in files for p in f.parents}
            live = False
            for changes in watchfiles.watch(
                    *map(_event_name, roots),
                    watch_filter=lambda _change, name, nearby=nearby: name in nearby,
                    recursive=False, stop_event=stop_event, rust_timeout=IDLE_MS,
                    yield_on_timeout=True):
                if not live:  # the first wake-up: the watcher runs, nothing is missed now
                    live = True
                    yield Watching(sorted(files))
                    missed = [p for p, sig in _signature(files).items() if before.get(p) != sig]
                    changes = changes or {(None, _event_name(p)) for p in missed}
                if not changes:
                    if _roots(files) != roots:  # a folder went, or came (back): watch anew
                        break
                    continue
                # What to watch next, and how it looks, read *before* building: a change made
                # during the build is then caught by the next watcher's first wake-up.
                now = referenced_files(outline, theme, template)
                before = _signature(now)
                yield rebuild(sorted({Path(fs_name(name)) for _change, name in changes}))
                # a new image named, or one dropped; or a folder deleted or made again (the
                # watch on a deleted folder sees nothing more, and a folder made again may
                # have the old one's inode): watch anew
                folders = any(name not in wanted for _change, name in changes)
                if now != files or folders or _roots(now) != roots:
                    files = now
                    break
            else:
                return  # stop_event set
    finally:
        if office is not None:
            office.close()
