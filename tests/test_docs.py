"""The documentation stays true: its example builds, its claims match the code."""

import re
from pathlib import Path

from PIL import Image

import deck

ROOT = Path(__file__).resolve().parent.parent


def yaml_blocks(markdown: Path) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", markdown.read_text(encoding="utf-8"), re.S)


def it_builds_the_complete_example_in_the_outline_reference(tmp_path):
    example = yaml_blocks(ROOT / "docs" / "outline.md")[0]
    Image.new("RGB", (1600, 900), (40, 90, 140)).save(tmp_path / "skyline.png")
    src = tmp_path / "example.yaml"
    src.write_text(example, encoding="utf-8")
    report = deck.build(src, output=tmp_path / "example.pptx")
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    shapes = [s for slide in Presentation(str(report.output)).slides for s in slide.shapes]
    assert report.slides == 10
    assert sum(s.has_chart for s in shapes) == 2
    assert sum(s.has_table for s in shapes) == 1
    assert sum(s.shape_type == MSO_SHAPE_TYPE.PICTURE for s in shapes) == 1


def it_builds_the_outline_in_the_readme(tmp_path):
    src = tmp_path / "readme.yaml"
    src.write_text(yaml_blocks(ROOT / "README.md")[0], encoding="utf-8")
    assert deck.build(src, output=tmp_path / "r.pptx").slides == 3


def it_documents_every_theme_key():
    from deck.theme import Fonts, Geometry, Layouts, Palette, Sizes, Theme

    text = (ROOT / "docs" / "themes.md").read_text(encoding="utf-8")
    for struct in (Theme, Palette, Fonts, Sizes, Geometry, Layouts):
        for name in struct.__struct_fields__:
            if name not in ("name", "slide_w", "slide_h"):
                assert f"`{name}`" in text, f"{struct.__name__}.{name} is not in docs/themes.md"
