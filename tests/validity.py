"""Independent checks that a .pptx is valid: the Office Open XML schemas (openxml-audit), and
what the schemas cannot see but PowerPoint minds (it asks to "repair" the file otherwise),
Keynote and Google Slides mind (they refuse it), and the deck's language on every run
(docs/compatibility.md names the source of each rule)."""

from __future__ import annotations

import posixpath
import re
import unicodedata
import zipfile
from collections import Counter
from pathlib import Path

from lxml import etree

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"
EP = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
VT = "{http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes}"
DC = "{http://purl.org/dc/elements/1.1/}"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
# Han, kana, Hangul (and their punctuation and full-width forms): text an East-Asian face draws
CJK = re.compile("[\u1100-\u11ff\u2e80-\u30ff\u3130-\u318f\u31f0-\u9fff\uac00-\ud7af"
                 "\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff]")
# ST_SlideSizeType values and the sizes they name, in EMU
SIZE_TYPES = {"screen4x3": (9144000, 6858000), "screen16x9": (9144000, 5143500),
              "screen16x10": (9144000, 5715000)}
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
        # a member twice: readers disagree on which counts, and some refuse the file
        problems += [f"{n}: in the zip {k} times"
                     for n, k in sorted(Counter(names).items()) if k > 1]
        problems += _content_types(z, names)
        problems += package_problems(z)
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
    # PptxGenJS #1444: an override for a part the zip lacks makes PowerPoint repair the file
    phantom = sorted(o for o in overrides if o[1:] not in names)
    return ([f"{n}: no content type" for n in missing]
            + [f"[Content_Types].xml: override for {o}, which is not in the package"
               for o in phantom])


def _rels(z: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str, bool]]:
    """A part's relationships (part "" for the package's): rId → (type, target member, is
    external)."""
    folder, name = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", name + ".rels") if part else "_rels/.rels"
    if rels_name not in z.namelist():
        return {}
    out = {}
    for rel in etree.fromstring(z.read(rels_name)).iter(f"{PR}Relationship"):
        target, external = rel.get("Target"), rel.get("TargetMode") == "External"
        if not external:
            target = (posixpath.normpath(target.lstrip("/")) if target.startswith("/") else
                      posixpath.normpath(posixpath.join(folder, target)))
        out[rel.get("Id")] = (rel.get("Type"), target, external)
    return out


def package_problems(z: zipfile.ZipFile) -> list[str]:
    """The package rules of docs/compatibility.md: relationships, reachability, the notes
    master's id, the slide size's type, the parts Keynote needs, app.xml; and, in a deck
    written by deck, no template leftovers and the deck's language everywhere."""
    names = set(z.namelist())
    problems, reached, todo = [], {""}, [""]
    rels: dict[str, dict] = {}
    while todo:  # every part reachable from the package's relationships, every target there
        part = todo.pop()
        rels[part] = _rels(z, part)
        for rid, (_kind, target, external) in rels[part].items():
            if external:
                continue
            if target not in names:
                problems.append(f"{part or '_rels/.rels'}: {rid} targets {target}, not in the "
                                "package")
            elif target not in reached:
                reached.add(target)
                todo.append(target)
        if part.endswith(".xml") and part in names:  # every r:id the XML uses is a relationship
            used = {v for el in etree.fromstring(z.read(part)).iter()
                    for k, v in el.attrib.items() if k.startswith(R) and v}
            problems += [f"{part}: r:id {rid} names no relationship"
                         for rid in sorted(used - set(rels[part]))]
    stray = sorted(n for n in names - reached if not n.endswith(".rels")
                   and n != "[Content_Types].xml")
    problems += [f"{n}: not reachable through any relationship" for n in stray]
    main = next((t for k, t, _ in rels[""].values() if k.endswith("/officeDocument")), None)
    if main is None or main not in names:
        return problems + ["no presentation part"]
    pres = etree.fromstring(z.read(main))
    by_type = {k.rsplit("/", 1)[-1]: (rid, t) for rid, (k, t, _) in rels[main].items()}
    # officegen #18 / PR #51: Keynote needs these four beside the masters
    for needed in ("presProps", "viewProps", "theme", "tableStyles"):
        if needed not in by_type:
            problems.append(f"presentation.xml: no {needed} relationship (Keynote needs it)")
    slides = [t for k, t, _ in rels[main].values() if k.endswith("/slide")]
    notes = [s for s in slides if any(k.endswith("/notesSlide") for k, _, _ in
                                      rels.get(s, {}).values())]
    charts = sorted(n for n in reached if n.startswith("ppt/charts/chart"))
    for chart in charts:  # PHPPresentation #308: Keynote draws only charts with a workbook
        if not any(k.endswith("/package") for k, _, _ in rels[chart].values()):
            problems.append(f"{chart}: no embedded workbook (Keynote drops the chart)")
        if b"multiLvlStrRef" in z.read(chart):  # PptxGenJS #1273: Google Slides shows numbers
            problems.append(f"{chart}: multi-level category references")
    app_name = next((t for k, t, _ in rels[""].values()
                     if k.endswith("/extended-properties")), None)
    if app_name is None:
        return problems + ["docProps/app.xml: missing"]
    app = etree.fromstring(z.read(app_name))
    if app.findtext(f"{EP}Application") != "deck":
        return problems  # a template fixture made with python-pptx: its defaults are not ours
    problems += _app(app, len(slides), len(notes))
    # python-pptx #1051 / PR #1128: Keynote refuses notes without the master's id in the list
    ids = pres.findall(f"{P}notesMasterIdLst/{P}notesMasterId")
    if "notesMaster" in by_type and [i.get(f"{R}id") for i in ids] != [by_type["notesMaster"][0]]:
        problems.append("presentation.xml: the notes master is not in p:notesMasterIdLst")
    # anthropics/skills #1167: a slide-size type that contradicts the size (Keynote)
    size = pres.find(f"{P}sldSz")
    kind = size.get("type")
    if kind is not None and SIZE_TYPES.get(kind) != (int(size.get("cx")), int(size.get("cy"))):
        problems.append(f"presentation.xml: p:sldSz says type={kind} on a "
                        f"{size.get('cx')} x {size.get('cy')} EMU slide")
    leftovers = [t for k, t, _ in [*rels[""].values(), *rels[main].values()]
                 if k.rsplit("/", 1)[-1] in ("thumbnail", "printerSettings")]
    problems += [f"{t}: left over from python-pptx's template" for t in leftovers]
    core = next((t for k, t, _ in rels[""].values() if k.endswith("/core-properties")), None)
    lang = etree.fromstring(z.read(core)).findtext(f"{DC}language") if core else None
    if not lang:
        return problems + ["docProps/core.xml: no language"]
    masters = [t for k, t, _ in rels[main].values() if k.endswith("/slideMaster")]
    styled = [(main, pres.find(f"{P}defaultTextStyle"))]
    styled += [(m, etree.fromstring(z.read(m)).find(f"{P}txStyles")) for m in masters]
    if "notesMaster" in by_type:
        name = by_type["notesMaster"][1]
        styled.append((name, etree.fromstring(z.read(name)).find(f"{P}notesStyle")))
    for name, style in styled:
        problems += [f"{name}: text styles: {p}" for p in _styles(style, lang)]
    for name in sorted(slides + [t for s in notes for k, t, _ in rels[s].values()
                                 if k.endswith("/notesSlide")]):
        problems += [f"{name}: {p}" for p in text_language(etree.fromstring(z.read(name)), lang)]
    for chart in charts:
        problems += [f"{chart}: {p}" for p in chart_language(etree.fromstring(z.read(chart)),
                                                             lang)]
    return problems


def _app(app, slides: int, notes: int) -> list[str]:
    """pptx-viewer #91: app.xml's counts, and its HeadingPairs and TitlesOfParts, agree with
    the deck and with each other."""
    problems = []
    for tag, want in (("Slides", slides), ("Notes", notes)):
        if app.findtext(f"{EP}{tag}") not in (None, str(want)):
            problems.append(f"docProps/app.xml: {tag} {app.findtext(f'{EP}{tag}')}, the deck "
                            f"has {want}")
    pairs = app.find(f"{EP}HeadingPairs/{VT}vector")
    parts = app.find(f"{EP}TitlesOfParts/{VT}vector")
    if (pairs is None) != (parts is None):
        return problems + ["docProps/app.xml: HeadingPairs without TitlesOfParts, or back"]
    if pairs is None:
        return problems
    variants = [v[0] for v in pairs]
    counts = {variants[k].text: int(variants[k + 1].text) for k in range(0, len(variants), 2)}
    if int(pairs.get("size")) != len(pairs) or int(parts.get("size")) != len(parts):
        problems.append("docProps/app.xml: a vector's size is not its length")
    if sum(counts.values()) != len(parts):
        problems.append(f"docProps/app.xml: HeadingPairs count {sum(counts.values())} parts, "
                        f"TitlesOfParts lists {len(parts)}")
    if counts.get("Slide Titles") != slides:
        problems.append(f"docProps/app.xml: {counts.get('Slide Titles')} slide titles for "
                        f"{slides} slides")
    return problems


def _cjk_lang(lang: str | None) -> bool:
    return (lang or "").split("-")[0].lower() in ("zh", "ja", "ko")


def _ea(rpr) -> str:
    """The explicit East-Asian typeface of a run property element ("" if none or a theme
    reference such as +mn-ea)."""
    ea = rpr.find(f"{A}ea") if rpr is not None else None
    face = ea.get("typeface", "") if ea is not None else ""
    return "" if face.startswith("+") else face


def _styles(style, lang: str) -> list[str]:
    """Issue 12: the text styles text falls back to are in the deck's language, and in a
    CJK deck name an East-Asian face."""
    if style is None:
        return []
    problems = []
    for rpr in style.iter(f"{A}defRPr"):
        if rpr.get("lang") != lang:
            problems.append(f"a:defRPr lang={rpr.get('lang')}, the deck is {lang}")
        elif _cjk_lang(lang) and not _ea(rpr):
            problems.append("a:defRPr without an East-Asian face in a CJK deck")
    return problems[:3]


def text_language(root, lang: str) -> list[str]:
    """Issue 12 (and ppt-master #192, presenton #747): every run, line break and field of a
    slide or notes page carries the deck's language (a stretch of East-Asian text may carry
    its own CJK language); every run with CJK characters names an East-Asian face; a
    paragraph's end mark is in its last run's language."""
    problems = []
    for p in root.iter(f"{A}p"):
        last = None
        for el in p:
            if el.tag not in (f"{A}r", f"{A}br", f"{A}fld"):
                continue
            rpr, text = el.find(f"{A}rPr"), el.findtext(f"{A}t") or ""
            run_lang = rpr.get("lang") if rpr is not None else None
            wide = any(unicodedata.east_asian_width(ch) in "WF" for ch in text)
            if run_lang != lang and not (wide and _cjk_lang(run_lang)):
                problems.append(f"{el.tag[len(A):]} {text[:20]!r} lang={run_lang}, the deck "
                                f"is {lang}")
            if CJK.search(text) and not _ea(rpr):
                problems.append(f"run {text[:20]!r} has CJK text and no East-Asian face")
            if el.tag != f"{A}br":
                last = run_lang
        end = p.find(f"{A}endParaRPr")
        if end is not None and end.get("lang") != (last or lang):
            problems.append(f"a:endParaRPr lang={end.get('lang')} after runs in {last or lang}")
    return problems[:5]


def chart_language(space, lang: str) -> list[str]:
    """Issue 12: a chart's text properties (titles, axes, labels, legend) in the deck's
    language, naming an East-Asian face when the chart has CJK text."""
    text = "".join(space.itertext())
    problems = []
    for rpr in space.iter(f"{A}defRPr", f"{A}rPr", f"{A}endParaRPr"):
        if rpr.get("lang") != lang:
            problems.append(f"a:{rpr.tag[len(A):]} lang={rpr.get('lang')}, the deck is {lang}")
        elif rpr.tag != f"{A}endParaRPr" and CJK.search(text) and not _ea(rpr):
            problems.append(f"a:{rpr.tag[len(A):]} without an East-Asian face, in a chart with "
                            "CJK text")
    return problems[:3]


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
