"""Slots from a setup: breaks are skipped, nothing overlaps, bad setups are refused clearly."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from eventdesk.domain.errors import ValidationError
from eventdesk.domain.matchmaking.model import Break, Slot
from eventdesk.domain.matchmaking.slots import build_slots, check_slots, unavailable_slots

AMS = ZoneInfo("Europe/Amsterdam")


def at(hh: int, mm: int) -> datetime:
    return datetime(2027, 3, 12, hh, mm, tzinfo=AMS)


def test_slots_follow_length_and_gap_and_skip_lunch() -> None:
    lunch = Break(at(12, 0), at(13, 0), "Lunch")
    slots = build_slots(first_start=at(11, 0), minutes=15, gap=5, count=5, breaks=[lunch])
    assert [s.label for s in slots] == [
        "11:00–11:15",
        "11:20–11:35",
        "11:40–11:55",
        "13:00–13:15",
        "13:20–13:35",
    ]
    assert [s.index for s in slots] == [0, 1, 2, 3, 4]


def test_a_slot_that_would_run_into_a_break_starts_after_it() -> None:
    slots = build_slots(
        first_start=at(9, 50), minutes=20, gap=0, count=2, breaks=[Break(at(10, 0), at(10, 30))]
    )
    assert [s.label for s in slots] == ["10:30–10:50", "10:50–11:10"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (dict(minutes=15, gap=-5, count=3), "A gap of -5 minutes between meetings would make slots overlap"),
        (dict(minutes=0, gap=5, count=3), "A meeting must last at least one minute, not 0."),
        (dict(minutes=15, gap=5, count=0), "The schedule needs at least one slot."),
        (dict(minutes=60, gap=0, count=20), "20 slots of 60 minutes from 09:00 run past midnight"),
    ],
)
def test_bad_setups_are_refused(kwargs: dict, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        build_slots(first_start=at(9, 0), **kwargs)


def test_overlapping_breaks_are_named() -> None:
    breaks = [Break(at(12, 0), at(13, 0), "Lunch"), Break(at(12, 30), at(12, 45), "Coffee")]
    with pytest.raises(
        ValidationError, match=r"'Lunch' \(12:00–13:00\) and 'Coffee' \(12:30–12:45\) overlap"
    ):
        build_slots(first_start=at(9, 0), minutes=15, gap=5, count=4, breaks=breaks)


def test_overlapping_explicit_slots_are_named() -> None:
    slots = [Slot(0, at(10, 0), at(10, 20)), Slot(1, at(10, 15), at(10, 35))]
    with pytest.raises(ValidationError, match=r"Slots 1 \(10:00–10:20\) and 2 \(10:15–10:35\) overlap"):
        check_slots(slots)


def test_availability_windows_mark_slots_outside_them() -> None:
    slots = build_slots(first_start=at(10, 0), minutes=30, gap=0, count=6)
    assert unavailable_slots(slots, []) == frozenset()
    morning = [(at(9, 0), at(12, 0))]
    assert unavailable_slots(slots, morning) == frozenset({4, 5})
    # A window that only half covers a slot does not make it available.
    assert unavailable_slots(slots, [(at(10, 15), at(11, 0) + timedelta(minutes=10))]) == frozenset(
        {0, 2, 3, 4, 5}
    )
