"""How each door verdict looks and what its headline says, wherever a verdict is shown.

The verdict panel, the list of recent scans and the kiosk all colour and name a verdict the
same way; kept out of the panel's module so a list model can use it without the widget.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from eventdesk.domain.enums import ScanVerdict


@dataclass(frozen=True)
class VerdictLook:
    background: str
    foreground: str


LOOKS = {
    "idle": VerdictLook("#eef2f5", "#37474f"),
    "admitted": VerdictLook("#15803d", "#ffffff"),
    "already": VerdictLook("#f59e0b", "#241600"),
    "refused": VerdictLook("#b91c1c", "#ffffff"),
    "undone": VerdictLook("#475569", "#ffffff"),
}


def look_of(verdict: ScanVerdict) -> str:
    """Green for in, amber for "already in", grey for an undo, red for every refusal."""
    if verdict is ScanVerdict.ADMITTED:
        return "admitted"
    if verdict is ScanVerdict.ALREADY_ADMITTED:
        return "already"
    if verdict is ScanVerdict.UNDONE:
        return "undone"
    return "refused"


def _tr(text: str) -> str:
    return QCoreApplication.translate("VerdictPanel", text)


def headline_of(verdict: ScanVerdict) -> str:
    headlines = {
        ScanVerdict.ADMITTED: _tr("ADMITTED"),
        ScanVerdict.ALREADY_ADMITTED: _tr("ALREADY CHECKED IN"),
        ScanVerdict.UNKNOWN: _tr("UNKNOWN CODE"),
        ScanVerdict.FORGED: _tr("FORGED BADGE"),
        ScanVerdict.OTHER_EVENT: _tr("OTHER EVENT"),
        ScanVerdict.CANCELLED: _tr("TICKET CANCELLED"),
        ScanVerdict.REVOKED: _tr("BADGE REPLACED"),
        ScanVerdict.UNDONE: _tr("CHECK-IN UNDONE"),
    }
    return headlines[verdict]
