"""The `contrast` rule for a chart's value labels drawn on its own fills (inside bars and
columns, on slices): the colour chart_labels.py picks for each fill, the one the native
renderer draws, must still reach 4.5:1 on it (3:1 for large text). a11y_checks.text_contrast
calls it for every chart; the chart's axis and category text is checked there."""

from __future__ import annotations

from . import model
from .a11y import Audit, Finding
from .chart_labels import inks, label_colour, labelled_fills
from .charttypes import CHART_KINDS
from .layout.fitting import contrast
from .plan import ChartShape, SlidePlan
from .source import SourceMap

LABELS_BOLD = True  # render/oxml writes value labels bold (set_series_labels, label_points)


def label_contrast(deck: model.Deck, palette, shape: ChartShape, slide: SlidePlan,
                   smap: SourceMap, audit: Audit, k: int) -> None:
    """Each fill a value label is drawn on, against the label colour chosen for it: a located
    warning (at the series' `color:` when the outline chose that fill, else at the chart)
    for each that reads too faintly whichever text colour is used."""
    spec = shape.spec
    kind = CHART_KINDS[spec.type]
    fills = labelled_fills(spec, kind, palette, spec.labels)
    if not fills:
        return
    size = shape.label_size
    need = 3.0 if size >= 18 or (size >= 14 and LABELS_BOLD) else 4.5
    at = chart_path(deck, slide, shape)
    dark, light = inks(palette)
    warned = False
    for s, what, fill in fills:
        colour = label_colour(fill, palette)
        ratio = contrast(colour, tuple(bytes.fromhex(fill)))
        if ratio + 1e-9 >= need:
            continue
        own = spec.series[s].color if not spec.highlight and kind.family != "pie" else None
        place = f"series `{spec.series[s].name}`'s {what}" if len(spec.series) > 1 else \
            f"the {what}"
        if own:
            fix = f"give series `{spec.series[s].name}` a darker or lighter `color`"
        elif kind.family == "pie" or spec.highlight:
            fix = "choose a theme or template whose chart colours read with its text"
        else:
            fix = "give the series a darker or lighter `color`, or choose another theme"
        if "outside_end" in kind.label_positions:
            fix += ", or put the labels outside (`label_position: outside_end`)"
        message = (f"the value labels on {place} (fill {fill}) have contrast {ratio:.1f}:1 in "
                   f"{colour}, the better of the theme's dark and light text ({dark}, {light}); "
                   f"at least {need:g}:1 is needed: {fix}")
        path = at + ("series", s, "color") if own else at
        audit.findings.append(Finding("contrast", k, "warning", message))
        audit.diagnostics.append(smap.diagnostic(path, f"accessibility: {message}",
                                                 severity="warning"))
        warned = True
    if not warned:
        audit.findings.append(Finding("contrast", k, "ok", "value labels on their fills"))


def chart_path(deck: model.Deck, slide: SlidePlan, shape: ChartShape) -> tuple:
    """The outline path of the chart `shape` draws: the slide itself, or the column or grid
    cell that holds it (by identity, else as the slide's nth chart)."""
    src = slide.source
    if len(src) < 4 or src[0] != "sections" or src[2] != "slides":
        return src
    block = deck.sections[src[1]].slides[src[3]]
    if isinstance(block, model.TwoColumnSlide):
        cells = [(("left",), block.left), (("right",), block.right)]
    elif isinstance(block, model.GridSlide):
        cells = [(("blocks", n), b) for n, b in enumerate(block.blocks)]
    else:
        return src
    charts = [(where, b) for where, b in cells if isinstance(b, model.ChartSpec)]
    found = next((where for where, b in charts if b is shape.spec or b == shape.spec), None)
    if found is None:
        nth = [s for s in slide.shapes if isinstance(s, ChartShape)].index(shape)
        found = charts[nth][0] if nth < len(charts) else ()
    return src + found
