"""Re-planning after no-shows and late changes, with as few changes as possible.

Printed schedules are already in people's hands and a locked meeting was the organiser's
decision, so both stay where they are; meetings that already began are history and stay
too. Meetings of people who did not check in are dropped, and the places they leave are
filled with checked-in people. By default every other surviving meeting stays put as well —
the fewest changes there can be — and with `keep_unprinted=False` those may move, with the
solver preferring, among equally good schedules, the one that keeps most of them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from eventdesk.domain.matchmaking.model import Meeting, Objective, Pair, Problem
from eventdesk.domain.matchmaking.solver import Outcome, solve
from eventdesk.domain.matchmaking.validator import validate
from eventdesk.domain.progress import NO_PROGRESS, Progress


class ChangeKind(StrEnum):
    REMOVED = "removed"
    ADDED = "added"
    MOVED = "moved"


@dataclass(frozen=True)
class MeetingChange:
    kind: ChangeKind
    before: Meeting | None
    after: Meeting | None
    reason: str

    @property
    def pair(self) -> Pair:
        m = self.after or self.before
        assert m is not None
        return m.pair


@dataclass(frozen=True)
class Replan:
    outcome: Outcome
    changes: tuple[MeetingChange, ...]
    kept: int


def replan(
    problem: Problem,
    current: Sequence[Meeting],
    *,
    present: frozenset[int],
    printed: frozenset[Pair] = frozenset(),
    started_slots: int = 0,
    keep_unprinted: bool = True,
    objective: Objective = Objective.FAIR,
    seed: int = 0,
    progress: Progress = NO_PROGRESS,
) -> Replan:
    """`present`: who checked in; `started_slots`: slots 0 … n−1 have begun and are frozen."""
    fixed: list[Meeting] = []
    released: list[Meeting] = []
    dropped: list[MeetingChange] = []
    for m in current:
        if m.slot < started_slots or m.locked:
            fixed.append(m)
        elif m.attendee not in present:
            dropped.append(MeetingChange(ChangeKind.REMOVED, m, None, "did not check in"))
        elif keep_unprinted or m.pair in printed:
            fixed.append(m)
        else:
            released.append(m)
    reduced = _reduced(problem, fixed, present, started_slots)
    # Printed or kept meetings stay "where possible": one that breaks a rule by now (a new
    # never-pair, changed availability) is released instead of blocking the re-plan.
    broken = {
        m: v.message
        for v in validate(replace(reduced, locks=()), fixed, check_must=False)
        for m in v.meetings
    }
    movable = [m for m in fixed if m in broken and not m.locked and m.slot >= started_slots]
    if movable:
        released += movable
        fixed = [m for m in fixed if m not in movable]
        reduced = _reduced(problem, fixed, present, started_slots)
    prefer = {m.pair: (m.slot, m.table) for m in released}
    outcome = solve(reduced, objective=objective, seed=seed, progress=progress, prefer=prefer)
    originally_locked = {m.place for m in current if m.locked}
    meetings = tuple(replace(m, locked=m.place in originally_locked) for m in outcome.meetings)
    outcome = replace(outcome, meetings=meetings)
    return Replan(outcome, tuple(dropped) + _diff(current, released, meetings, broken), len(fixed))


def _reduced(
    problem: Problem, fixed: Sequence[Meeting], present: frozenset[int], started_slots: int
) -> Problem:
    """Only checked-in people (and those with fixed meetings) take part, and only in slots
    that have not begun; absent people keep their fixed meetings but get no new ones."""
    everything = set(range(len(problem.slots)))
    started = set(range(started_slots))
    own: dict[int, set[int]] = {}
    company_slots: dict[int, set[int]] = {}
    for m in fixed:
        own.setdefault(m.attendee, set()).add(m.slot)
        company_slots.setdefault(m.company, set()).add(m.slot)
    attendees = {}
    for a, spec in problem.attendees.items():
        if a in present:
            closed = started - own.get(a, set())
        elif a in own:
            closed = everything - own[a]
        else:
            continue
        attendees[a] = replace(spec, unavailable=(spec.unavailable | closed) - (own.get(a, set()) & started))
    companies = {
        c: replace(spec, unavailable=(spec.unavailable | started) - (company_slots.get(c, set()) & started))
        for c, spec in problem.companies.items()
    }
    return replace(
        problem,
        attendees=attendees,
        companies=companies,
        points={p: v for p, v in problem.points.items() if p[0] in attendees},
        must=frozenset(p for p in problem.must if p[0] in present),
        locks=tuple(replace(m, locked=True) for m in fixed),
    )


def _diff(
    current: Sequence[Meeting],
    released: Sequence[Meeting],
    meetings: Sequence[Meeting],
    broken: Mapping[Meeting, str],
) -> tuple[MeetingChange, ...]:
    before = {m.pair: m for m in released}
    fixed_or_new = {m.pair: m for m in meetings}
    changes: list[MeetingChange] = []
    for pair, old in sorted(before.items()):
        new = fixed_or_new.get(pair)
        if new is None:
            reason = broken.get(old, "made room for a better schedule")
            changes.append(MeetingChange(ChangeKind.REMOVED, old, None, reason))
        elif (new.slot, new.table) != (old.slot, old.table):
            reason = broken.get(old, "moved to fit the new schedule")
            changes.append(MeetingChange(ChangeKind.MOVED, old, new, reason))
    had = {m.pair for m in current}
    changes += [
        MeetingChange(ChangeKind.ADDED, None, m, "filled a free place") for m in meetings if m.pair not in had
    ]
    return tuple(changes)
