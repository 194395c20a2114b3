"""File › Host this event for other desks…: the managed hub started from the window.

Starting and stopping run on the worker (initdb, copying the event, copying it back take
seconds); the dialog then shows the join code as a QR code large enough to scan from across a
desk, the same code as text with Copy, and the desks connected (read from the hub's TLS front
in memory, no network call on the GUI thread). While the event is hosted, this window works on
the hub's copy, as every desk does, so nothing the organiser does is lost when the hub copies
the event back into its file on Stop hosting.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import qrcode
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFontDatabase, QGuiApplication, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from eventdesk.domain.progress import Progress
from eventdesk.persistence.document import EventDocument
from eventdesk.sync.join_code import JoinCode, format_fingerprint
from eventdesk.ui.context import EventContext
from eventdesk.ui.worker import BackgroundTask, run_in_background

QR_PIXELS = 360


def qr_pixmap(text: str, *, size: int = QR_PIXELS) -> QPixmap:
    """A crisp QR code: whole pixels per module, a quiet zone of four modules."""
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    qr.add_data(text)
    qr.make(fit=True)
    modules = qr.modules_count + 8
    qr.box_size = max(1, size // modules)
    buffer = io.BytesIO()
    qr.make_image().get_image().convert("L").save(buffer, format="PNG")
    pixmap = QPixmap()
    pixmap.loadFromData(buffer.getvalue(), "PNG")
    return pixmap


class HostDialog(QDialog):
    """Starts hosting when opened; Stop hosting (or closing the dialog) stops it."""

    hosting_started = Signal()
    hosting_stopped = Signal(str)  # the event file, current again

    def __init__(
        self,
        context: EventContext,
        event_path: Path,
        parent: QWidget | None = None,
        *,
        hub_options: dict[str, Any] | None = None,
        announce_on: list[str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("hostDialog")
        self.setWindowTitle(self.tr("Host this event for other desks"))
        self.context = context
        self.event_path = event_path
        self.hub: Any = None
        self.announcer: Any = None
        self.code: JoinCode | None = None
        self.task: BackgroundTask | None = None
        # Where to listen, which address goes in the code, where to announce; tests use loopback.
        self.hub_options = hub_options or {}
        self.announce_on = announce_on

        self.status = QLabel(self.tr("Starting the hub for {name}…").format(name=event_path.name))
        self.status.setWordWrap(True)
        self.qr = QLabel()
        self.qr.setObjectName("joinQr")
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr.setMinimumSize(QR_PIXELS, QR_PIXELS)
        self.code_text = QPlainTextEdit()
        self.code_text.setObjectName("joinCodeText")
        self.code_text.setReadOnly(True)
        self.code_text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.code_text.setFixedHeight(84)
        self.copy_button = QPushButton(self.tr("&Copy code"))
        self.copy_button.clicked.connect(self.copy_code)
        self.desks = QLabel(self.tr("No desk connected yet."))
        self.desks.setObjectName("desksConnected")
        self.fingerprint = QLabel()
        self.fingerprint.setWordWrap(True)
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.stop_button = QPushButton(self.tr("&Stop hosting"))
        self.stop_button.clicked.connect(self.stop_hosting)
        for widget in (self.copy_button, self.stop_button):
            widget.setEnabled(False)

        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        buttons.addWidget(self.stop_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.qr, 1)
        layout.addWidget(QLabel(self.tr("Or paste this code at the desk (File › Join an event…):")))
        layout.addWidget(self.code_text)
        layout.addWidget(self.desks)
        layout.addWidget(self.fingerprint)
        layout.addLayout(buttons)

        self._poll = QTimer(self)
        self._poll.setInterval(1000)
        self._poll.timeout.connect(self._show_desks)

    # --- starting --------------------------------------------------------------------------

    def start_hosting(self) -> BackgroundTask:
        # The file is the hub's from now on: the window reopens the event from the hub.
        self.context.close_document()
        path, options, interfaces = self.event_path, self.hub_options, self.announce_on

        def job(progress: Progress) -> tuple[Any, Any, JoinCode, EventDocument]:
            from eventdesk.sync.hub.server import ManagedHub

            progress.report(0, 0, "Starting PostgreSQL and copying the event into it…")
            hub = ManagedHub(path, **options)
            code = hub.start()
            try:
                document = EventDocument.open(hub.local_url)
            except BaseException:
                hub.stop()
                raise
            announcer = None
            try:
                from eventdesk.sync.hub.announce import HubAnnouncer

                announcer = HubAnnouncer(code, interfaces=interfaces)
            except OSError:
                pass  # no multicast on this network: desks still join by the code
            return hub, announcer, code, document

        self.task = run_in_background(
            job,
            parent=self,
            title=self.tr("Starting the hub"),
            on_result=self._started,
            on_error=self._failed,
        )
        return self.task

    def _started(self, result: tuple[Any, Any, JoinCode, EventDocument]) -> None:
        self.hub, self.announcer, self.code, document = result
        self.context.set_document(document, recent_location=str(self.event_path))
        code = self.code
        self.qr.setPixmap(qr_pixmap(code.qr_text()))
        self.code_text.setPlainText(code.encode())
        resumed = (
            self.tr(" It serves the copy kept when it last stopped without warning.")
            if self.hub.resumed
            else ""
        )
        self.status.setText(
            self.tr("Hosting {event} at {host}:{port}. Scan this code at each desk.").format(
                event=code.event_code, host=code.host, port=code.port
            )
            + resumed
        )
        if code.fingerprint is not None:
            self.fingerprint.setText(
                self.tr("Certificate SHA-256: {fp}").format(fp=format_fingerprint(code.fingerprint))
            )
        for widget in (self.copy_button, self.stop_button):
            widget.setEnabled(True)
        self._poll.start()
        self.hosting_started.emit()

    def _failed(self, message: str) -> None:
        self.status.setText(self.tr("The hub could not start: {message}").format(message=message))
        # The file was not touched: reopen it so the window is as it was.
        self.context.set_document(EventDocument.open(self.event_path), recent_location=str(self.event_path))

    # --- while hosting -----------------------------------------------------------------------

    def copy_code(self) -> None:
        if self.code is not None:
            QGuiApplication.clipboard().setText(self.code.encode())
            self.status.setText(self.tr("The join code is on the clipboard."))

    def _show_desks(self) -> None:
        if self.hub is None:
            return
        peers = self.hub.connected_desks()
        self.desks.setText(
            self.tr("Desks connected: {count} ({addresses})").format(
                count=len(peers), addresses=", ".join(sorted(peers))
            )
            if peers
            else self.tr("No desk connected yet.")
        )

    # --- stopping ----------------------------------------------------------------------------

    def stop_hosting(self) -> BackgroundTask | None:
        if self.hub is None:
            return None
        self._poll.stop()
        self.stop_button.setEnabled(False)
        self.copy_button.setEnabled(False)
        self.status.setText(self.tr("Stopping: writing the event back into its file…"))
        hub, announcer = self.hub, self.announcer
        self.hub = self.announcer = None
        self.context.close_document()

        def job(progress: Progress) -> str:
            progress.report(0, 0, "Writing the event back into its file…")
            if announcer is not None:
                announcer.close()
            return str(hub.stop())

        self.task = run_in_background(
            job, parent=self, title=self.tr("Stopping the hub"), on_result=self._stopped
        )
        return self.task

    def _stopped(self, path: str) -> None:
        self.qr.clear()
        self.code_text.clear()
        self.desks.clear()
        self.status.setText(self.tr("The hub has stopped; {path} is complete and current.").format(path=path))
        self.context.set_document(EventDocument.open(path), recent_location=path)
        self.hosting_stopped.emit(path)
        self.accept()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.hub is not None:
            self.stop_hosting()
        super().closeEvent(event)
