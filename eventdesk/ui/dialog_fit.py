"""Every dialog fits the screen it opens on; what does not fit scrolls, its buttons stay in view.

At 200 % on a 1366×768 laptop Qt lays out in 683×384 logical pixels: the attendee form (830
pixels wide, 680 high), the badge settings and the import wizard then opened larger than the
screen, with OK and Cancel below its edge and no way to reach them. One application-wide
filter, like the wheel guard, fixes this for every dialog, present and future: when a dialog
is first shown,

- its size (and any minimum size it asked for) is cut to the screen's available area;
- if its layout still needs more room than that, the contents move into a scroll area while
  the dialog's button box stays below it, always visible;
- a wizard's pages scroll the same way, inside the wizard's own frame and buttons.

Qt's own boxes (message boxes, file, colour and progress dialogs) lay themselves out and
are only cut to the screen.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtWidgets import (
    QApplication,
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLayout,
    QMessageBox,
    QProgressDialog,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from eventdesk.ui.widgets.scrolling import scrolling
from eventdesk.ui.window_fit import available_area

FRAME_ROOM = QSize(16, 48)
"""The window manager's title bar and borders, unknown until the dialog is on screen."""
_FITTED = "eventdeskFitted"
_QT_OWN = (QMessageBox, QFileDialog, QColorDialog, QProgressDialog, QInputDialog)


def room_for(widget: QWidget) -> QSize:
    """The largest size a top-level widget may take on its screen, frame included."""
    return available_area(widget).size() - FRAME_ROOM


def _fits(size: QSize, room: QSize) -> bool:
    return size.width() <= room.width() and size.height() <= room.height()


def scroll_contents(widget: QWidget) -> QScrollArea | None:
    """Move `widget`'s layout into a scroll area; button boxes directly in it stay outside."""
    layout = widget.layout()
    if layout is None:
        return None
    buttons = [
        box
        for index in range(layout.count())
        if isinstance(box := layout.itemAt(index).widget(), QDialogButtonBox)
    ]
    for box in buttons:
        layout.removeWidget(box)
    margins = layout.contentsMargins()
    body = QWidget()
    body.setObjectName("fittedBody")
    body.setLayout(layout)  # takes the layout, and its widgets, from `widget`
    scroll = scrolling(body, name="fittedScroll")
    outer = QVBoxLayout(widget)
    outer.setContentsMargins(0, 0, 0, 0 if not buttons else margins.bottom())
    outer.setSpacing(layout.spacing() if layout.spacing() >= 0 else 6)
    outer.addWidget(scroll, 1)
    for box in buttons:
        row = QVBoxLayout()
        row.setContentsMargins(margins.left(), 0, margins.right(), 0)
        row.addWidget(box)
        outer.addLayout(row)
    return scroll


def _scroll_wizard_pages(wizard: QWizard) -> None:
    for page_id in wizard.pageIds():
        page = wizard.page(page_id)
        if page is not None and page.layout() is not None and not page.property(_FITTED):
            page.setProperty(_FITTED, True)
            scroll_contents(page)


def fit_to_screen(dialog: QDialog) -> None:
    """Cut the dialog to its screen, scrolling what does not fit (see the module docstring)."""
    room = room_for(dialog)
    layout: QLayout | None = dialog.layout()
    if isinstance(dialog, QWizard):
        if not _fits(dialog.sizeHint(), room):
            _scroll_wizard_pages(dialog)
    elif not isinstance(dialog, _QT_OWN) and layout is not None:
        needed = layout.totalMinimumSize().expandedTo(dialog.minimumSize())
        if not _fits(needed, room):
            scroll_contents(dialog)
    dialog.setMinimumSize(dialog.minimumSize().boundedTo(room))
    dialog.setMaximumSize(dialog.maximumSize().expandedTo(dialog.minimumSize()))
    # Qt centres the dialog on its parent after this (QDialog.showEvent), within the screen.
    dialog.resize(dialog.size().boundedTo(room))


class _DialogFit(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Show
            and isinstance(watched, QDialog)
            and watched.isWindow()
            and not watched.property(_FITTED)
        ):
            watched.setProperty(_FITTED, True)
            fit_to_screen(watched)
        return False


_installed: dict[int, _DialogFit] = {}


def install_dialog_fit(app: QApplication) -> None:
    """Fit every dialog the application shows from now on (idempotent)."""
    if id(app) in _installed:
        return
    guard = _DialogFit(app)
    app.installEventFilter(guard)
    _installed[id(app)] = guard
