"""Every use of python-pptx internals or raw XML, in one place: this package.

python-pptx has no API for these, or its output needs fixing; `tests/test_oxml.py` pins each
behaviour relied on here (in package.py, text.py and charts.py), so a python-pptx upgrade that
changes one fails there first.

* sections (`p14:sectionLst`), slide-number fields, bullets and numbering, East-Asian fonts,
  run language, right-to-left paragraphs, alt text, removing unused placeholders;
* chart XML that PowerPoint and LibreOffice read differently, or that python-pptx cannot write:
  positive `c:axId` (python-pptx writes negative ones, the schema says unsigned), explicit
  `c:varyColors` and legend overlay, whole per-series data labels, combo charts (a line on a
  secondary axis), transparent fills;
* reproducible packages: fixed core properties, fixed workbook timestamps;
* package rules other apps enforce (Keynote, Google Slides), in compat.py, one comment a rule
  naming its source (docs/compatibility.md).
"""

from .charts import (
    LABEL_POS,
    A,
    C,
    category_chart_data,
    data_points,
    fix_chart_xml,
    make_combo,
    set_fill_alpha,
    set_series_labels,
)
from .compat import apply_compat, set_app_properties
from .package import (
    P14,
    SECTION_EXT,
    ZIP_EPOCH,
    NotesWriter,
    SlideAdder,
    add_rect,
    count_part_names,
    drop_slides,
    fill_placeholder,
    memoize_qn,
    placeholders,
    read_sections,
    read_theme,
    remove_placeholders,
    save_reproducible,
    scale_placeholders_x,
    set_alt_text,
    set_box,
    set_sections,
    set_theme,
    stable_guid,
)
from .text import (
    add_line_break,
    add_paragraph,
    add_plain_paragraph,
    add_plain_run,
    add_run,
    add_slide_number,
    clear_paragraphs,
    end_paragraph,
    set_body,
    set_cell,
    set_chart_language,
    set_language,
    table_cells,
    text_body,
)
from .workbooks import fast_workbooks, use_fast_workbooks

__all__ = [
    "LABEL_POS",
    "A",
    "C",
    "fix_chart_xml",
    "make_combo",
    "category_chart_data",
    "data_points",
    "set_fill_alpha",
    "set_series_labels",
    "apply_compat",
    "P14",
    "SECTION_EXT",
    "ZIP_EPOCH",
    "NotesWriter",
    "SlideAdder",
    "add_rect",
    "count_part_names",
    "drop_slides",
    "memoize_qn",
    "placeholders",
    "fast_workbooks",
    "fill_placeholder",
    "read_sections",
    "remove_placeholders",
    "save_reproducible",
    "set_box",
    "scale_placeholders_x",
    "set_alt_text",
    "set_app_properties",
    "set_sections",
    "set_theme",
    "read_theme",
    "stable_guid",
    "use_fast_workbooks",
    "add_line_break",
    "add_paragraph",
    "add_run",
    "add_slide_number",
    "clear_paragraphs",
    "end_paragraph",
    "set_body",
    "set_cell",
    "table_cells",
    "text_body",
    "add_plain_paragraph",
    "add_plain_run",
    "set_chart_language",
    "set_language",
]

memoize_qn()
