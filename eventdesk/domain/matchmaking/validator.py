"""An independent check of a schedule against every rule of the problem.

It shares no code with the solver on purpose: it is what the tests run on every schedule
the solver, the greedy baseline, re-planning or a hand edit produce, and what the edit
services use to refuse a conflicting move with a sentence a person understands.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from eventdesk.domain.matchmaking.model import Meeting, Problem


class Rule(StrEnum):
    UNKNOWN = "unknown"
    ATTENDEE_DOUBLE_BOOKED = "attendee_double_booked"
    TABLE_DOUBLE_BOOKED = "table_double_booked"
    NO_SUCH_TABLE = "no_such_table"
    ATTENDEE_UNAVAILABLE = "attendee_unavailable"
    COMPANY_UNAVAILABLE = "company_unavailable"
    TOO_MANY_MEETINGS = "too_many_meetings"
    NEVER_PAIR = "never_pair"
    PAIR_TWICE = "pair_twice"
    LOCK_MISSING = "lock_missing"
    MUST_MISSING = "must_missing"


@dataclass(frozen=True)
class Violation:
    rule: Rule
    message: str
    meetings: tuple[Meeting, ...] = ()


def validate(problem: Problem, meetings: Iterable[Meeting], *, check_must: bool = True) -> list[Violation]:
    """Every broken rule, each with a sentence that names the people, companies and times."""
    meetings = list(meetings)
    out: list[Violation] = []
    known = []
    for m in meetings:
        if m.attendee not in problem.attendees:
            out.append(
                Violation(Rule.UNKNOWN, f"Attendee #{m.attendee} does not take part in matchmaking.", (m,))
            )
        elif m.company not in problem.companies:
            out.append(
                Violation(Rule.UNKNOWN, f"Company #{m.company} does not take part in matchmaking.", (m,))
            )
        elif not 0 <= m.slot < len(problem.slots):
            out.append(
                Violation(
                    Rule.UNKNOWN, f"Slot {m.slot + 1} does not exist; there are {len(problem.slots)}.", (m,)
                )
            )
        else:
            known.append(m)
    out += _double_bookings(problem, known)
    out += _places(problem, known)
    out += _per_person(problem, known)
    out += _locks_and_musts(problem, known, check_must)
    return out


def _double_bookings(problem: Problem, meetings: list[Meeting]) -> list[Violation]:
    out = []
    by_person: dict[tuple[int, int], list[Meeting]] = defaultdict(list)
    by_table: dict[tuple[int, int, int], list[Meeting]] = defaultdict(list)
    for m in meetings:
        by_person[(m.attendee, m.slot)].append(m)
        by_table[m.place].append(m)
    for (attendee, slot), clash in by_person.items():
        if len(clash) > 1:
            companies = " and ".join(problem.company_name(m.company) for m in clash)
            out.append(
                Violation(
                    Rule.ATTENDEE_DOUBLE_BOOKED,
                    f"{problem.attendee_name(attendee)} would meet {companies} at the same time "
                    f"({problem.slot_label(slot)}).",
                    tuple(clash),
                )
            )
    for (slot, company, table), clash in by_table.items():
        if len(clash) > 1:
            people = " and ".join(problem.attendee_name(m.attendee) for m in clash)
            out.append(
                Violation(
                    Rule.TABLE_DOUBLE_BOOKED,
                    f"Table {table} of {problem.company_name(company)} would seat {people} at the same time "
                    f"({problem.slot_label(slot)}).",
                    tuple(clash),
                )
            )
    return out


def _places(problem: Problem, meetings: list[Meeting]) -> list[Violation]:
    out = []
    for m in meetings:
        company = problem.companies[m.company]
        attendee = problem.attendees[m.attendee]
        when = problem.slot_label(m.slot)
        if not 1 <= m.table <= company.tables:
            tables = (
                f"only {company.tables} table{'s' if company.tables != 1 else ''}"
                if company.tables
                else "no tables"
            )
            out.append(
                Violation(
                    Rule.NO_SUCH_TABLE, f"{company.name} has {tables}, so there is no table {m.table}.", (m,)
                )
            )
        if m.slot in attendee.unavailable:
            out.append(
                Violation(Rule.ATTENDEE_UNAVAILABLE, f"{attendee.name} is not available at {when}.", (m,))
            )
        if m.slot in company.unavailable:
            out.append(
                Violation(Rule.COMPANY_UNAVAILABLE, f"{company.name} is not available at {when}.", (m,))
            )
        if m.pair in problem.never:
            out.append(
                Violation(
                    Rule.NEVER_PAIR,
                    f"{attendee.name} and {company.name} must never meet "
                    "(a conflict of interest, or they met before).",
                    (m,),
                )
            )
    return out


def _per_person(problem: Problem, meetings: list[Meeting]) -> list[Violation]:
    out = []
    per_attendee: dict[int, list[Meeting]] = defaultdict(list)
    for m in meetings:
        per_attendee[m.attendee].append(m)
    for attendee, own in per_attendee.items():
        if len(own) > problem.max_meetings:
            out.append(
                Violation(
                    Rule.TOO_MANY_MEETINGS,
                    f"{problem.attendee_name(attendee)} would have {len(own)} meetings; the maximum is "
                    f"{problem.max_meetings}.",
                    tuple(own),
                )
            )
        for company, count in Counter(m.company for m in own).items():
            if count > 1:
                twice = tuple(m for m in own if m.company == company)
                times = ", ".join(problem.slot_label(m.slot) for m in sorted(twice))
                out.append(
                    Violation(
                        Rule.PAIR_TWICE,
                        f"{problem.attendee_name(attendee)} would meet {problem.company_name(company)} "
                        f"{count} times ({times}); a pair meets once.",
                        twice,
                    )
                )
    return out


def _locks_and_musts(problem: Problem, meetings: list[Meeting], check_must: bool) -> list[Violation]:
    out = []
    places = {(m.slot, m.company, m.table, m.attendee) for m in meetings}
    for lock in problem.locks:
        if (lock.slot, lock.company, lock.table, lock.attendee) not in places:
            out.append(
                Violation(
                    Rule.LOCK_MISSING,
                    f"The locked meeting of {problem.attendee_name(lock.attendee)} with "
                    f"{problem.company_name(lock.company)} (table {lock.table}, "
                    f"{problem.slot_label(lock.slot)}) is not in the schedule.",
                    (lock,),
                )
            )
    if check_must:
        pairs = {m.pair for m in meetings}
        for attendee, company in sorted(problem.must - pairs):
            out.append(
                Violation(
                    Rule.MUST_MISSING,
                    f"{problem.attendee_name(attendee)} must meet {problem.company_name(company)}, "
                    "but the schedule has no such meeting.",
                )
            )
    return out
