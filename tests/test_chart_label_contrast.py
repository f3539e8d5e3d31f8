"""Value labels drawn on a chart's fills (issue 15, contrast): each takes the theme's dark or
light text, whichever reads better on its bar or slice (deck/chart_labels.py), read back from
the built deck; a fill on which neither reaches WCAG's minimum is a warning at the series'
`color:` or at the chart (deck/a11y_charts.py), the same from a kept audit."""

from __future__ import annotations

import pytest
from msgspec.structs import replace
from pptx import Presentation

import deck
from deck import a11y, pipeline
from deck.chart_labels import inks, label_colour
from deck.layout.fitting import contrast
from deck.theme import DARK_PALETTE, LIGHT_PALETTE

HEAD = "title: T\n{theme}sections:\n  - title: S\n    slides:\n"
# a theme whose value labels are 12 pt: not large text, so they need 4.5:1
SMALL_LABELS = "name: small\nsizes:\n  chart_labels: {size: 12, min_size: 12, bold: true}\n"


def column(title: str, colours: list[str], extra: str = "") -> str:
    series = ", ".join(f"{{name: s{k}, values: [3, 5], color: '{c}'}}"
                       for k, c in enumerate(colours))
    return (f"      - kind: chart\n        title: {title}\n        type: column\n"
            f"        label_position: center\n        categories: [a, b]\n"
            f"        series: [{series}]\n{extra}")


def write(tmp_path, slides: str, small: bool = False):
    theme = ""
    if small:
        (tmp_path / "small").mkdir(exist_ok=True)
        (tmp_path / "small" / "theme.yaml").write_text(SMALL_LABELS)
        theme = "theme: ./small\n"
    path = tmp_path / "outline.yaml"
    path.write_text(HEAD.format(theme=theme) + slides, encoding="utf-8")
    return path


def warnings(path) -> list[str]:
    return [f"{d.span.line}:{d.span.col}: {d.message.removeprefix('accessibility: ')}"
            for d in deck.check(path) if "value labels" in d.message]


def charts(path, tmp_path) -> list:
    report = deck.build(path, output=tmp_path / "t.pptx")
    return [shape.chart for slide in Presentation(report.output).slides
            for shape in slide.shapes if shape.has_chart]


def _rgb(font) -> str:
    return str(font.color.rgb)


def _on(colour: str, fill: str) -> float:
    return contrast(colour, tuple(bytes.fromhex(fill)))


# --- the colour chosen -----------------------------------------------------------------------

@pytest.mark.parametrize("fill", ["FFE066", "C5CBD3", "6B8E23", "B7950B", "1F4E79", "C2410C",
                                  "777777", "FBBF24", "4B5563"])
@pytest.mark.parametrize("palette", [LIGHT_PALETTE, DARK_PALETTE], ids=["light", "dark"])
def it_picks_whichever_text_colour_reads_better_on_the_fill(fill, palette):
    dark, light = inks(palette)
    chosen = label_colour(fill, palette)
    assert chosen in (dark, light)
    assert _on(chosen, fill) == max(_on(dark, fill), _on(light, fill))


def it_takes_a_dark_themes_background_as_its_dark_text():
    assert inks(LIGHT_PALETTE) == (LIGHT_PALETTE.text, LIGHT_PALETTE.on_dark)
    assert inks(DARK_PALETTE) == (DARK_PALETTE.background, DARK_PALETTE.on_dark)
    # a template on a mid-tone made the text white: the table headers' dark colour is left
    white = replace(LIGHT_PALETTE, text="FFFFFF")
    assert inks(white) == (LIGHT_PALETTE.dark, LIGHT_PALETTE.on_dark)


def it_chooses_on_a_templates_palette(tmp_path):
    """A black template turns the default theme's palette into the dark one (amber accent):
    the highlighted bar's label is dark on it, the muted bars' light."""
    from templates import make_template

    template = make_template(tmp_path / "black.pptx", master_fill="111111")
    path = write(tmp_path, HIGHLIGHT.format(type="bar", labels="label_position: center"))
    report = deck.build(path, output=tmp_path / "t.pptx", template=str(template))
    chart = next(shape.chart for slide in Presentation(report.output).slides
                 for shape in slide.shapes if shape.has_chart)
    series = chart.plots[0].series[0]
    assert _rgb(series.points[1].data_label.font) == DARK_PALETTE.background
    assert _rgb(series.data_labels.font) == DARK_PALETTE.on_dark
    assert not [d for d in report.diagnostics if "value labels" in d.message]


def it_gives_a_pale_series_dark_labels_and_a_deep_one_light(tmp_path):
    path = write(tmp_path, column("Pale and deep", ["FFE066", "1F4E79"]))
    assert warnings(path) == []
    pale, deep = charts(path, tmp_path)[0].plots[0].series
    assert _rgb(pale.data_labels.font) == LIGHT_PALETTE.text
    assert _rgb(deep.data_labels.font) == LIGHT_PALETTE.on_dark


def it_writes_labels_beside_a_line_in_the_text_colour_not_on_a_fill(tmp_path):
    slides = ("      - kind: chart\n        title: Line\n        type: line\n"
              "        label_position: center\n        categories: [a, b]\n"
              "        series: [{name: s, values: [3, 5], color: FFE066}]\n")
    line = charts(write(tmp_path, slides), tmp_path)[0].plots[0].series[0]
    assert _rgb(line.data_labels.font) == LIGHT_PALETTE.text  # was on_dark: white on the slide


def it_colours_each_slice_of_a_doughnut_for_its_own_fill(tmp_path):
    slides = ("      - kind: chart\n        title: Shares\n        type: doughnut\n"
              "        categories: [a, b, c, d, e, f]\n"
              "        series: [{name: s, values: [3, 5, 4, 2, 2, 2]}]\n")
    series = charts(write(tmp_path, slides), tmp_path)[0].plots[0].series[0]
    shown = [_rgb(series.points[i].data_label.font) if i in (2, 4)
             else _rgb(series.data_labels.font) for i in range(6)]
    assert series._element.xpath("./c:dLbls/c:dLbl/c:idx/@val") == ["2", "4"]  # the others' own
    assert shown == [label_colour(fill, LIGHT_PALETTE) for fill in LIGHT_PALETTE.series]
    assert shown[2] == shown[4] == LIGHT_PALETTE.text  # olive and dark yellow: dark text


HIGHLIGHT = ("      - kind: chart\n        title: Highlighted\n        type: {type}\n"
             "        categories: [a, b, c]\n"
             "        series: [{{name: s, values: [3, 5, 4]}}]\n        highlight: [b]\n"
             "        {labels}\n")
# labels on every bar, at their centre; labels off: a doughnut labels its highlighted slice
# itself, on the ring (bars would label it beyond the bar, on the slide)
LABELS = {"on": ("bar", "label_position: center"), "off": ("doughnut", "data_labels: false")}


@pytest.mark.parametrize("labels", ["on", "off"])
@pytest.mark.parametrize("theme", ["default", "stage"])
def it_keeps_dark_text_on_muted_bars_and_light_on_the_accent_where_those_read(tmp_path, theme,
                                                                             labels):
    kind, option = LABELS[labels]
    path = write(tmp_path, HIGHLIGHT.format(type=kind, labels=option))
    path.write_text(path.read_text().replace("title: T\n", f"title: T\ntheme: {theme}\n", 1))
    palette = LIGHT_PALETTE if theme == "default" else DARK_PALETTE
    series = charts(path, tmp_path)[0].plots[0].series[0]
    highlighted = _rgb(series.points[1].data_label.font)
    assert highlighted == label_colour(palette.accent, palette)
    if theme == "default":  # white on the orange accent, dark on the grey: as before
        assert highlighted == palette.on_dark
    else:  # the amber accent takes the slide's own dark colour, not white
        assert highlighted == palette.background
    if labels == "on":
        assert _rgb(series.data_labels.font) == label_colour(palette.chart_muted, palette)
        assert (_rgb(series.data_labels.font) == palette.text) == (theme == "default")
    assert warnings(path) == []


# --- the check -------------------------------------------------------------------------------

def it_reports_a_series_colour_neither_text_reads_on_at_its_color_key(tmp_path):
    """Mid grey: 4.3:1 with white, 3.3:1 with the dark text; 12 pt labels need 4.5:1."""
    path = write(tmp_path, column("Grey", ["777777", "1F4E79"]), small=True)
    ratio = _on(LIGHT_PALETTE.on_dark, "777777")
    assert warnings(path) == [
        f"11:52: the value labels on series `s0`'s columns (fill 777777) have contrast "
        f"{ratio:.1f}:1 in F9FAFB, the better of the theme's dark and light text (1F2937, "
        "F9FAFB); at least 4.5:1 is needed: give series `s0` a darker or lighter `color`, or "
        "put the labels outside (`label_position: outside_end`)"]
    assert path.read_text().splitlines()[10][51:].startswith("'777777'")  # its `color:`
    # the same colour with the theme's 20 pt bold labels: large text, 3:1 is enough
    assert warnings(write(tmp_path, column("Grey", ["777777", "1F4E79"]))) == []
    assert warnings(write(tmp_path, column("Pale", ["FFE066", "1F4E79"]), small=True)) == []


def it_reports_a_theme_colour_at_the_chart_and_in_the_column_that_holds_it(tmp_path):
    """The default theme's third series colour (olive) reads 3.9:1 at best: no `color:` to
    point at, so the warning is at the chart, here the right column of a two-column slide."""
    slides = ("      - kind: two_column\n        title: Two\n        left:\n"
              "          kind: bullets\n          bullets: [a]\n        right:\n"
              "          kind: chart\n          type: stacked_column\n"
              "          categories: [a, b]\n          series:\n"
              + "".join(f"            - {{name: s{k}, values: [1, 2]}}\n" for k in range(3)))
    path = write(tmp_path, slides, small=True)
    found = warnings(path)
    assert len(found) == 1 and found[0].startswith(
        "12:11: the value labels on series `s2`'s columns (fill 6B8E23) have contrast 3.9:1")
    assert path.read_text().splitlines()[11].strip() == "kind: chart"
    assert "choose another theme" in found[0] and "outside_end" not in found[0]  # stacked
    audit = a11y.audit(*_audited(path))
    assert "warning" in {f.status for f in audit.findings if f.rule == "contrast"}


def _audited(path):
    source, model, plan = pipeline._plan(path, None)
    return model, plan, source.map


def it_shows_the_warning_in_the_a11y_report(tmp_path, capsys):
    from deck import cli

    path = write(tmp_path, column("Grey", ["777777"]), small=True)
    assert cli.main(["check", "--a11y", str(path)]) == 0
    out = capsys.readouterr()
    row = next(line for line in out.out.splitlines() if line.split()[1:2] == ["Grey"])
    keys = [key for key, _, _ in a11y.RULES]
    assert row.split()[2 + keys.index("contrast")] == "warning"
    assert "value labels on the columns (fill 777777)" in out.err + out.out


def it_keeps_a_label_warning_in_the_memo_at_its_new_line(tmp_path):
    path = write(tmp_path, column("Grey", ["777777"]), small=True)
    text = path.read_text()
    pipeline.clear_slide_caches()
    before = [d for d in pipeline.check(path) if "value labels" in d.message]
    path.write_text(text.replace("title: T\n", "title: T\nsubtitle: |\n  Two\n  lines\n"))
    after = [d for d in pipeline.check(path) if "value labels" in d.message]
    memo = next(iter(pipeline._A11Y_MEMOS.values()))
    assert memo.misses == 0 and memo.hits == len(memo.entries)
    assert len(before) == len(after) == 1 and after[0].span.line == before[0].span.line + 3
    pipeline.clear_slide_caches()
    assert [d for d in pipeline.check(path) if "value labels" in d.message] == after
