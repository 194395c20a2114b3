"""The languages eventdesk speaks, and how a language code from a user or a file is read.

The fairs are held in Belgium, the Netherlands and the Øresund region: Dutch and French
(Belgium), Dutch (Netherlands), Danish and Swedish (Medicon Valley), German-speaking
visitors, and English as the common language. Each language is shown by its own name, so
someone who cannot read the current language still finds theirs in a menu or on the kiosk.
"""

from __future__ import annotations

import locale
import os

DEFAULT_LANGUAGE = "en"
LANGUAGE_VARIABLE = "EVENTDESK_LANG"

# code → the language's name in that language (what a menu and the kiosk show)
LANGUAGES: dict[str, str] = {
    "en": "English",
    "nl": "Nederlands",
    "fr": "Français",
    "de": "Deutsch",
    "da": "Dansk",
    "sv": "Svenska",
}

# The full locale each language is formatted with: English the British way (day before month,
# 24-hour clock), as a Benelux or Øresund hall expects.
_LOCALES = {"en": "en_GB", "nl": "nl_NL", "fr": "fr_FR", "de": "de_DE", "da": "da_DK", "sv": "sv_SE"}

# What an attendee list may say instead of a code, in any of the six languages (lower case).
_NAMES: dict[str, str] = {
    "english": "en",
    "engels": "en",
    "anglais": "en",
    "englisch": "en",
    "engelsk": "en",
    "engelska": "en",
    "dutch": "nl",
    "nederlands": "nl",
    "néerlandais": "nl",
    "neerlandais": "nl",
    "niederländisch": "nl",
    "hollandsk": "nl",
    "nederlandsk": "nl",
    "nederländska": "nl",
    "holländska": "nl",
    "vlaams": "nl",
    "flemish": "nl",
    "french": "fr",
    "frans": "fr",
    "français": "fr",
    "francais": "fr",
    "französisch": "fr",
    "fransk": "fr",
    "franska": "fr",
    "german": "de",
    "duits": "de",
    "allemand": "de",
    "deutsch": "de",
    "tysk": "de",
    "tyska": "de",
    "danish": "da",
    "deens": "da",
    "danois": "da",
    "dänisch": "da",
    "dansk": "da",
    "danska": "da",
    "swedish": "sv",
    "zweeds": "sv",
    "suédois": "sv",
    "suedois": "sv",
    "schwedisch": "sv",
    "svensk": "sv",
    "svenska": "sv",
}


def normalise_language(value: str | None) -> str | None:
    """A supported language code for `value` ("fr_BE.UTF-8", "nl-BE", "Dansk", "FR"), else None."""
    if not value:
        return None
    text = value.strip().lower()
    if not text:
        return None
    if text in _NAMES:
        return _NAMES[text]
    code = text.replace("-", "_").split(".")[0].split("@")[0].split("_")[0]
    return code if code in LANGUAGES else None


def locale_name(language: str | None) -> str:
    """The full locale eventdesk formats `language` with ("fr" → "fr_FR"), for Qt's QLocale too.

    Here rather than beside the formatting: the window sets its QLocale at start-up and must
    not load Babel's data for it.
    """
    code = normalise_language(language) or DEFAULT_LANGUAGE
    return _LOCALES.get(code, code)


def language_name(code: str) -> str:
    return LANGUAGES.get(code, code)


def system_language() -> str:
    """The desktop's language when eventdesk has it, else English.

    Read the way gettext does (LANGUAGE, LC_ALL, LC_MESSAGES, LANG) so a desk set up in
    Dutch starts in Dutch; a list in LANGUAGE ("fr:en") is tried in order.
    """
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        for part in value.split(":"):
            code = normalise_language(part)
            if code:
                return code
        if value:
            break
    try:
        code = normalise_language(locale.getlocale()[0])
    except ValueError:
        code = None
    return code or DEFAULT_LANGUAGE


def resolve_language(explicit: str | None = None, preferred: str | None = None) -> str:
    """The language to run in: `--lang`, then $EVENTDESK_LANG, then the saved choice, then the system's."""
    for candidate in (explicit, os.environ.get(LANGUAGE_VARIABLE), preferred):
        code = normalise_language(candidate)
        if code:
            return code
    return system_language()
