"""Small fixes of issue 16: preview pictures at the slide's size in pixels, one preview folder
per deck, "1 slide"."""

import zipfile

from PIL import Image

from deck.cli import count
from deck.previews import default_folder, slide_pixels, trim


def deck_of_size(path, cx: int, cy: int):
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("ppt/presentation.xml", '<p:presentation xmlns:p="p"><p:sldIdLst/>'
                   f'<p:sldSz cx="{cx}" cy="{cy}"/></p:presentation>')
    return path


def it_crops_pdftoppms_rounding_pixel_off_a_preview(tmp_path):
    deck = deck_of_size(tmp_path / "d.zip", 12192000, 6858000)  # 960 × 540 pt
    assert slide_pixels(deck) == (960, 540)
    assert slide_pixels(deck_of_size(tmp_path / "e.zip", 9144000, 6858000)) == (720, 540)
    pages = []
    for name, size in (("a.png", (961, 541)), ("b.png", (960, 540)), ("c.png", (1200, 540))):
        Image.new("RGB", size, "white").save(tmp_path / name)
        pages.append(tmp_path / name)
    trim(pages, slide_pixels(deck))
    assert [Image.open(p).size for p in pages] == [(960, 540), (960, 540), (1200, 540)]
    assert slide_pixels(tmp_path / "a.png") is None  # not a deck: nothing to crop to


def it_gives_each_deck_its_own_preview_folder(tmp_path):
    a, b = default_folder(tmp_path / "build" / "a.pptx"), default_folder(tmp_path / "build" /
                                                                         "b.pptx")
    assert a != b and a.parent == b.parent == tmp_path / "build" / "preview"


def it_counts_one_slide_in_the_singular():
    assert [count(n, "slide") for n in (0, 1, 2)] == ["0 slides", "1 slide", "2 slides"]
