"""The article deck at its plainest with python-pptx: the cost of python-pptx itself, the floor
for a cold build (benchmarks/bench.py, issue 17).

    python benchmarks/handwritten_minimal.py OUT.pptx

The same 15 slides as outline.yaml, in python-pptx's default template as it comes (4:3, its
fonts and colours): titles, bullets and body text in the layouts' placeholders, the bar chart
as one native chart with python-pptx's defaults, the image chart's PNG (benchmarks/data,
as handwritten_article.py embeds it), the three tables with their text only, speaker notes.
No styling, no footers or slide numbers, nothing measured. It does not import `deck`.
"""

import csv
import sys
from pathlib import Path

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches

ROOT = Path(__file__).resolve().parent.parent
prs = Presentation()
TITLE, CONTENT, TITLE_ONLY = prs.slide_layouts[0], prs.slide_layouts[1], prs.slide_layouts[5]
BOX = (Inches(0.5), Inches(1.6), Inches(9), Inches(5))


def slide_with(layout, title: str, notes: str = ""):
    slide = prs.slides.add_slide(layout)
    slide.shapes.title.text = title
    if notes:
        slide.notes_slide.notes_text_frame.text = notes
    return slide


def text_slide(title: str, lines: list[str], notes: str = "") -> None:
    body = slide_with(CONTENT, title, notes).placeholders[1].text_frame
    body.text = lines[0]
    for line in lines[1:]:
        body.add_paragraph().text = line


def table_slide(title: str, rows: list[list[str]], notes: str) -> None:
    table = slide_with(TITLE_ONLY, title, notes).shapes.add_table(
        len(rows), len(rows[0]), *BOX).table
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value


title = slide_with(TITLE, "Qwen Surpasses 1 Billion Downloads", "Today's story in one line.")
title.placeholders[1].text = "Alibaba Cements Leadership in China’s Open-Source AI"
text_slide("Core Conclusion", ["The scaling victory of open source",
                               "Arena Elo ranking: Alibaba fifth, ahead of DeepSeek"])
text_slide("The scaling victory of open source", [
    "1 billion downloads", "Alibaba’s Tongyi Qianwen (通义千问, Qwen) series is the first Chinese "
    "open-source large model series to reach this milestone."], "Pause on the number.")
slide = slide_with(TITLE_ONLY, "Arena Elo ranking: Alibaba fifth, ahead of DeepSeek",
                   "Alibaba scored 1,449 and ranks fifth.")
with open(ROOT / "assets" / "data" / "arena_elo.csv", newline="", encoding="utf-8") as f:
    elo = list(csv.DictReader(f))
data = CategoryChartData(number_format="#,##0")
data.categories = [row["Lab"] for row in elo]
data.add_series("Arena Elo", [float(row["Arena Elo"]) for row in elo])
slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, *BOX, data)
text_slide("What Happened", ["The meaning of 1 billion downloads", "From “follower” to “leader”",
                             "A key shift in China’s AI industry"])
text_slide("The meaning of 1 billion downloads", [
    "Developer adoption: from personal projects to enterprise deployment",
    "Ecosystem expansion: multilingual support and multimodal capabilities",
    "Commercial conversion: Qwen Image 2 Pro on the Bailian platform"],
    "One billion downloads is not just a marketing number.")
text_slide("From “follower” to “leader”", [
    "DeepSeek’s success paved the way for Chinese tech giants to open-source AI technology.",
    "— Sun Wei, President of Alibaba’s Intelligent Information Business Group"], "Read it slowly.")
table_slide("A key shift in China’s AI industry", [
    ["Phase", "Strategy", "Representative event"],
    ["Closed-source competition", "Companies keep secrets", "Early models were API services"],
    ["DeepSeek breakthrough", "Open source proves viable", "DeepSeek gains global attention"],
    ["Full openness", "Giants follow suit", "Qwen 1B downloads, ByteDance shares details"],
], "A key shift in three phases.")
text_slide("Landscape Assessment", ["Gap to the frontier: Alibaba 54 Elo points behind",
                                    "Alibaba is the only Chinese company in the Arena Elo top five",
                                    "Chinese large model competitive landscape"])
slide = slide_with(TITLE_ONLY, "Gap to the frontier: Alibaba 54 Elo points behind",
                   "The same ranking as distance from the top.")
slide.shapes.add_picture(str(ROOT / "benchmarks" / "data" / "gap_chart.png"), *BOX[:3])
text_slide("Alibaba is the only Chinese company in the Arena Elo top five", [
    "The gap to the international frontier is narrowing",
    "Open source is China’s international business card",
    "Network effects are kicking in"], "What does fifth place mean?")
table_slide("Chinese large model competitive landscape", [
    ["Model", "Company", "Arena Elo", "Characteristics"],
    ["Qwen", "Alibaba", "1,449", "Largest open-source ecosystem"],
    ["DeepSeek", "DeepSeek", "1,424", "Open-source pioneer"],
    ["GLM", "Zhipu AI", "—", "Industry/finance scenarios"],
    ["Kimi", "Moonshot AI", "—", "K2.6 excels in SWE-bench"],
    ["MiniMax", "MiniMax", "—", "Voice/dialogue scenarios"],
], "Only Qwen and DeepSeek have Arena Elo scores.")
text_slide("Actionable Advice", ["What to do about it"])
table_slide("What to do about it", [
    ["Who", "Advice"],
    ["Developer selection", "The safest open-source choice for Chinese language scenarios"],
    ["Enterprise decision", "Bailian + Qwen: cost-effective and mature"],
    ["Watch the DeepSeek-Qwen differentiation", "Frontier breakthroughs vs ecosystem building"],
], "Three pieces of advice.")
text_slide("Sources", ["Stanford HAI, 2026 AI Index: Arena Elo rankings",
                       "Alibaba: Qwen series passes 1 billion cumulative downloads",
                       "Sun Wei: public statement",
                       "Article: “Qwen Surpasses 1 Billion Downloads”"],
           "All numbers come from the article.")
prs.save(sys.argv[1])
