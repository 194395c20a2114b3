"""What every schedule page shares: paper, margins, colours, the stamp and the footer."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import BinaryIO, TypeVar

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from eventdesk.domain.progress import Progress
from eventdesk.exports.pdf_common import pdf_canvas
from eventdesk.exports.schedules.sheet import ScheduleSheet
from eventdesk.exports.schedules.text import bold, draw, regular

PORTRAIT = A4
LANDSCAPE = landscape(A4)
MARGIN = 15 * mm
INK = HexColor("#1d2733")
MUTED = HexColor("#5b6775")
RULE = HexColor("#c9d1da")
BAND = HexColor("#eef2f6")
ACCENT = HexColor("#0b6e8a")

T = TypeVar("T")


def write_pages(
    target: str | BinaryIO,
    *,
    title: str,
    items: Sequence[T],
    draw_item: Callable[[Canvas, T], int],
    step: str,
    progress: Progress,
    report_every: int = 1,
) -> int:
    """One portrait PDF with the pages `draw_item` draws for each item (it returns how many).

    Nothing to print still gives one blank page: a PDF without pages is not a file that
    viewers and printers open.
    """
    canvas = pdf_canvas(target, page_size=PORTRAIT, title=title)
    pages = 0
    for n, item in enumerate(items):
        if n % report_every == 0:
            progress.report(n, len(items), step)
        pages += draw_item(canvas, item)
    if pages == 0:
        canvas.showPage()
    canvas.save()
    progress.report(len(items), len(items), step)
    return pages


def fill(canvas: Canvas, colour: Color) -> None:
    canvas.setFillColor(colour)


def footer(canvas: Canvas, sheet: ScheduleSheet, page_size: tuple[float, float], right: str = "") -> None:
    width, _height = page_size
    fill(canvas, MUTED)
    usable = width - 2 * MARGIN
    left_text = f"{sheet.event_name} · {sheet.stamp}"
    right_width = min(regular().set(right).width(7), usable * 0.45) if right else 0.0
    draw(canvas, left_text, MARGIN, MARGIN - 4, size=7, width=usable - right_width - 12)
    if right:
        draw(canvas, right, width - MARGIN - right_width, MARGIN - 4, size=7, width=right_width + 0.5)
    fill(canvas, INK)


def heading(canvas: Canvas, sheet: ScheduleSheet, title: str, x: float, y: float, width: float) -> float:
    """Event name, then `title` large; returns the y below them."""
    fill(canvas, ACCENT)
    draw(canvas, sheet.event_name, x, y, size=10, width=width, chain=bold())
    fill(canvas, INK)
    draw(canvas, title, x, y - 24, size=20, width=width, chain=bold())
    return y - 34


def tick_box(canvas: Canvas, x: float, y: float, side: float = 9) -> None:
    canvas.setLineWidth(0.8)
    canvas.setStrokeColor(INK)
    canvas.rect(x, y, side, side, stroke=1, fill=0)
