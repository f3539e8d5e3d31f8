"""What editors show for each key of the outline: one line per field, kind and class.

Keyed `Class.field` where a field means something particular to its class, else by field name.
A test fails when a model field has no entry here, so a new field arrives documented. Entries
for fields this model does not have yet are harmless (the charts and themes work adds them).
"""

TITLES = {
    "Deck": "Deck", "Section": "Section", "BulletItem": "Bullet with sub-bullets",
    "Axis": "Value axis", "Series": "Chart series", "Annotation": "Chart annotation",
    "CategoryAxis": "Category axis", "Trendline": "Trendline",
    "TitleSlide": "Title slide", "StatementSlide": "Statement slide",
    "BulletsSlide": "Bullets slide", "QuoteSlide": "Quote slide", "TableSlide": "Table slide",
    "ChartSlide": "Chart slide", "ImageSlide": "Image slide",
    "TwoColumnSlide": "Two-column slide", "GridSlide": "Grid slide",
    "SourcesSlide": "Sources slide",
    "BulletsSpec": "Bullets block", "TextSpec": "Text block", "TableSpec": "Table block",
    "ChartSpec": "Chart block", "ImageSpec": "Image block",
}

KINDS = {
    "title": "The opening slide: deck title, subtitle and byline.",
    "statement": "One key figure in large type, with a caption.",
    "bullets": "A bullet list, up to 3 levels; shrinks, then continues on a (cont.) slide.",
    "quote": "A quotation with its attribution.",
    "table": "A native table; shrinks, then continues with the header repeated.",
    "chart": "A native, editable chart with its data in an embedded workbook.",
    "image": "A picture scaled to fit, with alt text and an optional caption.",
    "two_column": "Two blocks side by side, each with an optional heading (its `title`).",
    "grid": "2 to 6 blocks in a grid, each with an optional heading: small multiples.",
    "sources": "Numbered citations.",
    "text": "Paragraphs of running text (two-column blocks only).",
}

FIELDS = {
    # deck
    "Deck.title": "Deck title: the title slide and the file's Title property.",
    "Deck.sections": "The sections of the deck, in order; at least one.",
    "Deck.subtitle": "Title-slide subtitle; the file's Subject property.",
    "Deck.author": "Title-slide byline (author · date); the file's Author property.",
    "Deck.date": "Byline text, kept as written; an ISO date at its start also dates the file.",
    "Deck.language": "Language tag for proofing and East-Asian fonts, e.g. en-US or zh-CN.",
    "Deck.footer": "Footer text on every content slide.",
    "Deck.slide_numbers": "Slide numbers on every content slide.",
    "Deck.output": "Where to write the deck, relative to the outline; must end in .pptx. "
                   "Default: build/<outline name>.pptx.",
    "Deck.theme": "Theme: a built-in name (default, stage, editorial) or a path to a theme "
                  "folder or theme.yaml; --theme overrides it.",
    "Deck.template": "A .pptx or .potx whose slide masters and layouts the deck uses, relative "
                     "to the outline; --template overrides it.",
    "layout": "A layout of the template, by the name PowerPoint shows, instead of the one the "
              "theme maps this kind of slide to.",
    # sections
    "Section.title": "Section name: the divider slide's title (at most 2 lines).",
    "Section.slides": "The slides of the section; at least one. Each has a `kind`.",
    "Section.divider": "true: a divider slide opens the section; false: none. Default: as the "
                       "deck's `dividers` says.",
    "Section.notes": "Speaker notes of the section's divider slide.",
    "Deck.dividers": "Which sections open with a divider showing all sections: auto (those of "
                     "two slides or more, not opened by the title slide), all, or none.",
    "TitleSlide.image": "A picture or logo beside the title, relative to the outline's folder.",
    "TitleSlide.alt": "What the title slide's picture shows (for a logo, the organisation); "
                      "required with `image`.",
    "GridSlide.blocks": "The blocks, 2 to 6, row by row; each block's `title` is its heading.",
    "GridSlide.per_row": "Blocks in a row (1 to 3); default: 2 for 2 or 4 blocks, else 3.",
    # fields shared by slide kinds and blocks
    "title": "Slide title, at most 2 lines; in a two-column or grid block, the block's "
             "heading. Inline markup allowed.",
    "notes": "Speaker notes (markup removed, link targets kept).",
    "bullets": "Bullets: text, or {text, bullets} for sub-bullets (3 levels at most).",
    "text": "Text; a blank line starts a new paragraph, a newline breaks the line.",
    "source": "Source line under the table or chart (caption size, at most 2 lines).",
    "caption": "Caption under the figure or image.",
    "TitleSlide.title": "Deck title on this slide; default: the deck's title.",
    "TitleSlide.subtitle": "Subtitle; default: the deck's subtitle. \"\" shows none.",
    "TitleSlide.author": "Author in the byline; default: the deck's author.",
    "TitleSlide.date": "Date in the byline; default: the deck's date.",
    "StatementSlide.figure": "The key figure, e.g. \"1 billion downloads\" (1 line, else 2).",
    "QuoteSlide.text": "The quotation, without quote marks.",
    "QuoteSlide.attribution": "Who said it; shown as \"— name\".",
    "BulletItem.text": "The bullet's own text.",
    "BulletItem.bullets": "Its sub-bullets.",
    "columns": "Header row: one name per column (with `data`: which CSV columns, in order).",
    "rows": "Rows of cells, as many cells as columns; null shows as \"—\".",
    "data": "A CSV file with the data, relative to the outline's folder.",
    "category": "With `data`: the CSV column that holds the categories.",
    "align": "Alignment per column (left, center, right); default: numbers right, text left.",
    "type": "Chart type: bar is horizontal, column vertical; scatter draws points only; dot "
            "is a dot plot (rankings), whose axis need not start at zero.",
    "series": "Data series: {name, values} (and x for scatter); with `data`, CSV column names.",
    "categories": "Category labels, one per value; required except for scatter.",
    "highlight": "Categories drawn in the accent colour, all others muted.",
    "data_labels": "Value labels on the chart; default on, except for scatter.",
    "number_format": "Excel number format for labels and axis, e.g. \"#,##0\" or \"0.0%\".",
    "axis": "Value axis range and title. A min above zero needs data labels.",
    "secondary_axis": "Combo charts: the line's value axis, on the right.",
    "x_axis": "Scatter charts: the horizontal value axis.",
    "label_position": "Where data labels sit; default: the chart type's usual place.",
    "gridlines": "Value-axis gridlines; default on, except bar/column charts with data labels.",
    "legend": "Legend position, or none; default: bottom for several series, right for pies.",
    "sort": "Sort categories by value (the total of the series).",
    "markers": "Line and combo charts: a marker on every point.",
    "annotations": "Notes beside single categories, with a leader line (image charts only).",
    "render": "native: an editable chart; image: drawn with matplotlib. Default: chart_render.",
    "ChartSpec.alt": "Alt text for the chart; default: generated from the data.",
    "Axis.number_format": "Number format of the tick labels; default: the chart's number_format.",
    "Annotation.category": "The category (bar or point) the note belongs to.",
    "Annotation.text": "The note's text.",
    "Deck.chart_render": "How charts without their own `render` are drawn: native or image.",
    "Axis.min": "Where the value axis starts; above zero only with data labels on.",
    "Axis.max": "Where the value axis ends.",
    "Axis.title": "Axis title, shown as written.",
    "Series.name": "Series name (legend), shown as written.",
    "Series.values": "One finite number per category (no thousands separators: 1449).",
    "Series.x": "Scatter charts only: the x of each value (with `data`: a CSV column name).",
    "Series.color": "Series colour: RRGGBB, or a palette colour (accent, muted, text, "
                    "series1 … series6); default: the theme's next series colour.",
    "Series.marker": "Marker on each point (circle, square, diamond, triangle, x, plus, dash, "
                     "none): line, scatter, combo and dot charts.",
    "Series.trendline": "A fitted line (scatter and line charts): linear, polynomial, "
                        "exponential or moving_average, or {type, order, period, equation, "
                        "r_squared}.",
    "Axis.major_unit": "Step between ticks and gridlines; default: one that divides the range "
                       "you set (0–14 → 2).",
    "ChartSpec.category_axis": "The category axis's title (charts with categories).",
    "CategoryAxis.title": "Category axis title, shown as written.",
    "Trendline.type": "linear, polynomial, exponential (positive values only) or "
                      "moving_average.",
    "Trendline.order": "Polynomial only: its order, 2 to 6 (default 2).",
    "Trendline.period": "Moving average only: how many points each average takes.",
    "Trendline.equation": "Show the fitted equation beside the chart's plot.",
    "Trendline.r_squared": "Show R² (how much of the variation the fit explains).",
    "path": "Image file (PNG, JPEG, GIF, BMP, TIFF), relative to the outline's folder.",
    "alt": "What the image shows, for people who cannot see it (screen readers).",
    "decorative": "true: a picture that adds nothing a listener needs, marked decorative "
                  "for screen readers, without `alt`.",
    "left": "The left column's block, with its own kind.",
    "right": "The right column's block, with its own kind.",
    "sources": "Citations, one per item; inline links allowed.",
    "SourcesSlide.title": "Slide title; null removes it.",
}
