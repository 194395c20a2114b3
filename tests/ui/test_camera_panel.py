"""The camera corner remembers which camera this machine scans with.

There is no camera on a test machine, so the cameras are a list the system would report.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from eventdesk.settings import SCAN_CAMERA, Settings
from eventdesk.ui.camera import CameraScanner
from eventdesk.ui.context import EventContext
from eventdesk.ui.screens.checkin import CheckInScreen
from eventdesk.ui.widgets.camera_panel import CameraPanel, remembered_camera
from tests.ui.checkin_support import desk_context, desk_doc
from tests.ui.helpers import show_screen_ready

__all__ = ["desk_context", "desk_doc"]

LAPTOP = ("/dev/video0", "Integrated Webcam")
STAND = ("/dev/video2", "HD Pro Webcam C920")
SECOND_STAND = ("/dev/video4", "HD Pro Webcam C920")


def test_the_remembered_camera_is_found_by_its_id_first_then_by_its_name() -> None:
    cameras = [LAPTOP, STAND, SECOND_STAND]
    assert remembered_camera(cameras, {}) == 0
    assert remembered_camera(cameras, {"id": "/dev/video4", "name": "HD Pro Webcam C920"}) == 2
    # Plugged into another port: a new id, the same name.
    assert remembered_camera([LAPTOP, ("/dev/video6", STAND[1])], {"id": STAND[0], "name": STAND[1]}) == 1
    # A system that gives no id.
    assert remembered_camera([("", "Webcam A"), ("", "Webcam B")], {"id": "", "name": "Webcam B"}) == 1
    # Not connected today: the first camera, as without a choice.
    assert remembered_camera([LAPTOP], {"id": STAND[0], "name": STAND[1]}) == 0
    assert remembered_camera([], {"id": STAND[0]}) == 0


@pytest.fixture
def cameras(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    listed = [LAPTOP, STAND, SECOND_STAND]
    monkeypatch.setattr(CameraScanner, "cameras", staticmethod(lambda: list(listed)))
    return listed


def _panel(qtbot: QtBot) -> CameraPanel:
    panel = CameraPanel("Start the camera.", settings=Settings())
    qtbot.addWidget(panel)
    panel.fill_cameras()
    return panel


def test_the_camera_picked_is_the_one_chosen_next_time(qtbot: QtBot, cameras: list[tuple[str, str]]) -> None:
    first = _panel(qtbot)
    assert first.choice.currentText() == LAPTOP[1]
    assert Settings().get(SCAN_CAMERA) == {}
    first.choice.setFocus()
    QTest.keyClick(first.choice, Qt.Key.Key_Down)  # the person picks the camera on the stand
    assert first.choice.currentData() == STAND[0]
    assert Settings().get(SCAN_CAMERA) == {"id": STAND[0], "name": STAND[1]}

    again = _panel(qtbot)  # the next morning, on the same machine
    assert again.choice.currentData() == STAND[0]
    assert again.choice.currentText() == STAND[1]


def test_a_remembered_camera_that_is_not_plugged_in_is_kept_for_later(
    qtbot: QtBot, cameras: list[tuple[str, str]]
) -> None:
    Settings().set(SCAN_CAMERA, {"id": "/dev/video9", "name": "Document camera"})
    panel = _panel(qtbot)
    assert panel.choice.currentData() == LAPTOP[0]
    assert Settings().get(SCAN_CAMERA) == {"id": "/dev/video9", "name": "Document camera"}


def test_the_check_in_desk_starts_with_the_remembered_camera(
    qtbot: QtBot, cameras: list[tuple[str, str]], desk_context: EventContext
) -> None:
    desk_context.settings.set(SCAN_CAMERA, {"id": SECOND_STAND[0], "name": SECOND_STAND[1]})
    screen = show_screen_ready(qtbot, desk_context, CheckInScreen(desk_context), (1100, 760))
    assert screen.camera.choice.currentData() == SECOND_STAND[0]
    assert screen.camera.button.isEnabled()
    assert "e-tickets" in screen.camera.status.text()
