"""The desk's controller: one `CheckInDesk` for the open event, shared by the screen and the kiosk.

Scans are judged on the GUI thread on purpose. The core commits the scan before it
returns (a few milliseconds, most of it the disk's fsync), and the verdict must be on
screen right after; a worker thread would add a hop each way and let two quick scans
overtake each other. Anything slower than the verdict (sounds, the counter, the last ten
scans, printing) happens after the panel has painted.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

from eventdesk.domain.changes import Changes, Entity
from eventdesk.domain.enums import ScanVerdict
from eventdesk.domain.errors import EventdeskError
from eventdesk.services.door.checkin import CheckInDesk, Verdict
from eventdesk.settings import DESK_NAME, PRINT_ON_ADMIT
from eventdesk.ui.context import EventContext
from eventdesk.ui.printing import PrintJob, print_badges_now
from eventdesk.ui.sounds import VerdictSounds
from eventdesk.ui.verdict_looks import headline_of, look_of
from eventdesk.ui.widgets.verdict_panel import PanelText

# After a scan, other screens are told a little later and once for a quick run of scans.
NOTIFY_DELAY_MS = 120


class DeskController(QObject):
    """Turns scans, name choices and undos into verdicts for whoever shows them."""

    verdict_ready = Signal(object)
    """A `Verdict`, emitted the moment the scan is stored."""
    failed = Signal(str)
    """A scan could not be stored (disk full, database gone): say so and let them scan again."""
    print_failed = Signal(str)
    """A badge printed on admission did not print (no printer, paper out): a quiet line, not a box."""

    def __init__(self, context: EventContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._desk: CheckInDesk | None = None
        self.sounds = VerdictSounds(context.settings, self)
        self.kiosk_open = False
        """The kiosk prints every admitted person's badge, whatever the desk's option says."""
        self.print_parent: QWidget | None = None
        self.printer: QPrinter | None = None
        """A printer to use instead of the remembered one (a PDF printer in tests)."""
        self.print_jobs: list[PrintJob] = []
        self._notify_timer = QTimer(self)
        self._notify_timer.setSingleShot(True)
        self._notify_timer.timeout.connect(self._notify)
        context.document_changed.connect(self._forget_desk)
        context.changed.connect(self._on_changes)

    # -- the desk -----------------------------------------------------------------------------

    @property
    def desk_name(self) -> str:
        return str(self.context.settings.get(DESK_NAME)).strip() or DESK_NAME.default

    def set_desk_name(self, name: str) -> str:
        """Rename this desk (kept in the machine's settings); returns the name in use."""
        name = " ".join(name.split())
        if name and name != self.desk_name:
            self.context.settings.set(DESK_NAME, name)
            self._desk = None
        return self.desk_name

    @property
    def desk(self) -> CheckInDesk:
        link = self.context.desk_sync
        if link is not None and link.active:
            # A desk replica: the hub decides while it answers in time (same interface).
            return link.door()  # type: ignore[return-value]
        if self._desk is None or self._desk.doc is not self.context.document:
            self._desk = CheckInDesk(doc=self.context.require_document(), desk=self.desk_name)
        return self._desk

    def _forget_desk(self) -> None:
        self._desk = None

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches(Entity.EVENT) and self._desk is not None:
            self._desk.reload_rules()

    # -- the three ways in, and the way back ----------------------------------------------------

    def scan(self, text: str, *, device_time: datetime | None = None) -> Verdict | None:
        return self._run(lambda: self.desk.scan(text, device_time=device_time))

    def admit(self, attendee_id: int, *, how: str = "name search") -> Verdict | None:
        return self._run(lambda: self.desk.admit(attendee_id, how=how))

    def undo(self, attendee_id: int, *, reason: str) -> Verdict:
        """Raises `EventdeskError` (no reason, not checked in) for the dialog to show."""
        verdict = self.desk.undo(attendee_id, reason=reason)
        self._announce(verdict)
        return verdict

    def _run(self, judge: Callable[[], Verdict]) -> Verdict | None:
        try:
            verdict = judge()
        except EventdeskError as error:
            self.failed.emit(str(error))
            return None
        except Exception as error:  # the database went away mid-shift: keep the desk alive
            print(f"eventdesk: a scan could not be stored:\n{traceback.format_exc()}", file=sys.stderr)
            self.failed.emit(
                self.tr("The scan could not be stored ({error}); scan again.").format(error=error)
            )
            return None
        self._announce(verdict)
        return verdict

    def _announce(self, verdict: Verdict) -> None:
        # Whoever shows verdicts paints in this emit; everything else comes after.
        self.verdict_ready.emit(verdict)
        self.sounds.play(look_of(verdict.verdict))
        if verdict.admitted and verdict.attendee_id is not None and self.prints_on_admit:
            self.print_badge(verdict.attendee_id)
        self._notify_timer.start(NOTIFY_DELAY_MS)

    @property
    def prints_on_admit(self) -> bool:
        return self.kiosk_open or bool(self.context.settings.get(PRINT_ON_ADMIT))

    def print_badge(self, attendee_id: int) -> PrintJob:
        """Straight to the remembered printer, no dialog: the queue does not wait for one."""
        job = print_badges_now(
            self.print_parent,
            self.context,
            [attendee_id],
            printer=self.printer,
            on_error=self.print_failed.emit,
        )
        self.print_jobs = [j for j in self.print_jobs if not j.outcome] + [job]
        return job

    def flush(self) -> None:
        """Tell the screens now what the last scans changed, instead of a moment later."""
        if self._notify_timer.isActive():
            self._notify_timer.stop()
            self._notify()

    def _notify(self) -> None:
        if self.context.has_document:
            self.context.notify(Changes.of(Entity.SCANS, summary="Scans at the door"))


def panel_text(verdict: Verdict) -> PanelText:
    """How the check-in screen words a verdict: who, from where, and why in plain words."""
    detail = " · ".join(part for part in (verdict.organisation, verdict.ticket_label) if part)
    reason = verdict.reason
    if verdict.verdict is ScanVerdict.ADMITTED and verdict.plain_welcome:
        reason = ""
    if verdict.verdict is ScanVerdict.UNDONE:
        reason = QCoreApplication.translate("DeskController", "Reason: {reason}").format(
            reason=verdict.reason
        )
    footnote_parts = [f"{verdict.scanned_at:%H:%M:%S}", verdict.desk]
    if verdict.matched_as:
        footnote_parts.append(verdict.matched_as)
    return PanelText(
        look=look_of(verdict.verdict),
        headline=headline_of(verdict.verdict),
        name=verdict.name,
        detail=detail,
        reason=reason,
        footnote="  ·  ".join(footnote_parts),
    )
