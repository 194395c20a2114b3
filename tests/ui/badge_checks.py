"""Reading badges back as a door would, for the window tests that print or make PDFs."""

from __future__ import annotations

from pathlib import Path

import pypdfium2
import pypdfium2.raw
from sqlalchemy import select

from eventdesk.domain.tokens import TokenStatus, check_token
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Event
from tests.exports.badge_pdf_checks import decode_pages


def scanned_badges(doc: EventDocument, pdf: Path | bytes) -> list[tuple[int, int]]:
    """(attendee id, version) of every QR in the PDF; each one must verify with the event's key."""
    with doc.session() as session:
        event = session.execute(select(Event)).scalar_one()
        code, public_key = event.code, event.public_key
    found = []
    for page in decode_pages(pdf):
        for text in page:
            result = check_token(text, event_code=code, public_key=public_key)
            assert result.status is TokenStatus.VALID, text
            assert result.token is not None
            found.append((result.token.serial, result.token.version))
    return found


def _mm(points: float) -> float:
    return round(points / 72 * 25.4, 1)


def page_sizes_mm(pdf: Path) -> list[tuple[float, float]]:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [(_mm(page.get_size()[0]), _mm(page.get_size()[1])) for page in document]
    finally:
        document.close()


def printed_sizes_mm(pdf: Path) -> list[tuple[float, float]]:
    """The size each page's picture was printed at, in mm: what a ruler would measure on paper.

    Qt's PDF writer rounds the page box to whole points (A6 becomes 148.2 × 104.8 mm), a real
    printer is told the exact size; the printed picture itself keeps the badge's size.
    """
    document = pypdfium2.PdfDocument(pdf)
    try:
        sizes = []
        for page in document:
            (image,) = [
                o for o in page.get_objects(max_depth=3) if o.type == pypdfium2.raw.FPDF_PAGEOBJ_IMAGE
            ]
            left, bottom, right, top = image.get_bounds()
            sizes.append((_mm(right - left), _mm(top - bottom)))
        return sizes
    finally:
        document.close()
