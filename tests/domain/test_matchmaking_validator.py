"""The independent validator names every broken rule, with people, companies and times."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from eventdesk.domain.matchmaking.model import AttendeeSpec, CompanySpec, Meeting, Problem, Slot
from eventdesk.domain.matchmaking.validator import Rule, validate

AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def problem() -> Problem:
    start = datetime(2027, 3, 12, 10, 0, tzinfo=AMS)
    slots = tuple(
        Slot(i, start + timedelta(minutes=20 * i), start + timedelta(minutes=20 * i + 15)) for i in range(3)
    )
    return Problem(
        slots=slots,
        attendees={
            1: AttendeeSpec(1, "Sofie Ødegård"),
            2: AttendeeSpec(2, "Bram van den Berg", unavailable=frozenset({2})),
        },
        companies={
            10: CompanySpec(10, "Genmab", 2),
            20: CompanySpec(20, "Galapagos", 1, unavailable=frozenset({0})),
        },
        points={(1, 10): 300, (1, 20): 200, (2, 10): 100, (2, 20): 100},
        max_meetings=2,
        never=frozenset({(2, 20)}),
    )


def rules(problem: Problem, meetings: list[Meeting]) -> dict[Rule, str]:
    return {v.rule: v.message for v in validate(problem, meetings)}


def test_a_good_schedule_has_no_violations(problem: Problem) -> None:
    assert validate(problem, [Meeting(0, 10, 1, 1), Meeting(1, 20, 1, 1), Meeting(0, 10, 2, 2)]) == []


def test_double_booked_attendee(problem: Problem) -> None:
    found = rules(problem, [Meeting(1, 10, 1, 1), Meeting(1, 20, 1, 1)])
    assert found[Rule.ATTENDEE_DOUBLE_BOOKED] == (
        "Sofie Ødegård would meet Genmab and Galapagos at the same time (10:20–10:35)."
    )


def test_double_booked_table(problem: Problem) -> None:
    found = rules(problem, [Meeting(0, 10, 1, 1), Meeting(0, 10, 1, 2)])
    assert (
        "Table 1 of Genmab would seat Sofie Ødegård and Bram van den Berg" in found[Rule.TABLE_DOUBLE_BOOKED]
    )


def test_table_beyond_the_company_capacity(problem: Problem) -> None:
    found = rules(problem, [Meeting(1, 20, 2, 1)])
    assert found[Rule.NO_SUCH_TABLE] == "Galapagos has only 1 table, so there is no table 2."


def test_availability_of_both_sides(problem: Problem) -> None:
    found = rules(problem, [Meeting(2, 10, 1, 2), Meeting(0, 20, 1, 1)])
    assert found[Rule.ATTENDEE_UNAVAILABLE] == "Bram van den Berg is not available at 10:40–10:55."
    assert found[Rule.COMPANY_UNAVAILABLE] == "Galapagos is not available at 10:00–10:15."


def test_cap_per_attendee_pair_once_and_never(problem: Problem) -> None:
    one = replace(problem, max_meetings=1)
    found = rules(one, [Meeting(0, 10, 1, 1), Meeting(1, 10, 1, 1), Meeting(1, 20, 1, 2)])
    assert found[Rule.TOO_MANY_MEETINGS] == "Sofie Ødegård would have 2 meetings; the maximum is 1."
    assert "would meet Genmab 2 times (10:00–10:15, 10:20–10:35)" in found[Rule.PAIR_TWICE]
    assert found[Rule.NEVER_PAIR].startswith("Bram van den Berg and Galapagos must never meet")


def test_locks_and_must_pairs_must_be_kept(problem: Problem) -> None:
    lock = Meeting(1, 10, 2, 2, locked=True)
    strict = replace(problem, locks=(lock,), must=frozenset({(1, 20)}))
    found = rules(strict, [Meeting(1, 10, 1, 2)])
    assert (
        "The locked meeting of Bram van den Berg with Genmab (table 2, 10:20–10:35)"
        in found[Rule.LOCK_MISSING]
    )
    assert (
        found[Rule.MUST_MISSING] == "Sofie Ødegård must meet Galapagos, but the schedule has no such meeting."
    )


def test_unknown_people_companies_and_slots(problem: Problem) -> None:
    found = validate(problem, [Meeting(0, 10, 1, 99), Meeting(0, 99, 1, 1), Meeting(7, 10, 1, 1)])
    assert [v.message for v in found] == [
        "Attendee #99 does not take part in matchmaking.",
        "Company #99 does not take part in matchmaking.",
        "Slot 8 does not exist; there are 3.",
    ]
