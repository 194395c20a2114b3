"""Random matchmaking problems of a given shape, for the benchmark and the solver's tests.

The published figures (2,000 attendees × 120 companies × 16 slots × 2 tables) are measured
on these rather than on a demo event so that the solver is timed alone, without the
database; scores follow the real structure — each person's 15 best companies, with a few
strongly wanted ones — rather than uniform noise, which would make ties (and so the
colouring) unrealistically easy.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from eventdesk.domain.matchmaking.model import AttendeeSpec, CompanySpec, Meeting, Pair, Problem, Slot


def synthetic_problem(
    *,
    attendees: int,
    companies: int,
    slots: int,
    tables: int | list[int] = 2,
    max_meetings: int = 6,
    candidates: int = 15,
    unavailable_per_attendee: int = 0,
    unavailable_per_company: int = 0,
    max_points: int = 1000,
    must: int = 0,
    never: int = 0,
    locks: int = 0,
    seed: int = 0,
) -> Problem:
    rng = random.Random(seed)
    start = datetime(2027, 3, 12, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
    slot_list = tuple(
        Slot(i, start + timedelta(minutes=20 * i), start + timedelta(minutes=20 * i + 15))
        for i in range(slots)
    )
    people = {
        a: AttendeeSpec(
            a, f"Person {a}", frozenset(rng.sample(range(slots), min(slots, unavailable_per_attendee)))
        )
        for a in range(1, attendees + 1)
    }
    table_counts = tables if isinstance(tables, list) else [tables] * companies
    firms = {
        c: CompanySpec(
            c,
            f"Company {c}",
            table_counts[c - 1],
            frozenset(rng.sample(range(slots), min(slots, unavailable_per_company))),
        )
        for c in range(1, companies + 1)
    }
    # Popularity differs between companies, as it does at a real fair.
    popularity = [rng.random() ** 2 + 0.05 for _ in range(companies)]
    points: dict[Pair, int] = {}
    for a in people:
        chosen = _weighted_sample(rng, list(firms), popularity, min(candidates, companies))
        for rank, c in enumerate(chosen):
            points[(a, c)] = max(1, int(max_points * (1 - rank / (candidates + 1)) * rng.uniform(0.6, 1.0)))
    pairs = sorted(points)
    must_pairs = frozenset(rng.sample(pairs, min(must, len(pairs))))
    never_pairs = frozenset(rng.sample([p for p in pairs if p not in must_pairs], min(never, len(pairs))))
    for pair in never_pairs:
        points.pop(pair)
    problem = Problem(slot_list, people, firms, points, max_meetings, must_pairs, never_pairs)
    if locks:
        problem = _with_locks(problem, rng, locks)
    return problem


def _weighted_sample(rng: random.Random, items: list[int], weights: list[float], k: int) -> list[int]:
    keys = sorted(items, key=lambda i: -(rng.random() ** (1.0 / weights[i - 1])))
    return keys[:k]


def _with_locks(problem: Problem, rng: random.Random, count: int) -> Problem:
    """Locks that can all hold together: distinct places, people free and available."""
    taken_places: set[tuple[int, int, int]] = set()
    busy: set[tuple[int, int]] = set()
    locks: list[Meeting] = []
    per_person: dict[int, int] = {}
    pairs = [p for p in sorted(problem.points) if p not in problem.must]
    rng.shuffle(pairs)
    for a, c in pairs:
        if len(locks) >= count:
            break
        company = problem.companies[c]
        if company.tables < 1 or per_person.get(a, 0) >= problem.max_meetings:
            continue
        slots = [
            s.index
            for s in problem.slots
            if s.index not in problem.attendees[a].unavailable
            and s.index not in company.unavailable
            and (a, s.index) not in busy
        ]
        rng.shuffle(slots)
        for slot in slots:
            free = [t for t in range(1, company.tables + 1) if (slot, c, t) not in taken_places]
            if free:
                locks.append(Meeting(slot, c, free[0], a, problem.points[(a, c)], locked=True))
                taken_places.add((slot, c, free[0]))
                busy.add((a, slot))
                per_person[a] = per_person.get(a, 0) + 1
                break
    return Problem(
        problem.slots,
        problem.attendees,
        problem.companies,
        problem.points,
        problem.max_meetings,
        problem.must,
        problem.never,
        tuple(locks),
    )
