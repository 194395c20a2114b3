"""What every eventdesk PDF starts from: the bundled fonts from the first operator on.

A reportlab canvas starts in Helvetica, which lands in the PDF referenced but not embedded
(printers then substitute their own, and Ødegård may lose its Ø); starting in the bundled
Noto Sans keeps every font in the file embedded. Only reportlab's canvas is imported here:
badge worker processes and schedule pages import this module, and platypus would add
~45 ms to each (flowing lists have `list_pdf`).
"""

from __future__ import annotations

from typing import IO

from reportlab.pdfgen.canvas import Canvas

from eventdesk.exports.fonts import BOLD_CHAIN, REGULAR_CHAIN, register_fonts

FONT, BOLD = REGULAR_CHAIN[0], BOLD_CHAIN[0]
CREATOR = "eventdesk"


def pdf_canvas(
    target: str | IO[bytes], *, page_size: tuple[float, float], title: str, font_size: float | None = None
) -> Canvas:
    """A compressed canvas in the bundled regular font, titled for the PDF viewer."""
    register_fonts()
    canvas = Canvas(
        target,  # type: ignore[arg-type]
        pagesize=page_size,
        pageCompression=1,
        initialFontName=FONT,
        initialFontSize=font_size,
    )
    canvas.setTitle(title)
    canvas.setCreator(CREATOR)
    return canvas
