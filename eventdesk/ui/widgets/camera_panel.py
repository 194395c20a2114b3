"""The camera corner of a scanning screen: choose a webcam, start it, see what it sees.

The reading itself is `ui.camera.CameraScanner` (QtMultimedia frames decoded by zxing-cpp
off the GUI thread, each code reported once while it is held up); this is only the few
controls around it, so every screen that reads badges with a camera offers the same ones.

Nothing of the camera stack is loaded with the screen: zxing-cpp and QtMultimedia
cost a few hundred milliseconds and ~30 MB, an exhibitor kit opens straight onto a booth,
and most booths scan with a USB scanner. The cameras are listed when the person opens the
list or presses Start, and the reader is made then.

The camera the person picks is remembered for the machine (`SCAN_CAMERA`): a desk laptop
with a built-in webcam and a USB one on a stand should not start on the wrong one every
morning.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from eventdesk.settings import SCAN_CAMERA, Settings

if TYPE_CHECKING:
    from eventdesk.ui.camera import CameraScanner

PREVIEW_HEIGHT = 170


def remembered_camera(cameras: Sequence[tuple[str, str]], remembered: Mapping[str, Any]) -> int:
    """Where the remembered camera is among (id, name) pairs; 0 (the first) when it is not there.

    The id comes first because it tells two identical webcams apart; the name is the
    fallback because some systems give a camera a new id when it is plugged into another
    port (/dev/video2 instead of /dev/video0), and some give no id at all.
    """
    wanted_id = str(remembered.get("id") or "")
    wanted_name = str(remembered.get("name") or "")
    if wanted_id:
        for index, (camera_id, _name) in enumerate(cameras):
            if camera_id == wanted_id:
                return index
    if wanted_name:
        for index, (_camera_id, name) in enumerate(cameras):
            if name == wanted_name:
                return index
    return 0


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

    def __init__(
        self,
        hint: str,
        *,
        settings: Settings,
        no_camera: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._hint = hint
        self._settings = settings
        self._no_camera = no_camera or self.tr("No camera found: plug in a webcam, or use a USB scanner.")
        self._scanner: CameraScanner | None = None
        self._listed = False
        self.choice = _CameraChoice(self.fill_cameras)
        self.choice.setObjectName("cameraChoice")
        # A long camera name is elided rather than widening the side column it sits in.
        self.choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.choice.setMinimumContentsLength(14)
        self.choice.currentTextChanged.connect(self.choice.setToolTip)
        self.choice.addItem(self.tr("Webcam"))
        self.choice.activated.connect(self._remember)
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
        if cameras:
            self.choice.setCurrentIndex(remembered_camera(cameras, self._settings.get(SCAN_CAMERA)))
        self.choice.setEnabled(bool(cameras))
        self.button.setEnabled(bool(cameras))
        if cameras:
            self.status.setText(self._hint)
        else:
            self.choice.addItem(self.tr("No camera found"))
            self.status.setText(self._no_camera)

    def _remember(self, index: int) -> None:
        """The person picked a camera: this machine starts with it from now on."""
        camera_id = self.choice.itemData(index)
        if camera_id is None:  # "Webcam" before the list is made, or "No camera found"
            return
        self._settings.set(SCAN_CAMERA, {"id": str(camera_id), "name": self.choice.itemText(index)})

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
