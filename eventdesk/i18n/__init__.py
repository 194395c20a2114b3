"""Translations for the whole app, core and window alike, from one gettext catalogue per language.

Why gettext (`.po`/`.mo`, maintained with Babel) and not Qt's `.ts`/`.qm`: the Qt-free core
(verdict reasons, import reports, export headers, the CLI) must translate without importing
Qt, and gettext is in the standard library. The window reads the same catalogues through a
`QTranslator` subclass (`eventdesk.ui.translator`), so `self.tr()` calls work unchanged and
each message is translated once, for both layers. Babel also formats dates and numbers per
locale (`eventdesk.i18n.formats`) from the same CLDR data.

Usage in the core: `_("Welcome, {name}.", name=...)`, `ngettext("{n} row", "{n} rows", n)`,
`pgettext("ticket type", "Visitor")`. Placeholders are named and filled *after* translation,
so a translator may move them; strings are never built from fragments. `N_()` marks a
message for extraction where it is translated later (module-level tables); `Message` keeps a
message with its values so it can be shown in another language too (the attendee-facing
verdict display, a schedule in the attendee's language).
"""

from __future__ import annotations

from eventdesk.i18n.catalog import (
    C_,
    N_,
    Message,
    _,
    catalog_dir,
    current_language,
    gettext,
    message,
    ngettext,
    pgettext,
    plural_message,
    set_language,
    translations,
    using_language,
)
from eventdesk.i18n.languages import (
    DEFAULT_LANGUAGE,
    LANGUAGE_VARIABLE,
    LANGUAGES,
    language_name,
    normalise_language,
    resolve_language,
    system_language,
)

__all__ = [
    "C_",
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "LANGUAGE_VARIABLE",
    "N_",
    "Message",
    "_",
    "catalog_dir",
    "current_language",
    "gettext",
    "language_name",
    "message",
    "ngettext",
    "normalise_language",
    "pgettext",
    "plural_message",
    "resolve_language",
    "set_language",
    "system_language",
    "translations",
    "using_language",
]
