"""Bad input refused before solving: the message names what conflicts."""

from __future__ import annotations

from dataclasses import replace

import pytest

from eventdesk.domain.matchmaking.checks import ImpossibleSchedule, check_problem
from eventdesk.domain.matchmaking.model import CompanySpec, Meeting, Problem
from eventdesk.domain.matchmaking.solver import solve
from eventdesk.domain.matchmaking.synthetic import synthetic_problem


@pytest.fixture
def problem() -> Problem:
    return synthetic_problem(attendees=10, companies=4, slots=4, tables=[1, 1, 2, 1], max_meetings=3, seed=3)


def refused(problem: Problem) -> str:
    with pytest.raises(ImpossibleSchedule) as caught:
        solve(problem)
    return str(caught.value)


def test_more_must_meet_wishes_than_meetings(problem: Problem) -> None:
    must = frozenset((1, c) for c in range(1, 5))
    assert refused(replace(problem, must=must)) == (
        "Person 1 has 4 must-meet companies and locked meetings, but the maximum is 3 meetings."
    )


def test_more_must_meet_wishes_than_available_slots(problem: Problem) -> None:
    person = replace(problem.attendees[1], unavailable=frozenset({0, 1, 2}))
    bad = replace(problem, attendees={**problem.attendees, 1: person}, must=frozenset({(1, 1), (1, 2)}))
    assert refused(bad).endswith("but only 1 slot fit their availability.")


def test_must_meet_a_company_with_no_tables(problem: Problem) -> None:
    companies = {**problem.companies, 2: replace(problem.companies[2], tables=0)}
    message = refused(replace(problem, companies=companies, must=frozenset({(3, 2)})))
    assert message == "Company 2 has no meeting tables, but Person 3 must meet it."


def test_no_company_has_tables(problem: Problem) -> None:
    companies = {c: replace(spec, tables=0) for c, spec in problem.companies.items()}
    assert refused(replace(problem, companies=companies)).startswith("No company has a meeting table")


def test_must_and_never_at_once(problem: Problem) -> None:
    message = refused(replace(problem, must=frozenset({(2, 1)}), never=frozenset({(2, 1)})))
    assert message == "Person 2 both must meet and must never meet Company 1."


def test_must_pair_never_available_together(problem: Problem) -> None:
    person = replace(problem.attendees[4], unavailable=frozenset({0, 1}))
    firm = replace(problem.companies[1], unavailable=frozenset({2, 3}))
    bad = replace(
        problem,
        attendees={**problem.attendees, 4: person},
        companies={**problem.companies, 1: firm},
        must=frozenset({(4, 1)}),
    )
    assert refused(bad) == "Person 4 must meet Company 1, but they are never available at the same time."


@pytest.mark.parametrize(
    ("locks", "message"),
    [
        (
            (Meeting(0, 1, 1, 1), Meeting(0, 1, 1, 2)),
            "Table 1 of Company 1 would seat Person 1 and Person 2 at the same time",
        ),
        (
            (Meeting(0, 1, 1, 1), Meeting(0, 2, 1, 1)),
            "Person 1 would meet Company 1 and Company 2 at the same time",
        ),
        ((Meeting(0, 1, 2, 1),), "Company 1 has only 1 table, so there is no table 2."),
        ((Meeting(9, 1, 1, 1),), "Slot 10 does not exist; there are 4."),
    ],
)
def test_impossible_locks(problem: Problem, locks: tuple[Meeting, ...], message: str) -> None:
    text = refused(replace(problem, locks=tuple(replace(m, locked=True) for m in locks)))
    assert text.startswith("The locked meetings cannot all be kept: ") and message in text


def test_a_lock_on_a_never_pair_or_an_unavailable_slot(problem: Problem) -> None:
    never = refused(replace(problem, never=frozenset({(5, 3)}), locks=(Meeting(1, 3, 1, 5, locked=True),)))
    assert "Person 5 and Company 3 must never meet" in never
    person = replace(problem.attendees[5], unavailable=frozenset({1}))
    away = replace(
        problem, attendees={**problem.attendees, 5: person}, locks=(Meeting(1, 3, 1, 5, locked=True),)
    )
    assert "Person 5 is not available at 10:20–10:35." in refused(away)


def test_negative_tables_and_zero_meetings(problem: Problem) -> None:
    companies = {**problem.companies, 4: CompanySpec(4, "Company 4", -1)}
    assert refused(replace(problem, companies=companies)) == "Company 4 has -1 tables; use 0 or more."
    assert "use 1 or more" in refused(replace(problem, max_meetings=0))


def test_check_problem_accepts_a_good_problem(problem: Problem) -> None:
    check_problem(problem)
