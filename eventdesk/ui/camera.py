"""A webcam as a badge reader: QtMultimedia delivers frames, zxing-cpp reads them off the GUI thread.

A camera sees the same badge in every frame while someone holds it up, so a code is
reported once and then ignored for `repeat_after_s` (the desk would otherwise say
"already checked in" ten times a second). Frames are decoded one at a time and at most
every `interval_ms`; frames that arrive meanwhile are dropped, never queued, so a slow
machine reads fewer frames instead of falling behind.

`codes_in_image` is the whole picture → text path without a camera, for tests and for a
picture dropped onto the desk. QtMultimedia is imported only when a camera is used: it
links against system audio libraries a bare machine may lack, and the desk must start
without them.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtGui import QImage

from eventdesk.scanning.frames import codes_in_picture

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

REPEAT_AFTER_S = 3.0
INTERVAL_MS = 150
# Wider frames are scaled down before decoding: a badge held up to a webcam fills a good
# part of the picture, and zxing's time grows with the pixels.
MAX_DECODE_WIDTH = 1280


def grey_image(image: QImage) -> QImage:
    """The picture zxing-cpp is given: grey, at most MAX_DECODE_WIDTH wide.

    A QImage, which zxing-cpp reads as it is, rather than a numpy array: numpy (42 MB with
    its OpenBLAS) would be in the desktop bundle for this one conversion only. A
    `zxingcpp.ImageView` over bytes would do too, but it does not keep the bytes alive.
    """
    if image.width() > MAX_DECODE_WIDTH:
        image = image.scaledToWidth(MAX_DECODE_WIDTH)
    return image.convertToFormat(QImage.Format.Format_Grayscale8)


def codes_in_image(image: Any) -> list[str]:
    """The codes readable in a QImage, a PIL image or anything else zxing-cpp reads."""
    if isinstance(image, QImage):
        if image.isNull():
            return []
        image = grey_image(image)
    return codes_in_picture(image)


class _Relay(QObject):
    decoded = Signal(list)


class _Decode(QRunnable):
    def __init__(self, source: Any, relay: _Relay) -> None:
        super().__init__()
        self._source = source
        self._relay = relay

    def run(self) -> None:
        try:
            source = self._source
            if hasattr(source, "toImage"):  # a QVideoFrame: converting it is work too
                source = source.toImage()
            texts = codes_in_image(source)
        except Exception:  # a broken frame is a frame without a code
            texts = []
        self._relay.decoded.emit(texts)


class CameraScanner(QObject):
    """Reads codes from the chosen camera (or from images offered to it) and emits `scanned`."""

    scanned = Signal(str)
    status_changed = Signal(str)
    """A sentence for the desk: which camera is on, or why none is."""

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        repeat_after_s: float = REPEAT_AFTER_S,
        interval_ms: int = INTERVAL_MS,
    ) -> None:
        super().__init__(parent)
        self.repeat_after_s = repeat_after_s
        self.interval_ms = interval_ms
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.decoded.connect(self._decoded)
        self._busy = False
        self._last_start = 0.0
        self._seen: dict[str, float] = {}
        self._session: Any = None
        self._camera: Any = None
        self._sink: Any = None
        self.frames_decoded = 0

    # -- cameras ------------------------------------------------------------------------------

    @staticmethod
    def cameras() -> list[tuple[str, str]]:
        """(id, description) of each camera; empty when there is none or no multimedia support."""
        try:
            from PySide6.QtMultimedia import QMediaDevices
        except ImportError:
            return []
        return [
            (bytes(d.id().data()).decode("utf-8", "replace"), d.description())
            for d in QMediaDevices.videoInputs()
        ]

    @property
    def is_running(self) -> bool:
        return self._camera is not None

    def start(self, camera_id: str, preview: QWidget | None = None) -> bool:
        """Start the camera with this id, showing it in `preview` (a QVideoWidget) if given."""
        self.stop()
        try:
            from PySide6.QtMultimedia import QCamera, QMediaCaptureSession, QMediaDevices, QVideoSink
        except ImportError as error:
            self.status_changed.emit(
                self.tr("The camera cannot be used on this computer: {error}").format(error=error)
            )
            return False
        device = next(
            (
                d
                for d in QMediaDevices.videoInputs()
                if bytes(d.id().data()).decode("utf-8", "replace") == camera_id
            ),
            None,
        )
        if device is None:
            self.status_changed.emit(self.tr("That camera is no longer connected."))
            return False
        self._camera = QCamera(device, self)
        self._camera.errorOccurred.connect(lambda _error, text: self.status_changed.emit(text))
        self._session = QMediaCaptureSession(self)
        self._session.setCamera(self._camera)
        if preview is not None and hasattr(preview, "videoSink"):
            self._session.setVideoOutput(preview)
            self._sink = preview.videoSink()
        else:
            self._sink = QVideoSink(self)
            self._session.setVideoSink(self._sink)
        self._sink.videoFrameChanged.connect(self.offer_frame)
        self._camera.start()
        self.status_changed.emit(self.tr("Reading codes from {camera}.").format(camera=device.description()))
        return True

    def stop(self) -> None:
        if self._sink is not None:
            self._sink.videoFrameChanged.disconnect(self.offer_frame)
        if self._camera is not None:
            self._camera.stop()
            self._camera.deleteLater()
        if self._session is not None:
            self._session.deleteLater()
        self._camera = self._session = self._sink = None

    # -- frames -------------------------------------------------------------------------------

    @Slot(object)
    def offer_frame(self, frame: Any) -> bool:
        """Decode this frame (or QImage) unless one is being decoded or one was started just now."""
        now = time.monotonic()
        if self._busy or (now - self._last_start) * 1000 < self.interval_ms:
            return False
        if hasattr(frame, "isValid") and not frame.isValid():
            return False
        self._busy = True
        self._last_start = now
        self._pool.start(_Decode(frame, self._relay))
        return True

    def offer_image(self, image: QImage) -> bool:
        return self.offer_frame(image)

    def wait_for_decoder(self, ms: int = 5000) -> bool:
        return self._pool.waitForDone(ms)

    @Slot(list)
    def _decoded(self, texts: list[str]) -> None:
        self._busy = False
        self.frames_decoded += 1
        now = time.monotonic()
        self._seen = {text: at for text, at in self._seen.items() if now - at < self.repeat_after_s}
        for text in texts:
            # Seen again while still held up: keep ignoring it until it has been away a while.
            repeated = text in self._seen
            self._seen[text] = now
            if not repeated:
                self.scanned.emit(text)
