"""Independent checks that a .pptx is valid: the Office Open XML schemas (openxml-audit), and
what the schemas cannot see but PowerPoint minds (it asks to "repair" the file otherwise)."""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path

from lxml import etree

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
# Data-label positions each plot allows; anything else makes PowerPoint repair the file.
ALLOWED_LABEL_POSITIONS = {
    ("barChart", "clustered"): {"ctr", "inEnd", "inBase", "outEnd"},
    ("barChart", "stacked"): {"ctr", "inEnd", "inBase"},
    ("barChart", "percentStacked"): {"ctr", "inEnd", "inBase"},
    ("lineChart", None): {"t", "b", "l", "r", "ctr"},
    ("scatterChart", None): {"t", "b", "l", "r", "ctr"},
    ("pieChart", None): {"bestFit", "ctr", "inEnd", "outEnd"},
    ("areaChart", None): set(),
    ("doughnutChart", None): set(),
}


def audit(path: Path) -> list[str]:
    """Every problem found in the deck at `path`; an empty list means valid."""
    from openxml_audit import validate_pptx

    problems = [str(e) for e in validate_pptx(str(path)).errors]
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        problems += _content_types(z, names)
        for name in names:
            if name.startswith("ppt/charts/chart") and name.endswith(".xml"):
                problems += [f"{name}: {p}" for p in _chart(etree.fromstring(z.read(name)))]
            if name.startswith("ppt/slides/slide") and name.endswith(".xml"):
                problems += [f"{name}: {p}" for p in _shape_ids(etree.fromstring(z.read(name)))]
    return problems


def _content_types(z: zipfile.ZipFile, names: list[str]) -> list[str]:
    types = etree.fromstring(z.read("[Content_Types].xml"))
    defaults = {d.get("Extension").lower() for d in types.iter(f"{CT}Default")}
    overrides = {o.get("PartName") for o in types.iter(f"{CT}Override")}
    missing = [n for n in names if n != "[Content_Types].xml" and "/" + n not in overrides
               and posixpath.basename(n).rsplit(".", 1)[-1].lower() not in defaults]
    return [f"{n}: no content type" for n in missing]


def _chart(space) -> list[str]:
    problems = []
    plot_area = space.find(f"{C}chart/{C}plotArea")
    for plot in plot_area:
        kind = etree.QName(plot).localname
        if not kind.endswith("Chart"):
            continue
        grouping = plot.find(f"{C}grouping")
        group = grouping.get("val") if grouping is not None and kind == "barChart" else None
        allowed = ALLOWED_LABEL_POSITIONS.get((kind, group))
        for pos in plot.iter(f"{C}dLblPos"):
            if allowed is not None and pos.get("val") not in allowed:
                problems.append(f"{kind}/{group}: data-label position {pos.get('val')} not allowed")
        for tag in ("val", "yVal", "xVal"):
            for ref in plot.iter(f"{C}{tag}"):
                if ref.find(f"{C}numRef") is None and ref.find(f"{C}numLit") is None:
                    problems.append(f"{kind}: {tag} without a numeric cache")
    return problems


def _shape_ids(slide) -> list[str]:
    ids = [el.get("id") for el in slide.iter("{*}cNvPr")]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    return [f"shape id {i} used twice" for i in duplicates]
