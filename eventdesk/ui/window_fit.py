"""The main window fits the screen it opens on, and stays that size whatever it shows.

Desks are cheap 1366×768 laptops: a window that opens at 1280×800 loses its status bar and
the bottom of every list below the screen edge. So the first size is the preferred one cut
to the screen's available area (without the task bar), a remembered geometry is used only if
it still fits a connected screen (the laptop may have been on a big monitor yesterday), and
the window's minimum size is fixed rather than the sum of what its pages hold: a long code in
a label or a long name can no longer push the window wider than the screen.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QMainWindow, QWidget

PREFERRED_SIZE = QSize(1280, 800)
SMALLEST_CONTENT = QSize(640, 420)
"""What the pages need at least; the screens lay out (and scroll) within it."""


def _screen_of(window: QWidget) -> QScreen | None:
    return window.screen() or QGuiApplication.primaryScreen()


def available_area(window: QWidget) -> QRect:
    screen = _screen_of(window)
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 768)


def fits_a_screen(frame: QRect) -> bool:
    """The whole frame lies on one connected screen's available area."""
    return any(screen.availableGeometry().contains(frame) for screen in QGuiApplication.screens())


def pin_content_minimum(content: QWidget) -> None:
    """Decouple the window's minimum size from whatever the pages show right now; never more
    than the screen holds (at 200 % a 1366×768 laptop is 683×384 logical pixels)."""
    area = available_area(content)
    room = QSize(max(320, area.width() - 40), max(240, area.height() - 120))
    content.setMinimumSize(SMALLEST_CONTENT.boundedTo(room))


def place_first_time(window: QMainWindow) -> None:
    """The preferred size cut to the available area, centred on it."""
    area = available_area(window)
    # The frame (title bar, borders) is not known before the window is shown; leave room for it.
    margin = QSize(16, 48)
    size = PREFERRED_SIZE.boundedTo(area.size() - margin)
    window.resize(size)
    top_left = area.center() - QRect(0, 0, size.width(), size.height()).center()
    window.move(max(area.left(), top_left.x()), max(area.top(), top_left.y()))


def restore_if_it_fits(window: QMainWindow, saved: str) -> bool:
    """Restore a geometry saved by `saveGeometry` (base64) only when it fits a screen now."""
    if not saved:
        return False
    before = window.saveGeometry()
    if not window.restoreGeometry(QByteArray.fromBase64(saved.encode("ascii"))):
        return False
    if window.isMaximized() or fits_a_screen(window.frameGeometry()) or fits_a_screen(window.geometry()):
        return True
    window.restoreGeometry(before)
    place_first_time(window)
    return False
