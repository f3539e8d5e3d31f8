"""Output safety and the build as a process (issue 18): what a build may replace, the PDF written
as atomically as the deck, LibreOffice ended with the build, temporary files of killed builds
removed, outlines that are FIFOs, devices or symlink loops, a reader that stops reading, a
non-UTF-8 locale, `deck watch` after its folder is deleted and made again, and `--pdf` and
preview errors that name their file.

LibreOffice and pdftoppm are stood in for by small scripts (`fake_office`) where the test is
about deck's side: failing, hanging, or writing a PDF on demand, and recording their processes.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import textwrap
import threading
import time
import zipfile
from pathlib import Path

import pytest
from test_cli import GOOD, ROOT, run

import deck
from deck.cli import main

WAIT = 30.0  # seconds: the longest any one step may take before the test gives up


def cli(*args, cwd: Path | None = None) -> tuple[int, str, str]:
    """`deck ARGS` in this process: (exit status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    old = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main([str(a) for a in args])
    finally:
        os.chdir(old)
    assert "Traceback" not in err.getvalue()
    return code, out.getvalue(), err.getvalue()


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def snapshot(path: Path):
    """What a file is, to check it was left alone: its kind, and its bytes if a regular file."""
    info = os.lstat(path)
    body = path.read_bytes() if stat.S_ISREG(info.st_mode) else None
    return stat.S_IFMT(info.st_mode), info.st_ino, body


# --- only a deck deck wrote is replaced ---------------------------------------------------------

def powerpoint_deck(path: Path) -> None:
    """A .pptx someone saved from PowerPoint (app.xml names another application)."""
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("docProps/app.xml", "<Properties><Application>Microsoft Office PowerPoint"
                   "</Application></Properties>")


@pytest.mark.parametrize("kind", ["fifo", "device", "notes", "outline", "font", "powerpoint",
                                  "folder"])
def it_refuses_to_replace_anything_but_a_deck_it_wrote(kind, outline, tmp_path):
    src = outline(GOOD)
    target = {"fifo": tmp_path / "pipe", "device": Path(os.devnull),
              "notes": tmp_path / "notes.txt", "outline": tmp_path / "other.yaml",
              "font": tmp_path / "brand" / "Brand.ttf", "powerpoint": tmp_path / "handmade-talk.pptx",
              "folder": tmp_path / "folder"}[kind]
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "notes":
        target.write_text("my notes\n")
    elif kind == "outline":
        target.write_text(GOOD)
    elif kind == "font":
        target.parent.mkdir()
        shutil.copy(ROOT / "assets" / "fonts" / "Carlito-Regular.ttf", target)
    elif kind == "powerpoint":
        powerpoint_deck(target)
    elif kind == "folder":
        target.mkdir()
    before = snapshot(target)
    code, out, err = cli("build", src, "-o", target)
    assert code == 2 and out == ""
    why = {"fifo": "is a named pipe (FIFO), not a file", "device": "is a device, not a file",
           "folder": "is a directory"}.get(kind, "exists and is not a deck written by deck")
    assert err.startswith(f"{target}: error: cannot write output: {why}"), err
    assert snapshot(target) == before
    assert temporaries(target.parent) == [] and temporaries(tmp_path) == []


def it_points_at_the_outlines_output_line_when_that_file_is_not_a_deck(outline, tmp_path):
    src = outline(GOOD + "output: handmade-talk.pptx\n")
    powerpoint_deck(tmp_path / "handmade-talk.pptx")
    before = snapshot(tmp_path / "handmade-talk.pptx")
    code, _out, err = cli("build", src)
    assert code == 2
    assert err.startswith(f"{src}:8:9: error: cannot write output: exists and is not a deck"), err
    assert snapshot(tmp_path / "handmade-talk.pptx") == before


def it_replaces_its_own_deck_an_empty_file_and_a_link(outline, tmp_path):
    src = outline(GOOD)
    out = tmp_path / "deck.pptx"
    assert cli("build", src, "-o", out)[0] == 0
    src.write_text(GOOD.replace("title: Hello", "title: Changed"))
    first = out.read_bytes()
    assert cli("build", src, "-o", out)[0] == 0
    assert out.read_bytes() != first  # its own deck: replaced
    empty = tmp_path / "empty.pptx"
    empty.touch()  # as `mktemp` leaves it
    assert cli("build", src, "-o", empty)[0] == 0 and zipfile.is_zipfile(empty)
    (tmp_path / "link.pptx").symlink_to(tmp_path / "notes.txt")
    (tmp_path / "notes.txt").write_text("mine")
    assert cli("build", src, "-o", tmp_path / "link.pptx")[0] == 0
    assert (tmp_path / "notes.txt").read_text() == "mine"  # the link replaced, not followed


def it_checks_again_just_before_the_rename(outline, tmp_path, monkeypatch):
    """A file that appears at the output while the deck is rendered is not replaced either."""
    import deck.writer as writer

    src = outline(GOOD)
    out = tmp_path / "deck.pptx"
    real = writer.package_bytes

    def slow(prs):
        data = real(prs)
        out.write_text("appeared meanwhile")
        return data
    monkeypatch.setattr(writer, "package_bytes", slow)
    with pytest.raises(deck.OutputError, match="exists and is not a deck written by deck"):
        deck.build(src, output=out)
    assert out.read_text() == "appeared meanwhile" and temporaries(tmp_path) == []


def it_tells_a_deck_from_other_zips_by_reading_only_its_app_xml(tmp_path, article_pptx):
    from deck.writer import is_deck

    assert is_deck(article_pptx)
    powerpoint_deck(tmp_path / "handmade-pp.pptx")  # handmade-: not audited as one of ours
    with zipfile.ZipFile(tmp_path / "handmade-big.pptx", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("docProps/app.xml", b"<Application>deck</Application>" + b" " * 2**20)
    (tmp_path / "text.pptx").write_text("PK but not a zip")
    for name in ("handmade-pp.pptx", "handmade-big.pptx", "text.pptx"):
        assert not is_deck(tmp_path / name), name


# --- the default output is checked like `output:` -------------------------------------------

def it_refuses_a_build_folder_that_leads_out_of_the_outlines_folder(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    src = project / "talk.yaml"
    src.write_text(GOOD)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "talk.pptx").write_text("someone else's file")
    (project / "build").symlink_to(elsewhere)
    code, _out, err = cli("build", src)
    assert code == 2
    assert err.startswith(f"{project}/build/talk.pptx: error: cannot write output: the default "
                          "output folder `build` leads out of the outline's folder"), err
    assert (elsewhere / "talk.pptx").read_text() == "someone else's file"
    assert temporaries(elsewhere) == []
    (project / "build").unlink()
    (project / "build").symlink_to("build")  # a loop: an error, not a traceback
    code, _out, err = cli("build", src)
    assert code == 2 and "`build` is a symlink loop" in err, err
    (project / "build").unlink()
    (project / "made").mkdir()
    (project / "build").symlink_to("made")  # inside the folder: fine
    assert cli("build", src)[0] == 0 and (project / "made" / "talk.pptx").is_file()


# --- temporary files of killed builds -----------------------------------------------------------

def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def it_removes_the_temporary_files_a_killed_build_left(outline, tmp_path):
    src = outline(GOOD)
    out = tmp_path / "deck.pptx"
    stale = {  # a killed writer's (its process is gone), and an old one named as before
        f".deck.pptx.{dead_pid()}-k1x2y3z4.tmp": time.time(),
        ".deck.pptx.abcd1234.tmp": time.time() - 600,
    }
    kept = {  # a fresh one of a running process (another build), ours, other names and kinds
        ".deck.pptx.1-live0000.tmp": time.time(),
        f".deck.pptx.{os.getpid()}-mine0000.tmp": time.time(),
        ".other.pptx.abcd1234.tmp": time.time() - 600,
        "deck.pptx.abcd1234.tmp": time.time() - 600,
    }
    for name, when in {**stale, **kept}.items():
        (tmp_path / name).write_bytes(b"x" * 1000)
        os.utime(tmp_path / name, (when, when))
    (tmp_path / ".deck.pptx.link0000.tmp").symlink_to(tmp_path / "outline.yaml")
    os.utime(tmp_path / ".deck.pptx.link0000.tmp", (0, 0), follow_symlinks=False)
    assert cli("build", src, "-o", out)[0] == 0
    assert temporaries(tmp_path) == sorted([*kept, ".deck.pptx.link0000.tmp"])
    assert src.read_text() == GOOD


def it_removes_a_temporary_file_when_stopped_by_sigterm(outline, tmp_path):
    """SIGTERM while the deck is written: the old deck stays, no temporary file is left."""
    src = outline(GOOD)
    out = tmp_path / "deck.pptx"
    assert run("build", src, "-o", out).returncode == 0
    before = out.read_bytes()
    src.write_text(GOOD.replace("title: Hello", "title: Changed"))
    hook = tmp_path / "sitecustomize.py"  # stop in os.fsync, the middle of the write
    hook.write_text(textwrap.dedent("""\
        import os, signal, time
        def fsync(fd):
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(5)
        os.fsync = fsync
        """))
    result = run("build", src, "-o", out, env={"PYTHONPATH": f"{tmp_path}{os.pathsep}{ROOT}"})
    assert result.returncode == 128 + signal.SIGTERM, result.stderr
    assert "Traceback" not in result.stderr
    assert out.read_bytes() == before and temporaries(tmp_path) == []


# --- the PDF: atomic, only over a PDF, LibreOffice ended with the build --------------------------

FAKE = """\
#!{python}
# A stand-in for soffice/pdftoppm. FAKE_OFFICE: ok (write a PDF), fail (write nothing, say why),
# hang (start a child and wait, touching the profile). Appends its pid (and its child's) to
# FAKE_LOG, with the profile folder it was given.
import os, subprocess, sys, time
mode, log = os.environ.get("FAKE_OFFICE", "ok"), os.environ["FAKE_LOG"]
args = sys.argv[1:]
profile = next((a.split("file://", 1)[1] for a in args if a.startswith("-env:")), "")
def note(pid):
    with open(log, "a") as fh:
        fh.write(f"{{pid}} {{profile}}\\n")
note(os.getpid())
if mode == "fail":
    sys.stderr.write("Error: source file could not be loaded\\n")
    sys.exit(0)
if mode == "hang":
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)"])
    note(child.pid)
    if profile:
        open(os.path.join(profile, "in-use"), "w").close()
    time.sleep(300)
if os.path.basename(sys.argv[0]) == "soffice":
    out = args[args.index("--outdir") + 1]
    name = os.path.splitext(os.path.basename(args[-1]))[0] + ".pdf"
    with open(os.path.join(out, name), "wb") as fh:
        fh.write(b"%PDF-1.4 fake " + os.environ.get("FAKE_PDF", "new").encode())
"""


@pytest.fixture
def fake_office(tmp_path, monkeypatch):
    """`soffice` and `pdftoppm` first on PATH, doing what FAKE_OFFICE says; returns the log."""
    tools = tmp_path / "fake-bin"
    tools.mkdir()
    for name in ("soffice", "pdftoppm"):
        (tools / name).write_text(FAKE.format(python=sys.executable))
        (tools / name).chmod(0o755)
    log = tmp_path / "fake.log"
    log.touch()
    monkeypatch.setenv("PATH", f"{tools}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("FAKE_LOG", str(log))
    monkeypatch.setenv("TMPDIR", str(tmp_path))  # LibreOffice profiles: here, to check they go
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    return log


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with contextlib.suppress(OSError):  # a zombie waiting to be reaped is not running
        if Path(f"/proc/{pid}/stat").read_text().split(") ")[-1].startswith("Z"):
            return False
    return True


def it_keeps_the_previous_pdf_when_the_conversion_fails_and_names_the_deck(
        outline, tmp_path, fake_office, monkeypatch):
    src = outline(GOOD)
    out = tmp_path / "deck.pptx"
    assert cli("build", src, "-o", out, "--pdf")[0] == 0
    assert (tmp_path / "deck.pdf").read_bytes() == b"%PDF-1.4 fake new"
    monkeypatch.setenv("FAKE_OFFICE", "fail")
    code, out_text, err = cli("build", src, "-o", out, "--pdf")
    assert code == 2
    assert err.splitlines()[-1] == (f"{out}: error: LibreOffice could not convert it to PDF: "
                                    "Error: source file could not be loaded")
    assert (tmp_path / "deck.pdf").read_bytes() == b"%PDF-1.4 fake new"
    assert temporaries(tmp_path) == []
    assert not list(tmp_path.glob("deck-lo-*"))  # the profile is gone


def it_replaces_only_a_pdf_at_the_pdfs_place(outline, tmp_path, fake_office):
    src = outline(GOOD)
    (tmp_path / "deck.pdf").write_text("my notes, named .pdf")
    code, _out, err = cli("build", src, "-o", tmp_path / "deck.pptx", "--pdf")
    assert code == 2
    assert err.startswith(f"{tmp_path}/deck.pdf: error: cannot write the PDF deck.pdf: exists "
                          "and is not a PDF"), err
    assert (tmp_path / "deck.pdf").read_text() == "my notes, named .pdf"
    assert not (tmp_path / "deck.pptx").exists()  # refused before any work


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def it_ends_libreoffice_with_the_build(sig, outline, tmp_path, fake_office):
    """Ctrl-C or SIGTERM while LibreOffice converts: no soffice (nor its children) left
    running, no profile left, no temporary file, the previous PDF kept."""
    src = outline(GOOD)
    (tmp_path / "deck.pdf").write_bytes(b"%PDF-1.4 the previous one")
    proc = subprocess.Popen(
        [sys.executable, "-m", "deck", "build", str(src), "-o", str(tmp_path / "deck.pptx"),
         "--pdf", "-q"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "FAKE_OFFICE": "hang", "PYTHONPATH": str(ROOT)})
    deadline = time.monotonic() + WAIT
    while len(fake_office.read_text().splitlines()) < 2 or not list(
            tmp_path.glob("deck-lo-*/in-use")):
        assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()
        time.sleep(0.05)
    pids = [int(line.split()[0]) for line in fake_office.read_text().splitlines()]
    proc.send_signal(sig)
    _out, err = proc.communicate(timeout=WAIT)
    assert proc.returncode == 128 + sig and "Traceback" not in err, err
    deadline = time.monotonic() + 5
    while any(alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in pids if alive(pid)]
    assert not list(tmp_path.glob("deck-lo-*"))
    assert temporaries(tmp_path) == []
    assert (tmp_path / "deck.pdf").read_bytes() == b"%PDF-1.4 the previous one"


def it_ends_a_real_libreoffice_on_ctrl_c(outline, tmp_path):
    """The same with LibreOffice itself: nothing of it runs after the build stopped."""
    from conftest import needs_libreoffice

    needs_libreoffice()
    src = outline(GOOD)
    proc = subprocess.Popen(
        [sys.executable, "-m", "deck", "build", str(src), "--pdf", "-q"], cwd=ROOT,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "TMPDIR": str(tmp_path), "PYTHONPATH": str(ROOT)})
    deadline = time.monotonic() + WAIT
    # LibreOffice started with its profile here, and has begun to fill it
    while not (soffice_processes(tmp_path) and list(tmp_path.glob("deck-lo-*/*"))):
        assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=WAIT)
    assert proc.returncode == 130 and "Traceback" not in err, err
    time.sleep(0.5)
    assert soffice_processes(tmp_path) == []
    assert not list(tmp_path.glob("deck-lo-*"))
    assert not (tmp_path / "build" / "outline.pdf").exists()
    assert temporaries(tmp_path / "build") == []


def soffice_processes(folder: Path) -> list[int]:
    """Running processes whose command line names `folder` (the profile is inside it)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            with contextlib.suppress(OSError):
                if str(folder).encode() in (entry / "cmdline").read_bytes() and alive(
                        int(entry.name)) and b"soffice" in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
    return found


def it_names_the_file_in_pdf_and_preview_errors(outline, tmp_path, fake_office, monkeypatch):
    from deck.office import OfficeError, to_pdf

    src = outline(GOOD)
    monkeypatch.setenv("FAKE_OFFICE", "ok")
    code, _out, err = cli("preview", src, "-o", tmp_path / "deck.pptx", "--out",
                          tmp_path / "pics")
    assert code == 2  # the fake pdftoppm draws nothing
    assert err.splitlines()[-1] == f"{tmp_path}/pics/deck.pdf: error: pdftoppm drew no pages"
    monkeypatch.setenv("FAKE_OFFICE", "hang")
    with pytest.raises(OfficeError) as info:
        to_pdf(tmp_path / "deck.pptx", tmp_path / "pdf", timeout=0.5)
    assert str(info.value) == f"{tmp_path}/deck.pptx: error: soffice timed out after 0.5 s"
    assert not list(tmp_path.glob("deck-lo-*")) and temporaries(tmp_path / "pdf") == []


# --- the outline: a regular file of a sane size, or a located error ----------------------------

def it_refuses_an_outline_that_is_a_fifo_a_device_or_a_symlink_loop(tmp_path):
    os.mkfifo(tmp_path / "fifo.yaml")
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")
    (tmp_path / "loop.yaml").symlink_to("loop.yaml")
    (tmp_path / "folder.yaml").mkdir()
    expected = {"fifo.yaml": "is not a regular file (a device, pipe or socket)",
                "zero.yaml": "is not a regular file (a device, pipe or socket)",
                "loop.yaml": "is a symlink loop (too many levels of symbolic links)",
                "folder.yaml": "is a directory, not an outline file"}
    for name, message in expected.items():
        for command in ("build", "check"):
            # a subprocess, under a memory limit: a regression must fail, not hang the suite
            result = subprocess.run(
                [sys.executable, "-m", "deck", command, name], cwd=tmp_path, text=True,
                capture_output=True, timeout=WAIT, preexec_fn=limit_memory,
                env={**os.environ, "PYTHONPATH": str(ROOT)})
            assert result.returncode == 2, (name, result.stderr)
            assert result.stderr == f"{name}: error: {message}\n"
    assert sorted(os.listdir(tmp_path)) == sorted(expected)  # nothing written


def limit_memory():
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (2 * 2**30, 2 * 2**30))


def it_refuses_an_outline_over_the_size_limit(outline, monkeypatch):
    import deck.files

    src = outline(GOOD + "# " + "x" * 5000 + "\n")
    monkeypatch.setattr(deck.files, "MAX_FILE_BYTES", 4096)
    with pytest.raises(deck.InputError, match=r"outline.yaml: error: is 5,\d{3} bytes; the "
                       "limit is 4,096 bytes"):
        deck.check(src)


def it_keeps_watching_an_outline_that_is_a_fifo(tmp_path):
    from test_watch import Watcher

    os.mkfifo(tmp_path / "outline.yaml")
    w = Watcher("outline.yaml", "-o", "out.pptx", cwd=tmp_path)
    try:
        w.expect("outline.yaml: error: is not a regular file")
        w.expect("watching 1 file(s)")
        os.unlink(tmp_path / "outline.yaml")
        (tmp_path / "outline.yaml").write_text(GOOD)
        w.expect("1 slide, written in")  # GOOD: one section of one slide, no divider
        assert w.stop() == 0
    finally:
        w.proc.kill()


# --- a reader that stops reading; a locale that is not UTF-8 ------------------------------------

@pytest.mark.parametrize("unbuffered", ["", "1"])
def it_says_nothing_more_when_the_reader_is_gone(unbuffered, outline, tmp_path):
    """`deck build … | true`: the deck is written, no traceback, the build's own status."""
    src = outline(GOOD)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    env.update(PYTHONPATH=str(ROOT), **({"PYTHONUNBUFFERED": "1"} if unbuffered else {}))
    for args in (["build", str(src)], ["schema"], ["build", str(src), "-o", "/dev/null"]):
        read, write = os.pipe()
        os.close(read)  # the reader is gone before deck says anything
        result = subprocess.run([sys.executable, "-m", "deck", *args], stdout=write,
                                stderr=subprocess.PIPE, text=True, env=env, timeout=WAIT)
        os.close(write)
        assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr
        assert result.returncode == (2 if "/dev/null" in args else 0), result.stderr
    assert (tmp_path / "build" / "outline.pptx").is_file()
    # and stderr gone too (`deck build 2>&1 | true`)
    read, write = os.pipe()
    os.close(read)
    result = subprocess.run([sys.executable, "-m", "deck", "build", str(src)], stdout=write,
                            stderr=write, env=env, timeout=WAIT)
    os.close(write)
    assert result.returncode == 0


def ascii_locale() -> dict[str, str]:
    """LC_ALL=C with Python's UTF-8 mode off: the file system encoding is ASCII."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONIOENCODING", "PYTHONUTF8", "LANG", "LANGUAGE")
           and not k.startswith("LC_")}
    return {**env, "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONPATH": str(ROOT)}


def it_builds_non_ascii_names_in_a_non_utf8_locale(tmp_path):
    folder = tmp_path / "Vorträge"
    folder.mkdir()
    (folder / "Häfen.csv").write_text("Hafen,Schiffe\nKöln,12\nDüsseldorf,9\n", encoding="utf-8")
    src = folder / "Übersicht.yaml"
    src.write_text(textwrap.dedent("""\
        title: Häfen
        output: Präsentation.pptx
        sections:
          - title: Zahlen
            slides:
              - kind: table
                title: Schiffe
                data: Häfen.csv
        """), encoding="utf-8")

    def deck_(*args):
        return subprocess.run([sys.executable, "-m", "deck", *map(str, args)], cwd=tmp_path,
                              capture_output=True, env=ascii_locale(), timeout=WAIT)
    for command in ("check", "build"):
        result = deck_(command, "Vorträge/Übersicht.yaml")
        assert result.returncode == 0, result.stderr.decode()
        assert b"Traceback" not in result.stderr
    assert result.stdout == "Vorträge/Präsentation.pptx\n".encode()
    assert (folder / "Präsentation.pptx").is_file()
    src.write_text(src.read_text(encoding="utf-8").replace("Häfen.csv", "Straße.csv"),
                   encoding="utf-8")
    result = deck_("build", "Vorträge/Übersicht.yaml")
    assert result.returncode == 2 and b"Traceback" not in result.stderr
    assert re.match(rb"Vortr\S+/\S+bersicht.yaml:8:15: error: ", result.stderr), result.stderr
    result = deck_("new", "Vorträge/Neu.yaml")
    assert result.returncode == 0, result.stderr.decode()
    assert "path: Neu-picture.png" in (folder / "Neu.yaml").read_text(encoding="utf-8")


def it_builds_a_non_ascii_picture_name_in_a_non_utf8_locale(tmp_path):
    result = run("new", "Bäume.yaml", cwd=tmp_path, env=ascii_locale())
    assert result.returncode == 0
    result = subprocess.run([sys.executable, "-m", "deck", "build", "Bäume.yaml"], cwd=tmp_path,
                            capture_output=True, env=ascii_locale(), timeout=WAIT)
    assert result.returncode == 0, result.stderr.decode()


# --- `deck watch` after its folder is deleted and made again ------------------------------------

def it_rebuilds_after_the_outlines_folder_is_deleted_and_made_again(tmp_path):
    folder = tmp_path / "talk"
    folder.mkdir()
    src = folder / "outline.yaml"
    src.write_text(GOOD)
    out = tmp_path / "out.pptx"
    stop = threading.Event()
    events = deck.watch(src, output=out, stop_event=stop)
    threading.Timer(2 * WAIT, stop.set).start()  # a regression fails instead of hanging
    try:
        assert next(events).error is None and isinstance(next(events), deck.Watching)
        shutil.rmtree(folder)
        gone = next_rebuild(events)
        assert gone.error is not None and "cannot read" in str(gone.error)
        folder.mkdir()
        src.write_text(GOOD.replace("title: Hello", "title: Back"))
        back = next_rebuild(events, until=lambda r: r.error is None)
        assert back.report.written
        src.write_text(GOOD.replace("title: Hello", "title: Again"))
        again = next_rebuild(events, until=lambda r: r.error is None and r.report.written)
        assert src.absolute() in again.changed
    finally:
        stop.set()
        events.close()


def next_rebuild(events, until=lambda r: True):
    """The next Rebuild that satisfies `until`, skipping Watching events and others."""
    deadline = time.monotonic() + WAIT
    for event in events:
        assert time.monotonic() < deadline, "no rebuild in time"
        if isinstance(event, deck.Rebuild) and until(event):
            return event
    raise AssertionError("the watcher stopped")
