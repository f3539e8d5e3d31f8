"""The article deck written by hand with plain python-pptx: the baseline for benchmarks/bench.py.

    python benchmarks/handwritten_article.py OUT.pptx

Same 15 slides and content as outline.yaml (title, four section dividers listing their slides,
a statement, a native bar chart with Alibaba highlighted, an image chart, two bullet slides, a
quote, three tables, sources; speaker notes, footers, slide numbers, accent rules), 16:9. Sizes
and positions are fixed by hand; nothing is measured or fitted. It does not import `deck`.

The bar chart's numbers are read from assets/data/arena_elo.csv, as the outline's are.

The image chart ("Gap to the frontier") is embedded from benchmarks/data/gap_chart.png, a
generated binary: the PNG that deck's matplotlib renderer drew for that slide, copied out of a
deck build (the picture on slide 10) so that both sides embed the same bytes. deck's cold build
takes that PNG from its cache (the user's cache folder, ~/.cache/deck/charts) and does
not import matplotlib either, so neither side pays for drawing it. If the chart changes,
regenerate the file:

    python -m deck build outline.yaml -o /tmp/a.pptx
    python -c "from pptx import Presentation; from pptx.enum.shapes import MSO_SHAPE_TYPE as T; \
        s = Presentation('/tmp/a.pptx').slides[9]; \
        open('benchmarks/data/gap_chart.png', 'wb').write( \
            next(x for x in s.shapes if x.shape_type == T.PICTURE).image.blob)"
"""

import csv
import sys
from pathlib import Path

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Inches, Pt

ROOT = Path(__file__).resolve().parent.parent
FOOTER = "Qwen Surpasses 1 Billion Downloads"
DARK = TEXT = RGBColor.from_string("1F2937")
MUTED, ACCENT = RGBColor.from_string("5B6472"), RGBColor.from_string("C2410C")
GREY, WHITE, PAPER, ZEBRA, AGENDA, NUMBER = (
    RGBColor.from_string(c) for c in ("C5CBD3", "F9FAFB", "FAFAF8", "F1EFEA", "A7B0BE", "FB923C"))

prs = Presentation()
prs.slide_width, prs.slide_height = Pt(960), Pt(540)  # 13.333 × 7.5 in, 16:9
TITLE_SLIDE, SECTION, TITLE_ONLY = prs.slide_layouts[0], prs.slide_layouts[2], prs.slide_layouts[5]
LEFT, WIDTH = Inches(0.83), Inches(11.67)
RULE_TOP = Inches(1.22)  # the accent rule under a one-line title


def add_runs(paragraph, text, size, color=TEXT, bold=False, italic=False):
    """`text` is a string or a list of (text, bold) pieces."""
    pieces = [(text, bold)] if isinstance(text, str) else text
    for piece, piece_bold in pieces:
        run = paragraph.add_run()
        run.text = piece
        run.font.size, run.font.bold, run.font.italic = Pt(size), piece_bold, italic
        run.font.color.rgb = color


def textbox(slide, left, top, width, height, text, size, **style):
    box = slide.shapes.add_textbox(left, top, width, height)
    box.text_frame.word_wrap = True
    if text:
        add_runs(box.text_frame.paragraphs[0], text, size, **style)
    return box


def accent_rule(slide, top):
    rule = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, LEFT, top, Inches(0.78), Inches(0.06))
    rule.fill.solid()
    rule.fill.fore_color.rgb = ACCENT
    rule.line.fill.background()


def content_slide(title, notes, rule_top=RULE_TOP):
    """A 'Title Only' slide with the title, accent rule, footer and slide number set; returns
    the slide. `rule_top` is moved down by hand for a two-line title."""
    slide = prs.slides.add_slide(TITLE_ONLY)
    slide.shapes.title.left, slide.shapes.title.top = LEFT, Inches(0.4)
    slide.shapes.title.width, slide.shapes.title.height = WIDTH, rule_top - Inches(0.5)
    slide.shapes.title.text_frame.word_wrap = True
    slide.shapes.title.text_frame.text = title
    p = slide.shapes.title.text_frame.paragraphs[0]
    p.alignment = PP_ALIGN.LEFT
    p.runs[0].font.size, p.runs[0].font.bold, p.runs[0].font.color.rgb = Pt(36), True, TEXT
    accent_rule(slide, rule_top)
    textbox(slide, LEFT, Inches(7.0), Inches(8), Inches(0.3), FOOTER, 12, color=MUTED)
    number = textbox(slide, Inches(11.4), Inches(7.0), Inches(1.1), Inches(0.3),
                     str(len(prs.slides)), 12, color=MUTED)
    number.text_frame.paragraphs[0].alignment = PP_ALIGN.RIGHT
    slide.notes_slide.notes_text_frame.text = notes
    return slide


def section_slide(number, title, agenda):
    """A dark divider: section number, section title, and the titles of its slides."""
    slide = prs.slides.add_slide(SECTION)
    slide.background.fill.solid()
    slide.background.fill.fore_color.rgb = DARK
    title_shape, body = slide.placeholders[0], slide.placeholders[1]
    title_shape.left, title_shape.top = LEFT, Inches(1.9)
    title_shape.width, title_shape.height = WIDTH, Inches(1.1)
    title_shape.text_frame.text = title
    title_font = title_shape.text_frame.paragraphs[0].runs[0].font
    title_font.size, title_font.bold, title_font.color.rgb = Pt(48), True, WHITE
    accent_rule(slide, Inches(1.25))
    body.left, body.top, body.width, body.height = LEFT, Inches(1.4), Inches(3), Inches(0.6)
    body.text_frame.text = f"{number:02d}"
    number_font = body.text_frame.paragraphs[0].runs[0].font
    number_font.size, number_font.bold, number_font.color.rgb = Pt(26), True, NUMBER
    frame = textbox(slide, LEFT, Inches(3.3), WIDTH, Inches(2.5), None, 22).text_frame
    for k, line in enumerate(agenda):
        p = frame.paragraphs[0] if k == 0 else frame.add_paragraph()
        p.space_before = Pt(10)
        add_runs(p, line, 22, color=AGENDA)
    return slide


def bullet_slide(title, bullets, notes, rule_top=RULE_TOP):
    slide = content_slide(title, notes, rule_top)
    frame = textbox(slide, LEFT, rule_top + Inches(0.4), WIDTH, Inches(4.5), None, 26).text_frame
    for k, (lead, rest) in enumerate(bullets):
        p = frame.paragraphs[0] if k == 0 else frame.add_paragraph()
        add_runs(p, "• ", 26, color=ACCENT)
        p.space_after = Pt(14)
        add_runs(p, [(lead, True), (" " + rest, False)], 26)


def table_slide(title, rows, widths, notes, right_align=(), bold_first_column=False):
    slide = content_slide(title, notes)
    height = Inches(0.75) * len(rows)
    table = slide.shapes.add_table(len(rows), len(rows[0]), LEFT, Inches(1.7), WIDTH, height).table
    for c, w in enumerate(widths):
        table.columns[c].width = Inches(w)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            cell = table.cell(r, c)
            cell.fill.solid()
            cell.fill.fore_color.rgb = DARK if r == 0 else (ZEBRA if r % 2 == 0 else PAPER)
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            cell.text_frame.text = value
            p = cell.text_frame.paragraphs[0]
            p.runs[0].font.size = Pt(22)
            p.runs[0].font.bold = r == 0 or (c == 0 and bold_first_column)
            p.runs[0].font.color.rgb = WHITE if r == 0 else TEXT
            if c in right_align:
                p.alignment = PP_ALIGN.RIGHT


# 1. Title
slide = prs.slides.add_slide(TITLE_SLIDE)
slide.shapes.title.left, slide.shapes.title.top = LEFT, Inches(2.0)
slide.shapes.title.width, slide.shapes.title.height = WIDTH, Inches(1.6)
slide.shapes.title.text = "Qwen Surpasses 1 Billion Downloads"
slide.shapes.title.text_frame.paragraphs[0].alignment = PP_ALIGN.LEFT
title_font = slide.shapes.title.text_frame.paragraphs[0].runs[0].font
title_font.size, title_font.bold, title_font.color.rgb = Pt(54), True, TEXT
subtitle = slide.placeholders[1]
subtitle.left, subtitle.top, subtitle.width, subtitle.height = LEFT, Inches(3.8), WIDTH, Inches(0.8)
subtitle.text = "Alibaba Cements Leadership in China’s Open-Source AI"
subtitle.text_frame.paragraphs[0].alignment = PP_ALIGN.LEFT
subtitle_font = subtitle.text_frame.paragraphs[0].runs[0].font
subtitle_font.size, subtitle_font.color.rgb = Pt(26), MUTED
rule = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, LEFT, Inches(1.8), Inches(1.1), Inches(0.08))
rule.fill.solid()
rule.fill.fore_color.rgb = ACCENT
rule.line.fill.background()
slide.notes_slide.notes_text_frame.text = (
    "Today's story in one line: Alibaba's Qwen model series has passed one billion cumulative "
    "downloads. We will look at what that number means, how China's AI industry got here, where "
    "Qwen stands against the frontier, and what to do about it.")

# 2–4. Core Conclusion
section_slide(1, "Core Conclusion", ["The scaling victory of open source",
                                     "Arena Elo ranking: Alibaba fifth, ahead of DeepSeek"])
slide = content_slide("The scaling victory of open source", (
    "Pause on the number. One billion cumulative downloads, officially surpassed, and Qwen is the "
    "first Chinese open-source large model series to get there."))
textbox(slide, LEFT, Inches(2.3), WIDTH, Inches(1.6), "1 billion downloads", 98, color=ACCENT,
        bold=True)
textbox(slide, LEFT, Inches(4.1), Inches(10.5), Inches(1.5), [
    ("Alibaba’s Tongyi Qianwen (通义千问, ", False), ("Qwen", True), (") series is the ", False),
    ("first Chinese open-source large model series", True), (" to reach this milestone.", False),
], 30)

slide = content_slide("Arena Elo ranking: Alibaba fifth, ahead of DeepSeek", (
    "In the Stanford 2026 AI Index Arena Elo rankings, Alibaba scored 1,449 and ranks fifth: "
    "behind Anthropic at 1,503, xAI at 1,495, Google at 1,494 and OpenAI at 1,481, but ahead of "
    "DeepSeek at 1,424. Note that the axis starts at 1,400, so the gaps look larger than they are: "
    "the whole field is within about 80 points."))
with open(ROOT / "assets" / "data" / "arena_elo.csv", newline="", encoding="utf-8") as f:
    elo = list(csv.DictReader(f))  # Lab, Arena Elo, Gap to the leader: one row per lab
categories = [row["Lab"] for row in elo]
data = CategoryChartData(number_format="#,##0")
data.categories = categories
data.add_series("Arena Elo", [float(row["Arena Elo"]) for row in elo])
chart = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, LEFT, Inches(1.6), WIDTH, Inches(4.7),
                               data).chart
chart.has_legend = chart.has_title = False
chart.category_axis.reverse_order = True
chart.category_axis.tick_labels.font.size = Pt(18)
chart.plots[0].gap_width = 45
chart.value_axis.minimum_scale, chart.value_axis.maximum_scale = 1400, 1510
chart.value_axis.visible = False
chart.value_axis.has_major_gridlines = False
series = chart.plots[0].series[0]
series.format.fill.solid()
series.format.fill.fore_color.rgb = GREY
highlight = series.points[categories.index("Alibaba")].format.fill
highlight.solid()
highlight.fore_color.rgb = ACCENT
plot = chart.plots[0]
plot.has_data_labels = True
plot.data_labels.number_format, plot.data_labels.number_format_is_linked = "#,##0", False
plot.data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
plot.data_labels.font.size, plot.data_labels.font.bold = Pt(20), True
textbox(slide, LEFT, Inches(6.4), WIDTH, Inches(0.3),
        "Source: Stanford 2026 AI Index, Arena Elo rankings. The axis starts at 1,400.", 14,
        color=MUTED)

# 5–8. What Happened
section_slide(2, "What Happened", ["The meaning of 1 billion downloads",
                                   "From “follower” to “leader”",
                                   "A key shift in China’s AI industry"])
bullet_slide("The meaning of 1 billion downloads", [
    ("Developer adoption:", "from personal projects to enterprise deployment, Qwen has become the "
     "most downloaded open-source series among Chinese large models"),
    ("Ecosystem expansion:", "dominant in Chinese scenarios, and expanding into multilingual "
     "support (Shanghainese, Taiwanese dialects) and multimodal capabilities (image, video "
     "generation)"),
    ("Commercial conversion:", "multimodal products like Qwen Image 2 Pro on the Bailian platform "
     "are accelerating deployment"),
], "One billion downloads is not just a marketing number: it reflects Qwen's actual penetration in "
   "the global developer ecosystem. Three things stand behind it: developers adopting it, the "
   "ecosystem widening to dialects and multimodal work, and products on the Bailian platform "
   "turning that into revenue.")

slide = content_slide("From “follower” to “leader”", (
    "Sun Wei said this publicly. Read it slowly: the point is that DeepSeek made open source a "
    "viable strategy for the big companies, not only for start-ups."))
textbox(slide, Inches(0.8), Inches(2.0), Inches(1), Inches(1.5), "“", 96, color=ACCENT, bold=True)
textbox(slide, Inches(1.85), Inches(2.6), Inches(10), Inches(2.3),
        "DeepSeek’s success paved the way for Chinese tech giants to open-source AI technology, "
        "enabling them to publicly release AI systems rather than keeping them strictly "
        "confidential.", 32, italic=True)
textbox(slide, Inches(1.85), Inches(5.1), Inches(10), Inches(0.4),
        "— Sun Wei, President of Alibaba’s Intelligent Information Business Group", 20, color=MUTED)

table_slide("A key shift in China’s AI industry", [
    ["Phase", "Strategy", "Representative event"],
    ["Closed-source competition", "Companies keep secrets",
     "Early large models were mostly API services"],
    ["DeepSeek breakthrough", "Open source proves viable",
     "DeepSeek open models gain global attention"],
    ["Full openness", "Giants follow suit",
     "Alibaba Qwen 1B downloads, ByteDance shares tech details"],
], [3.4, 3.3, 4.97], "This judgment reveals a key shift in three phases. First, closed-source "
   "competition, when large models were mostly API services. Then DeepSeek's breakthrough showed "
   "that open source is viable. Now the giants follow suit: Qwen's billion downloads, and "
   "ByteDance sharing technical details.")

# 9–12. Landscape Assessment
section_slide(3, "Landscape Assessment", [
    "Gap to the frontier: Alibaba 54 Elo points behind",
    "Alibaba is the only Chinese company in the Arena Elo top five",
    "Chinese large model competitive landscape"])
slide = content_slide("Gap to the frontier: Alibaba 54 Elo points behind", (
    "Here is the same ranking as distance from the top. Anthropic sets the frontier at 1,503. "
    "xAI, Google and OpenAI are all within 22 points of it. Alibaba, at 1,449, is 54 points "
    "behind the leader, but it is the only Chinese company in the top five, and 25 points ahead "
    "of DeepSeek at 1,424. Fifty-four points is within catch-up range."))
slide.shapes.add_picture(str(ROOT / "benchmarks" / "data" / "gap_chart.png"), LEFT, Inches(1.63),
                         WIDTH, Inches(4.72))  # the PNG is 1680 × 679 px: the same aspect ratio
textbox(slide, LEFT, Inches(6.4), WIDTH, Inches(0.3),
        "Source: Stanford 2026 AI Index, Arena Elo rankings. Gap = Arena Elo − 1,503.", 14,
        color=MUTED)
bullet_slide("Alibaba is the only Chinese company in the Arena Elo top five", [
    ("The gap to the international frontier is narrowing:", "1,449 points vs. the top four "
     "(1,481–1,503) is within catch-up range"),
    ("Open source is China’s international business card:", "unlike closed-source GPT and Claude, "
     "Qwen has built a global developer base through its open-source strategy"),
    ("Network effects are kicking in:", "developer feedback, contributions and application "
     "scenarios from 1 billion downloads accelerate model iteration in return"),
], "What does fifth place mean for China's open-source AI internationally? Three things: the gap "
   "is narrowing, open source has become China's business card abroad, and a billion downloads "
   "feed back into faster iteration.", rule_top=Inches(1.77))

table_slide("Chinese large model competitive landscape", [
    ["Model", "Company", "Arena Elo", "Characteristics"],
    ["Qwen", "Alibaba", "1,449", "Largest open-source ecosystem, broad multimodal coverage"],
    ["DeepSeek", "DeepSeek", "1,424", "Open-source pioneer, V4 tech report draws attention"],
    ["GLM", "Zhipu AI", "—", "Strong in industry/finance scenarios, HK listing planned"],
    ["Kimi", "Moonshot AI", "—", "K2.6 excels in SWE-bench"],
    ["MiniMax", "MiniMax", "—", "Voice/dialogue scenarios"],
], [1.6, 2.1, 1.7, 6.27], "Only Qwen and DeepSeek have Arena Elo scores in the ranking; the "
   "dashes mean the article gives none for GLM, Kimi and MiniMax. Each has its niche: GLM in "
   "industry and finance with a Hong Kong listing planned, Kimi's K2.6 on SWE-bench, MiniMax in "
   "voice and dialogue.", right_align=(2,))

# 13–15. Actionable Advice
section_slide(4, "Actionable Advice", ["What to do about it"])
table_slide("What to do about it", [
    ["Who", "Advice"],
    ["Developer selection", "Qwen’s 1 billion downloads mean rich community resources and "
     "documented pitfalls — the safest open-source choice for Chinese language scenarios"],
    ["Enterprise decision", "The Bailian platform + Qwen model combination has advantages in "
     "cost-effectiveness and ecosystem maturity, suitable for large-scale deployment scenarios"],
    ["Watch the DeepSeek-Qwen differentiation", "Both follow open-source routes, but DeepSeek "
     "leans toward technical frontier breakthroughs while Qwen focuses on ecosystem building and "
     "product deployment"],
], [3.4, 8.27], "Three pieces of advice. Developers: Qwen is the safe open-source pick for Chinese "
   "language work. Enterprises: Bailian plus Qwen is cost-effective and mature enough for "
   "large-scale deployment. Everyone: watch how DeepSeek and Qwen diverge, frontier breakthroughs "
   "on one side, ecosystem and products on the other.", bold_first_column=True)

slide = content_slide("Sources", "All numbers in this deck come from the article and the Stanford "
                      "2026 AI Index it cites. Nothing was added.")
frame = textbox(slide, LEFT, Inches(1.63), WIDTH, Inches(3), None, 22).text_frame
for k, pieces in enumerate([
    [("Stanford HAI, ", False), ("2026 AI Index", True), (": Arena Elo rankings", False)],
    [("Alibaba: Qwen series passes 1 billion cumulative downloads", False)],
    [("Sun Wei, President of Alibaba’s Intelligent Information Business Group: public statement",
      False)],
    [("Article: “Qwen Surpasses 1 Billion Downloads, Alibaba Cements Leadership in China’s "
      "Open-Source AI”", False)],
]):
    p = frame.paragraphs[0] if k == 0 else frame.add_paragraph()
    p.space_after = Pt(10)
    for text, italic in pieces:  # (text, italic)
        add_runs(p, text, 22, italic=italic)

prs.save(sys.argv[1])
