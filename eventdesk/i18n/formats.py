"""Dates, times and numbers as each language writes them (Babel's CLDR data).

"7 december 2026", "7 décembre 2026", "7. Dezember 2026", "7. december 2026": the order,
the dot and the capital differ, and a personal schedule an attendee reads must get them
right. English is written the British way (day before month, 24-hour clock), which is what
a Benelux or Øresund hall expects. All six languages start the week on Monday.
"""

from __future__ import annotations

from datetime import date, datetime, time
from functools import cache

from babel import Locale
from babel import dates as babel_dates
from babel import numbers as babel_numbers

from eventdesk.i18n.languages import locale_name
from eventdesk.i18n.values import Count, DayMonth, Fixed


@cache
def babel_locale(language: str | None) -> Locale:
    return Locale.parse(locale_name(language))


def format_date(value: date, language: str | None = None, *, style: str = "long") -> str:
    """'long': 7 December 2026; 'full': with the weekday; 'medium', 'short' as CLDR has them."""
    return babel_dates.format_date(value, style, locale=babel_locale(language))


def format_day_month(value: date, language: str | None = None) -> str:
    """The day and abbreviated month ("7 Dec", "7 déc.", "7. Dez."), for a date within the event."""
    return babel_dates.format_skeleton("MMMd", value, locale=babel_locale(language))


def format_weekday_date(value: date, language: str | None = None) -> str:
    """ "Monday 7 December 2026" as the language writes it (a schedule's heading)."""
    return format_date(value, language, style="full")


def format_time(value: time | datetime, language: str | None = None) -> str:
    """Hours and minutes; every eventdesk language, English included, uses the 24-hour clock."""
    return babel_dates.format_time(value, "HH:mm", locale=babel_locale(language))


def format_datetime(value: datetime, language: str | None = None) -> str:
    """Day, month and time ("7 Dec 2026, 14:05"), for stamps on printed lists."""
    locale = babel_locale(language)
    day = babel_dates.format_skeleton("yMMMd", value, locale=locale)
    return f"{day} {format_time(value, language)}"


def format_number(value: int | float, language: str | None = None) -> str:
    """Grouped as the language groups thousands (1,234 · 1.234 · 1 234)."""
    return babel_numbers.format_decimal(value, locale=babel_locale(language))


def format_fixed(value: float, decimals: int, language: str | None = None) -> str:
    """With exactly `decimals` decimals (12.50 · 12,50): a measured figure keeps its precision."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return babel_numbers.format_decimal(value, format=pattern, locale=babel_locale(language))


def first_weekday(language: str | None = None) -> int:
    """0 = Monday, as Babel counts; the week starts on Monday in every eventdesk language."""
    return int(babel_locale(language).first_week_day)


def format_value(value: object, language: str) -> object:
    """A message value as `language` writes it: numbers grouped, dates and times localised."""
    if isinstance(value, bool):
        return value
    if isinstance(value, DayMonth):
        return format_day_month(value.day, language)
    if isinstance(value, Fixed):
        return format_fixed(value.value, value.decimals, language)
    if isinstance(value, Count):
        return format_number(value.n, language)
    if isinstance(value, datetime):
        return format_datetime(value, language)
    if isinstance(value, date):
        return format_date(value, language)
    if isinstance(value, time):
        return format_time(value, language)
    return value
