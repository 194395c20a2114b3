"""Which attendees the list shows: the filter bar's choices and the people search's answer.

The filter is a value (frozen, comparable), so a screen can tell whether anything changed
before it re-filters 50,000 rows, and a test can state what it expects in one line. It
turns into one predicate that tests only the conditions that are set.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, replace

from eventdesk.services.people.lists import AttendeeRow

NO_COMPANY = -1
"""`company_id` for "people without an exhibiting company" (visitors, speakers, press)."""


@dataclass(frozen=True)
class AttendeeFilter:
    ticket_type: str | None = None
    status: str | None = None
    checked_in: bool | None = None
    company_id: int | None = None
    """A company's id, `NO_COMPANY`, or None for anyone."""
    ids: frozenset[int] | None = None
    """The people the search found; None when nothing is being searched for."""

    @property
    def is_empty(self) -> bool:
        return self == AttendeeFilter()

    @property
    def has_choices(self) -> bool:
        """Anything chosen in the filter bar (the search aside)."""
        return replace(self, ids=None) != AttendeeFilter()

    def predicate(self) -> Callable[[AttendeeRow], bool] | None:
        """One function over a row for the filter bar's choices, or None when there are none.

        The search's `ids` are not in it: the table model picks those rows by id
        (`set_row_filter(…, among=ids)`), which is quicker than testing every row.
        """
        tests: list[Callable[[AttendeeRow], bool]] = []
        if self.ticket_type is not None:
            ticket_type = self.ticket_type
            tests.append(lambda row: row.ticket_type == ticket_type)
        if self.status is not None:
            status = self.status
            tests.append(lambda row: row.status == status)
        if self.checked_in is not None:
            checked_in = self.checked_in
            tests.append(lambda row: row.checked_in == checked_in)
        if self.company_id is not None:
            company = None if self.company_id == NO_COMPANY else self.company_id
            tests.append(lambda row: row.company_id == company)
        if not tests:
            return None
        # Chained: `all()` over a generator costs more per row than the tests themselves.
        return functools.reduce(_both, tests)


def _both(
    first: Callable[[AttendeeRow], bool], second: Callable[[AttendeeRow], bool]
) -> Callable[[AttendeeRow], bool]:
    return lambda row: first(row) and second(row)
