"""Scrolling a page with the mouse wheel never changes the settings the pointer passes over."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollArea,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from eventdesk.ui.main_window import MainWindow
from eventdesk.ui.screens.matchmaking import MatchmakingScreen
from tests.factories import EventFactory
from tests.ui.helpers import open_in


def turn_wheel(widget: QWidget, notches: int = -1) -> None:
    """One wheel turn over the middle of `widget`, as the window system delivers it."""
    local = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(
        local,
        QPointF(widget.mapToGlobal(local.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def value_of(widget: QWidget) -> object:
    if isinstance(widget, QComboBox):
        return widget.currentIndex()
    if isinstance(widget, QAbstractSpinBox | QAbstractSlider):
        return widget.text() if isinstance(widget, QAbstractSpinBox) else widget.value()
    raise TypeError(widget)


def tall_page(qtbot: QtBot) -> tuple[QScrollArea, QSpinBox, QComboBox, QSlider]:
    area = QScrollArea()
    area.setWidgetResizable(True)
    content = QWidget()
    column = QVBoxLayout(content)
    spin, combo, slider = QSpinBox(), QComboBox(), QSlider(Qt.Orientation.Horizontal)
    spin.setRange(0, 100)
    spin.setValue(50)
    combo.addItems(["Fair", "Total", "Other"])
    combo.setCurrentIndex(1)
    slider.setRange(0, 100)
    slider.setValue(50)
    for widget in (spin, combo, slider):
        column.addWidget(widget)
        column.addSpacing(600)
    area.setWidget(content)
    area.resize(300, 300)
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    return area, spin, combo, slider


def test_the_wheel_scrolls_the_page_over_unfocused_value_widgets(qtbot: QtBot) -> None:
    area, spin, combo, slider = tall_page(qtbot)
    for widget in (spin, combo, slider):
        before = value_of(widget)
        scrolled = area.verticalScrollBar().value()
        turn_wheel(widget)
        assert value_of(widget) == before, type(widget).__name__
        assert area.verticalScrollBar().value() > scrolled, "the page did not scroll"


def test_a_focused_field_still_takes_the_wheel(qtbot: QtBot) -> None:
    _area, spin, _combo, _slider = tall_page(qtbot)
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    turn_wheel(spin, notches=1)
    assert spin.value() == 51


def test_value_widgets_take_focus_by_click_or_tab_never_by_wheel(qtbot: QtBot) -> None:
    _area, spin, combo, slider = tall_page(qtbot)
    for widget in (spin, combo, slider):
        assert widget.focusPolicy() == Qt.FocusPolicy.StrongFocus, type(widget).__name__


def test_scrolling_over_matchmaking_setup_changes_no_setting_and_the_capacity_line_follows_edits(
    window: MainWindow, qtbot: QtBot, events: EventFactory
) -> None:
    open_in(window, qtbot, events.demo_path(attendees=60, companies=8, seed=3))
    screen = window.event_view.show_screen("matchmaking")
    assert isinstance(screen, MatchmakingScreen)
    if screen.data is None:
        with qtbot.waitSignal(screen.loaded, timeout=30_000):
            pass
    panel = screen.setup_panel
    fields = [*panel.findChildren(QAbstractSpinBox), *panel.findChildren(QComboBox)]
    assert len(fields) >= 8
    before = {id(w): value_of(w) for w in fields}
    for widget in fields:
        turn_wheel(widget)
        turn_wheel(widget, notches=1)
    assert {id(w): value_of(w) for w in fields} == before
    assert not panel.save_button.isEnabled(), "the wheel marked the setup as edited"

    panel.slots_spin.setValue(7)
    panel.max_spin.setValue(3)
    line = panel.capacity_label.text()
    assert "in 7 slots" in line and "(3 each)" in line, line
    panel.same_tables_radio.setChecked(True)
    panel.same_tables_spin.setValue(2)
    companies = len(panel.company_tables_model.rows())
    assert f"{companies * 2} tables per slot" in panel.capacity_label.text()
    assert f"{companies * 2 * 7} meetings" in panel.capacity_label.text()
