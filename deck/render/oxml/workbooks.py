"""Chart workbooks written by deck (`render/workbook.py`) instead of XlsxWriter, and
python-pptx's chart module imported without XlsxWriter: the swap `fast_workbooks` makes
while a deck renders, out of package.py (issue 17)."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime

from ..workbook import Workbook

# while fast_workbooks is active: "when"; and "original" once the first chart patched it
_WORKBOOKS: dict = {}


@contextmanager
def fast_workbooks(when: datetime):
    """While active, each chart's embedded workbook is written by `render.workbook` (stamped
    with `when`) instead of XlsxWriter, which took 40 % of a chart's time and stamps the clock.
    The first chart makes the swap (`use_fast_workbooks`): python-pptx's module that holds the
    writer imports XlsxWriter, which a deck without native charts never needs (issue 17)."""
    _WORKBOOKS.clear()
    _WORKBOOKS["when"] = when
    try:
        yield
    finally:
        original = _WORKBOOKS.pop("original", None)
        if original is not None:
            import pptx.chart.xlsx

            pptx.chart.xlsx.Workbook = original
        _WORKBOOKS.clear()


def use_fast_workbooks() -> None:
    """Called before python-pptx writes a chart: inside fast_workbooks, swap its workbook
    writer for ours (once); outside, nothing."""
    if "when" not in _WORKBOOKS or "original" in _WORKBOOKS:
        return
    chart_xlsx = _chart_xlsx()

    class StampedWorkbook(Workbook):
        created = _WORKBOOKS["when"]

    _WORKBOOKS["original"] = chart_xlsx.Workbook
    chart_xlsx.Workbook = StampedWorkbook


class _XlsxWriterWorkbook:
    """XlsxWriter's Workbook, imported when python-pptx first writes a workbook outside
    deck's rendering (deck's own writer serves inside it)."""

    def __new__(cls, *args, **kwargs):
        from xlsxwriter import Workbook as XlsxWriterWorkbook

        return XlsxWriterWorkbook(*args, **kwargs)


def _chart_xlsx():
    """python-pptx's pptx.chart.xlsx, imported without importing XlsxWriter (a fifth of a cold
    article build): its one `from xlsxwriter import Workbook` is given a stand-in that imports
    XlsxWriter on first use. The stand-in is in sys.modules only during that import."""
    import sys
    import types

    if "pptx.chart.xlsx" not in sys.modules and "xlsxwriter" not in sys.modules:
        stand_in = types.ModuleType("xlsxwriter")
        stand_in.Workbook = _XlsxWriterWorkbook
        sys.modules["xlsxwriter"] = stand_in
        try:
            import pptx.chart.xlsx  # noqa: F401
        finally:
            del sys.modules["xlsxwriter"]
    import pptx.chart.xlsx

    return pptx.chart.xlsx
