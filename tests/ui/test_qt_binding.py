"""Guards against a Qt binding that would kill the window after a few minutes at a desk.

PySide6 6.12.0 on Python 3.11 took one reference from None on every call that returns
nothing; after some thousands of `setText` calls the interpreter aborted ("none_dealloc").
pyproject.toml excludes that release; this test fails if such a build comes back.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


def test_void_qt_calls_leave_the_reference_count_of_none_alone(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2_000):
        label.setText("Ødegård")
    assert abs(sys.getrefcount(None) - before) < 100
