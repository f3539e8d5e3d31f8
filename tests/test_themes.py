"""Themes: built-in ones load and lay out the article; theme files are checked like outlines."""

from pathlib import Path

import pytest
from conftest import needs_libreoffice
from pdfcheck import deck_problems

import deck
from deck.errors import InputError
from deck.themes import builtin_names, contrast, load_theme, theme_file

ROOT = Path(__file__).resolve().parent.parent
BUILTIN = ["default", "editorial", "stage"]


def it_ships_three_designed_themes():
    assert builtin_names() == BUILTIN


@pytest.mark.parametrize("name", BUILTIN)
def it_loads_every_built_in_theme_and_passes_its_contrast_checks(name):
    theme = load_theme(theme_file(name, ROOT))
    assert theme.name == name
    for face in (theme.fonts.body, theme.fonts.face("heading")):
        assert Path(face.regular).is_file() and Path(face.file(True, False)).is_file()


@pytest.mark.parametrize("a, b, ratio", [("000000", "FFFFFF", 21.0), ("FFFFFF", "FFFFFF", 1.0),
                                         ("767676", "FFFFFF", 4.54)])
def it_computes_wcag_contrast(a, b, ratio):
    assert contrast(a, b) == pytest.approx(ratio, abs=0.01)


def theme_errors(tmp_path, text: str) -> list[str]:
    folder = tmp_path / "brand"
    folder.mkdir(exist_ok=True)
    (folder / "theme.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_theme(folder / "theme.yaml", "theme.yaml")
    return [str(d) for d in info.value.diagnostics]


@pytest.mark.parametrize("text, expected", [
    ("palette:\n  acent: 'C2410C'\n",
     "theme.yaml:2:3: error: unknown key `acent`; did you mean `accent`?"),
    ("palette:\n  accent: red\n",
     "theme.yaml:2:11: error: `red` is not a colour; write six hex digits like `1F2937`"),
    ("palette:\n  muted: 'C8CBD0'\n",
     "theme.yaml:2:10: error: palette.muted `C8CBD0` on palette.background `FAFAF8` has a "
     "contrast of 1.56:1; captions and footers need at least 4.5:1 (WCAG AA)"),
    ("palette:\n  chart_muted: 'D9480F'\n",
     "theme.yaml:2:16: error: palette.accent `C2410C` on palette.chart_muted `D9480F` has a "
     "contrast of 1.20:1"),
    ("fonts:\n  body: {name: Brand Sans, regular: missing.ttf}\n",
     "theme.yaml:2:37: error: font file `missing.ttf` not found in the theme's folder or the "
     "shipped fonts"),
    ("sizes:\n  body: {size: big, min_size: 18}\n",
     "theme.yaml:2:16: error: expected a number, got `big`"),
    ("sizes:\n  title: {size: 36, min_size: 28, font: display}\n",
     "theme.yaml:2:41: error: `display` is not one of body, heading"),
])
def it_reports_theme_problems_at_their_line_and_column(tmp_path, text, expected):
    errors = theme_errors(tmp_path, text)
    assert any(e.startswith(expected) for e in errors), errors


def it_uses_a_theme_given_by_path_or_flag_and_the_flag_wins(tmp_path, outline):
    brand = tmp_path / "brand"
    brand.mkdir()
    (brand / "theme.yaml").write_text("name: brand\npalette:\n  accent: '1F4E79'\n")
    src = outline("title: T\ntheme: ./brand\nsections:\n  - title: S\n    slides:\n"
                  "      - kind: bullets\n        bullets: [a]\n")
    from deck.pipeline import _plan

    assert _plan(src, None)[2].theme.palette.accent == "1F4E79"
    assert _plan(src, "stage")[2].theme.name == "stage"
    src.write_text(src.read_text().replace("theme: ./brand", "theme: brand/theme.yaml"))
    assert _plan(src, None)[2].theme.name == "brand"


def it_refuses_an_unknown_theme_at_the_theme_key(outline):
    src = outline("title: T\ntheme: sparkly\nsections:\n  - title: S\n    slides:\n"
                  "      - kind: bullets\n        bullets: [a]\n")
    with pytest.raises(InputError) as info:
        deck.check(src)
    assert str(info.value.diagnostics[0]).endswith(
        "outline.yaml:2:8: error: unknown theme `sparkly` (built-in: default, editorial, stage)")
    with pytest.raises(InputError) as info:
        deck.check(src, theme="nope")
    assert str(info.value.diagnostics[0]) == \
        "--theme: error: unknown theme `nope` (built-in: default, editorial, stage)"


def it_keeps_an_outline_theme_path_inside_the_outline_folder(tmp_path, outline):
    (tmp_path.parent / "elsewhere").mkdir(exist_ok=True)
    (tmp_path.parent / "elsewhere" / "theme.yaml").write_text("name: elsewhere\n")
    src = outline("title: T\ntheme: ../elsewhere\nsections:\n  - title: S\n    slides:\n"
                  "      - kind: bullets\n        bullets: [a]\n")
    with pytest.raises(InputError) as info:
        deck.check(src)
    assert "is outside the outline's folder" in str(info.value)


def it_measures_bold_titles_with_bold_metrics():
    from deck.layout.text import text_height
    from deck.markup import parse
    from deck.plan import Para
    from deck.theme import CALIBRI, TextStyle

    words = "Alibaba Cements Leadership in China's Open-Source AI Downloads Billion " * 3
    paras = (Para(parse(words)),)
    regular, bold = TextStyle(36, 28), TextStyle(36, 28, bold=True)
    widths = [text_height(paras, 400, 36, s, face=CALIBRI) for s in (regular, bold)]
    assert widths[1] > widths[0]


@pytest.mark.parametrize("name", ["stage", "editorial"])
def it_lays_out_the_article_in_each_theme_with_every_line_inside_its_box(name, tmp_path):
    needs_libreoffice()
    report = deck.build(ROOT / "outline.yaml", output=tmp_path / f"{name}.pptx", theme=name)
    assert deck_problems(report.output, tmp_path, f"{name} slide") == []


@pytest.mark.parametrize("name", BUILTIN)
def it_writes_the_theme_palette_and_fonts_into_the_deck_theme(name, tmp_path, outline):
    from pptx import Presentation

    from deck.render import oxml

    src = outline("title: T\nsections:\n  - title: S\n    slides:\n"
                  "      - kind: bullets\n        bullets: [a]\n")
    report = deck.build(src, output=tmp_path / "t.pptx", theme=name)
    theme = load_theme(theme_file(name, ROOT))
    colors, heading, body = oxml.read_theme(Presentation(str(report.output)))
    p = theme.palette
    assert (colors["dk1"], colors["lt1"], colors["hlink"]) == (p.text, p.background, p.accent)
    assert colors["accent1"] == p.series[0]
    assert (heading, body) == (theme.fonts.face("heading").name, theme.fonts.body.name)


def it_draws_links_in_the_theme_accent_on_a_dark_theme(tmp_path, outline):
    needs_libreoffice()
    import pymupdf

    from deck.office import to_pdf

    src = outline("title: T\nsections:\n  - title: S\n    divider: false\n    slides:\n"
                  "      - kind: bullets\n        bullets: ['[Linked words](https://example.com)']\n")
    report = deck.build(src, output=tmp_path / "t.pptx", theme="stage")
    accent = int(load_theme(theme_file("stage", ROOT)).palette.accent, 16)
    with pymupdf.open(to_pdf(report.output, tmp_path)) as doc:
        spans = [s for page in doc for b in page.get_text("dict")["blocks"]
                 for line in b.get("lines", []) for s in line["spans"] if "Linked" in s["text"]]
    assert spans and {s["color"] for s in spans} == {accent}
