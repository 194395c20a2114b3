"""The lead list an exhibitor takes home, as a tidy A4 landscape table.

Set in the bundled fonts (embedded), so names such as Ødegård, Σοφία or Nguyễn print the same
on any printer. The page head names the company and the event; the table header repeats on
every page. A row names the person only when the rule of `domain.sharing` lets the company
see them (a meeting partner, or someone who agreed to share); contact details only with
consent. Other rows say the details were not shared.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, Table

from eventdesk.exports.list_pdf import list_document, list_table_style, page_footer
from eventdesk.exports.pdf_common import BOLD, FONT
from eventdesk.i18n import _, ngettext

MUTED = colors.HexColor("#5f6b76")
MIN_FIT_SIZE = 6.0
RATING_COLOURS = {"hot": "#b3261e", "warm": "#b26a00", "cold": "#1f4e79"}


@dataclass(frozen=True)
class LeadLine:
    """One row as printed; contact fields are empty when the person did not agree to share."""

    shared: bool
    name: str
    organisation: str
    job_title: str
    email: str
    phone: str
    rating: str
    rating_label: str
    notes: str
    tags: Sequence[str]
    captured_at: datetime
    source: str
    staff: str
    visits: int = 1


def write_leads_pdf(
    *,
    path: Path,
    company_name: str,
    event_name: str,
    event_when: str,
    made_at: datetime,
    lines: Sequence[LeadLine],
    not_shared_label: str,
) -> None:
    pdf = list_document(
        path,
        page_size=landscape(A4),
        margin=12 * mm,
        bottom_margin=15 * mm,
        title=f"Leads — {company_name} — {event_name}",
    )
    cell = ParagraphStyle("cell", fontName=FONT, fontSize=8.5, leading=10.5)
    small = ParagraphStyle("small", parent=cell, fontSize=7.5, leading=9.5, textColor=MUTED)
    name_style = ParagraphStyle("name", parent=cell, fontName=BOLD)
    muted = ParagraphStyle("muted", parent=cell, textColor=MUTED)
    head = ParagraphStyle("head", parent=cell, fontName=BOLD, textColor=colors.white)
    title = ParagraphStyle("title", fontName=BOLD, fontSize=16, leading=20, spaceAfter=1 * mm)
    sub = ParagraphStyle("sub", fontName=FONT, fontSize=9.5, leading=13, spaceAfter=4 * mm, textColor=MUTED)

    def text(value: str) -> str:
        return escape(value).replace("\n", "<br/>")

    def p(value: str, style: ParagraphStyle = cell) -> Paragraph:
        return Paragraph(text(value), style)

    def person(line: LeadLine) -> list[Paragraph]:
        if not line.name:
            return [p(not_shared_label, small)]
        cells = [p(line.name, name_style)]
        cells += [p(part, small) for part in (line.job_title, line.organisation) if part]
        return cells

    def fitted(value: str, width: float) -> Paragraph:
        """An e-mail address on one line: broken in the middle it is easy to misread or mistype."""
        room = width - 12  # the cell's left and right padding
        natural = stringWidth(value, FONT, cell.fontSize)
        size = max(MIN_FIT_SIZE, cell.fontSize * min(1.0, room / natural)) if natural else cell.fontSize
        return Paragraph(text(value), ParagraphStyle("fitted", parent=cell, fontSize=size))

    def contact(line: LeadLine) -> list[Paragraph]:
        if not line.shared and line.name:
            return [p(_("not shared"), small)]
        cells = [fitted(line.email, widths[2])] if line.email else []
        return cells + ([p(line.phone)] if line.phone else [])

    def rating(line: LeadLine) -> Paragraph:
        colour = RATING_COLOURS.get(line.rating)
        if colour is None:
            return p(line.rating_label)
        return Paragraph(f'<font color="{colour}"><b>{text(line.rating_label)}</b></font>', cell)

    widths = [8 * mm, 50 * mm, 60 * mm, 17 * mm, 63 * mm, 30 * mm, 43 * mm]  # 271 of 273 mm
    headers = ("#", "Person", "Contact", "Rating", "Notes", "Tags", "Captured")
    rows: list[list[object]] = [[p(h, head) for h in headers]]
    for n, line in enumerate(lines, start=1):
        how = line.source.capitalize() + (f" ×{line.visits}" if line.visits > 1 else "")
        how += f" · {line.staff}" if line.staff else ""
        rows.append(
            [
                p(str(n), small),
                person(line),
                contact(line),
                rating(line),
                p(line.notes),
                p(", ".join(line.tags)),
                [p(f"{line.captured_at:%d %b %H:%M}"), p(how, small)],
            ]
        )
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        list_table_style(
            ("TOPPADDING", (0, 1), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 1), (-1, -1), 4),
            ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#d5dde5")),
        )
    )
    stamp = f"{made_at:%d %b %Y %H:%M}"
    shared = sum(1 for line in lines if line.shared)
    footer = page_footer(
        f"{company_name} — leads at {event_name}, as of {stamp}. Contact details only of people "
        "who agreed to share them with exhibitors.",
        y=8 * mm,
        size=7.5,
        colour=MUTED,
    )

    summary = " · ".join(
        (
            event_name,
            event_when,
            ngettext("{n} lead", "{n} leads", len(lines)),
            _("{n} with contact details", n=shared),
            _("as of {stamp}", stamp=stamp),
        )
    )
    story = [p(f"Leads — {company_name}", title), p(summary, sub), table]
    if not lines:
        story.append(p("No leads yet.", ParagraphStyle("none", parent=muted, spaceBefore=3 * mm)))
    pdf.build(story, onFirstPage=footer, onLaterPages=footer)
