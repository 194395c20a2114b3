"""Preferences › Language: the system's language or one of the six, for window, core and CLI.

The choice is kept in the settings (the CLI reads it too, below `--lang` and
$EVENTDESK_LANG). Every widget sets its texts when it is built, so a new language means a
new window: the main window rebuilds itself with the same event open on the same screen
(`MainWindow.reopen_in_language`); nothing that was stored is lost, because eventdesk
stores every change as it is made.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from eventdesk.i18n import LANGUAGES, current_language, language_name, system_language
from eventdesk.settings import LANGUAGE, Settings


class LanguageMenu(QMenu):
    """A checkable list: "System language (…)" and each language under its own name."""

    def __init__(
        self, settings: Settings, choose: Callable[[str], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("&Language"), parent)
        self.setObjectName("languageMenu")
        self.settings = settings
        self._choose = choose
        group = QActionGroup(self)
        group.setExclusive(True)
        saved = settings.get(LANGUAGE)
        system = self.addAction(
            self.tr("System language ({language})").format(language=language_name(system_language()))
        )
        system.setData("")
        self.addSeparator()
        actions = [system]
        for code in LANGUAGES:
            # Each under its own name: someone who cannot read the current language finds theirs.
            action = self.addAction(language_name(code))
            action.setData(code)
            actions.append(action)
        for action in actions:
            action.setCheckable(True)
            group.addAction(action)
            action.setChecked(action.data() == saved if saved else action is system)
        group.triggered.connect(self._triggered)

    def action_for(self, code: str) -> QAction:
        return next(a for a in self.actions() if a.data() == code)

    def _triggered(self, action: QAction) -> None:
        code = str(action.data() or "")
        self.settings.set(LANGUAGE, code)
        wanted = code or system_language()
        if wanted != current_language():
            self._choose(wanted)
