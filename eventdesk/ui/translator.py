"""Qt's `tr()` answered from eventdesk's gettext catalogues, and Qt's own dialogs in the same language.

One catalogue per language serves the core and the window (see `eventdesk.i18n`): this
`QTranslator` looks `self.tr()`/`QCoreApplication.translate()` calls up in it, so no widget
code changes and no message is translated twice. Qt's class context is not part of the key
(the extractor cannot see it for helper functions); a disambiguation becomes the gettext
context. A `%n` message is a gettext plural whose form the catalogue's Plural-Forms choose;
Qt then puts the number in. Qt's own strings (file, print and colour dialogs, message box
buttons) come from the `qtbase_<lang>.qm` PySide6 ships.
"""

from __future__ import annotations

import gettext

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator

from eventdesk.i18n import DEFAULT_LANGUAGE, set_language, translations
from eventdesk.i18n.languages import locale_name


class GettextTranslator(QTranslator):
    """Answers Qt's lookups from the gettext catalogue of one language."""

    def __init__(self, language: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._language = language
        self._catalogue = translations(language)
        # NullTranslations has no _catalog; a language without a catalogue answers nothing.
        self._messages: dict[object, str] = getattr(self._catalogue, "_catalog", {})

    def language(self) -> str:  # type: ignore[override]
        return self._language

    def isEmpty(self) -> bool:
        return not self._messages

    def translate(  # type: ignore[override]
        self,
        context: str,
        source_text: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str | None:
        """The translation, or None so Qt tries the next translator (qtbase) and then the source."""
        if not source_text:
            return None
        if "%n" in source_text and n >= 0:
            if (source_text, 0) in self._messages:
                return self._catalogue.ngettext(source_text, source_text, n)
            return None
        key = f"{disambiguation}\x04{source_text}" if disambiguation else source_text
        return self._messages.get(key) or None


_installed: list[QTranslator] = []


def install(language: str, app: QCoreApplication) -> list[QTranslator]:
    """Install eventdesk's and Qt's translators for `language`, replacing those installed before.

    Qt asks the translator installed last first: qtbase goes last so its contexts (QFileDialog,
    QPrintDialog, …) are answered by Qt's own translations, ours answer everything else.
    """
    uninstall(_installed, app)
    _installed.clear()
    installed = _installed
    if language == DEFAULT_LANGUAGE:
        return installed
    ours = GettextTranslator(language, app)
    if app.installTranslator(ours):
        installed.append(ours)
    qt_own = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_own.load(f"qtbase_{language}", folder) and app.installTranslator(qt_own):
        installed.append(qt_own)
    return installed


def uninstall(translators: list[QTranslator], app: QCoreApplication) -> None:
    for translator in list(translators):
        app.removeTranslator(translator)


def switch_language(language: str | None, app: QCoreApplication) -> str:
    """Run the window, the core and Qt's dialogs in `language` from now on; returns the code used.

    Widgets already built keep their texts: the caller rebuilds the window (see
    MainWindow.reopen_in_language), which is what "switch without losing work" needs anyway.
    """
    code = set_language(language, chosen=True)
    QLocale.setDefault(QLocale(locale_name(code)))
    install(code, app)
    return code


def has_catalogue(language: str) -> bool:
    return isinstance(translations(language), gettext.GNUTranslations)
