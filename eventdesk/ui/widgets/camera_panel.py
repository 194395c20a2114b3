"""The camera corner of a scanning screen: choose a webcam, start it, see what it sees.

The reading itself is `ui.camera.CameraScanner` (QtMultimedia frames decoded by zxing-cpp
off the GUI thread, each code reported once while it is held up); this is only the few
controls around it, so every screen that reads badges with a camera offers the same ones.
The video widget is made on first start: QtMultimediaWidgets is not loaded for a screen
whose camera is never used.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from eventdesk.ui.camera import CameraScanner

PREVIEW_HEIGHT = 170


class CameraPanel(QWidget):
    """A camera choice, Start/Stop, the preview and one status sentence; emits `scanned`."""

    scanned = Signal(str)

    def __init__(self, hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hint = hint
        self.scanner = CameraScanner(self)
        self.scanner.scanned.connect(self.scanned)
        self.scanner.status_changed.connect(self._status)
        self.choice = QComboBox()
        self.choice.setObjectName("cameraChoice")
        self.button = QPushButton(self.tr("Start"))
        self.button.setObjectName("cameraButton")
        self.button.setCheckable(True)
        self.button.toggled.connect(self._toggle)
        self.status = QLabel()
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
        self.fill_cameras()

    def fill_cameras(self) -> None:
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

    def _status(self, message: str) -> None:
        self.status.setText(message)
