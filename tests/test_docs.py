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


def _tables(markdown: str) -> dict[str, list[list[str]]]:
    """The rows of each `| Field |` or slide-kind table, by the heading above it."""
    found: dict[str, list[list[str]]] = {}
    heading, header = "", ""
    lines = markdown.splitlines()
    for line, after in zip(lines, lines[1:] + [""]):
        cells = [c.strip() for c in line.strip("|").split("|")]
        if line.startswith("#"):
            heading = line.lstrip("#").strip()
        elif after.startswith("|---"):
            header = cells[0]
        elif line.startswith("| `") and header in ("Field", "Kind", "Block kind"):
            found.setdefault(heading, []).append(cells)
    return found


def _keys(cell: str) -> set[str]:
    """The backticked keys of a table cell, leaving out values in parentheses and links."""
    cell = re.sub(r"\([^)]*\)|\[[^\]]*\]", "", cell)
    return set(re.findall(r"`([a-z_]+)`", cell))


def it_documents_only_keys_the_model_has_and_every_key_it_has():
    from deck import model

    text = (ROOT / "docs" / "outline.md").read_text(encoding="utf-8")
    tables = _tables(text)
    kinds = {cls.__struct_config__.tag: cls for cls in model.Slide.__args__}
    for heading, cls in (("Deck fields", model.Deck), ("Sections", model.Section),
                         ("Charts", model.ChartSlide)):
        documented = {r[0].strip("`") for r in tables[heading]}
        assert documented <= set(cls.__struct_fields__), (heading, documented -
                                                          set(cls.__struct_fields__))
    for row in tables["Slide kinds"]:
        kind = row[0].strip("`")
        assert kind in kinds, kind
        keys = _keys(row[1]) | _keys(row[2])
        assert keys <= set(kinds[kind].__struct_fields__), (kind, keys)
    assert {r[0].strip("`") for r in tables["Slide kinds"]} == set(kinds)
    blocks = {cls.__struct_config__.tag: cls for cls in model.Block.__args__}
    for row in tables["Two-column blocks"]:
        assert _keys(row[1]) <= set(blocks[row[0].strip("`")].__struct_fields__), row
    # the reverse: every key of the outline is named somewhere in the reference
    structs = [model.Deck, model.Section, model.Axis, model.Series, model.Annotation,
               model.BulletItem, *kinds.values(), *blocks.values()]
    named = set(re.findall(r"`([a-z_]+)(?:`|: )", text))  # `key`, or `key: value`
    for group in re.findall(r"`\{([^`}]*)\}`", text):  # `{min, max, title}`
        named |= set(re.findall(r"[a-z_]+", group))
    for struct in structs:
        for name in struct.__struct_fields__:
            assert name in named, f"{struct.__name__}.{name} is not in docs/outline.md"


def it_keeps_internal_names_out_of_the_schemas_hover_text():
    from deck.schema import outline_schema

    def descriptions(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "description":
                    yield value
                else:
                    yield from descriptions(value)
        elif isinstance(node, list):
            for item in node:
                yield from descriptions(item)

    found = list(descriptions(outline_schema()))
    assert len(found) > 50
    for text in found:
        assert not re.search(r"`\w+\.\w+|\w+\[\w+\]|\bresolve\b|\bStruct\b", text), text
