"""The desk's controller: one `CheckInDesk` for the open event, shared by the screen and the
kiosk.

On a local event file scans are judged on the GUI thread on purpose. The core commits the scan
before it returns (a few milliseconds, most of it the disk's fsync), and the verdict must be on
screen right after; a worker thread would add a hop each way. On a PostgreSQL event a scan is a
network call that may take seconds when the venue's network fails, so there every scan, name
admission and undo goes to the door line (`door_line.DoorLine`): one thread, first in first
out, the window painting and taking the next scan meanwhile; the verdict is shown when it
arrives. A desk replica's scans and name admissions go there too: its door asks the hub first
and may wait out the hub's budget (250 ms) before deciding on its own, which the window must
not spend frozen; its undo is local and stays on the GUI thread. A scan the server does not
answer for is kept for later (`ServerDesk`) and sent by itself once the server answers again.
Anything slower than the verdict (sounds, the counter, the last ten scans, printing) happens
after the panel has painted.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

from eventdesk.domain.changes import Changes, Entity
from eventdesk.domain.enums import ScanVerdict
from eventdesk.domain.errors import EventdeskError
from eventdesk.domain.event import utc_now
from eventdesk.i18n import current_language
from eventdesk.services.badges.overview import badge_status
from eventdesk.services.door.checkin import CheckInDesk, Verdict
from eventdesk.services.door.code_reader import matched_as_label
from eventdesk.services.door.server_desk import ScanKeptForLater, ServerDesk
from eventdesk.settings import DESK_NAME, PRINT_ON_ADMIT
from eventdesk.ui.context import EventContext
from eventdesk.ui.door_line import DoorLine
from eventdesk.ui.printing import PrintJob, print_badges_now
from eventdesk.ui.sounds import VerdictSounds
from eventdesk.ui.verdict_looks import headline_of, look_of
from eventdesk.ui.widgets.verdict_panel import PanelText

if TYPE_CHECKING:
    from eventdesk.sync.door import ReplicaDoor

# After a scan, other screens are told a little later and once for a quick run of scans.
NOTIFY_DELAY_MS = 120
# How often scans kept while the server did not answer are offered to it again.
RETRY_PENDING_MS = 5000


class DeskController(QObject):
    """Turns scans, name choices and undos into verdicts for whoever shows them."""

    verdict_ready = Signal(object)
    """A `Verdict`, emitted the moment the scan is stored."""
    failed = Signal(str)
    """A scan could not be stored (disk full, database gone): say so and let them scan again."""
    print_failed = Signal(str)
    """A badge printed on admission did not print (no printer, paper out): a quiet line, not a box."""
    kept = Signal(str)
    """The server did not answer: the scan is kept for later and nobody was admitted on it
    (the sentence to show under a "not recorded yet" headline)."""
    waiting_changed = Signal(int)
    """How many scans wait for the server (after a kept scan, a delivery, a retry)."""

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
        self.printing_for = ""
        """The scan id of the last verdict whose badge is being printed ("" when none)."""
        self._notify_timer = QTimer(self)
        self._notify_timer.setSingleShot(True)
        self._notify_timer.timeout.connect(self._notify)
        context.document_changed.connect(self._forget_desk)
        context.changed.connect(self._on_changes)
        self.line = DoorLine(self)
        self._door: tuple[object, str, ServerDesk] | None = None
        """The server desk, made and used on the door line only (its first use reads the server)."""
        self.waiting = 0
        self._retry_timer = QTimer(self)
        self._retry_timer.setInterval(RETRY_PENDING_MS)
        self._retry_timer.timeout.connect(self._retry_pending)
        self._retry_timer.start()

    # -- the desk -----------------------------------------------------------------------------

    @property
    def desk_name(self) -> str:
        link = self.context.desk_sync
        if link is not None and link.active:
            return str(link.sync.info.desk_name)  # a replica scans under the name it joined with
        return self.context.settings.desk_name()

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
        if not changes.touches(Entity.EVENT):
            return
        if self.on_server:
            self.line.submit(self._reload_server_rules)
        elif self._desk is not None:
            self._desk.reload_rules()

    @property
    def verdict_follows(self) -> bool:
        """Scans and name admissions are judged on the door line: `scan` and `admit` return
        None and the verdict comes through `verdict_ready` (a server event, a desk replica)."""
        return self.on_server or self._replica_door() is not None

    def _replica_door(self) -> ReplicaDoor | None:
        link = self.context.desk_sync
        return link.door() if link is not None and link.active else None

    @property
    def on_server(self) -> bool:
        """A PostgreSQL event: every decision goes over the network, so through the door line."""
        doc = self.context.document
        return doc is not None and not doc.is_sqlite

    def _server_desk(self, doc: object, name: str) -> ServerDesk:
        """On the door line only: the desk for this document and name, made on first use."""
        if self._door is None or self._door[0] is not doc or self._door[1] != name:
            self._door = (doc, name, ServerDesk(CheckInDesk(doc=doc, desk=name)))  # type: ignore[arg-type]
        return self._door[2]

    def _reload_server_rules(self) -> None:
        if self._door is not None:
            self._door[2].desk.reload_rules()

    def on_line(
        self,
        job: Callable[[], object],
        on_done: Callable[[object], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run `job` where the desk's own decisions run: the door line on a server event (so a
        slow network never holds the window), at once on a local file. Without `on_error` a
        failure is dropped (a read to be tried again at the next tick)."""
        dropped: Callable[[BaseException], None] = lambda _error: None  # noqa: E731
        if self.on_server:
            self.line.submit(job, on_done=on_done, on_error=on_error or dropped)
            return
        try:
            result = job()
        except Exception as error:
            (on_error or dropped)(error)
            return
        on_done(result)

    # -- the three ways in, and the way back ----------------------------------------------------

    def scan(self, text: str, *, device_time: datetime | None = None) -> Verdict | None:
        """The verdict on a local file; None on a server event, whose verdict comes later."""
        if self.on_server:
            at = device_time or utc_now()
            self._submit(lambda door: door.scan(text, device_time=at))
            return None
        replica = self._replica_door()
        if replica is not None:
            at = device_time or utc_now()
            self._judge_on_line(lambda: replica.scan(text, device_time=at))
            return None
        return self._run(lambda: self.desk.scan(text, device_time=device_time))

    def admit(
        self,
        attendee_id: int,
        *,
        how: str = "name search",
        on_verdict: Callable[[Verdict], None] | None = None,
    ) -> Verdict | None:
        if self.on_server:
            self._submit(lambda door: door.desk.admit(attendee_id, how=how), on_verdict=on_verdict)
            return None
        replica = self._replica_door()
        if replica is not None:
            self._judge_on_line(lambda: replica.admit(attendee_id, how=how), on_verdict=on_verdict)
            return None
        verdict = self._run(lambda: self.desk.admit(attendee_id, how=how))
        if verdict is not None and on_verdict is not None:
            on_verdict(verdict)
        return verdict

    def undo(
        self, attendee_id: int, *, reason: str, on_error: Callable[[str], None] | None = None
    ) -> Verdict | None:
        """On a local file raises `EventdeskError` (no reason, not checked in) for the dialog to
        show; on a server event passes it to `on_error` when the answer comes."""
        if self.on_server:
            self._submit(lambda door: door.desk.undo(attendee_id, reason=reason), on_refusal=on_error)
            return None
        verdict = self.desk.undo(attendee_id, reason=reason)
        self._announce(verdict)
        return verdict

    def _submit(
        self,
        judge: Callable[[ServerDesk], Verdict],
        *,
        on_verdict: Callable[[Verdict], None] | None = None,
        on_refusal: Callable[[str], None] | None = None,
    ) -> None:
        doc, name = self.context.require_document(), self.desk_name
        self._judge_on_line(
            lambda: judge(self._server_desk(doc, name)), on_verdict=on_verdict, on_refusal=on_refusal
        )

    def _judge_on_line(
        self,
        job: Callable[[], Verdict],
        *,
        on_verdict: Callable[[Verdict], None] | None = None,
        on_refusal: Callable[[str], None] | None = None,
    ) -> None:
        """`job` on the door line, behind the scans before it; its verdict announced on arrival."""

        def done(verdict: object) -> None:
            assert isinstance(verdict, Verdict)
            self._set_waiting(0)
            self._announce(verdict)
            if on_verdict is not None:
                on_verdict(verdict)

        def failed(error: BaseException) -> None:
            if isinstance(error, ScanKeptForLater):
                self._set_waiting(error.waiting)
                self.kept.emit(error.detail)
                self.sounds.play("already")
            elif isinstance(error, EventdeskError) and on_refusal is not None:
                on_refusal(str(error))
            else:
                self._report_failure(error)

        self.line.submit(job, on_done=done, on_error=failed)

    def _set_waiting(self, count: int) -> None:
        if count != self.waiting:
            self.waiting = count
            self.waiting_changed.emit(count)

    def _retry_pending(self) -> None:
        """Offer kept scans to the server again, behind whatever the line is doing."""
        if not self.on_server or self.line.outstanding:
            return
        doc, name = self.context.require_document(), self.desk_name

        def deliver() -> int:
            door = self._server_desk(doc, name)
            if door.waiting:
                door.deliver()
            return door.waiting

        def delivered(left: object) -> None:
            had = self.waiting
            self._set_waiting(int(left))  # type: ignore[call-overload]
            if had and not left:
                self._notify_timer.start(NOTIFY_DELAY_MS)

        self.line.submit(deliver, on_done=delivered, on_error=lambda _error: None)

    def _run(self, judge: Callable[[], Verdict]) -> Verdict | None:
        try:
            verdict = judge()
        except Exception as error:
            self._report_failure(error)
            return None
        self._announce(verdict)
        return verdict

    def _report_failure(self, error: BaseException) -> None:
        if isinstance(error, EventdeskError):
            self.failed.emit(str(error))
            return
        # The database went away mid-shift in a way nobody foresaw: keep the desk alive.
        trace = "".join(traceback.format_exception(error))
        print(f"eventdesk: a scan could not be stored:\n{trace}", file=sys.stderr)
        self.failed.emit(self.tr("The scan could not be stored ({error}); scan again.").format(error=error))

    def _announce(self, verdict: Verdict) -> None:
        # Decided before the verdict is shown, so the kiosk says "your badge is printing" only
        # when it is; whoever shows verdicts paints in this emit; everything else comes after.
        printing = self.will_print(verdict)
        self.printing_for = verdict.scan_id if printing else ""
        self.verdict_ready.emit(verdict)
        self.sounds.play(look_of(verdict.verdict))
        if printing and verdict.attendee_id is not None:
            self.print_badge(verdict.attendee_id)
        self._notify_timer.start(NOTIFY_DELAY_MS)

    @property
    def prints_on_admit(self) -> bool:
        return self.kiosk_open or bool(self.context.settings.get(PRINT_ON_ADMIT))

    def will_print(self, verdict: Verdict) -> bool:
        """Print on admission only when the person's current badge was never printed: the QR
        they scan may be the e-mailed one, but a badge printed before is in their hands (a
        reprint is the staff desk's decision, since it revokes the badge they hold)."""
        if not (verdict.admitted and verdict.attendee_id is not None and self.prints_on_admit):
            return False
        status = badge_status(doc=self.context.require_document(), attendee_ids=[verdict.attendee_id])
        current = status.get(verdict.attendee_id)
        return current is None or current.printed_at is None

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
            self.context.notify(
                Changes.of(
                    Entity.SCANS, summary=QCoreApplication.translate("DeskController", "Scans at the door")
                )
            )


def panel_text(verdict: Verdict, second_language: str = "") -> PanelText:
    """How the check-in screen words a verdict: who, from where, and why in plain words.

    With `second_language` (the attendee-facing one) the headline and reason follow again
    in that language, so the person at the desk reads their verdict too.
    """
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
        footnote_parts.append(matched_as_label(verdict.matched_as))
    return PanelText(
        look=look_of(verdict.verdict),
        headline=headline_of(verdict.verdict),
        name=verdict.name,
        detail=detail,
        reason=reason,
        footnote="  ·  ".join(footnote_parts),
        second=_in_second_language(verdict, second_language),
    )


def _in_second_language(verdict: Verdict, language: str) -> str:
    if not language or language == current_language():
        return ""
    headline = verdict.headline_in(language)
    if verdict.plain_welcome:
        return headline
    return f"{headline} — {verdict.reason_in(language)}" if verdict.reason else headline
