"""File › Join an event…: a desk gets onto a hub by scanning, picking or pasting its join code.

Three ways in, one code: the desk's barcode scanner (its burst is caught by `ScannerInput` and
read through every keyboard layout's repair, as badges are), the webcam (`CameraPanel`), the
text pasted, or a hub heard on the LAN by mDNS plus the password shown on the host's screen
(the announcement never carries it). Checking the code against the hub — certificate
fingerprint, password, event — runs on the worker, never on the GUI thread, and a failure is
the one sentence `verify_hub` gives. Joining makes this desk's own copy of the event (a
replica, `eventdesk.sync.replica`), saved where the desk says; the window opens that copy
and keeps it in sync with the hub in the background, so the door keeps working when the
venue network does not.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import platformdirs
import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from eventdesk.domain.progress import Progress
from eventdesk.scanning.keyboard_layouts import readings
from eventdesk.settings import default_desk_name
from eventdesk.sync.join_code import JoinCode, JoinCodeError
from eventdesk.ui.context import EventContext
from eventdesk.ui.scanner_input import ScannerInput
from eventdesk.ui.widgets.camera_panel import CameraPanel
from eventdesk.ui.worker import BackgroundTask, run_in_background


def code_from_scan(text: str) -> JoinCode:
    """The first keyboard-layout reading of a scan that is a join code (scanners type on the
    desk's layout, which may not be the one the scanner was set up for)."""
    error: JoinCodeError | None = None
    for reading in readings(text):
        try:
            return JoinCode.decode(reading.text)
        except JoinCodeError as exc:
            error = error or exc
    raise error or JoinCodeError("The scan was empty; scan the QR code the host shows.")


class JoinDialog(QDialog):
    """Accepted with `location` set: the hub's event, verified, ready for `EventDocument.open`."""

    joined = Signal(str)

    def __init__(
        self, context: EventContext, parent: QWidget | None = None, *, browse_on: list[str] | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("joinDialog")
        self.setWindowTitle(self.tr("Join an event"))
        self.context = context
        self.location: str | None = None
        self.task: BackgroundTask | None = None
        self._browse_on = browse_on
        self._hubs: list[Any] = []

        intro = QLabel(
            self.tr(
                "Scan the QR code on the host's screen with this desk's scanner or camera, "
                "paste the code, or pick the hub below and type its password."
            )
        )
        intro.setWordWrap(True)
        self.code_text = QPlainTextEdit()
        self.code_text.setObjectName("joinCodeInput")
        self.code_text.setPlaceholderText("EDJ1-…")
        self.code_text.setFixedHeight(72)
        self.hub_list = QListWidget()
        self.hub_list.setObjectName("hubList")
        self.hub_list.setFixedHeight(90)
        self.password = QLineEdit()
        self.password.setPlaceholderText(self.tr("Password of the hub picked above"))
        self.refresh_button = QPushButton(self.tr("&Look for hubs again"))
        self.refresh_button.clicked.connect(self.browse)
        self.camera = CameraPanel(
            self.tr("Start the camera to read the join QR code."), settings=context.settings
        )
        self.camera.scanned.connect(self.take_scan)
        self.desk_name = QLineEdit(context.settings.desk_name())
        self.desk_name.setObjectName("joinDeskName")
        self.replica_path = QLineEdit()
        self.replica_path.setObjectName("joinReplicaPath")
        self.replica_path.setPlaceholderText(self.tr("Where this desk keeps its copy of the event"))
        choose = QPushButton(self.tr("C&hoose…"))
        choose.clicked.connect(self._choose_path)
        where = QHBoxLayout()
        where.addWidget(self.replica_path, 1)
        where.addWidget(choose)
        self.message = QLabel()
        self.message.setObjectName("joinMessage")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.join_button = self.buttons.addButton(self.tr("&Join"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.join)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.code_text)
        layout.addWidget(QLabel(self.tr("Hubs on this network:")))
        layout.addWidget(self.hub_list)
        layout.addWidget(self.password)
        layout.addWidget(self.refresh_button)
        layout.addWidget(self.camera)
        form = QFormLayout()
        form.addRow(self.tr("This desk's &name:"), self.desk_name)
        form.addRow(self.tr("Its copy of the event:"), where)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        self.scanner = ScannerInput(self)
        self.scanner.scanned.connect(self.take_scan)
        self.scanner.attach()
        self.finished.connect(lambda _result: self._leave())

    def _leave(self) -> None:
        self.scanner.detach()
        self.camera.stop()

    # --- the code ---------------------------------------------------------------------------

    def take_scan(self, text: str) -> None:
        try:
            code = code_from_scan(text)
        except JoinCodeError as error:
            self.message.setText(str(error))
            return
        self.code_text.setPlainText(code.encode())
        self.join()

    def current_code(self) -> JoinCode:
        pasted = self.code_text.toPlainText().strip()
        item = self.hub_list.currentItem()
        if not pasted and item is not None:
            if not self.password.text():
                raise JoinCodeError("Type the password shown on the host's screen for the hub you picked.")
            return self._hubs[self.hub_list.row(item)].join_code(self.password.text().strip())
        return JoinCode.decode(pasted)

    # --- hubs on the LAN ----------------------------------------------------------------------

    def browse(self) -> BackgroundTask:
        from eventdesk.sync.hub.announce import browse_hubs

        interfaces = self._browse_on
        self.refresh_button.setEnabled(False)
        self.task = run_in_background(
            lambda _progress: browse_hubs(seconds=2.0, interfaces=interfaces),
            parent=self,
            title=self.tr("Looking for hubs"),
            on_result=self._show_hubs,
            on_error=self._show_error,
            show_progress_after_ms=None,
        )
        self.task.finished.connect(lambda: _enable(self.refresh_button))
        return self.task

    def _show_hubs(self, hubs: list[Any]) -> None:
        if not shiboken6.isValid(self.hub_list):
            return  # the desk joined (by a scan, say) before the search ended: nothing to show
        self._hubs = list(hubs)
        self.hub_list.clear()
        for hub in self._hubs:
            QListWidgetItem(f"{hub.name} — {hub.host}:{hub.port}", self.hub_list)
        if not hubs:
            none = QListWidgetItem(self.tr("No hub answered on this network."), self.hub_list)
            none.setFlags(Qt.ItemFlag.NoItemFlags)

    # --- joining ----------------------------------------------------------------------------

    def join(self) -> BackgroundTask | None:
        try:
            code = self.current_code()
        except JoinCodeError as error:
            self.message.setText(str(error))
            return None
        self.message.setText(
            self.tr("Checking the hub at {host}:{port}…").format(host=code.host, port=code.port)
        )
        self.join_button.setEnabled(False)
        desk = self.desk_name.text().strip() or default_desk_name()
        target = self._target_path(code, desk)

        def job(_progress: Progress) -> str:
            from eventdesk.sync.replica import join

            return str(join(code.encode(), target, desk_name=desk, overwrite=target.exists()).path)

        self.task = run_in_background(
            job, parent=self, title=self.tr("Joining"), on_result=self._joined, on_error=self._show_error
        )
        self.task.finished.connect(lambda: _enable(self.join_button))
        return self.task

    def _target_path(self, code: JoinCode, desk: str) -> Path:
        typed = self.replica_path.text().strip()
        if typed:
            return Path(typed).expanduser()
        safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in desk).strip("-") or "desk"
        folder = Path(platformdirs.user_documents_dir())
        if not folder.is_dir():
            folder = Path.home()
        return folder / f"{code.event_code}-{safe}.eventdesk"

    def _choose_path(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("This desk's copy of the event"), self.replica_path.text(),
            self.tr("Event files (*.eventdesk)"),
        )  # fmt: skip
        if chosen:
            self.replica_path.setText(chosen)

    def _joined(self, location: str) -> None:
        self.location = location
        self.joined.emit(location)
        self.accept()

    def _show_error(self, message: str) -> None:
        if not shiboken6.isValid(self.message):
            return
        self.message.setText(message)


def _enable(button: QPushButton) -> None:
    """Re-enable after a background job, unless the dialog closed (and deleted it) meanwhile."""
    if shiboken6.isValid(button):
        button.setEnabled(True)
