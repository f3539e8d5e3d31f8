"""`deck watch --preview` re-draws only the slides that changed (previews.Refresher): which
slides are converted after an edit, a move, an addition and a removal, and that every PNG in
the folder shows its slide, by number, with none left over. One test draws with LibreOffice."""

import hashlib
from pathlib import Path

import pytest
from PIL import Image, ImageChops

import deck
from deck import office, previews
from deck.previews import Refresher
from deck.render.oxml.subset import slide_keys, subset_deck


def outline_text(titles: list[str], numbers: bool = False) -> str:
    lines = ["title: Refresh", f"slide_numbers: {'true' if numbers else 'false'}", "sections:",
             "  - title: All", "    divider: false", "    slides:"]
    for title in titles:
        lines += ["      - kind: bullets", f"        title: {title}", "        bullets: [One, Two]"]
    return "\n".join(lines) + "\n"


def colour(key: str) -> tuple[int, int, int]:
    digest = hashlib.sha256(key.encode()).digest()
    return digest[0], digest[1], digest[2]


def fake_page(path: Path, key: str) -> Path:
    Image.new("RGB", (96, 54), colour(key)).save(path)
    return path


@pytest.fixture
def fake_office(monkeypatch):
    """Drawing without LibreOffice: a slide's page is a flat colour made from its key."""
    def pictures(deck_path, folder, *, office=None, tiles=None, progress=None):
        folder.mkdir(parents=True, exist_ok=True)
        pages = [fake_page(folder / f"slide-{n:02d}.png", key)
                 for n, key in enumerate(slide_keys(deck_path), start=1)]
        contact = office_module.contact_sheet(pages, folder / "contact.png", tiles=tiles)
        return folder / "deck.pdf", pages, contact

    def draw(self, deck_path, numbers, work):
        keys = slide_keys(deck_path)
        return {n: fake_page(work / f"page-{n}.png", keys[n - 1]) for n in numbers}

    office_module = office
    monkeypatch.setattr(previews, "pictures", pictures)
    monkeypatch.setattr(Refresher, "_draw", draw)


def build(tmp_path: Path, titles: list[str], numbers: bool = False) -> Path:
    src = tmp_path / "outline.yaml"
    src.write_text(outline_text(titles, numbers), encoding="utf-8")
    out = tmp_path / "deck.pptx"
    out.unlink(missing_ok=True)
    deck.build(src, output=out)
    return out


def shows_its_slide(folder: Path, out: Path) -> bool:
    keys = slide_keys(out)
    pages = sorted(folder.glob("slide-*.png"))
    return len(pages) == len(keys) and all(
        Image.open(page).getpixel((0, 0)) == colour(key) for page, key in zip(pages, keys))


def it_redraws_only_edited_and_added_slides_and_reuses_moved_ones(tmp_path, fake_office):
    folder = tmp_path / "preview"
    refresher = Refresher(folder)
    titles = ["Alpha", "Beta", "Gamma", "Delta", "Epsilon"]
    steps = [
        (titles, [1, 2, 3, 4, 5]),  # the first refresh draws them all
        (["Alpha", "Beta", "Gamma edited", "Delta", "Epsilon"], [3]),
        (["Beta", "Alpha", "Gamma edited", "Delta", "Epsilon"], []),  # moved: renamed only
        (["Beta", "Alpha", "Gamma edited", "Delta", "Epsilon", "Zeta"], [6]),
        (["Beta", "Gamma edited", "Delta", "Zeta"], []),  # removed: stale PNGs go
        (["Beta", "Gamma edited", "Delta", "Zeta"], []),  # nothing changed
    ]
    for step_titles, converted in steps:
        out = build(tmp_path, step_titles)
        refresher.refresh(out)
        assert refresher.converted == converted, step_titles
        assert shows_its_slide(folder, out), step_titles
        assert (folder / "contact.png").is_file()


def it_redraws_slides_whose_number_changed(tmp_path, fake_office):
    refresher = Refresher(tmp_path / "preview")
    refresher.refresh(build(tmp_path, ["Alpha", "Beta", "Gamma"], numbers=True))
    refresher.refresh(build(tmp_path, ["Beta", "Alpha", "Gamma"], numbers=True))
    assert refresher.converted == [1, 2]  # their slide numbers are drawn on them


def it_keeps_slide_numbers_as_written_in_a_deck_of_some_slides(tmp_path):
    from pptx import Presentation

    out = build(tmp_path, ["Alpha", "Beta", "Gamma"], numbers=True)
    subset = subset_deck(out, [3], tmp_path / "subset.pptx")
    prs = Presentation(subset)
    assert [s.shapes.title.text for s in prs.slides] == ["Gamma"]
    xml = prs.slides[0]._element.xml
    assert 'type="slidenum"' not in xml and "<a:t>3</a:t>" in xml


@pytest.mark.skipif(office.find_soffice() is None, reason="LibreOffice not installed")
def it_draws_a_changed_slide_as_a_full_preview_draws_it(tmp_path):
    titles = ["Alpha", "Beta", "Gamma", "Delta"]
    with office.Office(warm=False) as lo:
        refresher = Refresher(tmp_path / "preview", lo)
        refresher.refresh(build(tmp_path, titles, numbers=True))
        out = build(tmp_path, ["Alpha", "Beta edited", "Gamma", "Delta"], numbers=True)
        pdf, pages, _ = refresher.refresh(out)
        assert refresher.converted == [2] and pdf is None and len(pages) == 4
        _, full, _ = previews.pictures(out, tmp_path / "full", office=lo)
    for partial, whole in zip(pages, full):
        with Image.open(partial) as a, Image.open(whole) as b:
            assert ImageChops.difference(a.convert("RGB"), b.convert("RGB")).getbbox() is None
