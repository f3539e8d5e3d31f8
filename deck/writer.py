"""Package bytes that depend only on the input, written atomically, over nothing but a deck.

python-pptx stamps every zip member with the current time; `render.oxml.save_reproducible`
stamps them with a fixed time instead, so the same outline always gives the same bytes. The
file is written to a temporary file in the target folder, flushed and renamed over the target:
readers see the old deck or the new one, never half of one. An unchanged deck is not
rewritten at all.

What may be replaced (`refusal`): a missing file, an empty file, a symlink (the link itself is
replaced, never the file it points to), or a file deck itself wrote, unchanged — for a deck,
one whose recorded per-slide prints match its slides (deck/fingerprint.py: saved again by
PowerPoint or LibreOffice without a change is fine). A deck a person edited is refused with
what changed on which slide (`EditedDeck`); a device, a pipe, a folder or any other file (notes,
an outline, a font, a deck deck did not write) is refused too: `-o` is one typo away from them.
With `force`, any regular file may be replaced, and `keep_edited` first keeps it beside the
new one as NAME.edited.pptx.

Temporary files are named `.NAME.PID-RANDOM.tmp` beside the target. A write killed before its
rename (SIGKILL, power loss) leaves one behind; the next write of the same NAME removes those
that are stale (`remove_stale`).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import stat
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

from .errors import Diagnostic, OutputError, Span

# A temporary file nobody wrote to for this long belongs to a write that was killed: a live
# write touches its file continuously (mtime), from mkstemp to the rename, in well under this.
STALE_SECONDS = 60.0
_APP_XML = "docProps/app.xml"
_APP_XML_MAX = 64 * 1024  # deck's app.xml is ~400 bytes; never inflate a big member to look
_DECK_APPLICATION = re.compile(rb"<(?:\w+:)?Application>\s*deck\s*</(?:\w+:)?Application>")


def package_bytes(prs) -> bytes:
    """Serialize a python-pptx Presentation to reproducible .pptx bytes."""
    from .render.oxml import save_reproducible

    out = io.BytesIO()
    save_reproducible(prs, out)
    return out.getvalue()


# --- what may be replaced ---------------------------------------------------------------------

def is_deck(path: Path) -> bool:
    """A .pptx deck wrote: a zip whose small `docProps/app.xml` says <Application>deck. Reads
    the zip's directory and that one member, nothing else."""
    try:
        with open(path, "rb") as fh:
            if fh.read(4) != b"PK\x03\x04":
                return False
            fh.seek(0)
            with zipfile.ZipFile(fh) as z:
                info = z.getinfo(_APP_XML)
                if info.file_size > _APP_XML_MAX:
                    return False
                with z.open(info) as member:
                    text = member.read(_APP_XML_MAX + 1)
    except Exception:  # not a zip, no app.xml, damaged or encrypted: not one of ours
        return False
    return _DECK_APPLICATION.search(text) is not None


class EditedReason(str):
    """A refusal reason that is a person's edits to a deck deck wrote (not a stranger's file)."""


class EditedDeck(OutputError):
    """The deck on disk was edited since deck wrote it: not replaced. Exit status 2."""

    def __init__(self, path: Path | str, reason: str):
        self.diagnostics = [Diagnostic(Span(str(path)), reason)]
        Exception.__init__(self, str(self.diagnostics[0]))


def unedited_deck(path: Path) -> bool | str:
    """True for a deck deck wrote that nobody changed since; False for any file without
    deck's prints; for an edited deck, why it is not replaced (each slide, what changed)."""
    from .fingerprint import FORMAT, check, format_of, message

    found = check(path)
    if found is None:
        other = format_of(path)
        if other is not None and other != FORMAT:
            return (f"was written by another version of deck (its slide prints are format "
                    f"{other[:10]}, this version's are {FORMAT}), so its edits cannot be "
                    "checked and it is not replaced (build with --force: it is kept as "
                    "NAME.edited.pptx)")
        return False
    if not found:
        return True
    reason = EditedReason(message(path, found))
    reason.changes = found  # for a message that names the outline too (pipeline.check_output)
    return reason


def is_pdf(path: Path) -> bool:
    """A PDF (what `--pdf` and previews write; LibreOffice's, so only the header is ours)."""
    try:
        with open(path, "rb") as fh:
            return fh.read(5) == b"%PDF-"
    except OSError:
        return False


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def refusal(target: Path, ours: Callable[[Path], bool | str] = unedited_deck,
            what: str = "a deck written by deck", force: bool = False) -> str | None:
    """Why `target` may not be replaced, or None when it may: it is missing, empty, a symlink
    (replaced itself, never followed), `ours` (which may instead say why not: an
    EditedReason), or with `force` any regular file. `what` names what `ours` accepts."""
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:  # ValueError: a name the locale cannot encode
        return getattr(exc, "strerror", None) or str(exc)
    if stat.S_ISLNK(info.st_mode):
        return None
    if stat.S_ISDIR(info.st_mode):
        return "is a directory"
    if not stat.S_ISREG(info.st_mode):
        return f"is {_kind(info.st_mode)}, not a file; it is never replaced"
    if force or info.st_size == 0 or _KNOWN.get((ours, _key(target))) == _signature(info):
        return None
    verdict = ours(target)
    if isinstance(verdict, str):
        return verdict
    if verdict:
        remember(target, ours, info)
        return None
    force_hint = ", or build with --force" if ours is unedited_deck else ""
    return (f"exists and is not {what}, so it is never replaced (delete it, or choose "
            f"another output{force_hint})")


def remember(target: Path, ours: Callable = unedited_deck, info: os.stat_result | None = None
             ) -> None:
    """Note `target`, as it is now, as `ours`: checking it again is a stat while it is
    unchanged (a build remembers the deck it wrote)."""
    try:
        info = info or os.lstat(target)
    except (OSError, ValueError):
        return
    if len(_KNOWN) > 256:
        _KNOWN.clear()
    _KNOWN[ours, _key(target)] = _signature(info)


def keep_edited(target: Path) -> Path | None:
    """Before a forced build replaces a file that `refusal` would refuse, keep it beside the
    new one: NAME.edited.pptx, or when that name holds other bytes, NAME.edited-2.pptx, -3, …
    (an earlier kept file is never replaced). Returns where it is, None when nothing was
    in the way. Raises OutputError."""
    from .fingerprint import edited_name

    target = Path(target)
    if refusal(target) is None or not target.is_file() or target.is_symlink():
        return None
    data = target.read_bytes()
    first = edited_name(target)
    for n in range(1, 1000):
        kept = first if n == 1 else first.with_name(
            f"{first.name[:-len(first.suffix)]}-{n}{first.suffix}")
        try:
            if kept.is_file() and not kept.is_symlink() and kept.read_bytes() == data:
                return kept  # kept already, by an earlier forced build
            if kept.exists() or kept.is_symlink():
                continue
        except OSError:
            continue
        write_atomic(data, kept, refuse=lambda path: "exists" if path.exists() else None)
        return kept
    raise OutputError(target, f"cannot keep the edited file: {first.name} to -999 exist")


# Files found to be ours, by their stat signature: the next check of the same, unchanged file
# is a stat, not a read of the zip's directory (2 ms for the article; a build checks twice).
_KNOWN: dict[tuple, tuple] = {}


def _key(path: Path) -> str:
    return os.path.abspath(path)


def _signature(info: os.stat_result) -> tuple:
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def pdf_refusal(target: Path) -> str | None:
    """`refusal` for a PDF: only a PDF is replaced."""
    return refusal(target, is_pdf, "a PDF")


# --- temporary files ----------------------------------------------------------------------------

def _temp_pattern(name: str) -> re.Pattern:
    """`.NAME.PID-RANDOM.tmp`, and `.NAME.RANDOM.tmp` as earlier versions named them."""
    return re.compile(rf"\.{re.escape(name)}\.(?:(\d+)-)?[A-Za-z0-9_]+\.tmp")


def temp_prefix(name: str) -> str:
    return f".{name}.{os.getpid()}-"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True  # someone else's process, or a number no process has: keep to the age rule
    return True


def remove_stale(folder: Path, name: str, *, now: float | None = None) -> list[Path]:
    """Remove what killed writes of `name` left in `folder`: temporary files (and the folders
    a PDF conversion works in) matching `.NAME.PID-RANDOM.tmp` that are stale — untouched for
    STALE_SECONDS, or written by a process of this machine that no longer runs (never one of
    this process's own, which another thread may be writing). Symlinks and other kinds of
    file are left alone. Returns what was removed; failures are ignored."""
    pattern, removed = _temp_pattern(name), []
    now = time.time() if now is None else now
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if not match:
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            pid = int(match.group(1)) if match.group(1) else None
            old = now - info.st_mtime > STALE_SECONDS
            orphan = pid is not None and pid != os.getpid() and not _alive(pid)
            if not (old or orphan):
                continue
            if stat.S_ISREG(info.st_mode):
                os.unlink(entry.path)
            elif stat.S_ISDIR(info.st_mode):
                shutil.rmtree(entry.path)
            else:
                continue
            removed.append(Path(entry.path))
        except (OSError, ValueError):
            continue
    return removed


# --- writing ----------------------------------------------------------------------------------

def write_atomic(data: bytes, target: Path, *,
                 refuse: Callable[[Path], str | None] | None = None) -> bool:
    """Write `data` to `target` via a temporary file and rename. Returns False when the file
    already held exactly these bytes (nothing written). `refuse(target)`, when given, says why
    the existing target may not be replaced (checked at the last moment, just before the
    rename, and first), and stale temporary files of the target's name are removed first.
    Raises OutputError on failure, leaving any existing file untouched and no temporary file
    behind."""
    target = Path(target)
    folder = target.parent
    try:
        if target.is_file() and not target.is_symlink() and target.stat().st_size == len(data):
            if target.read_bytes() == data:
                return False
        if not folder.exists() and folder.parent.is_dir():
            folder.mkdir()  # one level, e.g. build/; a deeper missing path is a typo
        if not folder.is_dir():
            raise OutputError(target, f"folder {folder} does not exist")
        if target.is_dir():
            raise OutputError(target, "is a directory")
    except OSError as exc:
        raise OutputError(target, exc.strerror or str(exc)) from None
    if refuse is not None:
        _check(target, refuse)
        remove_stale(folder, target.name)
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=temp_prefix(target.name), suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        if refuse is not None:
            _check(target, refuse)  # it may have appeared while we wrote
        os.replace(tmp, target)  # replaces a symlink itself, never the file it points to
        tmp = None
    except OSError as exc:
        raise OutputError(target, exc.strerror or str(exc)) from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    return True


def _check(target: Path, refuse: Callable[[Path], str | None]) -> None:
    reason = refuse(target)
    if isinstance(reason, EditedReason):
        raise EditedDeck(target, reason)
    if reason:
        raise OutputError(target, reason)
