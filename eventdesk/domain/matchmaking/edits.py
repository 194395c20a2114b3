"""Changing a schedule by hand: move, swap, lock, unlock, delete, add one meeting.

Each edit is checked by the independent validator against the schedule as it would be
afterwards; only the problems the edit itself *adds* refuse it (an old problem, such as a
person whose availability changed after generation, does not block unrelated moves), and
the refusal is the validator's own sentence, naming the people, companies and times.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from eventdesk.domain.errors import ValidationError
from eventdesk.domain.matchmaking.model import Meeting, Problem
from eventdesk.domain.matchmaking.validator import Rule, validate

# When one edit breaks several rules, the one about the pair itself explains it best.
_PRIORITY = {
    rule: n
    for n, rule in enumerate(
        [
            Rule.UNKNOWN,
            Rule.NEVER_PAIR,
            Rule.PAIR_TWICE,
            Rule.MUST_MISSING,
            Rule.LOCK_MISSING,
            Rule.NO_SUCH_TABLE,
            Rule.ATTENDEE_UNAVAILABLE,
            Rule.COMPANY_UNAVAILABLE,
            Rule.TOO_MANY_MEETINGS,
            Rule.ATTENDEE_DOUBLE_BOOKED,
            Rule.TABLE_DOUBLE_BOOKED,
        ]
    )
}


class ScheduleConflict(ValidationError):
    """A hand edit that would break a rule; the message says which and why."""


def _find(meetings: Sequence[Meeting], meeting: Meeting) -> int:
    for n, m in enumerate(meetings):
        if m == meeting:
            return n
    raise ScheduleConflict("That meeting is no longer in the schedule; it was changed meanwhile.")


def _who(problem: Problem, m: Meeting) -> str:
    return f"{problem.attendee_name(m.attendee)}'s meeting with {problem.company_name(m.company)}"


def _refuse_locked(problem: Problem, m: Meeting, what: str) -> None:
    if m.locked:
        raise ScheduleConflict(f"{_who(problem, m)} is locked; unlock it before you {what} it.")


def _checked(
    problem: Problem, before: Sequence[Meeting], after: list[Meeting], hint: str = ""
) -> list[Meeting]:
    locks = tuple(m for m in after if m.locked)
    rules = replace(problem, locks=locks)
    old = {v.message for v in validate(replace(problem, locks=tuple(m for m in before if m.locked)), before)}
    new = sorted((v for v in validate(rules, after) if v.message not in old), key=lambda v: _PRIORITY[v.rule])
    if new:
        raise ScheduleConflict(new[0].message + (f" {hint}" if hint else ""))
    return sorted(after)


def move_meeting(
    problem: Problem,
    meetings: Sequence[Meeting],
    meeting: Meeting,
    *,
    slot: int,
    table: int,
    company: int | None = None,
) -> list[Meeting]:
    """To another slot and/or table of the same company (a grid cell in its company's columns)."""
    n = _find(meetings, meeting)
    _refuse_locked(problem, meeting, "move")
    if company is not None and company != meeting.company:
        raise ScheduleConflict(
            f"{_who(problem, meeting)} cannot move to a table of {problem.company_name(company)}; "
            "a meeting only moves between its own company's tables."
        )
    moved = replace(meeting, slot=slot, table=table)
    after = [*meetings[:n], moved, *meetings[n + 1 :]]
    occupied = any(m.place == moved.place for m in meetings if m != meeting)
    return _checked(problem, meetings, after, "Swap the two meetings instead." if occupied else "")


def swap_meetings(
    problem: Problem, meetings: Sequence[Meeting], first: Meeting, second: Meeting
) -> list[Meeting]:
    """Exchange the times of two meetings; within one company they exchange tables too.

    Swapping across companies keeps each meeting at its own company; the attendees trade
    slots, which is what a person means by "swap Anna's 10:20 and Ben's 10:40".
    """
    i, j = _find(meetings, first), _find(meetings, second)
    if i == j:
        return sorted(meetings)
    for m in (first, second):
        _refuse_locked(problem, m, "swap")
    if first.company == second.company:
        a = replace(first, slot=second.slot, table=second.table)
        b = replace(second, slot=first.slot, table=first.table)
    else:
        a = replace(first, slot=second.slot)
        b = replace(second, slot=first.slot)
    after = [m for k, m in enumerate(meetings) if k not in (i, j)] + [a, b]
    return _checked(problem, meetings, after)


def set_locked(
    problem: Problem, meetings: Sequence[Meeting], meeting: Meeting, locked: bool
) -> list[Meeting]:
    n = _find(meetings, meeting)
    return sorted([*meetings[:n], replace(meeting, locked=locked), *meetings[n + 1 :]])


def delete_meeting(problem: Problem, meetings: Sequence[Meeting], meeting: Meeting) -> list[Meeting]:
    n = _find(meetings, meeting)
    _refuse_locked(problem, meeting, "delete")
    after = [*meetings[:n], *meetings[n + 1 :]]
    return _checked(problem, meetings, after, "Remove the must-meet wish first if the meeting should go.")


def add_meeting(
    problem: Problem, meetings: Sequence[Meeting], *, attendee: int, company: int, slot: int, table: int
) -> list[Meeting]:
    new = Meeting(slot, company, table, attendee, problem.pair_points((attendee, company)))
    return _checked(problem, meetings, [*meetings, new])
