"""Referenced files: resolved inside the outline's folder, with limits."""

from pathlib import Path

import pytest
from hostile_assets import make_assets
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

import deck
from deck.errors import InputError
from deck.files import Files


def it_allows_a_folder_outside_when_asked(tmp_path, outline):
    make_assets(tmp_path)
    outside = tmp_path.parent / "outside.png"
    files = Files(tmp_path)
    assert "outside the outline's folder" in files.image("../outside.png")
    allowed = Files(tmp_path, (tmp_path.parent,))
    real, size = allowed.image("../outside.png")
    assert real == outside.resolve() and size == (8, 8)
    src = outline("title: T\nsections:\n  - title: S\n    slides:\n      - kind: image\n"
                  "        path: ../outside.png\n        alt: A picture\n")
    report = deck.build(src, output=tmp_path / "x.pptx", allow_outside=[tmp_path.parent])
    assert report.slides == 1  # the image slide (a one-slide section gets no divider)
    picture, = [s for s in Presentation(str(report.output)).slides[0].shapes
                if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert picture.image.size == (8, 8)


def it_accepts_a_symlink_that_stays_inside(tmp_path):
    make_assets(tmp_path)
    (tmp_path / "alias.png").symlink_to(tmp_path / "assets" / "good.png")
    real, size = Files(tmp_path).image("alias.png")
    assert real == (tmp_path / "assets" / "good.png").resolve() and size == (64, 48)


def it_refuses_a_symlink_loop(tmp_path):
    (tmp_path / "a.png").symlink_to(tmp_path / "b.png")
    (tmp_path / "b.png").symlink_to(tmp_path / "a.png")
    assert Files(tmp_path).image("a.png").startswith("cannot be read")


def it_refuses_files_over_the_size_limit(tmp_path, monkeypatch):
    import deck.files

    monkeypatch.setattr(deck.files, "MAX_FILE_BYTES", 100)
    Path(tmp_path / "big.png").write_bytes(b"\x89PNG" + b"\0" * 200)
    assert Files(tmp_path).image("big.png") == "is 204 bytes; the limit is 100 bytes"


def it_keeps_the_allowed_folders_when_another_slide_is_invalid(tmp_path, outline):
    """An unknown key elsewhere must not make an allowed image "outside the folder"."""
    make_assets(tmp_path)
    src = outline("title: T\nsections:\n  - title: S\n    slides:\n      - kind: image\n"
                  "        path: ../outside.png\n        alt: A picture\n"
                  "      - kind: bullets\n        bulets: [a]\n")
    with pytest.raises(InputError) as info:
        deck.check(src, allow_outside=[tmp_path.parent])
    messages = [d.message for d in info.value.diagnostics]
    assert not any("outside" in m for m in messages), messages
    assert any("unknown key `bulets`" in m for m in messages), messages
