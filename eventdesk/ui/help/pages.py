"""What the guide says, as whole translatable sentences, one page per role.

Shortcuts are listed from `SHORTCUTS`, the same key strings the screens register, so the
guide cannot name a key the app does not have (a test checks each against the screens).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence


def _tr(text: str) -> str:
    return QCoreApplication.translate("UserGuide", text)


@dataclass(frozen=True)
class GuidePage:
    key: str
    title: str
    steps: tuple[str, ...]
    shortcuts: tuple[tuple[str, str], ...]

    def html(self) -> str:
        native = QKeySequence.SequenceFormat.NativeText
        rows = "".join(
            "<tr><td style='padding:2px 14px 2px 0'>"
            f"<b>{escape(QKeySequence(keys).toString(native))}</b></td><td>{escape(what)}</td></tr>"
            for keys, what in self.shortcuts
        )
        steps = "".join(f"<li style='margin-bottom:6px'>{escape(step)}</li>" for step in self.steps)
        return (
            f"<h2>{escape(self.title)}</h2><ol>{steps}</ol>"
            f"<h3>{escape(_tr('Keyboard shortcuts'))}</h3><table>{rows}</table>"
        )


def guide_pages() -> tuple[GuidePage, ...]:
    everywhere = (
        ("F1", _tr("This guide")),
        ("Ctrl+O", _tr("Open an event")),
        ("Ctrl+1", _tr("Go to the Dashboard (Ctrl+2 … Ctrl+7: the other screens, in menu order)")),
        ("Ctrl+Z", _tr("Undo the last change")),
        ("Ctrl+Shift+Z", _tr("Redo")),
    )
    desk = GuidePage(
        "desk",
        _tr("At the check-in desk"),
        (
            _tr("Open the event the organiser gave you, then choose Check-in (Ctrl+5)."),
            _tr("Give your desk a name at the top, so every scan says where it was made."),
            _tr(
                "Scan a badge or an e-ticket with the USB scanner: the screen turns green for "
                "admitted, amber for already checked in, red for anything else, with the reason."
            ),
            _tr(
                "Someone without a badge: type part of their name, choose them with the arrow keys "
                "and press Enter to check them in."
            ),
            _tr(
                "Someone not registered: New attendee (Ctrl+Shift+N). Tick the consent box with "
                "Space if they agree to share their e-mail and phone with exhibitors."
            ),
            _tr("A scan by mistake: select it in the list of last scans (Ctrl+L) and undo it (Ctrl+U)."),
            _tr("Kiosk mode (Ctrl+K) lets visitors scan themselves; leaving it needs the staff PIN."),
        ),
        (
            ("Ctrl+F", _tr("Find by name")),
            ("Ctrl+L", _tr("The list of last scans")),
            ("Ctrl+U", _tr("Undo the selected check-in, with a reason")),
            ("Ctrl+Shift+N", _tr("New attendee at the desk")),
            ("Ctrl+K", _tr("Kiosk mode")),
            ("Ctrl+Shift+E", _tr("Who is inside (for the fire marshal)")),
            ("Esc", _tr("Clear the name search, or close a dialog")),
            *everywhere,
        ),
    )
    organiser = GuidePage(
        "organiser",
        _tr("For the organiser"),
        (
            _tr("Create the event (Ctrl+N) or try the demo event from the welcome screen."),
            _tr(
                "Import attendees and companies from File › Import, or drop the file on the window; "
                "every row that is skipped is reported with its line and the reason."
            ),
            _tr("Print badges on the Badges screen; the printer is remembered for each layout."),
            _tr(
                "Matchmaking: set the day up, generate the schedule, then move meetings in the grid "
                "by drag and drop; print personal schedules and company lists."
            ),
            _tr(
                "People who take part in matchmaking agree that the companies they meet see their "
                "name and profile; only people who agreed to share contact details are given to "
                "exhibitors with their e-mail and phone."
            ),
            _tr(
                "Several desks: File › Host this event for other desks, and let each desk join with the code."
            ),
            _tr("Save a copy (Ctrl+Shift+S) at any time, even while desks are scanning."),
        ),
        (
            ("Ctrl+N", _tr("New event")),
            ("Ctrl+Shift+S", _tr("Save a copy of the event")),
            ("Ctrl+F", _tr("Search the list on the screen")),
            *everywhere,
        ),
    )
    exhibitor = GuidePage(
        "exhibitor",
        _tr("At an exhibitor's booth"),
        (
            _tr("Open the exhibitor kit the organiser sent you, or the event itself, and choose Leads."),
            _tr("Choose your company and who is scanning at the top of the screen."),
            _tr(
                "Scan a visitor's badge: they become a lead. Rate them, type notes and press "
                "Ctrl+Enter to save; the next scan is ready at once."
            ),
            _tr(
                "E-mail and phone are shown only for visitors who agreed to share them; everyone "
                "else is listed by name and profile."
            ),
            _tr("Export your leads as CSV, XLSX or PDF (Ctrl+Shift+E)."),
        ),
        (
            ("Ctrl+Return", _tr("Save the lead being edited")),
            ("Esc", _tr("Drop what was typed for this lead")),
            ("Ctrl+F", _tr("Search the leads")),
            ("Ctrl+L", _tr("The list of leads")),
            ("Ctrl+Shift+E", _tr("Export the leads")),
            *everywhere,
        ),
    )
    return desk, organiser, exhibitor
