"""The mouse wheel scrolls the page; it changes a setting only in the field that has focus.

Qt's spin boxes, combo boxes and sliders react to the wheel whenever the pointer is over
them, so scrolling down a settings page quietly rewrote the objective, the meetings per
attendee and the slots it passed on the way. One application-wide filter fixes this for every
such widget, present and future, rather than a subclass per widget that a new screen forgets:

- a value widget without focus never sees the wheel; the event goes to the scroll area it
  sits in, so the page scrolls as the person meant;
- such widgets take focus by click or Tab (`StrongFocus`), not by the wheel (`WheelFocus`,
  Qt's default for combo boxes), so a wheel turn cannot first focus and then change them.

Scroll bars are sliders too, but scrolling is their job: they are left alone.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollBar,
    QWidget,
)


def _is_value_widget(widget: QObject) -> bool:
    if isinstance(widget, QScrollBar):
        return False
    return isinstance(widget, QAbstractSpinBox | QComboBox | QAbstractSlider)


def _scroll_area_of(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


class WheelGuard(QObject):
    """Event filter on the QApplication; see the module docstring."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Polish and _is_value_widget(watched):
            assert isinstance(watched, QWidget)
            if watched.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            return False
        if kind != QEvent.Type.Wheel or not _is_value_widget(watched):
            return False
        assert isinstance(watched, QWidget)
        if watched.hasFocus():
            return False
        area = _scroll_area_of(watched)
        if area is not None:
            # The scroll area's viewport turns the wheel into a scroll of its bars.
            QApplication.sendEvent(area.viewport(), event)
        return True


def install_wheel_guard(app: QApplication) -> WheelGuard:
    """Install the guard once on `app` (idempotent: a second call returns the first guard)."""
    existing = app.findChild(WheelGuard)
    if isinstance(existing, WheelGuard):
        return existing
    guard = WheelGuard(app)
    app.installEventFilter(guard)
    return guard
