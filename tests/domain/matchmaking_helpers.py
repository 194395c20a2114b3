"""The tests' referees for matchmaking: the independent validator on every schedule, and
exact integer programmes for small problems (PuLP + CBC).

The programmes are written from the problem statement, not from the solver: one binary per (pair, slot) where
both sides are available, and each rule as a linear constraint. Tables of a company are
interchangeable within a slot, so a per-slot count stands for table numbers.
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Iterable
from typing import Any

import pulp

from eventdesk.domain.matchmaking.model import Meeting, Problem
from eventdesk.domain.matchmaking.solver import Outcome, solve
from eventdesk.domain.matchmaking.validator import validate


def assert_valid(problem: Problem, meetings: Iterable[Meeting]) -> None:
    """Every schedule a test produces goes through here."""
    problems = validate(problem, meetings)
    assert not problems, "\n".join(v.message for v in problems)


def solved(problem: Problem, **options: Any) -> Outcome:
    """`solve`, with the validator run on the schedule it returns: how tests get schedules."""
    outcome = solve(problem, **options)
    assert_valid(problem, outcome.meetings)
    return outcome


def _model(problem: Problem, name: str) -> tuple[pulp.LpProblem, dict, dict]:
    model = pulp.LpProblem(name, pulp.LpMaximize)
    locked = {(m.attendee, m.company): m.slot for m in problem.locks}
    x = {}
    for a, c in sorted(set(problem.points) | problem.must | set(locked)):
        if (a, c) in problem.never or a not in problem.attendees or c not in problem.companies:
            continue
        for slot in problem.slots:
            s = slot.index
            if s in problem.attendees[a].unavailable or s in problem.companies[c].unavailable:
                continue
            x[(a, c, s)] = model.add_variable(f"x_{a}_{c}_{s}", cat="Binary")
    by_person = {a: [v for (aa, _, _), v in x.items() if aa == a] for a in problem.attendees}
    for a in problem.attendees:
        for s in range(len(problem.slots)):
            model += pulp.lpSum(v for (aa, _, ss), v in x.items() if aa == a and ss == s) <= 1
        model += pulp.lpSum(by_person[a]) <= problem.max_meetings
    for c, spec in problem.companies.items():
        for s in range(len(problem.slots)):
            model += pulp.lpSum(v for (_, cc, ss), v in x.items() if cc == c and ss == s) <= spec.tables
    pairs = {(a, c) for a, c, _ in x}
    for a, c in pairs:
        once = pulp.lpSum(v for (aa, cc, _), v in x.items() if (aa, cc) == (a, c))
        model += once <= 1
        if (a, c) in problem.must:
            model += once >= 1
    for (a, c), s in locked.items():
        model += x[(a, c, s)] >= 1
    return model, x, by_person


def _solve(model: pulp.LpProblem) -> None:
    with warnings.catch_warnings():
        # PuLP 3.3 announces that its bundled CBC moves to an extra in 4.0; it is the solver here.
        warnings.simplefilter("ignore", DeprecationWarning)
        status = model.solve(pulp.PULP_CBC_CMD(msg=False))
    assert pulp.LpStatus[status] == "Optimal", pulp.LpStatus[status]


def _points(problem: Problem, x: dict) -> pulp.LpAffineExpression:
    return pulp.lpSum(problem.points.get((a, c), 0) * v for (a, c, _), v in x.items())


def ilp_total(problem: Problem) -> int:
    """The maximum sum of points over every feasible schedule."""
    model, x, _ = _model(problem, "total")
    model += _points(problem, x)
    _solve(model)
    return round(pulp.value(model.objective) or 0)


def ilp_fair(problem: Problem) -> tuple[list[int], int]:
    """Lexicographic optimum by successive ILPs: people with ≥1, ≥2, … meetings, then points."""
    best_levels: list[int] = []
    model, x, by_person = _model(problem, "fair")
    at_least = {
        (a, k): model.add_variable(f"y_{a}_{k}", cat="Binary")
        for a, k in itertools.product(problem.attendees, range(1, problem.max_meetings + 1))
    }
    for (a, k), y in at_least.items():
        model += k * y <= pulp.lpSum(by_person[a])
    for k in range(1, problem.max_meetings + 1):
        level = pulp.lpSum(y for (_, kk), y in at_least.items() if kk == k)
        model.setObjective(level)
        _solve(model)
        best = round(pulp.value(model.objective) or 0)
        best_levels.append(best)
        model += level >= best
    model.setObjective(_points(problem, x))
    _solve(model)
    return best_levels, round(pulp.value(model.objective) or 0)
