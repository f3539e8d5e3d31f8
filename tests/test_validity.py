"""Every outline in the repository becomes a deck that independent readers accept: the OOXML
schemas, PowerPoint's unwritten rules (tests/validity.py) and LibreOffice (one page per slide)."""

from pathlib import Path

import pytest
from conftest import needs_libreoffice
from PIL import Image
from validity import audit

import deck

ROOT = Path(__file__).resolve().parent.parent
OUTLINES = [ROOT / "outline.yaml", *sorted((ROOT / "tests" / "data").glob("*.yaml")),
            *sorted((ROOT / "examples").glob("*.yaml"))]


@pytest.fixture(scope="module", params=OUTLINES, ids=[p.stem for p in OUTLINES])
def built(request, tmp_path_factory):
    out = tmp_path_factory.mktemp(request.param.stem) / "deck.pptx"
    report = deck.build(request.param, output=out)
    return report


def it_passes_the_office_open_xml_schemas_and_powerpoints_rules(built):
    assert audit(built.output) == []


def it_converts_with_libreoffice_to_one_page_per_slide(built, tmp_path):
    needs_libreoffice()
    import pymupdf

    from deck.office import to_pdf

    with pymupdf.open(to_pdf(built.output, tmp_path)) as doc:
        assert doc.page_count == built.slides


def it_catches_what_python_pptx_gets_wrong_by_default(tmp_path):
    """The audit itself: python-pptx's negative axis ids and a stacked chart with outside-end
    labels (which PowerPoint repairs) must both be reported."""
    from pptx import Presentation
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
    from pptx.util import Pt

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    data = CategoryChartData()
    data.categories = ["a", "b"]
    data.add_series("s", [1, 2])
    chart = slide.shapes.add_chart(XL_CHART_TYPE.BAR_STACKED, 0, 0, Pt(300), Pt(200), data).chart
    chart.plots[0].has_data_labels = True
    chart.plots[0].data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
    prs.save(tmp_path / "handmade-bad.pptx")
    problems = audit(tmp_path / "handmade-bad.pptx")
    assert any("less than minimum 0" in p for p in problems)
    assert any("data-label position outEnd not allowed" in p for p in problems)


def it_accepts_the_documented_example_with_an_image(tmp_path):
    import re

    text = (ROOT / "docs" / "outline.md").read_text(encoding="utf-8")
    (tmp_path / "example.yaml").write_text(re.findall(r"```yaml\n(.*?)```", text, re.S)[0])
    Image.new("RGB", (1600, 900), (40, 90, 140)).save(tmp_path / "skyline.png")
    report = deck.build(tmp_path / "example.yaml", output=tmp_path / "example.pptx")
    assert audit(report.output) == []
