"""From a checked problem to a schedule, with a proven upper bound on how good it can be.

1. Locked meetings are placed as they are; must-meet pairs are taken as given.
2. The remaining pairs are chosen by a min-cost flow (`flow`) in which each person may have
   min(K, slots they can attend) meetings and each company its tables × available slots,
   and a pair is only offered when both sides share an available slot. Every schedule is
   such a b-matching, so the flow optimum bounds every schedule from above.
3. The chosen pairs get slots and tables by edge colouring (`colouring`). Without
   availability windows or locks this always succeeds (König), so the schedule *is* the
   bound: optimal and certified.
4. With them, a pair may not fit; repair then fills the free places slot by slot with a
   min-cost-flow matching of the remaining candidates, and the report states the gap to the
   bound.

Ties are broken by a seeded shuffle of the people, so two runs with one seed give one
schedule, and another seed gives equally good alternatives.
"""

from __future__ import annotations

import random
import time
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from eventdesk.domain.matchmaking.checks import ImpossibleSchedule, check_problem
from eventdesk.domain.matchmaking.colouring import FREE, SlotBoard, colour_pairs
from eventdesk.domain.matchmaking.flow import best_b_matching, fair_bonuses
from eventdesk.domain.matchmaking.model import Meeting, Objective, Pair, Problem
from eventdesk.domain.progress import NO_PROGRESS, Progress

STAGES = 5


@dataclass(frozen=True)
class Outcome:
    """A schedule and the figures the organiser sees about it."""

    meetings: tuple[Meeting, ...]
    objective: Objective
    objective_value: int
    objective_bound: int
    """A proven upper bound on `objective_value` over every feasible schedule."""
    total_points: int
    bound_points: int
    """The points of the bound's own pairs (for `total` the bound itself)."""
    people_by_meetings: dict[int, int]
    table_slots: int
    seconds: float
    unplaced: int = 0
    """Pairs the bound chose that could not be given a slot (availability, locks)."""
    score_bound_points: int = 0
    """A proven upper bound on the total points of any schedule the setup allows: the score's
    own bound, whichever objective was solved (the fair objective's bound is not one; shown
    beside the score it made a 1548-point schedule look 7 % as good as it could be)."""

    @property
    def optimal(self) -> bool:
        return self.objective_value >= self.objective_bound

    @property
    def quality(self) -> float:
        """The objective as a share of its proven upper bound (1.0 = certified optimum)."""
        return 1.0 if self.objective_bound <= 0 else self.objective_value / self.objective_bound

    @property
    def utilisation(self) -> float:
        return len(self.meetings) / self.table_slots if self.table_slots else 0.0


def objective_value(
    problem: Problem, meetings: list[Meeting] | tuple[Meeting, ...], objective: Objective
) -> int:
    """Points, plus for `fair` each person's stepped bonuses (see `flow`)."""
    points = sum(problem.pair_points(m.pair) for m in meetings)
    if objective is Objective.TOTAL:
        return points
    bonuses = fair_bonuses(problem.max_meetings, _best_points(problem))
    per_person = Counter(m.attendee for m in meetings)
    return points + sum(sum(bonuses[:count]) for count in per_person.values())


def _best_points(problem: Problem) -> int:
    return max(problem.points.values(), default=0)


def solve(
    problem: Problem,
    *,
    objective: Objective = Objective.FAIR,
    seed: int = 0,
    progress: Progress = NO_PROGRESS,
    prefer: Mapping[Pair, tuple[int, int]] | None = None,
) -> Outcome:
    """The best schedule this pipeline finds, with its bound.

    `prefer` maps pairs to the (slot, table) they had before: re-planning keeps them when it
    can, and among equally good schedules prefers the one that keeps the most of them.
    """
    started = time.perf_counter()
    progress.report(0, STAGES, "Checking the setup")
    check_problem(problem)
    prefer = prefer or {}
    rng = random.Random(seed)
    people = sorted(problem.attendees)
    rng.shuffle(people)
    order = {a: n for n, a in enumerate(people)}

    board = _board(problem)
    fixed_pairs = set()
    for lock in problem.locks:
        board.put(lock.attendee, board.node(lock.company, lock.table), lock.slot, fixed=True)
        fixed_pairs.add(lock.pair)
    forced = sorted(problem.must - fixed_pairs, key=lambda p: (order[p[0]], p[1]))

    progress.report(1, STAGES, "Choosing who meets whom")
    chosen, bound_value, bound_points = _relaxation(problem, objective, fixed_pairs, forced, order, prefer)

    score_bound = bound_value
    if objective is not Objective.TOTAL:
        _pairs, score_bound, _points = _relaxation(problem, Objective.TOTAL, fixed_pairs, forced, order, {})

    progress.report(2, STAGES, "Giving meetings a slot and a table")
    left_forced = colour_pairs(board, forced, prefer=prefer, check=lambda _n: progress.check())
    if left_forced:
        a, c = left_forced[0]
        raise ImpossibleSchedule(
            f"{problem.attendee_name(a)} must meet {problem.company_name(c)}, but no slot is free "
            "for both around the locked meetings and availability."
        )
    allowed = {a: len(problem.attendee_free_slots(a)) for a in problem.attendees}
    chosen.sort(key=lambda p: (allowed[p[0]], -problem.pair_points(p), order[p[0]], p[1]))
    unplaced = colour_pairs(board, chosen, prefer=prefer, check=lambda _n: progress.check())

    progress.report(3, STAGES, "Filling free places")
    if unplaced:
        _fill(problem, board, objective, order)

    progress.report(4, STAGES, "Summing up")
    meetings = _meetings(problem, board)
    value = objective_value(problem, meetings, objective)
    counts = Counter(m.attendee for m in meetings)
    by_count = Counter(counts.get(a, 0) for a in problem.attendees)
    table_slots = sum(problem.company_capacity(c) for c in problem.companies)
    return Outcome(
        meetings=tuple(meetings),
        objective=objective,
        objective_value=value,
        objective_bound=bound_value,
        total_points=sum(m.points for m in meetings),
        bound_points=bound_points,
        people_by_meetings=dict(sorted(by_count.items())),
        table_slots=table_slots,
        seconds=time.perf_counter() - started,
        unplaced=len(unplaced),
        score_bound_points=score_bound,
    )


def _board(problem: Problem) -> SlotBoard:
    n = len(problem.slots)
    return SlotBoard.build(
        slots=n,
        tables={c.id: max(0, c.tables) for c in problem.companies.values()},
        attendee_ok={a.id: [s not in a.unavailable for s in range(n)] for a in problem.attendees.values()},
        company_ok={c.id: [s not in c.unavailable for s in range(n)] for c in problem.companies.values()},
    )


def _relaxation(
    problem: Problem,
    objective: Objective,
    fixed_pairs: set[Pair],
    forced: list[Pair],
    order: Mapping[int, int],
    prefer: Mapping[Pair, tuple[int, int]],
) -> tuple[list[Pair], int, int]:
    """The flow optimum over pairs: chosen pairs, the bound on the objective, its points."""
    level: Counter[int] = Counter()
    company_used: Counter[int] = Counter()
    for a, c in [*fixed_pairs, *forced]:
        level[a] += 1
        company_used[c] += 1
    people = sorted(problem.attendees, key=order.__getitem__)
    index = {a: n for n, a in enumerate(people)}
    companies = sorted(problem.companies)
    c_index = {c: n for n, c in enumerate(companies)}
    free_slots = {a: set(problem.attendee_free_slots(a)) for a in people}
    c_free = {c: set(problem.company_free_slots(c)) for c in companies}
    c_caps = [
        problem.company_capacity(c) - company_used[c] if problem.companies[c].tables > 0 else 0
        for c in companies
    ]
    taken = fixed_pairs | set(forced)
    edges = sorted(
        (
            p
            for p in problem.points
            if p not in taken and p not in problem.never and p[0] in index and p[1] in c_index
        ),
        key=lambda p: (index[p[0]], p[1]),
    )
    edges = [p for p in edges if c_caps[c_index[p[1]]] > 0 and free_slots[p[0]] & c_free[p[1]]]
    # Re-planning's "fewest changes": scale the points so that one kept pair is worth less
    # than one point, and add it as a tie-break.
    scale = len(prefer) + 1 if prefer else 1
    gains = [problem.points[p] * scale + (1 if p in prefer else 0) for p in edges]
    bonuses = None
    if objective is Objective.FAIR:
        bonuses = [b * scale for b in fair_bonuses(problem.max_meetings, _best_points(problem))]
    result = best_b_matching(
        attendee_caps=[problem.attendee_cap(a) - level[a] for a in people],
        attendee_levels=[level[a] for a in people],
        company_caps=c_caps,
        edge_attendee=[index[a] for a, _ in edges],
        edge_company=[c_index[c] for _, c in edges],
        edge_gain=gains,
        level_bonus=bonuses,
    )
    chosen = [edges[i] for i in result.chosen]
    base_pairs = [*fixed_pairs, *forced]
    base = objective_value(problem, [Meeting(0, c, 0, a) for a, c in base_pairs], objective)
    bound = base + result.value // scale
    points = sum(problem.pair_points(p) for p in [*base_pairs, *chosen])
    return chosen, bound, points


def _fill(problem: Problem, board: SlotBoard, objective: Objective, order: Mapping[int, int]) -> None:
    """Repair: match remaining candidates into free places, one slot at a time."""
    met: set[Pair] = {(a, company) for _s, company, _t, a in board.placements()}
    degree = Counter(a for *_, a in board.placements())
    by_company: dict[int, list[Pair]] = defaultdict(list)
    for pair in sorted(problem.points, key=lambda p: (order.get(p[0], 0), p[1])):
        if pair not in problem.never and pair[0] in problem.attendees and pair[1] in problem.companies:
            by_company[pair[1]].append(pair)
    bonuses = (
        fair_bonuses(problem.max_meetings, _best_points(problem)) if objective is Objective.FAIR else None
    )
    caps = {a: problem.attendee_cap(a) for a in problem.attendees}
    for slot in range(board.slots):
        open_tables: dict[int, list[int]] = defaultdict(list)
        for node, row in enumerate(board.at_table):
            company = board.table_company[node]
            if row[slot] == FREE and board.company_ok[company][slot]:
                open_tables[company].append(node)
        if not open_tables:
            continue
        edges = [
            (a, c)
            for c in sorted(open_tables)
            for a, c in by_company.get(c, ())
            if (a, c) not in met
            and degree[a] < caps[a]
            and board.attendee_ok[a][slot]
            and board.row(a)[slot] == FREE
        ]
        if not edges:
            continue
        people = sorted({a for a, _ in edges}, key=lambda a: order.get(a, 0))
        index = {a: n for n, a in enumerate(people)}
        companies = sorted(open_tables)
        c_index = {c: n for n, c in enumerate(companies)}
        result = best_b_matching(
            attendee_caps=[1] * len(people),
            attendee_levels=[degree[a] for a in people],
            company_caps=[len(open_tables[c]) for c in companies],
            edge_attendee=[index[a] for a, _ in edges],
            edge_company=[c_index[c] for _, c in edges],
            edge_gain=[problem.points[p] for p in edges],
            level_bonus=bonuses,
        )
        for i in result.chosen:
            a, c = edges[i]
            node = open_tables[c].pop(0)
            board.put(a, node, slot)
            met.add((a, c))
            degree[a] += 1


def _meetings(problem: Problem, board: SlotBoard) -> list[Meeting]:
    locked = {(m.slot, m.company, m.table, m.attendee) for m in problem.locks}
    return sorted(
        Meeting(
            slot,
            company,
            table,
            attendee,
            problem.pair_points((attendee, company)),
            (slot, company, table, attendee) in locked,
        )
        for slot, company, table, attendee in board.placements()
    )
