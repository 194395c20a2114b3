"""The verdict of the last scan, big enough to read from a step away, in a colour that needs no reading.

Painted by hand rather than from labels in a layout: a layout of five labels re-measures
and re-lays itself out on every scan, and the desk's promise is a verdict on screen within
a few milliseconds of the Enter key. The panel scales its type to its own size, so the
same widget fills the check-in screen and the full-screen kiosk.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from eventdesk.ui.verdict_looks import LOOKS


@dataclass(frozen=True)
class PanelText:
    """What the panel shows: a headline and up to three lines under it, and a footnote."""

    look: str
    headline: str
    name: str = ""
    detail: str = ""
    reason: str = ""
    footnote: str = ""
    second: str = ""
    """The verdict again in the attendee-facing language, when the desk has one set."""


class VerdictPanel(QWidget):
    """A coloured panel with a headline, a name, a detail line, a reason and a footnote."""

    painted = Signal()
    """A paint has finished: the verdict is on screen (the benchmark and tests wait for it)."""

    def __init__(self, parent: QWidget | None = None, *, scale: float = 1.0) -> None:
        super().__init__(parent)
        self.setObjectName("verdictPanel")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(200)
        self._scale = scale
        self._text = PanelText("idle", "")
        self.paint_count = 0

    @property
    def text(self) -> PanelText:
        return self._text

    @property
    def look(self) -> str:
        return self._text.look

    def show_text(self, text: PanelText, *, now: bool = True) -> None:
        """Show `text`; with `now` the panel paints before this returns (not at the next loop)."""
        self._text = text
        parts = [text.headline, text.name, text.detail, text.reason, text.second]
        self.setAccessibleName(" — ".join(part for part in parts if part))
        if now and self.isVisible():
            self.repaint()
        else:
            self.update()

    # -- painting -----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        text = self._text
        look = LOOKS[text.look]
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.fillRect(self.rect(), QColor(self.palette().window().color()))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(look.background))
        painter.drawRoundedRect(QRectF(self.rect()), 14, 14)
        painter.setPen(QColor(look.foreground))

        area = self.rect().adjusted(28, 18, -28, -14)
        height = area.height()
        unit = max(9.0, min(height / 11.0, area.width() / 26.0)) * self._scale
        # Headline and name on one line each (shrunk to fit); detail and reason may wrap.
        lines: list[tuple[str, float, bool, bool]] = [(text.headline, unit * 2.3, True, False)]
        if text.name:
            lines.append((text.name, unit * 1.5, True, False))
        if text.detail:
            lines.append((text.detail, unit * 0.95, False, True))
        if text.reason:
            lines.append((text.reason, unit * 0.95, False, True))
        if text.second:
            # Smaller than the desk's own lines: it is read by the person in front of the desk,
            # a step closer, and must leave room for the footnote.
            lines.append((text.second, unit * 0.8, True, True))
        blocks = [self._block(line, size, bold, wrap, area.width()) for line, size, bold, wrap in lines]
        footnote_font = self._font(unit * 0.7, False)
        footnote_height = QFontMetrics(footnote_font).height() if text.footnote else 0
        gap = unit * 0.4
        total = sum(block_height for _, _, block_height in blocks) + gap * (len(blocks) - 1)
        y = area.top() + max(0.0, (height - footnote_height - total) / 2)
        flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap
        for shown, font, block_height in blocks:
            painter.setFont(font)
            painter.drawText(QRect(area.left(), round(y), area.width(), block_height), flags, shown)
            y += block_height + gap
        if text.footnote:
            painter.setFont(footnote_font)
            colour = QColor(look.foreground)
            colour.setAlphaF(0.8)
            painter.setPen(colour)
            box = QRect(area.left(), area.bottom() - footnote_height, area.width(), footnote_height)
            painter.drawText(box, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, text.footnote)
        painter.end()
        self.paint_count += 1
        self.painted.emit()

    def _font(self, pixels: float, bold: bool) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(max(9, round(pixels)))
        font.setBold(bold)
        return font

    def _block(self, line: str, pixels: float, bold: bool, wrap: bool, width: int) -> tuple[str, QFont, int]:
        """The text as it will be drawn, its font and its height.

        A long name (a 60-letter double-barrelled one) shrinks before it is elided; a long
        reason wraps onto a second line, and shrinks only if it needs more than two.
        """
        font = self._font(pixels, bold)
        metrics = QFontMetrics(font)
        if wrap:
            for size in (pixels, pixels * 0.85, pixels * 0.72):
                font = self._font(size, bold)
                metrics = QFontMetrics(font)
                box = metrics.boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, line)
                if box.height() <= 2 * metrics.lineSpacing() + 2:
                    break
            return line, font, box.height()
        wanted = metrics.horizontalAdvance(line)
        if wanted > width:
            font = self._font(max(pixels * 0.6, pixels * width / wanted), bold)
            metrics = QFontMetrics(font)
        return metrics.elidedText(line, Qt.TextElideMode.ElideRight, width), font, metrics.height()
