"""`deck watch`: a running watcher sees an edit and rebuilds the deck; prints errors and goes on;
watches the images the outline names (and the new ones it starts naming); stops cleanly. Also the
warm LibreOffice of `watch --preview`, and a clear line when watchfiles is missing."""

import os
import queue
import signal
import subprocess
import sys
import threading
import time

import pytest
from conftest import ROOT, needs_libreoffice
from PIL import Image
from test_cli import GOOD, run

import deck

# a divider before the one slide, as these tests count two slides (`dividers: auto` leaves
# a one-slide section without one)
GOOD = GOOD.replace("  - title: S\n", "  - title: S\n    divider: true\n")

TIMEOUT = 20.0  # seconds to wait for any one expected line


class Watcher:
    """`deck watch` in a subprocess, its stderr and stdout read line by line, each in order
    (the two streams interleave in any order)."""

    def __init__(self, *args, cwd):
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.proc = subprocess.Popen([sys.executable, "-m", "deck", "watch", *map(str, args)],
                                     cwd=cwd, env=env, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True)
        self.lines = {"err": queue.Queue(), "out": queue.Queue()}
        self.seen: list[str] = []
        for stream, tag in ((self.proc.stderr, "err"), (self.proc.stdout, "out")):
            threading.Thread(target=self._read, args=(stream, tag), daemon=True).start()

    def _read(self, stream, tag):
        for line in stream:
            self.lines[tag].put(f"{tag}: {line.rstrip()}")

    def expect(self, text: str) -> str:
        """Wait for the next line containing `text` on its stream ("out: …" is stdout, anything
        else stderr), skipping the lines before it; return it."""
        tag = "out" if text.startswith("out: ") else "err"
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            try:
                line = self.lines[tag].get(timeout=0.1)
            except queue.Empty:
                continue
            self.seen.append(line)
            if text in line:
                return line
        raise AssertionError(f"no line with {text!r}; saw:\n" + "\n".join(self.seen))

    def stop(self, sig=signal.SIGINT) -> int:
        self.proc.send_signal(sig)
        try:
            return self.proc.wait(TIMEOUT)
        finally:
            self.proc.kill()


@pytest.fixture
def watcher():
    started = []

    def start(*args, cwd):
        started.append(Watcher(*args, cwd=cwd))
        return started[-1]
    yield start
    for w in started:  # Ctrl-C first, so a warm LibreOffice it started is stopped too
        if w.proc.poll() is None:
            w.stop()


def titles(pptx) -> list[str]:
    from pptx import Presentation

    return [s.shapes.title.text for s in Presentation(str(pptx)).slides if s.shapes.title]


def it_rebuilds_when_the_outline_changes_and_keeps_watching_after_an_error(outline, watcher):
    src = outline(GOOD)
    out = src.parent / "out.pptx"
    w = watcher(src.name, "-o", out.name, cwd=src.parent)
    w.expect("err: deck: 2 slides, written in")
    w.expect("out: out.pptx")
    w.expect("watching 1 file(s)")
    assert titles(out) == ["S", "Hello"]

    src.write_text(GOOD.replace("title: Hello", "title: Hello again"))
    w.expect("err: deck: outline.yaml changed: 2 slides, written in")
    assert titles(out) == ["S", "Hello again"]

    src.write_text(GOOD.replace("kind: bullets", "kind: bulets"))
    w.expect("error: unknown kind `bulets`")
    w.expect("build failed; fix the outline and save again")
    assert titles(out) == ["S", "Hello again"]  # the last good deck stays

    src.write_text(GOOD.replace("title: Hello", "title: Fixed"))
    w.expect("outline.yaml changed: 2 slides, written in")
    assert titles(out) == ["S", "Fixed"]
    assert w.stop() == 0
    w.expect("deck: stopped watching")


def it_watches_the_images_the_outline_names_including_new_ones(outline, watcher):
    src = outline(GOOD)
    Image.new("RGB", (64, 36), (200, 0, 0)).save(src.parent / "a.png")
    (src.parent / "pics").mkdir()
    Image.new("RGB", (64, 36), (0, 0, 200)).save(src.parent / "pics" / "b.png")
    image_slide = ("      - kind: image\n        title: Picture\n        path: {}\n"
                   "        alt: A red rectangle\n")
    src.write_text(GOOD + image_slide.format("a.png"))
    w = watcher(src.name, cwd=src.parent)
    w.expect("watching 2 file(s)")
    deck_file = src.parent / "build" / "outline.pptx"
    first = deck_file.read_bytes()

    Image.new("RGB", (64, 36), (0, 200, 0)).save(src.parent / "a.png")
    w.expect("a.png changed: 3 slides, written in")
    assert deck_file.read_bytes() != first

    src.write_text(GOOD + image_slide.format("pics/b.png"))
    w.expect("outline.yaml changed: 3 slides, written in")
    w.expect("watching 2 file(s)")  # the outline and pics/b.png, no longer a.png
    Image.new("RGB", (64, 36), (9, 9, 9)).save(src.parent / "pics" / "b.png")
    w.expect("b.png changed: 3 slides, written in")
    assert w.stop(signal.SIGTERM) == 0


def it_yields_rebuilds_from_the_python_api(outline):
    src = outline(GOOD)
    stop = threading.Event()
    events = deck.watch(src, output=src.parent / "api.pptx", stop_event=stop)
    first = next(events)
    assert isinstance(first, deck.Rebuild) and first.report.slides == 2 and first.error is None
    assert isinstance(next(events), deck.Watching)
    src.write_text(GOOD.replace("bullets: [one, two]", "bullets: [one, two, three]"))
    again = next(events)
    assert again.changed == [src.absolute()] and again.report.written
    assert 0 < again.seconds < 5
    stop.set()
    assert list(events) == []


def it_says_how_to_install_watchfiles_when_it_is_missing(outline, tmp_path):
    blocker = tmp_path / "blocker" / "watchfiles"
    blocker.mkdir(parents=True)
    (blocker / "__init__.py").write_text(
        "raise ImportError(\"No module named 'watchfiles'\", name='watchfiles')\n")
    env = {"PYTHONPATH": os.pathsep.join([str(blocker.parent), str(ROOT)])}
    result = run("watch", outline(GOOD), env=env)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "deck: error: `deck watch` needs the watchfiles package: pip install 'deck[watch]'"]


def it_hands_conversions_to_a_warm_libreoffice(article_pptx, article, tmp_path):
    needs_libreoffice()
    import pymupdf

    from deck.office import Office

    with Office() as office:
        first = office.to_pdf(article_pptx, tmp_path / "one")
        resident = office.resident
        assert resident is not None and resident.poll() is None  # warming up for the next one
        second = office.to_pdf(article_pptx, tmp_path / "two")
        assert office.handed_over == 1
        profile = office.profile
    assert resident.poll() is not None and not os.path.exists(profile)
    for pdf in (first, second):
        with pymupdf.open(pdf) as doc:
            assert doc.page_count == len(article.slides)


def it_refreshes_the_preview_while_watching(outline, watcher):
    needs_libreoffice()
    src = outline(GOOD)
    w = watcher(src.name, "--preview", "--out", "pics", cwd=src.parent)
    w.expect("preview refreshed: pics/contact.png")
    assert sorted(p.name for p in (src.parent / "pics").iterdir()) == [
        "contact.png", "outline.pdf", "slide-01.png", "slide-02.png"]
    src.write_text(GOOD.replace("title: Hello", "title: Hello again"))
    w.expect("outline.yaml changed: 2 slides, written in")
    w.expect("preview refreshed: pics/contact.png")
    # one slide drawn again: the whole deck's PDF, now stale, is gone (README says so)
    assert sorted(p.name for p in (src.parent / "pics").iterdir()) == [
        "contact.png", "slide-01.png", "slide-02.png"]
    assert w.stop() == 0


def it_finds_the_files_an_outline_refers_to(outline, tmp_path, monkeypatch):
    """Images, CSV data and theme files, whether or not the outline is valid yet."""
    from deck.inputs import referenced_files

    (tmp_path / "brand").mkdir()
    (tmp_path / "brand" / "theme.yaml").write_text("palette: {}\n")
    (tmp_path / "brand" / "logo.png").write_bytes(b"")
    src = outline("""\
        title: T
        theme: brand/
        sections:
          - title: S
            slides:
              - kind: image
                path: pics/a.png
                alt: A
              - kind: chart
                data: data/elo.csv
              - kind: two_column
                left: {kind: table, data: rows.csv}
                right: {kind: text, path: not-an-image.png}
        """)
    expected = {src, tmp_path / "pics" / "a.png", tmp_path / "data" / "elo.csv",
                tmp_path / "rows.csv", tmp_path / "brand" / "theme.yaml",
                tmp_path / "brand" / "logo.png"}
    assert referenced_files(src) == expected
    monkeypatch.chdir(tmp_path / "brand")
    assert referenced_files(src, theme="theme.yaml") == expected - {tmp_path / "brand" / "logo.png"}
    src.write_text("title: [unclosed\n")
    assert referenced_files(src) == {src}


def it_reports_a_bug_in_a_rebuild_and_keeps_watching(outline, monkeypatch):
    import deck.watcher as watcher

    src = outline(GOOD)
    real = watcher.build
    calls = []

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise ZeroDivisionError("a bug")
        return real(*args, **kwargs)
    monkeypatch.setattr(watcher, "build", flaky)
    monkeypatch.delenv("DECK_DEBUG", raising=False)
    stop = threading.Event()
    events = deck.watch(src, output=src.parent / "api.pptx", stop_event=stop)
    assert next(events).error is None and isinstance(next(events), deck.Watching)
    src.write_text(GOOD.replace("bullets: [one, two]", "bullets: [one, two, three]"))
    failed = next(events)
    assert "internal error: ZeroDivisionError: a bug" in str(failed.error)
    src.write_text(GOOD)
    recovered = next(events)
    assert recovered.error is None and recovered.report.slides == 2
    stop.set()
    assert list(events) == []


def it_watches_the_template(outline, tmp_path, monkeypatch):
    from deck.inputs import referenced_files

    src = outline("title: T\ntemplate: brand/look.pptx\nsections: []\n")
    assert referenced_files(src) == {src, tmp_path / "brand" / "look.pptx"}
    monkeypatch.chdir(tmp_path)
    assert referenced_files(src, template="other.potx") == {src, tmp_path / "other.potx"}
