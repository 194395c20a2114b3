"""Re-planning after no-shows keeps printed, locked and past meetings and says what changed."""

from __future__ import annotations

from dataclasses import replace

import pytest

from eventdesk.domain.matchmaking.model import Meeting, Objective, Problem
from eventdesk.domain.matchmaking.replan import ChangeKind, replan
from eventdesk.domain.matchmaking.synthetic import synthetic_problem
from tests.domain.matchmaking_helpers import assert_valid, solved


@pytest.fixture
def problem() -> Problem:
    # More people than places, so that no-shows leave places others want.
    return synthetic_problem(
        attendees=60, companies=6, slots=6, tables=[2, 1, 2, 1, 1, 2], max_meetings=3, seed=21
    )


@pytest.fixture
def current(problem: Problem) -> list[Meeting]:
    return list(solved(problem, objective=Objective.TOTAL).meetings)


def test_no_shows_are_dropped_and_their_places_filled(problem: Problem, current: list[Meeting]) -> None:
    absent = set(sorted({m.attendee for m in current})[:5])
    present = frozenset(problem.attendees) - absent
    result = replan(problem, current, present=present, objective=Objective.TOTAL)
    after = result.outcome.meetings
    assert_valid(problem, after)
    assert not any(m.attendee in absent for m in after)
    removed = [c for c in result.changes if c.kind is ChangeKind.REMOVED]
    assert {c.before for c in removed} == {m for m in current if m.attendee in absent}
    assert all(c.reason == "did not check in" for c in removed)
    # Fewest changes: every surviving meeting stays exactly where it was.
    assert {m for m in current if m.attendee not in absent} <= set(after)
    added = [c.after for c in result.changes if c.kind is ChangeKind.ADDED]
    assert added and all(m is not None and m.attendee in present for m in added)
    assert len(after) == len(current) - len(removed) + len(added)
    assert result.kept == len(current) - len(removed)


def test_locked_and_started_meetings_stay_even_for_people_who_did_not_check_in(
    problem: Problem, current: list[Meeting]
) -> None:
    absent_lock = next(m for m in current if m.slot == 3)
    absent_past = next(m for m in current if m.slot == 0 and m.attendee != absent_lock.attendee)
    current = [replace(m, locked=True) if m == absent_lock else m for m in current]
    present = frozenset(problem.attendees) - {absent_lock.attendee, absent_past.attendee}
    result = replan(problem, current, present=present, started_slots=1)
    after = result.outcome.meetings
    assert absent_lock in after and next(m for m in after if m == absent_lock).locked
    assert absent_past in after
    assert [m for m in after if m.slot == 0] == [m for m in sorted(current) if m.slot == 0]
    assert all(c.after is None or c.after.slot >= 1 for c in result.changes)
    # Absent people get no new meetings, not even around their locked one.
    assert {m for m in after if m.attendee == absent_lock.attendee} <= {m for m in current}
    assert_valid(replace(problem, locks=(absent_lock,)), after)


def test_unprinted_meetings_may_move_but_printed_ones_stay(problem: Problem, current: list[Meeting]) -> None:
    absent = set(sorted({m.attendee for m in current})[:8])
    present = frozenset(problem.attendees) - absent
    printed = frozenset(m.pair for m in current[::2])
    result = replan(problem, current, present=present, printed=printed, keep_unprinted=False)
    after = set(result.outcome.meetings)
    assert_valid(problem, after)
    assert {m for m in current if m.pair in printed and m.attendee in present} <= after
    moved = [c for c in result.changes if c.kind is ChangeKind.MOVED]
    assert all(c.before is not None and c.before.pair not in printed for c in moved)
    kept_in_place = sum(1 for m in current if m in after)
    assert kept_in_place >= len([m for m in current if m.attendee in present]) - len(moved) - sum(
        c.kind is ChangeKind.REMOVED and c.reason != "did not check in" for c in result.changes
    )


def test_a_printed_meeting_that_now_breaks_a_rule_is_released(
    problem: Problem, current: list[Meeting]
) -> None:
    victim = current[0]
    never = replace(
        problem,
        never=problem.never | {victim.pair},
        points={p: v for p, v in problem.points.items() if p != victim.pair},
    )
    result = replan(never, current, present=frozenset(problem.attendees), printed=frozenset({victim.pair}))
    assert victim not in result.outcome.meetings
    [change] = [c for c in result.changes if c.before == victim]
    assert change.kind is ChangeKind.REMOVED and "must never meet" in change.reason
    assert_valid(never, result.outcome.meetings)


def test_replan_is_deterministic(problem: Problem, current: list[Meeting]) -> None:
    present = frozenset(problem.attendees) - {current[0].attendee, current[5].attendee}
    one = replan(problem, current, present=present, keep_unprinted=False, seed=3)
    two = replan(problem, current, present=present, keep_unprinted=False, seed=3)
    assert one.outcome.meetings == two.outcome.meetings and one.changes == two.changes
