"""The file-dialog filters that more than one window part offers.

Kept apart from the actions and dialogs that use them, so that a dialog and the action that
opens it can both import a filter without importing each other. Functions rather than
constants: the text is translated when the dialog opens, in the language then chosen.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def event_files() -> str:
    return QCoreApplication.translate("FileFilters", "Event files (*.eventdesk)")


def exhibitor_kits() -> str:
    return QCoreApplication.translate("FileFilters", "Exhibitor kits (*.eventdesk)")
