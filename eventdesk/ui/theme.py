"""The app's icons, palette and stylesheet, loaded from `resources/` wherever it is installed.

A fixed light palette (rather than the desktop's) keeps contrast and the accent colour the
same on every machine: a check-in desk's green and red must look the same in dark mode.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from eventdesk.paths import resource

ACCENT = "#0f766e"


@cache
def icon(name: str) -> QIcon:
    """An icon drawn for eventdesk (`resources/icons/<name>.svg`); empty if it is missing."""
    path = resource("icons", f"{name}.svg")
    return QIcon(str(path)) if path.is_file() else QIcon()


def app_icon() -> QIcon:
    return icon("eventdesk")


def stylesheet() -> str:
    path = resource("styles", "eventdesk.qss")
    return path.read_text("utf-8") if path.is_file() else ""


def light_palette() -> QPalette:
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#ffffff",
        QPalette.ColorRole.WindowText: "#1c2b33",
        QPalette.ColorRole.Base: "#ffffff",
        QPalette.ColorRole.AlternateBase: "#f8fafb",
        QPalette.ColorRole.Text: "#1c2b33",
        QPalette.ColorRole.Button: "#f4f6f8",
        QPalette.ColorRole.ButtonText: "#1c2b33",
        QPalette.ColorRole.Highlight: ACCENT,
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#ffffff",
        QPalette.ColorRole.ToolTipText: "#1c2b33",
        QPalette.ColorRole.PlaceholderText: "#8a979f",
        QPalette.ColorRole.Link: ACCENT,
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(disabled, role, QColor("#9aa5b1"))
    return palette


def apply(app: QApplication) -> None:
    app.setStyle("Fusion")
    app.setPalette(light_palette())
    app.setStyleSheet(stylesheet())
    app.setWindowIcon(app_icon())
