"""The fire marshal's list: everyone inside, on A4, readable in a hurry.

Names are set in the bundled fonts (embedded), so a list with Ødegård, Σοφία or Nguyễn prints
the same on any printer. Headers repeat on every page and each page says when it was made,
because a printed list is only as good as its time stamp.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Table

from eventdesk.exports.list_pdf import HEAD_COLOUR, list_document, list_table_style, page_footer
from eventdesk.exports.pdf_common import BOLD, FONT
from eventdesk.i18n import gettext, ngettext, using_language
from eventdesk.i18n.formats import format_time


@dataclass(frozen=True)
class InsideLine:
    name: str
    organisation: str
    ticket: str
    admitted_at: datetime
    desk: str


def write_people_inside_pdf(
    *,
    path: Path,
    event_name: str,
    made_at: datetime,
    lines: Sequence[InsideLine],
    language: str | None = None,
) -> None:
    """The list in `language` (the event's, from the service), else the current one."""
    with using_language(language):
        _write(path=path, event_name=event_name, made_at=made_at, lines=lines)


def _write(*, path: Path, event_name: str, made_at: datetime, lines: Sequence[InsideLine]) -> None:
    pdf = list_document(
        path,
        page_size=A4,
        margin=15 * mm,
        bottom_margin=18 * mm,
        title=gettext("People inside — {event}", event=event_name),
    )
    cell = ParagraphStyle("cell", fontName=FONT, fontSize=9, leading=11)
    head = ParagraphStyle("head", parent=cell, fontName=BOLD, textColor=colors.white)
    title = ParagraphStyle("title", fontName=BOLD, fontSize=15, leading=19, spaceAfter=2 * mm)
    sub = ParagraphStyle("sub", fontName=FONT, fontSize=9, leading=12, spaceAfter=4 * mm)

    def p(text: str, style: ParagraphStyle = cell) -> Paragraph:
        return Paragraph(escape(text), style)

    headers = (
        "#",
        gettext("Name"),
        gettext("Organisation"),
        gettext("Ticket"),
        gettext("In since"),
        gettext("Desk"),
    )
    rows = [[p(h, head) for h in headers]]
    rows += [
        [
            p(str(n)),
            p(line.name),
            p(line.organisation),
            p(line.ticket),
            p(format_time(line.admitted_at)),
            p(line.desk),
        ]
        for n, line in enumerate(lines, start=1)
    ]
    table = Table(rows, colWidths=[10 * mm, 52 * mm, 50 * mm, 26 * mm, 18 * mm, 24 * mm], repeatRows=1)
    table.setStyle(list_table_style(("LINEBELOW", (0, 0), (-1, 0), 0.6, HEAD_COLOUR)))
    footer = page_footer(
        gettext("{event} — people inside at {stamp}", event=event_name, stamp=made_at), y=10 * mm, size=8
    )

    story = [
        p(gettext("People inside — {event}", event=event_name), title),
        p(
            ngettext(
                "{n} person checked in and not checked out, as of {stamp}.",
                "{n} people checked in and not checked out, as of {stamp}.",
                len(lines),
                stamp=made_at,
            ),
            sub,
        ),
        table,
    ]
    pdf.build(story, onFirstPage=footer, onLaterPages=footer)
