"""Shared fixtures: outlines written to temp folders, the article deck built once, LibreOffice."""

from __future__ import annotations

import os
import shutil
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "outline.yaml"


def pytest_configure(config):
    """Image charts are cached in the user's cache folder: the suite (and the commands it
    runs) gets a fresh one of its own, so it neither reads nor fills the developer's."""
    import tempfile

    os.environ["DECK_CACHE_DIR"] = tempfile.mkdtemp(prefix="deck-test-cache-")


def needs_libreoffice():
    """Skip without LibreOffice on a developer machine; fail in CI, where it must be installed."""
    from deck.office import find_soffice

    if find_soffice() and shutil.which("pdftoppm"):
        return
    if os.environ.get("CI"):
        pytest.fail("LibreOffice (soffice) and pdftoppm are required in CI: run .ci/run")
    pytest.skip("LibreOffice not installed (render tests run in CI)")


@pytest.fixture
def outline(tmp_path):
    """Write a dedented outline to tmp_path/outline.yaml and return its path."""
    def write(text: str, name: str = "outline.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path
    return write


@pytest.fixture(scope="session")
def article_pptx(tmp_path_factory) -> Path:
    """The article deck, built once for the whole session."""
    import deck

    out = tmp_path_factory.mktemp("article") / "article.pptx"
    deck.build(ARTICLE, output=out)
    return out


@pytest.fixture(scope="session")
def article(article_pptx):
    from pptx import Presentation

    return Presentation(str(article_pptx))


def pytest_sessionfinish(session, exitstatus):
    """Every deck the suite wrote (in-process or via the CLI) must pass the validity audit.
    Skipped: non-zip placeholders, `handmade-*` decks (not written by deck) and `audited-*` decks
    (their own test audits and renders them: the field corpus)."""
    import zipfile

    from validity import audit

    factory = getattr(session.config, "_tmp_path_factory", None)
    if factory is None or exitstatus not in (0, 1):
        return
    if hasattr(session.config, "workerinput"):
        return  # an xdist worker: the controller audits every worker's decks (under its basetemp)
    base = factory.getbasetemp()
    # "handmade-": not a deck of ours; "audited-": its own test audited and rendered it already
    decks = [p for p in base.rglob("*.pptx") if not p.name.startswith(("handmade-", "audited-"))
             and not p.is_symlink() and zipfile.is_zipfile(p)]
    failures = {p: errors for p, errors in zip(decks, _audit_all(decks, audit)) if errors}
    failures.update(_render_all(decks, base))
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter:
        reporter.write_line(f"validity audit: {len(decks)} decks written by the suite, "
                            f"{len(failures)} invalid (OOXML schemas, PowerPoint's rules, "
                            "LibreOffice one page per slide)")
        for p, errors in failures.items():
            reporter.write_line(f"  {p}: {errors[:3]}")
    if failures:
        session.exitstatus = 1


def _workers() -> int:
    return max(1, min(4, len(os.sched_getaffinity(0))))


def _audit_all(decks, audit) -> list:
    """Each deck's audit errors; the audit is pure Python, so decks are split over processes."""
    from concurrent.futures import ProcessPoolExecutor

    if len(decks) < 8 or _workers() == 1:
        return [audit(p) for p in decks]
    with ProcessPoolExecutor(_workers()) as pool:
        return list(pool.map(audit, decks, chunksize=4))


def _render_all(decks, base) -> dict:
    """Convert every deck with one LibreOffice run; each must give one PDF page per slide."""
    import shutil

    from deck.office import find_soffice, to_pdfs

    if not decks or not find_soffice():
        if os.environ.get("CI") and decks:
            return {"LibreOffice": ["not installed: decks were not rendered"]}
        return {}
    import pymupdf
    from pptx import Presentation

    folder = base / "render-all"
    folder.mkdir(exist_ok=True)
    copies = []
    for k, deck_path in enumerate(decks):
        copy = folder / f"deck-{k:04d}.pptx"
        shutil.copyfile(deck_path, copy)
        copies.append(copy)
    # one LibreOffice per core, each with its share of the decks (each run has its own profile)
    from concurrent.futures import ThreadPoolExecutor

    shares = [copies[k::_workers()] for k in range(_workers())]
    with ThreadPoolExecutor(len(shares)) as pool:
        converted = {}
        for result in pool.map(lambda share: to_pdfs(share, folder) if share else {}, shares):
            converted.update(result)
    failures = {}
    for original, copy in zip(decks, copies):
        pdf = converted[copy]
        slides = len(Presentation(str(copy)).slides)
        if slides == 0:
            continue  # a template fixture, not a deck (LibreOffice draws it as one blank page)
        if pdf is None:
            failures[original] = ["LibreOffice could not convert it"]
            continue
        with pymupdf.open(pdf) as doc:
            if doc.page_count != slides:
                failures[original] = [f"{doc.page_count} PDF pages for {slides} slides"]
    return failures
