"""Hand edits: moves, swaps, locks and deletes that break a rule are refused and explained."""

from __future__ import annotations

from dataclasses import replace

import pytest

from eventdesk.domain.matchmaking.edits import (
    ScheduleConflict,
    add_meeting,
    delete_meeting,
    move_meeting,
    set_locked,
    swap_meetings,
)
from eventdesk.domain.matchmaking.model import Meeting, Problem
from eventdesk.domain.matchmaking.synthetic import synthetic_problem
from tests.domain.matchmaking_helpers import assert_valid, solved


@pytest.fixture
def problem() -> Problem:
    base = synthetic_problem(attendees=8, companies=3, slots=6, tables=[2, 1, 1], max_meetings=2, seed=9)
    never = frozenset({(8, 3)})
    return replace(base, never=never, points={p: v for p, v in base.points.items() if p not in never})


@pytest.fixture
def meetings(problem: Problem) -> list[Meeting]:
    return list(solved(problem).meetings)


def free_place(problem: Problem, meetings: list[Meeting], m: Meeting) -> tuple[int, int] | None:
    busy = {x.slot for x in meetings if x.attendee == m.attendee}
    for slot in range(len(problem.slots)):
        for table in range(1, problem.companies[m.company].tables + 1):
            if slot not in busy and all(x.place != (slot, m.company, table) for x in meetings):
                return slot, table
    return None


def test_move_to_a_free_place(problem: Problem, meetings: list[Meeting]) -> None:
    for m in meetings:
        place = free_place(problem, meetings, m)
        if place:
            after = move_meeting(problem, meetings, m, slot=place[0], table=place[1])
            assert_valid(problem, after)
            assert replace(m, slot=place[0], table=place[1]) in after and m not in after
            return
    pytest.fail("no meeting with a free place to move to")


def test_move_onto_a_taken_table_is_refused_with_a_hint(problem: Problem, meetings: list[Meeting]) -> None:
    m = meetings[0]
    other = next(
        x for x in meetings if x.company == m.company and x.slot != m.slot and x.attendee != m.attendee
    )
    with pytest.raises(ScheduleConflict) as caught:
        move_meeting(problem, meetings, m, slot=other.slot, table=other.table)
    assert f"Table {other.table} of {problem.company_name(m.company)} would seat" in str(caught.value)
    assert str(caught.value).endswith("Swap the two meetings instead.")


def test_move_to_another_company_is_refused(problem: Problem, meetings: list[Meeting]) -> None:
    m = meetings[0]
    other = next(c for c in problem.companies if c != m.company)
    with pytest.raises(ScheduleConflict, match="only moves between its own company's tables"):
        move_meeting(problem, meetings, m, slot=m.slot, table=1, company=other)


def test_move_into_the_attendees_other_meeting_time_is_refused(
    problem: Problem, meetings: list[Meeting]
) -> None:
    person = next(a for a in problem.attendees if sum(m.attendee == a for m in meetings) == 2)
    first, second = sorted((m for m in meetings if m.attendee == person), key=lambda m: m.slot)
    with pytest.raises(ScheduleConflict, match="at the same time"):
        move_meeting(problem, meetings, first, slot=second.slot, table=first.table)


def test_swap_two_meetings_of_one_person(problem: Problem, meetings: list[Meeting]) -> None:
    person = next(a for a in problem.attendees if sum(m.attendee == a for m in meetings) == 2)
    first, second = (m for m in meetings if m.attendee == person)
    try:
        after = swap_meetings(problem, meetings, first, second)
    except ScheduleConflict as conflict:
        assert "would seat" in str(conflict)  # the other company's table is taken then
    else:
        assert_valid(problem, after)
        assert {(m.company, m.slot) for m in after if m.attendee == person} == {
            (first.company, second.slot),
            (second.company, first.slot),
        }


def test_swap_within_one_company_exchanges_the_cells(problem: Problem, meetings: list[Meeting]) -> None:
    for a in meetings:
        for b in meetings:
            if a.company == b.company and a.slot != b.slot and a.attendee != b.attendee:
                try:
                    after = swap_meetings(problem, meetings, a, b)
                except ScheduleConflict as conflict:
                    assert "at the same time" in str(conflict)
                    continue
                assert_valid(problem, after)
                assert replace(a, slot=b.slot, table=b.table) in after
                return
    pytest.fail("no swappable pair")


def test_locked_meetings_cannot_be_moved_or_deleted_until_unlocked(
    problem: Problem, meetings: list[Meeting]
) -> None:
    m = meetings[0]
    locked = set_locked(problem, meetings, m, True)
    lm = replace(m, locked=True)
    with pytest.raises(ScheduleConflict, match="is locked; unlock it before you delete it"):
        delete_meeting(problem, locked, lm)
    with pytest.raises(ScheduleConflict, match="is locked; unlock it before you move it"):
        move_meeting(problem, locked, lm, slot=m.slot, table=m.table)
    unlocked = set_locked(problem, locked, lm, False)
    after = delete_meeting(problem, unlocked, m)
    assert m not in after and len(after) == len(meetings) - 1
    assert_valid(problem, after)


def test_deleting_a_must_meeting_is_refused(problem: Problem) -> None:
    pair = next(iter(sorted(problem.points)))
    strict = replace(problem, must=frozenset({pair}))
    meetings = list(solved(strict).meetings)
    m = next(x for x in meetings if x.pair == pair)
    with pytest.raises(ScheduleConflict, match=r"must meet .* Remove the must-meet wish first"):
        delete_meeting(strict, meetings, m)


def test_add_refuses_never_pairs_and_second_meetings(problem: Problem, meetings: list[Meeting]) -> None:
    with pytest.raises(ScheduleConflict, match="must never meet"):
        add_meeting(problem, [], attendee=8, company=3, slot=0, table=1)
    m = meetings[0]
    with pytest.raises(ScheduleConflict, match="a pair meets once"):
        add_meeting(problem, meetings, attendee=m.attendee, company=m.company, slot=(m.slot + 1) % 4, table=1)


def test_an_old_problem_does_not_block_an_unrelated_edit(problem: Problem, meetings: list[Meeting]) -> None:
    """Someone's availability changed after generation: other meetings can still be moved."""
    a = meetings[0]
    changed = replace(problem.attendees[a.attendee], unavailable=frozenset({a.slot}))
    later = replace(problem, attendees={**problem.attendees, a.attendee: changed})
    for m in meetings:
        place = free_place(later, meetings, m)
        if m.attendee != a.attendee and place:
            move_meeting(later, meetings, m, slot=place[0], table=place[1])
            return
