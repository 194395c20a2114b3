"""Drawing one badge: where each part goes, and how long names are made to fit.

The geometry is worked out once per layout (`BadgeGeometry`); what is the same on every
badge — the event header with its logo, and one role band per ticket type — is drawn once
into PDF form XObjects and only referenced per badge. That keeps a page near 2 KB and the
batch fast. Names shrink down to a floor, then wrap onto two lines, then (only for names no
badge could hold) shrink further: a name is never clipped.
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass, field

from PIL import Image, UnidentifiedImageError
from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from eventdesk.domain.enums import TicketType
from eventdesk.exports.badges.errors import BadgeError
from eventdesk.exports.badges.layouts import BadgeLayout
from eventdesk.exports.badges.options import BadgeOptions
from eventdesk.exports.badges.qr import QUIET_ZONE, QrPath, symbol_size
from eventdesk.exports.fonts import FontChain, SetText, bold, regular
from eventdesk.i18n import using_language

LINE_PITCH = 1.2  # line height as a multiple of the font size
ASCENT = 0.98  # top of Vietnamese stacked capitals above the baseline, in ems (Noto Sans)
DESCENT = 0.26
MIN_READABLE_PT = 5.0
MIN_FIELD_PT = 6.5  # below this a field wraps onto two lines rather than shrink further


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def top(self) -> float:
        return self.y + self.h


@dataclass(frozen=True)
class BadgeGeometry:
    """Where each part of a badge goes, in points from the badge's lower-left corner."""

    width: float
    height: float
    margin: float
    header: Box | None
    band: Box | None
    qr: Box
    text: Box
    portrait: bool

    def module_size(self, version: int) -> float:
        """QR module edge in points for a symbol of `version` in this badge."""
        return self.qr.w / (symbol_size(version) + 2 * QUIET_ZONE)


def badge_geometry(layout: BadgeLayout, options: BadgeOptions) -> BadgeGeometry:
    w, h = layout.width, layout.height
    portrait = h >= 1.15 * w
    margin = max(3 * mm, 0.045 * min(w, h))
    gap = max(1.5 * mm, 0.02 * h)
    has_header = options.show_event_name or options.show_logo
    header_h = (0.085 if portrait else 0.13) * h if has_header else 0.0
    band_h = (0.11 if portrait else 0.15) * h if options.show_role_band else 0.0
    header = Box(margin, h - margin - header_h, w - 2 * margin, header_h) if has_header else None
    # The band stays inside the margin: office and card printers cannot print to the edge.
    band = Box(margin, margin, w - 2 * margin, band_h) if options.show_role_band else None
    low = margin + band_h + (gap if band else 0.0)
    high = h - margin - header_h - (gap if header else 0.0)
    if portrait:
        side = min(w - 2 * margin, 0.36 * h)
        qr = Box((w - side) / 2, low, side, side)
        text = Box(margin, qr.top + gap, w - 2 * margin, high - qr.top - gap)
    else:
        side = min(high - low, 0.48 * (w - 2 * margin))
        qr = Box(w - margin - side, low + (high - low - side) / 2, side, side)
        text = Box(margin, low, qr.x - gap - margin, high - low)
    return BadgeGeometry(w, h, margin, header, band, qr, text, portrait)


@dataclass(frozen=True)
class BadgeData:
    """What one badge shows: no token here — the batch signs it where the QR is made."""

    attendee_id: int
    version: int
    given_name: str
    family_name: str
    organisation: str
    ticket_type: str
    language: str = ""
    """The language of the printed texts (the ticket-type band): the attendee's, else the event's."""


@dataclass
class BadgeNotes:
    """What a person should know about one printed badge (for the batch report)."""

    attendee_id: int
    messages: list[str] = field(default_factory=list)


def role_label(ticket_type: str) -> str:
    try:
        return TicketType(ticket_type).label
    except ValueError:
        return ticket_type.replace("_", " ").strip().capitalize() or "Guest"


HYPHEN_BREAK_PENALTY = 1.1  # a break after a hyphen must be this much better than one at a space


def _split_two(text: str, chain: FontChain) -> tuple[str, str]:
    """Two lines as even in width as can be, broken at a space or after a hyphen, else anywhere."""

    def cost(i: int) -> float:
        widest = max(chain.set(text[:i].rstrip()).width(1), chain.set(text[i:].lstrip()).width(1))
        return widest * (1.0 if text[i - 1] == " " else HYPHEN_BREAK_PENALTY)

    candidates = [i + 1 for i, ch in enumerate(text) if ch in " -\u2010" and 0 < i < len(text) - 1]
    if candidates:
        best = min(candidates, key=cost)
        return text[:best].rstrip(), text[best:].lstrip()
    middle = (len(text) + 1) // 2
    return text[:middle] + "-", text[middle:]


@dataclass(frozen=True)
class FittedText:
    lines: tuple[SetText, ...]
    size: float

    @property
    def height(self) -> float:
        return len(self.lines) * self.size * LINE_PITCH


def fit_text(text: str, chain: FontChain, *, preferred: float, floor: float, width: float) -> FittedText:
    """The largest size ≤ preferred on one line down to `floor`; then two lines; never clipped."""
    one = chain.set(text)
    at_preferred = one.width(preferred)
    size = preferred if at_preferred <= width else preferred * width / at_preferred
    if size >= floor or len(text) < 4:
        return FittedText((one,), size)
    first, second = (chain.set(part) for part in _split_two(text, chain))
    widest = max(first.width(preferred), second.width(preferred))
    size = preferred if widest <= width else preferred * width / widest
    return FittedText((first, second), size)


def _contrasting_text(background: str) -> str:
    """Black or white, whichever reads better on the band (WCAG relative luminance)."""
    colour = HexColor(background)

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * channel(colour.red) + 0.7152 * channel(colour.green) + 0.0722 * channel(colour.blue)
    return "#000000" if (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05) else "#FFFFFF"


def load_logo(data: bytes, where: str) -> ImageReader:
    """An image reportlab can embed, or a BadgeError that says which logo is not an image."""
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        return ImageReader(io.BytesIO(data))
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise BadgeError(f"The logo {where} is not an image eventdesk can print (use PNG or JPEG).") from exc


def draw_set_text(canvas: Canvas, text: SetText, x: float, y: float, size: float) -> None:
    obj = canvas.beginText(x, y)
    for font, chunk in text.runs:
        obj.setFont(font, size)
        obj.textOut(chunk)
    canvas.drawText(obj)


class BadgeRenderer:
    """Draws badges of one layout and one set of options onto one reportlab canvas."""

    def __init__(
        self,
        *,
        layout: BadgeLayout,
        options: BadgeOptions,
        event_name: str,
        logo: ImageReader | None,
    ) -> None:
        self.layout = layout
        self.options = options
        self.event_name = event_name
        self.logo = logo if options.show_logo else None
        self.geometry = badge_geometry(layout, options)
        g = self.geometry
        base = min(g.width, g.height)
        self.given_pt = options.given_name_pt or (0.15 if g.portrait else 0.13) * base
        self.family_pt = options.family_name_pt or 0.62 * self.given_pt
        self.organisation_pt = options.organisation_pt or 0.42 * self.given_pt
        self.floor_pt = options.min_name_pt or max(MIN_READABLE_PT + 2, 0.6 * self.given_pt)
        self.text_colour = HexColor(options.text_colour)
        self._forms: set[str] = set()
        self._canvas: Canvas | None = None

    # -- parts shared by every badge: drawn once per document as form XObjects ------------

    def _ensure_forms(
        self, canvas: Canvas, ticket_type: str, language: str = ""
    ) -> tuple[str | None, str | None]:
        if canvas is not self._canvas:
            self._canvas, self._forms = canvas, set()
        header = "badgeHeader" if self.geometry.header else None
        if header and header not in self._forms:
            canvas.beginForm(header)
            self._draw_header(canvas)
            canvas.endForm()
            self._forms.add(header)
        band = None
        if self.geometry.band:
            # One form per ticket type and language: a batch may mix Danish and Dutch badges.
            band = "badgeBand_" + "".join(ch if ch.isalnum() else "_" for ch in f"{ticket_type}_{language}")
            if band not in self._forms:
                canvas.beginForm(band)
                with using_language(language or None):
                    self._draw_band(canvas, ticket_type)
                canvas.endForm()
                self._forms.add(band)
        return header, band

    def _draw_header(self, canvas: Canvas) -> None:
        box = self.geometry.header
        assert box is not None
        x = box.x
        if self.logo is not None:
            iw, ih = self.logo.getSize()
            scale = min(box.h / ih, (box.w * 0.35) / iw)
            lw, lh = iw * scale, ih * scale
            canvas.drawImage(self.logo, x, box.y + (box.h - lh) / 2, lw, lh, mask="auto")
            x += lw + 2 * mm
        if self.options.show_event_name and self.event_name:
            width = box.x + box.w - x
            preferred = self.options.event_name_pt or 0.45 * box.h
            fitted = fit_text(self.event_name, regular(), preferred=preferred, floor=0.3 * box.h, width=width)
            fitted = _shrink_to_height(fitted, box.h)
            canvas.setFillColor(self.text_colour)
            self._draw_block(canvas, [fitted], Box(x, box.y, width, box.h), centred=self.logo is None)

    def _draw_band(self, canvas: Canvas, ticket_type: str) -> None:
        box = self.geometry.band
        assert box is not None
        colour = self.options.band_colour(ticket_type)
        canvas.setFillColor(HexColor(colour))
        canvas.roundRect(box.x, box.y, box.w, box.h, radius=min(2 * mm, box.h / 4), stroke=0, fill=1)
        label = role_label(ticket_type).upper()
        fitted = fit_text(label, bold(), preferred=0.5 * box.h, floor=0.25 * box.h, width=box.w - 4 * mm)
        fitted = _shrink_to_height(fitted, box.h * 0.9)
        canvas.setFillColor(HexColor(_contrasting_text(colour)))
        self._draw_block(canvas, [fitted], box, centred=True)

    # -- per badge ---------------------------------------------------------------------------

    def _draw_block(self, canvas: Canvas, parts: list[FittedText], box: Box, *, centred: bool) -> None:
        """Lines of text stacked and centred vertically in `box`; each line centred or left-aligned."""
        top = box.y + (box.h + sum(part.height for part in parts)) / 2
        for part in parts:
            pitch = part.size * LINE_PITCH
            drop = (pitch - (ASCENT + DESCENT) * part.size) / 2 + ASCENT * part.size
            for line in part.lines:
                x = box.x + (box.w - line.width(part.size)) / 2 if centred else box.x
                draw_set_text(canvas, line, x, top - drop, part.size)
                top -= pitch

    def text_parts(self, badge: BadgeData, notes: BadgeNotes) -> list[FittedText]:
        box = self.geometry.text
        given = unicodedata.normalize("NFC", badge.given_name.strip())
        family = unicodedata.normalize("NFC", badge.family_name.strip())
        organisation = unicodedata.normalize("NFC", badge.organisation.strip())
        show_family = self.options.show_family_name
        show_org = self.options.show_organisation
        if not given and not (show_family and family):
            # Nobody to name: the organisation takes the name's place (and is not repeated).
            notes.messages.append(
                "No name: the badge shows the organisation instead."
                if organisation
                else "No name and no organisation: the badge shows only the role and the code."
            )
            given, family, show_org = organisation, "", False
        wanted: list[tuple[str, FontChain, float]] = []
        if given:
            wanted.append((given, bold(), self.given_pt))
        if show_family and family:
            wanted.append((family, regular(), self.family_pt))
        if show_org and organisation:
            wanted.append((organisation, regular(), self.organisation_pt))
        parts = []
        for text, chain, preferred in wanted:
            floor = min(preferred, max(MIN_FIELD_PT, self.floor_pt * preferred / self.given_pt))
            parts.append(fit_text(text, chain, preferred=preferred, floor=floor, width=box.w))
        missing = sorted({ch for part in parts for line in part.lines for ch in line.missing})
        if missing:
            shown = " ".join(f"{ch} (U+{ord(ch):04X})" for ch in missing)
            notes.messages.append(f"Cannot print {shown}: no bundled font has it; printed as '?'.")
        return _fit_block_height(parts, box.h)

    def draw(
        self, canvas: Canvas, badge: BadgeData, qr: QrPath, x: float, y: float, upside_down: bool
    ) -> BadgeNotes:
        """Draw one badge with its lower-left corner at (x, y) of the page."""
        notes = BadgeNotes(badge.attendee_id)
        header, band = self._ensure_forms(canvas, badge.ticket_type, badge.language)
        g = self.geometry
        canvas.saveState()
        if upside_down:
            canvas.translate(x + g.width, y + g.height)
            canvas.rotate(180)
        else:
            canvas.translate(x, y)
        if header:
            canvas.doForm(header)
        if band:
            canvas.doForm(band)
        canvas.setFillColor(self.text_colour)
        parts = self.text_parts(badge, notes)
        if parts:
            self._draw_block(canvas, parts, g.text, centred=g.portrait)
        canvas.addLiteral(qr.placed(g.qr.x, g.qr.y, g.qr.w))
        canvas.restoreState()
        return notes


def _shrink_to_height(part: FittedText, height: float) -> FittedText:
    if part.height <= height:
        return part
    return FittedText(part.lines, part.size * height / part.height)


def _fit_block_height(parts: list[FittedText], height: float) -> list[FittedText]:
    """Scale every line down together if the stack is taller than its box (never clip)."""
    total = sum(part.height for part in parts)
    if total <= height or total == 0:
        return parts
    scale = height / total
    return [FittedText(part.lines, part.size * scale) for part in parts]
