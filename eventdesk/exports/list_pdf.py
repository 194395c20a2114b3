"""The flowing A4 lists (an exhibitor's leads, the people inside): document and table look.

Both are platypus documents in the bundled fonts (see `pdf_common`) with the same table
look, a dark header band that repeats on every page over striped rows, and the same
footer: what the list is and when it was made on the left, the page number on the right.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import registerFontFamily
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import SimpleDocTemplate, TableStyle

from eventdesk.exports.fonts import register_fonts
from eventdesk.exports.pdf_common import BOLD, CREATOR, FONT

HEAD_COLOUR = colors.HexColor("#1f4e79")
STRIPE = colors.HexColor("#eef3f8")


def list_document(
    path: Path, *, page_size: tuple[float, float], margin: float, bottom_margin: float, title: str
) -> SimpleDocTemplate:
    """A document starting in the bundled font. Make it before any paragraph: their <b> tags
    need the font family it registers."""
    register_fonts()
    registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)
    return SimpleDocTemplate(
        str(path),
        pagesize=page_size,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=bottom_margin,
        title=title,
        author=CREATOR,
        initialFontName=FONT,
    )


def list_table_style(*more: tuple[Any, ...]) -> TableStyle:
    """The header band, striped rows and top-aligned cells of every list table, then `more`."""
    return TableStyle(
        [
            ("BACKGROUND", (0, 0), (-1, 0), HEAD_COLOUR),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, STRIPE]),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("FONTNAME", (0, 0), (-1, -1), FONT),
            *more,
        ]
    )


def page_footer(
    text: str, *, y: float, size: float, colour: colors.Color | None = None
) -> Callable[[Canvas, SimpleDocTemplate], None]:
    """A page callback: `text` at the left margin, "page N" at the right one."""

    def footer(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(FONT, size)
        if colour is not None:
            canvas.setFillColor(colour)
        canvas.drawString(doc.leftMargin, y, text)
        canvas.drawRightString(doc.pagesize[0] - doc.rightMargin, y, f"page {doc.page}")
        canvas.restoreState()

    return footer
