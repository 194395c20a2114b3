"""One badge as a PNG, for the settings dialog's live preview.

The preview is the real PDF rendered by PDFium (the engine Chrome uses), not a second
drawing of the badge in Qt: what the person sees is exactly what will print.
"""

from __future__ import annotations

import dataclasses
import io

import pypdfium2

from eventdesk.exports.badges.batch import SigningEvent, pdf_bytes
from eventdesk.exports.badges.layouts import get_layout
from eventdesk.exports.badges.options import BadgeOptions
from eventdesk.exports.badges.render import BadgeData


def render_badge_png(
    *, badge: BadgeData, event: SigningEvent, options: BadgeOptions, dpi: float = 110
) -> bytes:
    """The badge alone as PNG: on a sheet layout, just its slot; on a fold-over, just the front."""
    sheet = get_layout(options.layout)
    single = dataclasses.replace(
        sheet, page_mm=sheet.badge_mm, columns=1, rows=1, gap_mm=(0.0, 0.0), fold_over=False, crop_marks=False
    )
    data = pdf_bytes(badges=[badge], event=event, options=options, processes=1, layout=single)
    document = pypdfium2.PdfDocument(data)
    try:
        image = document[0].render(scale=dpi / 72).to_pil()
    finally:
        document.close()
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
