"""Reading a deck's XML back: paragraphs with their runs, sections, chart details, theme colours.

The writer's counterpart for `deck/reader.py`: everything here looks at raw XML, so the reader
sees only plain data (tuples of text and style). Nothing here raises on a foreign deck's
surprises: what is missing reads as None or empty.
"""

from __future__ import annotations

from msgspec import Struct
from pptx.oxml.ns import qn

from ...markup import Run
from .package import P14

C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
MONO = ("Courier New", "Courier", "Consolas", "Menlo", "Monaco", "Liberation Mono",
        "DejaVu Sans Mono", "Cousine")
LABEL_POS = {"outEnd": "outside_end", "inEnd": "inside_end", "ctr": "center",
             "inBase": "inside_base", "t": "above", "b": "below", "l": "left", "r": "right"}


class ParaData(Struct, frozen=True):
    """One paragraph: its runs (a line break is a run "\\n"), bullet ("char", "number" or
    None), the bullet character, the level (from `lvl`, else our bullet characters)."""

    runs: tuple[Run, ...]
    bullet: str | None = None
    char: str = ""
    level: int = 0
    align: str | None = None


def _attr_on(rpr, name: str) -> bool | None:
    if rpr is None or rpr.get(name) is None:
        return None
    return rpr.get(name) in ("1", "true")


def paragraphs(txbody, part, levels: tuple[str, ...] = ("•", "–", "▪")) -> list[ParaData]:
    """The paragraphs of a `p:txBody`/`a:txBody` element. `part` resolves hyperlinks;
    `levels`: bullet characters by level (our own decks write no `lvl`)."""
    out = []
    if txbody is None:
        return out
    for p in txbody.iter(qn("a:p")):
        ppr = p.find(qn("a:pPr"))
        runs: list[Run] = []
        for child in p:
            if child.tag == qn("a:br"):
                runs.append(Run("\n"))
            elif child.tag in (qn("a:r"), qn("a:fld")):
                t = child.find(qn("a:t"))
                rpr = child.find(qn("a:rPr"))
                latin = rpr.find(qn("a:latin")) if rpr is not None else None
                link = None
                click = rpr.find(qn("a:hlinkClick")) if rpr is not None else None
                if click is not None and click.get(R_ID):
                    rel = part.rels.get(click.get(R_ID)) if part is not None else None
                    link = rel.target_ref if rel is not None and rel.is_external else None
                runs.append(Run(t.text or "" if t is not None else "",
                                    bool(_attr_on(rpr, "b")), bool(_attr_on(rpr, "i")),
                                    latin is not None and latin.get("typeface") in MONO, link))
        bullet, char, level = None, "", 0
        align = None
        if ppr is not None:
            align = {"l": "left", "ctr": "center", "r": "right"}.get(ppr.get("algn"))
            if ppr.find(qn("a:buAutoNum")) is not None:
                bullet = "number"
            elif (bu := ppr.find(qn("a:buChar"))) is not None:
                bullet, char = "char", bu.get("char", "")
            if ppr.get("lvl") is not None:
                level = int(ppr.get("lvl"))
            elif char in levels:
                level = levels.index(char)
        out.append(ParaData(tuple(runs), bullet, char, level, align))
    return out


def sections(prs) -> list[tuple[str, list[int]]]:
    """PowerPoint's sections as [(name, [slide index, ...])]; [] when the deck has none. Slides
    are in the deck's order; a slide in no section (python-pptx adds slides without one) joins
    the section of the slide before it."""
    index = {int(sid.get("id")): k for k, sid in
             enumerate(prs.part._element.iter(qn("p:sldId")))}
    out = []
    for sec in prs.part._element.iter(f"{{{P14}}}section"):
        ids = [int(s.get("id")) for s in sec.iter(f"{{{P14}}}sldId")]
        out.append((sec.get("name") or "", [index[i] for i in ids if i in index]))
    if not out:
        return out
    owner = {k: n for n, (_, slides) in enumerate(out) for k in slides}
    current = 0
    for k in range(len(index)):
        if k not in owner:
            out[current][1].append(k)
        current = owner.get(k, current)
    for _, slides in out:
        slides.sort()
    return out


def point_label_texts(chart, series_name: str) -> list[str]:
    """The texts of the custom data labels (`c:dLbl/c:tx/c:rich`) of the series named
    `series_name`, by point index."""
    for ser in chart._chartSpace.iter(f"{{{C}}}ser"):
        tx = ser.find(f"{{{C}}}tx")
        if tx is None or "".join(v.text or "" for v in tx.iter(f"{{{C}}}v")) != series_name:
            continue
        found = {}
        for lbl in ser.iter(f"{{{C}}}dLbl"):
            idx = lbl.find(f"{{{C}}}idx")
            if idx is not None:
                found[int(idx.get("val"))] = "".join(t.text or "" for t in lbl.iter(f"{{{A}}}t"))
        return [found[k] for k in sorted(found)]
    return []


def theme_color(prs, name: str) -> str | None:
    """A colour of the first master's theme (`hlink`, `accent1`, …) as RRGGBB, or None."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        theme = prs.slide_master.part.part_related_by(RT.THEME)
    except KeyError:
        return None
    from lxml import etree

    root = etree.fromstring(theme.blob)
    found = root.find(f".//{{{A}}}clrScheme/{{{A}}}{name}/{{{A}}}srgbClr")
    return found.get("val").upper() if found is not None else None  # as we write it: C2410C


def descr(shape) -> str | None:
    """A shape's alt text (`descr` of its non-visual properties), or None."""
    el = shape._element.find(".//" + qn("p:cNvPr"))
    return el.get("descr") if el is not None else None


def slide_id(slide) -> int:
    return slide.slide_id


def is_placeholder(shape) -> bool:
    return shape.is_placeholder


def cell_bodies(table) -> list[list]:
    """The `a:txBody` of every cell, row by row."""
    return [[tc.find(qn("a:txBody")) for tc in tr.iter(qn("a:tc"))]
            for tr in table._tbl.iter(qn("a:tr"))]


# --- charts ----------------------------------------------------------------------------------

class TrendlineData(Struct):
    """A series' `c:trendline`: its type as the XML names it (linear, poly, exp, movingAvg, log,
    power), order and period when given, and whether the equation and R² are shown."""

    type: str
    order: int | None = None
    period: int | None = None
    equation: bool = False
    r_squared: bool = False


class SeriesData(Struct):
    name: str
    values: list[float]
    x: list[float] | None = None
    number_format: str | None = None
    point_fills: dict[int, str] = {}  # point index → RRGGBB of its fill or marker
    labels: bool = False
    label_position: str | None = None
    marker: bool = False
    symbol: str | None = None  # the series' own `c:marker/c:symbol`, when it has one
    # RRGGBB (or a theme colour's name: accent1, …) of the series' fill, marker or line
    colour: str | None = None
    trendlines: list[TrendlineData] = []


class AxisData(Struct):
    min: float | None = None
    max: float | None = None
    title: str | None = None
    number_format: str | None = None
    gridlines: bool = False
    position: str = ""
    major_unit: float | None = None


class ChartData(Struct):
    plots: list[str]  # the plot elements' local names: barChart, lineChart, …
    bar_dir: str | None
    grouping: str | None
    categories: list[str]
    series: list[SeriesData]
    axes: list[AxisData]  # value axes in document order
    legend: str | None  # b, r, t, l; None: no legend
    category_title: str | None = None  # the category axis's title


def _numbers(el) -> list[float]:
    if el is None:
        return []
    points = sorted(((int(pt.get("idx", 0)), pt.findtext(f"{{{C}}}v")) for pt in
                     el.iter(f"{{{C}}}pt")), key=lambda x: x[0])
    out = []
    for _i, v in points:
        try:
            out.append(float(v))
        except (TypeError, ValueError):
            out.append(0.0)
    return out


def _strings(el) -> list[str]:
    if el is None:
        return []
    points = sorted(((int(pt.get("idx", 0)), pt.findtext(f"{{{C}}}v") or "")
                     for pt in el.iter(f"{{{C}}}pt")), key=lambda x: x[0])
    return [v for _i, v in points]


def _fill(el, scheme: bool = False) -> str | None:
    """A solid fill's RRGGBB; with `scheme`, a theme colour's name (accent1, tx1, …) too."""
    if el is None:
        return None
    clr = el.find(f"{{{A}}}solidFill/{{{A}}}srgbClr")
    if clr is None and scheme:
        named = el.find(f"{{{A}}}solidFill/{{{A}}}schemeClr")
        return named.get("val") if named is not None else None
    return clr.get("val").upper() if clr is not None else None  # LibreOffice writes c2410c


def chart_data(chart) -> ChartData:
    """What a native chart holds, as read from its XML."""
    space = chart._chartSpace
    plot_area = space.find(f".//{{{C}}}plotArea")
    plots, series = [], []
    bar_dir = grouping = None
    categories: list[str] = []
    for plot in plot_area:
        local = plot.tag.split("}")[1]
        if not local.endswith("Chart"):
            continue
        plots.append(local)
        if (bd := plot.find(f"{{{C}}}barDir")) is not None:
            bar_dir = bd.get("val")
        if (gr := plot.find(f"{{{C}}}grouping")) is not None and grouping is None:
            grouping = gr.get("val")
        for ser in plot.findall(f"{{{C}}}ser"):
            tx = ser.find(f"{{{C}}}tx")
            name = "".join(v.text or "" for v in tx.iter(f"{{{C}}}v")) if tx is not None else ""
            val = ser.find(f"{{{C}}}val")
            if val is None:
                val = ser.find(f"{{{C}}}yVal")
            xval = ser.find(f"{{{C}}}xVal")
            cat = ser.find(f"{{{C}}}cat")
            if cat is not None and not categories:
                categories = _strings(cat)
            fmt = val.findtext(f".//{{{C}}}formatCode") if val is not None else None
            fills = {}
            for dpt in ser.findall(f"{{{C}}}dPt"):
                idx = int(dpt.find(f"{{{C}}}idx").get("val"))
                colour = (_fill(dpt.find(f"{{{C}}}spPr"))
                          or _fill(dpt.find(f"{{{C}}}marker/{{{C}}}spPr")))
                if colour:
                    fills[idx] = colour
            labels, position = False, None
            dlbls = ser.find(f"{{{C}}}dLbls")
            if dlbls is not None:
                labels = any(dlbls.find(f"{{{C}}}{flag}") is not None
                             and dlbls.find(f"{{{C}}}{flag}").get("val") in ("1", "true")
                             for flag in ("showVal", "showPercent"))
                pos = dlbls.find(f"{{{C}}}dLblPos")
                position = LABEL_POS.get(pos.get("val")) if pos is not None else None
            symbol = ser.find(f"{{{C}}}marker/{{{C}}}symbol")
            marker = symbol is not None and symbol.get("val") != "none"
            sppr = ser.find(f"{{{C}}}spPr")
            colour = next(filter(None, (_fill(el, scheme=True) for el in (
                sppr, ser.find(f"{{{C}}}marker/{{{C}}}spPr"),
                sppr.find(f"{{{A}}}ln") if sppr is not None else None))), None)
            series.append(SeriesData(
                name, _numbers(val), _numbers(xval) if xval is not None else None, fmt, fills,
                labels, position, marker, symbol.get("val") if symbol is not None else None,
                colour, [_trendline(t) for t in ser.findall(f"{{{C}}}trendline")]))
    axes = []
    for ax in plot_area.findall(f"{{{C}}}valAx"):
        scaling = ax.find(f"{{{C}}}scaling")
        lo, hi = scaling.find(f"{{{C}}}min"), scaling.find(f"{{{C}}}max")
        title = ax.find(f"{{{C}}}title")
        fmt = ax.find(f"{{{C}}}numFmt")
        pos = ax.find(f"{{{C}}}axPos")
        unit = ax.find(f"{{{C}}}majorUnit")
        axes.append(AxisData(
            float(lo.get("val")) if lo is not None else None,
            float(hi.get("val")) if hi is not None else None,
            "".join(t.text or "" for t in title.iter(f"{{{A}}}t")) if title is not None
            else None,
            fmt.get("formatCode") if fmt is not None else None,
            ax.find(f"{{{C}}}majorGridlines") is not None,
            pos.get("val") if pos is not None else "",
            float(unit.get("val")) if unit is not None else None))
    cat_title = plot_area.find(f"{{{C}}}catAx/{{{C}}}title")
    legend = space.find(f".//{{{C}}}legend/{{{C}}}legendPos")
    has_legend = space.find(f".//{{{C}}}legend") is not None
    position = (legend.get("val") if legend is not None else None) or "r"  # the schema's default
    return ChartData(plots, bar_dir, grouping, categories, series, axes,
                     position if has_legend else None,
                     "".join(t.text or "" for t in cat_title.iter(f"{{{A}}}t"))
                     if cat_title is not None else None)


def _trendline(el) -> TrendlineData:
    def val(name: str) -> str | None:
        found = el.find(f"{{{C}}}{name}")
        return found.get("val") if found is not None else None

    def whole(name: str) -> int | None:
        text = val(name)
        return int(text) if text is not None and text.isdigit() else None

    return TrendlineData(val("trendlineType") or "linear", whole("order"), whole("period"),
                         val("dispEq") in ("1", "true"), val("dispRSqr") in ("1", "true"))
