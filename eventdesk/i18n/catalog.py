"""Loading the compiled catalogues and looking messages up in the current language.

The current language is a context variable with a process-wide default: the CLI and the
window set the default once, and an export that prints one attendee's schedule in Danish
wraps just that page in `using_language("da")` without touching what other threads show.
Catalogues are the `.mo` files compiled from `resources/translations/<lang>.po` (see
`eventdesk.i18n.catalogues`); English is the source language and needs none.
"""

from __future__ import annotations

import gettext as _gettext
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from eventdesk.i18n.languages import DEFAULT_LANGUAGE, LANGUAGES, normalise_language
from eventdesk.i18n.values import Count
from eventdesk.paths import resource

DOMAIN = "eventdesk"

_default_language = DEFAULT_LANGUAGE
_chosen = False
_current: ContextVar[str | None] = ContextVar("eventdesk_language", default=None)


def catalog_dir() -> Path:
    return resource("translations")


@cache
def translations(language: str) -> _gettext.NullTranslations:
    """The catalogue of `language`; English (or a language without a catalogue) passes through."""
    if language == DEFAULT_LANGUAGE:
        return _gettext.NullTranslations()
    path = catalog_dir() / f"{language}.mo"
    try:
        with path.open("rb") as handle:
            return _gettext.GNUTranslations(handle)
    except OSError:
        return _gettext.NullTranslations()


def set_language(language: str | None, *, chosen: bool = False) -> str:
    """Make `language` the default for the whole process; returns the code actually used.

    `chosen` says the run's language is settled (the CLI read `--lang`, the environment and
    the settings): the window started from that run then uses it as it is.
    """
    global _default_language, _chosen
    _default_language = normalise_language(language) or DEFAULT_LANGUAGE
    _chosen = chosen
    return _default_language


def language_chosen() -> bool:
    return _chosen


def current_language() -> str:
    return _current.get() or _default_language


@contextmanager
def using_language(language: str | None) -> Iterator[str]:
    """Translate into `language` inside the block (this thread/task only); None keeps the current."""
    code = normalise_language(language) or current_language()
    token = _current.set(code)
    try:
        yield code
    finally:
        _current.reset(token)


def _fill(text: str, values: Mapping[str, object], language: str) -> str:
    if not values:
        return text
    from eventdesk.i18n.formats import format_value  # Babel loads on first use, not at start-up

    return text.format(**{key: format_value(value, language) for key, value in values.items()})


def gettext(message: str, /, **values: object) -> str:
    """`message` in the current language, its `{placeholders}` filled from `values`."""
    language = current_language()
    return _fill(translations(language).gettext(message), values, language)


_ = gettext


def ngettext(singular: str, plural: str, n: int, /, **values: object) -> str:
    """The plural form for `n` (the catalogue's Plural-Forms rule); `{n}` is filled with n."""
    language = current_language()
    text = translations(language).ngettext(singular, plural, n)
    return _fill(text, {"n": Count(n), **values}, language)


def pgettext(context: str, message: str, /, **values: object) -> str:
    """`message` where the same English word needs different translations (`context` tells which)."""
    language = current_language()
    return _fill(translations(language).pgettext(context, message), values, language)


def N_(message: str) -> str:
    """Mark a message for the catalogue where it is translated later, by `gettext(variable)`."""
    return message


def C_(context: str, message: str) -> str:
    """Mark a message with its context for the catalogue; `pgettext(context, it)` translates it later."""
    return message


@dataclass(frozen=True)
class Message:
    """A message and its values, rendered in whichever language asks.

    The door builds a verdict's reason once; the desk shows it in the volunteer's language
    and the attendee-facing display in the attendee's, and the log keeps the source text.
    Dates and times among the values are formatted per language when rendered.
    """

    text: str
    values: Mapping[str, object] = field(default_factory=dict)
    plural: str | None = None
    n: int | None = None
    context: str | None = None

    def render(self, language: str | None = None) -> str:
        code = normalise_language(language) or current_language()
        catalogue = translations(code)
        if self.plural is not None and self.n is not None:
            text = catalogue.ngettext(self.text, self.plural, self.n)
            values: Mapping[str, object] = {"n": Count(self.n), **self.values}
        elif self.context is not None:
            text = catalogue.pgettext(self.context, self.text)
            values = self.values
        else:
            text = catalogue.gettext(self.text)
            values = self.values
        return _fill(text, values, code)

    def source(self) -> str:
        """The English text (what the scan log keeps, whatever the desk's language)."""
        return self.render(DEFAULT_LANGUAGE)

    def __str__(self) -> str:
        return self.render()


def message(text: str, /, **values: object) -> Message:
    """A `Message` marked for extraction (keyword `message`)."""
    return Message(text, values)


def plural_message(singular: str, plural: str, n: int, /, **values: object) -> Message:
    return Message(singular, values, plural=plural, n=n)


def supported(language: str) -> bool:
    return language in LANGUAGES
