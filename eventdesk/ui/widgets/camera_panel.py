"""The camera corner of a scanning screen: choose a webcam, start it, see what it sees.

The reading itself is `ui.camera.CameraScanner` (QtMultimedia frames decoded by zxing-cpp
off the GUI thread, each code reported once while it is held up); this is only the few
controls around it, so every screen that reads badges with a camera offers the same ones.

Nothing of the camera stack is loaded with the screen: numpy, zxing-cpp and QtMultimedia
cost a few hundred milliseconds and ~30 MB, an exhibitor kit opens straight onto a booth,
and most booths scan with a USB scanner. The cameras are listed when the person opens the
list or presses Start, and the reader is made then.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from eventdesk.ui.camera import CameraScanner

PREVIEW_HEIGHT = 170


class _CameraChoice(QComboBox):
    """A combo that asks for its items the first time it is opened."""

    def __init__(self, fill: Callable[[], None]) -> None:
        super().__init__()
        self._fill = fill

    def showPopup(self) -> None:
        self._fill()
        super().showPopup()


class CameraPanel(QWidget):
    """A camera choice, Start/Stop, the preview and one status sentence; emits `scanned`."""

    scanned = Signal(str)

    def __init__(self, hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hint = hint
        self._scanner: CameraScanner | None = None
        self._listed = False
        self.choice = _CameraChoice(self.fill_cameras)
        self.choice.setObjectName("cameraChoice")
        self.choice.addItem(self.tr("Webcam"))
        self.button = QPushButton(self.tr("Start"))
        self.button.setObjectName("cameraButton")
        self.button.setCheckable(True)
        self.button.toggled.connect(self._toggle)
        self.status = QLabel(hint)
        self.status.setObjectName("emptyHint")
        self.status.setWordWrap(True)
        self.preview: QWidget | None = None
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.choice, 1)
        row.addWidget(self.button)
        self._box = QVBoxLayout(self)
        self._box.setContentsMargins(0, 0, 0, 0)
        self._box.addLayout(row)
        self._box.addWidget(self.status)

    @property
    def scanner(self) -> CameraScanner:
        """The reader, made on first use (it also takes pictures offered by tests)."""
        if self._scanner is None:
            from eventdesk.ui.camera import CameraScanner

            self._scanner = CameraScanner(self)
            self._scanner.scanned.connect(self.scanned)
            self._scanner.status_changed.connect(self.status.setText)
        return self._scanner

    def fill_cameras(self) -> None:
        """List the cameras (once; QtMultimedia is loaded now)."""
        if self._listed:
            return
        from eventdesk.ui.camera import CameraScanner

        self._listed = True
        cameras = CameraScanner.cameras()
        self.choice.clear()
        for camera_id, description in cameras:
            self.choice.addItem(description, camera_id)
        self.choice.setEnabled(bool(cameras))
        self.button.setEnabled(bool(cameras))
        if cameras:
            self.status.setText(self._hint)
        else:
            self.choice.addItem(self.tr("No camera found"))
            self.status.setText(self.tr("No camera found: plug in a webcam, or use a USB scanner."))

    def stop(self) -> None:
        if self.button.isChecked():
            self.button.setChecked(False)  # → _toggle(False)

    def _toggle(self, on: bool) -> None:
        if not on:
            self.scanner.stop()
            if self.preview is not None:
                self.preview.hide()
            self.button.setText(self.tr("Start"))
            self.status.setText(self.tr("Camera off."))
            return
        self.fill_cameras()
        if not self.button.isEnabled():  # no camera after all
            self.button.blockSignals(True)
            self.button.setChecked(False)
            self.button.blockSignals(False)
            return
        if self.preview is None:
            try:
                from PySide6.QtMultimediaWidgets import QVideoWidget
            except ImportError:
                self.preview = None
            else:
                self.preview = QVideoWidget()
                self.preview.setFixedHeight(PREVIEW_HEIGHT)
                self._box.insertWidget(1, self.preview)
        if self.preview is not None:
            self.preview.show()
        started = self.scanner.start(str(self.choice.currentData() or ""), self.preview)
        self.button.setText(self.tr("Stop") if started else self.tr("Start"))
        if not started:
            self.button.blockSignals(True)
            self.button.setChecked(False)
            self.button.blockSignals(False)
            if self.preview is not None:
                self.preview.hide()
