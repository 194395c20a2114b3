"""A frameless scroll area that sizes its one widget to the room it has: how a screen, or a
dialog too tall for a small laptop, scrolls instead of being cut off."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


def scrolling(body: QWidget, *, name: str) -> QScrollArea:
    scroll = QScrollArea()
    scroll.setObjectName(name)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(body)
    return scroll
