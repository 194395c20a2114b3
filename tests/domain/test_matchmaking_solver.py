"""The solver against exact integer programmes, its bound, its determinism and the baseline."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from dataclasses import replace

import pytest

from eventdesk.domain.errors import Cancelled
from eventdesk.domain.matchmaking.greedy import greedy_schedule
from eventdesk.domain.matchmaking.model import Objective, Problem
from eventdesk.domain.matchmaking.solver import objective_value, solve
from eventdesk.domain.matchmaking.synthetic import synthetic_problem
from eventdesk.domain.progress import Progress
from tests.domain.matchmaking_helpers import assert_valid, ilp_fair, ilp_total, solved


def small(seed: int, **kwargs: object) -> Problem:
    shape: dict[str, object] = dict(
        attendees=14, companies=5, slots=4, tables=[1, 2, 1, 2, 1], max_meetings=3
    )
    shape.update(candidates=4, max_points=50, seed=seed)
    shape.update(kwargs)
    return synthetic_problem(**shape)  # type: ignore[arg-type]


def levels(problem: Problem, meetings: tuple) -> list[int]:
    per_person = Counter(m.attendee for m in meetings)
    return [
        sum(1 for a in problem.attendees if per_person[a] >= k) for k in range(1, problem.max_meetings + 1)
    ]


@pytest.mark.parametrize("seed", range(8))
def test_total_equals_the_ilp_optimum_and_is_certified(seed: int) -> None:
    problem = small(seed)
    outcome = solved(problem, objective=Objective.TOTAL, seed=seed)
    assert_valid(problem, outcome.meetings)
    assert outcome.total_points == ilp_total(problem)
    assert outcome.optimal and outcome.objective_bound == outcome.total_points


@pytest.mark.parametrize("seed", range(6))
def test_total_with_must_and_never_pairs_equals_the_ilp(seed: int) -> None:
    problem = small(seed, must=3, never=3)
    outcome = solved(problem, objective=Objective.TOTAL, seed=seed)
    assert_valid(problem, outcome.meetings)
    assert outcome.total_points == ilp_total(problem)


@pytest.mark.parametrize("seed", range(8))
def test_fair_is_lexicographic_like_successive_ilps(seed: int) -> None:
    """First people with ≥1 meeting, then ≥2, …, then the total score: equal to the ILPs."""
    problem = small(seed, attendees=16, candidates=3)
    outcome = solved(problem, objective=Objective.FAIR, seed=seed)
    assert_valid(problem, outcome.meetings)
    best_levels, best_points = ilp_fair(problem)
    assert levels(problem, outcome.meetings) == best_levels
    assert outcome.total_points == best_points
    assert outcome.optimal


def test_fair_gives_more_people_a_meeting_than_total_when_they_compete() -> None:
    problem = small(3, attendees=20, candidates=2)
    fair = solved(problem, objective=Objective.FAIR)
    total = solved(problem, objective=Objective.TOTAL)
    assert levels(problem, fair.meetings) >= levels(problem, total.meetings)
    assert fair.people_by_meetings.get(0, 0) <= total.people_by_meetings.get(0, 0)
    assert total.total_points >= fair.total_points


@pytest.mark.parametrize("seed", range(6))
def test_with_availability_and_locks_the_schedule_is_valid_and_within_the_bound(seed: int) -> None:
    problem = small(seed, unavailable_per_attendee=1, unavailable_per_company=1, locks=3, must=2)
    outcome = solved(problem, objective=Objective.TOTAL, seed=seed)
    assert_valid(problem, outcome.meetings)
    optimum = ilp_total(problem)
    assert outcome.total_points <= optimum <= outcome.objective_bound
    assert {m.place for m in problem.locks} <= {m.place for m in outcome.meetings}
    assert all(m.locked for m in outcome.meetings if m in problem.locks)


def test_without_availability_a_large_instance_reaches_its_bound() -> None:
    problem = synthetic_problem(attendees=400, companies=30, slots=10, tables=2, seed=5)
    for objective in Objective:
        outcome = solved(problem, objective=objective, seed=1)
        assert_valid(problem, outcome.meetings)
        assert outcome.optimal, objective


def test_same_seed_same_schedule_and_other_seeds_are_as_good() -> None:
    problem = synthetic_problem(
        attendees=120, companies=12, slots=8, tables=2, unavailable_per_attendee=2, seed=2
    )
    first = solved(problem, seed=11)
    again = solved(problem, seed=11)
    assert first.meetings == again.meetings
    assert [m.points for m in first.meetings] == [m.points for m in again.meetings]
    other = solved(problem, seed=12)
    assert_valid(problem, other.meetings)
    assert other.objective_bound == first.objective_bound


def test_solver_beats_or_equals_greedy_and_greedy_is_valid() -> None:
    problem = synthetic_problem(
        attendees=300, companies=20, slots=8, tables=2, unavailable_per_attendee=2, seed=4
    )
    greedy = greedy_schedule(problem)
    assert_valid(problem, greedy)
    outcome = solved(problem, objective=Objective.TOTAL)
    assert outcome.total_points >= objective_value(problem, greedy, Objective.TOTAL)


def test_the_reported_figures_add_up() -> None:
    problem = small(1)
    outcome = solved(problem, objective=Objective.TOTAL)
    assert sum(outcome.people_by_meetings.values()) == len(problem.attendees)
    assert sum(k * n for k, n in outcome.people_by_meetings.items()) == len(outcome.meetings)
    capacity = sum(c.tables * len(problem.slots) for c in problem.companies.values())
    assert outcome.table_slots == capacity
    assert outcome.utilisation == pytest.approx(len(outcome.meetings) / capacity)
    assert 0 < outcome.quality <= 1


def test_progress_is_reported_and_cancel_stops_the_solver() -> None:
    problem = small(2)
    seen: list[str] = []
    solved(problem, progress=Progress(lambda done, total, message: seen.append(message)))
    assert seen[0] == "Checking the setup" and len(seen) >= 4
    with pytest.raises(Cancelled):
        solve(problem, progress=Progress(is_cancelled=lambda: True))


def test_a_company_without_tables_gets_no_meetings_but_others_do() -> None:
    problem = small(0)
    first = next(iter(problem.companies))
    problem = replace(
        problem, companies={**problem.companies, first: replace(problem.companies[first], tables=0)}
    )
    outcome = solved(problem)
    assert_valid(problem, outcome.meetings)
    assert outcome.meetings and all(m.company != first for m in outcome.meetings)


def test_the_solver_runs_where_numpy_cannot_be_imported() -> None:
    """The desktop bundle leaves numpy out (build.spec): planning must not need it."""
    script = (
        "import sys\n"
        "sys.modules['numpy'] = None  # import numpy now raises ImportError\n"
        "from eventdesk.domain.matchmaking.model import Objective\n"
        "from eventdesk.domain.matchmaking.solver import solve\n"
        "from eventdesk.domain.matchmaking.synthetic import synthetic_problem\n"
        "problem = synthetic_problem(attendees=40, companies=6, slots=4, tables=[1, 2, 1, 2, 1, 1],\n"
        "                            max_meetings=3, candidates=4, max_points=50, seed=5)\n"
        "outcome = solve(problem, objective=Objective.FAIR)\n"
        "print(len(outcome.meetings), outcome.optimal)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    meetings, optimal = done.stdout.split()
    assert int(meetings) > 0
    assert optimal == "True"
