"""Bad input refused before any solving: each message names what conflicts.

Generating a schedule that silently drops a must-meet pair or a lock would be worse than
refusing, because the organiser would discover it at the table. So whatever cannot hold in
*any* schedule is an error here, and nothing is saved.
"""

from __future__ import annotations

from collections import Counter

from eventdesk.domain.errors import ValidationError
from eventdesk.domain.matchmaking.model import Problem
from eventdesk.domain.matchmaking.slots import check_slots
from eventdesk.domain.matchmaking.validator import validate


class ImpossibleSchedule(ValidationError):
    """The setup, wishes or locks ask for something no schedule can give."""


def check_problem(problem: Problem) -> None:
    check_slots(problem.slots)
    if problem.max_meetings < 1:
        raise ImpossibleSchedule(
            f"The maximum number of meetings per person is {problem.max_meetings}; use 1 or more."
        )
    if not problem.companies or all(c.tables < 1 for c in problem.companies.values()):
        raise ImpossibleSchedule(
            "No company has a meeting table; give companies tables (or set tables in the setup)."
        )
    for company in problem.companies.values():
        if company.tables < 0:
            raise ImpossibleSchedule(f"{company.name} has {company.tables} tables; use 0 or more.")
    _check_musts(problem)
    _check_locks(problem)


def _check_musts(problem: Problem) -> None:
    both = sorted(problem.must & problem.never)
    if both:
        a, c = both[0]
        raise ImpossibleSchedule(
            f"{problem.attendee_name(a)} both must meet and must never meet {problem.company_name(c)}."
        )
    locked = {lock.pair for lock in problem.locks}
    per_attendee = Counter(a for a, _ in problem.must | locked)
    per_company = Counter(c for _, c in problem.must | locked)
    for attendee, count in sorted(per_attendee.items()):
        cap = problem.attendee_cap(attendee)
        if count > cap:
            slots = len(problem.attendee_free_slots(attendee))
            limit = (
                f"the maximum is {problem.max_meetings} meetings"
                if cap == problem.max_meetings
                else f"only {slots} slot{'s' if slots != 1 else ''} fit their availability"
            )
            raise ImpossibleSchedule(
                f"{problem.attendee_name(attendee)} has {count} must-meet companies and locked meetings, "
                f"but {limit}."
            )
    for company_id, count in sorted(per_company.items()):
        company = problem.companies[company_id]
        if company.tables < 1:
            who = next(a for a, c in sorted(problem.must | locked) if c == company_id)
            raise ImpossibleSchedule(
                f"{company.name} has no meeting tables, but {problem.attendee_name(who)} must meet it."
            )
        capacity = problem.company_capacity(company_id)
        slots = len(problem.company_free_slots(company_id))
        if count > capacity:
            raise ImpossibleSchedule(
                f"{company.name} has {count} must-meet attendees and locked meetings but room for only "
                f"{capacity} meetings ({company.tables} tables × {slots} slots)."
            )
    for attendee_id, company_id in sorted(problem.must):
        common = set(problem.attendee_free_slots(attendee_id)) & set(problem.company_free_slots(company_id))
        if not common:
            raise ImpossibleSchedule(
                f"{problem.attendee_name(attendee_id)} must meet {problem.company_name(company_id)}, "
                "but they are never available at the same time."
            )


def _check_locks(problem: Problem) -> None:
    problems = validate(problem, problem.locks, check_must=False)
    if problems:
        raise ImpossibleSchedule(f"The locked meetings cannot all be kept: {problems[0].message}")
