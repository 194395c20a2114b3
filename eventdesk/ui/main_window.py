"""The main window: the welcome page or an open event, the File/Go/Help menus, and the
controller logic behind them (open, create, demo, save a copy, close).

Everything that can take time goes through `run_in_background`; every dialog is opened
with `open()` so tests (and desks) are never stuck in a nested event loop.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from eventdesk import __version__
from eventdesk.domain.event import EventDraft
from eventdesk.domain.progress import Progress
from eventdesk.persistence.document import EventDocument, is_database_url
from eventdesk.settings import LAST_FOLDER, WINDOW_STATE
from eventdesk.ui.context import EventContext
from eventdesk.ui.event_language_menu import EventLanguageMenu
from eventdesk.ui.event_view import EventView
from eventdesk.ui.file_filters import event_files
from eventdesk.ui.kit_actions import KitActions
from eventdesk.ui.language_menu import LanguageMenu
from eventdesk.ui.messages import ask, show_error
from eventdesk.ui.people_files import PeopleFiles
from eventdesk.ui.privacy_actions import PassphrasePrompt, PrivacyActions
from eventdesk.ui.screens import SCREENS
from eventdesk.ui.translator import switch_language
from eventdesk.ui.undo_actions import UndoActions
from eventdesk.ui.welcome import WelcomeView
from eventdesk.ui.widgets.first_paint import call_after_first_paint
from eventdesk.ui.window_fit import pin_content_minimum, place_first_time, restore_if_it_fits
from eventdesk.ui.worker import BackgroundTask, cancel_all_and_wait, run_in_background

if TYPE_CHECKING:
    from eventdesk.ui.dialogs.new_event import NewEventDialog
    from eventdesk.ui.dialogs.open_database import OpenDatabaseDialog
    from eventdesk.ui.people_search import PeopleSearch

DEMO_FILE_NAME = "Demo career fair.eventdesk"


def recent_location(document: EventDocument) -> str:
    """What to remember in Recent events: the file, or the database URL without its password."""
    if document.path is not None:
        return str(Path(document.display_location).absolute())
    parts = urlsplit(document.location)
    if parts.password is None:
        return document.location
    netloc = parts.hostname or ""
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    if parts.port:
        netloc = f"{netloc}:{parts.port}"
    return urlunsplit(parts._replace(netloc=netloc))


class MainWindow(QMainWindow):
    ready = Signal()
    """The first page (welcome, or an event given at start) has been painted."""
    event_ready = Signal()
    """An event that was opened has its first screen painted: the window is usable."""
    settled = Signal()
    """The start's own work is over: the first page is painted and, on an event, the people
    search's index has loaded (or failed to). The app resumes garbage collection then."""
    open_failed = Signal(str)
    reopened = Signal(QObject)
    """The window was rebuilt in another language; the argument is the new window."""

    def __init__(
        self,
        context: EventContext,
        *,
        demo_folder: Path,
        opening: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.context = context
        self.settings = context.settings
        self.demo_folder = demo_folder
        self.event_view: EventView | None = None
        self._ready_emitted = False
        self._search_warm_up: PeopleSearch | None = None

        self._welcome: WelcomeView | None = None
        self.opening_page = QLabel()
        self.opening_page.setObjectName("emptyBody")
        self.opening_page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.opening_page)
        self.setCentralWidget(self.pages)

        self.people_files = PeopleFiles(self, context)
        self.people_files.current_kind = self._import_kind
        self.undo_actions = UndoActions(context, self)
        self.kit_actions = KitActions(context, self)
        self.privacy_actions = PrivacyActions(context, self)
        self.privacy_actions.passphrase.reopen.connect(
            lambda location, passphrase: self.open_event(location, passphrase=passphrase)
        )
        self.passphrase_prompt = PassphrasePrompt(self, self.open_event)
        self._build_menus()
        self.statusBar()
        from eventdesk.ui.sync_link import DeskSyncLink

        # A desk replica's background sync and its status line (nothing shows for other events).
        self.sync_link = DeskSyncLink(context, self.statusBar())
        pin_content_minimum(self.pages)
        place_first_time(self)
        self._restore_geometry()
        context.document_changed.connect(self._document_changed)
        context.changed.connect(lambda _changes: self._update_title())
        # What every operation did ("Cancel attendees: 5", "Undid: Import …"), for a few seconds.
        context.changed.connect(lambda changes: self.statusBar().showMessage(changes.summary, 8000))

        if opening:
            self.opening_page.setText(self.tr("Opening {name}…").format(name=_short_name(opening)))
            self.pages.setCurrentWidget(self.opening_page)
        else:
            self.pages.setCurrentWidget(self.welcome)
            call_after_first_paint(self.welcome, self._welcome_painted)
        self._document_changed()

    @property
    def welcome(self) -> WelcomeView:
        """The start page (recent events, new, open, demo), built the first time it is needed:
        a window started on an event shows it only when that event is closed."""
        if self._welcome is None:
            welcome = self._welcome = WelcomeView(self.settings)
            welcome.new_requested.connect(self.new_event)
            welcome.open_requested.connect(self.choose_and_open)
            welcome.open_database_requested.connect(self.open_database)
            welcome.demo_requested.connect(self.open_demo_event)
            welcome.recent_chosen.connect(self._open_recent)
            welcome.guide_requested.connect(self.show_guide)
            self.pages.addWidget(welcome)
        return self._welcome

    # -- menus ------------------------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.new_action = file_menu.addAction(
            self.tr("&New event…"), QKeySequence.StandardKey.New, self.new_event
        )
        self.open_action = file_menu.addAction(
            self.tr("&Open…"), QKeySequence.StandardKey.Open, self.choose_and_open
        )
        self.open_database_action = file_menu.addAction(self.tr("Open &database…"), self.open_database)
        self.recent_menu = QMenu(self.tr("Open &Recent"), self)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        for action in self.people_files.actions():
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addMenu(self.kit_actions.menu(self))
        file_menu.addSeparator()
        self.host_action = file_menu.addAction(self.tr("&Host this event for other desks…"), self.host_event)
        self.join_action = file_menu.addAction(self.tr("&Join an event…"), self.join_event)
        file_menu.addSeparator()
        self.save_copy_action = file_menu.addAction(
            self.tr("Save a &copy…"), QKeySequence("Ctrl+Shift+S"), self.choose_and_save_copy
        )
        self.close_action = file_menu.addAction(
            self.tr("&Close event"), QKeySequence.StandardKey.Close, self.close_document
        )
        file_menu.addSeparator()
        quit_action = file_menu.addAction(self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.close)
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.undo_actions.undo_action)
        edit_menu.addAction(self.undo_actions.redo_action)

        event_menu = self.menuBar().addMenu(self.tr("E&vent"))
        event_menu.setObjectName("eventMenu")
        event_menu.addMenu(self.privacy_actions.menu(self))
        self.event_language_menu = EventLanguageMenu(self.context, self)
        event_menu.addMenu(self.event_language_menu)

        go_menu = self.menuBar().addMenu(self.tr("&Go"))
        self.go_actions: list[QAction] = []
        for number, entry in enumerate(SCREENS, start=1):
            action = go_menu.addAction(entry.display_title())
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _checked=False, key=entry.key: self.show_screen(key))
            self.go_actions.append(action)

        preferences = self.menuBar().addMenu(self.tr("&Preferences"))
        self.language_menu = LanguageMenu(self.settings, self.reopen_in_language, self)
        preferences.addMenu(self.language_menu)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.guide_action = help_menu.addAction(
            self.tr("&User guide"), QKeySequence.StandardKey.HelpContents, self.show_guide
        )
        self.guide_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self._guide: QDialog | None = None
        help_menu.addSeparator()
        about = help_menu.addAction(self.tr("&About eventdesk"), self.show_about)
        about.setMenuRole(QAction.MenuRole.AboutRole)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_events()
        for location in recent:
            action = self.recent_menu.addAction(location)
            action.triggered.connect(lambda _checked=False, target=location: self.open_event(target))
        if recent:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction(self.tr("Clear list"), self._clear_recent)
        else:
            self.recent_menu.addAction(self.tr("No recent events")).setEnabled(False)

    def _clear_recent(self) -> None:
        for location in self.settings.recent_events():
            self.settings.forget_recent_event(location)
        if self._welcome is not None:  # one built later reads the list as it is then
            self._welcome.reload()

    # -- state ------------------------------------------------------------------------------

    def _document_changed(self) -> None:
        has_document = self.context.has_document
        for action in (self.save_copy_action, self.close_action):
            action.setEnabled(has_document)
        # An exhibitor kit is a booth: no imports or people exports, no drops, only its screens.
        is_kit = self.context.is_kit
        for action in self.people_files.actions():
            action.setEnabled(has_document and not is_kit)
        self.setAcceptDrops(not is_kit)
        document = self.context.document
        self.host_action.setEnabled(document is not None and document.path is not None and not is_kit)
        old_view, self.event_view = self.event_view, None
        if has_document:
            if document is not None and document.notices:  # a killed save's leftovers removed
                self.statusBar().showMessage(" ".join(document.notices), 15000)
            self.event_view = EventView(self.context)
            self.event_view.first_screen_painted.connect(self._emit_event_ready)
            self.pages.addWidget(self.event_view)
            self.pages.setCurrentWidget(self.event_view)
        else:
            if self._welcome is not None:  # one built now reads the recent events itself
                self._welcome.reload()
            if self.pages.currentWidget() is not self.opening_page:
                self.pages.setCurrentWidget(self.welcome)
        shown = self.event_view.keys() if self.event_view is not None else []
        for entry, action in zip(SCREENS, self.go_actions, strict=True):
            action.setEnabled(entry.key in shown)
        if old_view is not None:
            self.pages.removeWidget(old_view)
            old_view.deleteLater()
        self._update_title()

    def _update_title(self) -> None:
        document = self.context.document
        if document is None:
            self.setWindowTitle("eventdesk")
            return
        where = document.display_location
        shown = where if document.path is None else Path(where).name
        kit = self.context.kit
        if kit is not None:
            title = self.tr("Exhibitor kit — {company}").format(company=kit.company_name)
            self.setWindowTitle(f"{title} — {kit.event_name} — {shown} — eventdesk")
            return
        self.setWindowTitle(f"{self.context.summary.name} — {shown} — eventdesk")

    def _emit_ready(self) -> None:
        if not self._ready_emitted:
            self._ready_emitted = True
            self.ready.emit()

    def _welcome_painted(self) -> None:
        self._emit_ready()
        self.settled.emit()

    def _emit_event_ready(self) -> None:
        self._emit_ready()
        self.event_ready.emit()
        # The people search index is loaded now, on the pool, rather than when a list first
        # shows: by the time someone has clicked Attendees or Check-in and typed a name, it is
        # ready. Not before the window is usable: it would compete with the first paint.
        if self.context.has_document and not self.context.is_kit:
            # Imported here, not with the window: the search pulls in e-mail and phone
            # validation and rapidfuzz (~60 ms) that the first paint does not need.
            from eventdesk.ui.people_search import PeopleSearch

            self._search_warm_up = PeopleSearch(self.context, self)
            self._search_warm_up.prepare()
            loading = self._search_warm_up.task
            if loading is not None:
                loading.finished.connect(self.settled.emit)
                return
        self.settled.emit()

    def _import_kind(self) -> str:
        """What a file dropped on the window most likely holds: what the screen shows."""
        showing = self.event_view.current_key() if self.event_view is not None else ""
        return "companies" if showing == "companies" else "attendees"

    def show_screen(self, key: str) -> None:
        view = self.event_view
        shown = view.keys() if view is not None else []
        if view is not None and key in shown:  # a kit has only some of the screens
            view.show_screen(key)

    def _last_folder(self) -> Path:
        folder = Path(self.settings.get(LAST_FOLDER) or Path.home())
        return folder if folder.is_dir() else Path.home()

    def _remember_folder(self, path: Path) -> None:
        self.settings.set(LAST_FOLDER, str(path.parent))

    # -- opening ----------------------------------------------------------------------------

    def choose_and_open(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open event"),
            str(self._last_folder()),
            event_files() + ";;" + self.tr("All files (*)"),
        )
        if chosen:
            self._remember_folder(Path(chosen))
            self.open_event(chosen)

    def open_database(self) -> OpenDatabaseDialog:
        from eventdesk.ui.dialogs.open_database import OpenDatabaseDialog

        dialog = OpenDatabaseDialog(parent=self)
        dialog.accepted.connect(lambda: self.open_event(dialog.url()))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_event(
        self, target: str | os.PathLike[str], *, passphrase: str | None = None, tries: int = 0
    ) -> BackgroundTask:
        """Open (and, if needed, migrate) an event without freezing the window; a protected
        file asks for its passphrase (`PassphrasePrompt`, three tries)."""
        location = str(target)

        # Which refusal it was, by its type (its sentence may be in any language): True for a
        # wrong passphrase, False for none given.
        refusal: list[bool] = []

        def job(progress: Progress) -> EventDocument:
            from eventdesk.persistence.protected import PassphraseNeeded, WrongPassphrase

            progress.report(0, 0, self.tr("Opening {name}…").format(name=_short_name(location)))
            try:
                # The page-by-page damage check runs once the event shows (`_check_pages`).
                return EventDocument.open(location, passphrase=passphrase, check_pages=False)
            except (PassphraseNeeded, WrongPassphrase) as exc:
                refusal.append(isinstance(exc, WrongPassphrase))
                raise

        def failed(message: str) -> None:
            if refusal and self.passphrase_prompt.wants(tries):
                self.passphrase_prompt.ask(location, wrong=refusal[0], tries=tries)
            else:
                self._open_failed(location, message)

        return run_in_background(
            job,
            parent=self,
            title=self.tr("Opening event"),
            on_result=self._adopt_opened,
            on_error=failed,
        )

    def adopt_document(self, document: EventDocument) -> None:
        self.context.set_document(document, recent_location=recent_location(document))

    def _adopt_opened(self, document: EventDocument) -> None:
        self.adopt_document(document)
        self._check_pages(document)

    def _check_pages(self, document: EventDocument) -> BackgroundTask:
        """Read every page for damage while the event is already on screen: the check reads
        the whole file (three times as long for a protected one, which decrypts each page),
        and a sound file, the usual case, need not wait for it. A damaged one is closed."""

        def damaged(message: str) -> None:
            if self.context.document is document:
                self.context.close_document()
            show_error(
                self,
                message + " " + self.tr("The event was closed; open your most recent copy of it instead."),
                title=self.tr("The event file is damaged"),
            )

        return run_in_background(
            lambda _progress: document.check_pages(),
            parent=self,
            title=self.tr("Checking the event file"),
            on_error=damaged,
            show_progress_after_ms=None,
        )

    def _open_recent(self, location: str, available: bool) -> None:
        if available:
            self.open_event(location)
        else:
            self._offer_removal(location, self.tr("{location} cannot be found.").format(location=location))

    def _open_failed(self, location: str, message: str) -> None:
        if self.pages.currentWidget() is self.opening_page:
            self.pages.setCurrentWidget(self.welcome)
            call_after_first_paint(self.welcome, self._welcome_painted)
        if location in self.settings.recent_events():
            self._offer_removal(location, message)
        else:
            show_error(self, message, title=self.tr("Cannot open the event"))
        self.open_failed.emit(message)

    def _offer_removal(self, location: str, message: str) -> QMessageBox:
        def remove() -> None:
            self.settings.forget_recent_event(location)
            if self._welcome is not None:
                self._welcome.reload()

        return ask(
            self,
            message,
            self.tr("Remove it from the list of recent events?"),
            accept_text=self.tr("Remove from list"),
            reject_text=self.tr("Keep"),
            on_accept=remove,
            title=self.tr("Cannot open the event"),
        )

    # -- creating ---------------------------------------------------------------------------

    def new_event(self) -> NewEventDialog:
        # The dialogs are imported when first asked for, not with the window.
        from eventdesk.ui.dialogs.new_event import NewEventDialog

        dialog = NewEventDialog(self._last_folder(), parent=self)
        dialog.accepted.connect(lambda: self.create_event(dialog.draft(), dialog.path()))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def create_event(self, draft: EventDraft, path: Path) -> BackgroundTask:
        from eventdesk.services.events import create_event

        self._remember_folder(path)
        return run_in_background(
            lambda _progress: create_event(target=path, draft=draft),
            parent=self,
            title=self.tr("Creating the event"),
            on_result=self.adopt_document,
        )

    def open_demo_event(self) -> BackgroundTask:
        """Generate a fresh demo career fair in the user's data folder and open it."""
        from eventdesk.services.demo import DemoSpec, generate_demo

        target = self.demo_folder / DEMO_FILE_NAME
        current = self.context.document
        if current is not None and current.path is not None and current.path.resolve() == target.resolve():
            self.context.close_document()

        def job(progress: Progress) -> EventDocument:
            target.parent.mkdir(parents=True, exist_ok=True)
            return generate_demo(target=target, spec=DemoSpec(), overwrite=True, progress=progress)

        return run_in_background(
            job,
            parent=self,
            title=self.tr("Generating a demo event"),
            on_result=self.adopt_document,
            show_progress_after_ms=150,
        )

    # -- the open event ---------------------------------------------------------------------

    def choose_and_save_copy(self) -> None:
        document = self.context.document
        if document is None:
            return
        stem = (
            Path(document.display_location).stem if document.path is not None else self.context.summary.name
        )
        suggestion = self._last_folder() / self.tr("{name} copy.eventdesk").format(name=stem)
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Save a copy"), str(suggestion), event_files())
        if chosen:
            self._remember_folder(Path(chosen))
            self.save_copy(Path(chosen))

    def save_copy(self, destination: Path) -> BackgroundTask:
        """A consistent copy of the open event; the event itself stays open and in use."""
        document = self.context.require_document()
        return run_in_background(
            lambda _progress: document.save_copy(destination),
            parent=self,
            title=self.tr("Saving a copy"),
            on_result=self._copy_saved,
        )

    def _copy_saved(self, saved: Path) -> None:
        self.statusBar().showMessage(self.tr("Saved a copy to {path}").format(path=saved), 8000)
        self.privacy_actions.offer_protection(saved, what=self.tr("The copy"))

    def close_document(self) -> None:
        self.context.close_document()

    def join_event(self, **options: Any) -> QDialog:
        """Scan, pick or paste a hub's join code; the window then opens this desk's replica."""
        from eventdesk.ui.dialogs.join_dialog import JoinDialog

        dialog = JoinDialog(self.context, self, **options)
        dialog.joined.connect(self.open_event)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        dialog.browse()
        return dialog

    def host_event(self, **options: Any) -> QDialog | None:
        """Serve the open event file to other desks (see HostDialog); a URL event is served already."""
        from eventdesk.ui.dialogs.host_dialog import HostDialog

        document = self.context.document
        if document is None or document.path is None:
            show_error(
                self,
                self.tr(
                    "Open an event file first; an event on a PostgreSQL server is shared with desks already."
                ),
                title=self.tr("Host this event"),
            )
            return None
        dialog = HostDialog(self.context, Path(document.display_location), self, **options)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        dialog.start_hosting()
        return dialog

    def show_guide(self) -> QDialog:
        """The guide on the page for the screen in front (the desk's page on Check-in)."""
        from eventdesk.ui.help.guide import UserGuide

        showing = self.event_view.current_key() if self.event_view is not None else ""
        page = {"checkin": "desk", "leads": "exhibitor"}.get(showing, "organiser" if showing else "desk")
        if self._guide is None:
            self._guide = UserGuide(self, page=page)
            self._guide.finished.connect(lambda _r: setattr(self, "_guide", None))
            self._guide.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        else:
            self._guide.show_page(page)  # type: ignore[attr-defined]
        self._guide.show()
        self._guide.raise_()
        self._guide.activateWindow()
        return self._guide

    def show_about(self) -> QMessageBox:
        box = QMessageBox(self)
        box.setObjectName("aboutBox")
        box.setWindowTitle(self.tr("About eventdesk"))
        box.setIconPixmap(self.windowIcon().pixmap(64, 64))
        box.setText(f"<b>eventdesk {__version__}</b>")
        box.setInformativeText(
            self.tr(
                "Runs life-science career fairs offline: attendee imports, signed QR badges, check-in "
                "desks, 1:1 matchmaking and exhibitor leads. Every event is a single file you can copy."
            )
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    # -- language ---------------------------------------------------------------------------

    def reopen_in_language(self, language: str) -> MainWindow:
        """This window again in `language`: same event, same screen, same size and place.

        Every change is stored as it is made, so closing the event loses nothing; the new
        window opens it again and shows the screen that was showing.
        """
        document = self.context.document
        location = recent_location(document) if document is not None else None
        screen = self.event_view.current_key() if self.event_view is not None else ""
        app = QApplication.instance()
        assert app is not None
        quits = app.quitOnLastWindowClosed()
        app.setQuitOnLastWindowClosed(False)  # the old window closes before the new one shows
        try:
            self.close()
            switch_language(language, app)
            successor = type(self)(self.context, demo_folder=self.demo_folder, opening=location)
            if location:
                if screen:
                    successor.event_ready.connect(lambda: successor.show_screen(screen))
                successor.open_event(location)
            successor.show()
        finally:
            app.setQuitOnLastWindowClosed(quits)
        self.successor = successor  # keeps it alive as long as whoever held this window
        self.reopened.emit(successor)
        return successor

    # -- window state -----------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        restore_if_it_fits(self, self.settings.get(WINDOW_STATE) or "")

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.set(WINDOW_STATE, bytes(self.saveGeometry().toBase64().data()).decode("ascii"))
        cancel_all_and_wait()
        self.sync_link.stop()
        self.context.close_document()
        super().closeEvent(event)


def _short_name(location: str) -> str:
    if is_database_url(location):
        parts = urlsplit(location)
        return parts.path.lstrip("/") or location
    return Path(location).name
