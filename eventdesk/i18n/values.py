"""Message values that say how they are to be written, filled in per language when rendered.

Plain values stay as they are (an attendee number is not a quantity to group); these small
wrappers mark what needs the language's own way of writing it. They import no Babel, so
the core can build messages without paying for its locale data until one is shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Count:
    """A quantity, grouped as the language groups thousands; plain ints (ids, years) are left alone."""

    n: int | float


@dataclass(frozen=True)
class Fixed:
    """A measured figure with a set number of decimals (1.30 s, 98.5 %), in the language's decimal sign."""

    value: float
    decimals: int = 1


@dataclass(frozen=True)
class DayMonth:
    """A message value shown as day and month only ("7 Dec", "7. Dez."): a date within the event."""

    day: date
