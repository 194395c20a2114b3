"""Message boxes that do not block the caller.

Every box is window-modal and opened with `open()` rather than `exec()`: the event loop
keeps running (a desk keeps receiving scans, a worker keeps reporting), and tests can find
the box and press its buttons instead of hanging on a nested loop.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def _tr(text: str) -> str:
    return QCoreApplication.translate("Messages", text)


def show_error(parent: QWidget | None, message: str, *, title: str | None = None) -> QMessageBox:
    """The one-sentence message of an `EventdeskError`, as a person should read it."""
    box = QMessageBox(QMessageBox.Icon.Warning, title or _tr("eventdesk"), message, parent=parent)
    box.setObjectName("errorMessage")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.open()
    return box


def show_bug(parent: QWidget | None, summary: str, details: str) -> QMessageBox:
    """An unexpected failure: a short apology with the traceback under Show Details."""
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        _tr("Unexpected error"),
        _tr("Something went wrong that eventdesk did not expect: {summary}").format(summary=summary),
        parent=parent,
    )
    box.setObjectName("bugMessage")
    box.setInformativeText(_tr("The event was left as it was before. Please report this with the details."))
    box.setDetailedText(details)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def ask(
    parent: QWidget | None,
    message: str,
    question: str,
    *,
    accept_text: str,
    reject_text: str,
    on_accept: Callable[[], None],
    title: str | None = None,
) -> QMessageBox:
    """A yes/no question whose buttons say what they do; `on_accept` runs on the first one."""
    box = QMessageBox(QMessageBox.Icon.Question, title or _tr("eventdesk"), message, parent=parent)
    box.setObjectName("questionMessage")
    box.setInformativeText(question)
    accept = box.addButton(accept_text, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(reject_text, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(accept)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def _done() -> None:
        if box.clickedButton() is accept:
            on_accept()

    box.finished.connect(_done)
    box.open()
    return box
