"""What the Matchmaking setup panel shows beside the settings themselves: who takes part,
which tags are in play, who has wishes, and who is only available part of the day.

Read-only and built from the same `load_problem` the solver uses, so the panel counts the
participants and tables the next generation will really work with (exhibitor staff and
cancelled people are not counted; the setup's table override is applied), and the visitors
it leaves out because nothing matches them (no interests, no wishes): silently dropping them
is what made organisers wonder why a fifth of the fair got no meetings.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from eventdesk.domain.event import to_local
from eventdesk.domain.matchmaking.scoring import Side
from eventdesk.domain.taxonomy import tag_label
from eventdesk.domain.text import fold
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Availability, Wish
from eventdesk.services.matchmaking.plan import LoadedProblem, load_problem, normalise_tag


@dataclass(frozen=True)
class TagUse:
    """A tag (canonical key) and how many participants want it and companies hire for it."""

    key: str
    label: str
    attendees: int
    companies: int


@dataclass(frozen=True)
class Restriction:
    """An attendee or company that can only meet inside these windows (event-local times)."""

    kind: str
    """"attendee" or "company"."""
    id: int
    name: str
    windows: tuple[tuple[datetime, datetime], ...]
    unavailable_slots: int
    slots_missed: frozenset[int] = frozenset()
    """The indexes of the slots outside every window (the grid shades a company's)."""

    @property
    def windows_text(self) -> str:
        return ", ".join(f"{start:%H:%M}–{end:%H:%M}" for start, end in self.windows)


@dataclass(frozen=True)
class WishCounts:
    attendee_wishes: int = 0
    company_shortlists: int = 0
    must: int = 0
    never: int = 0
    people_with_wishes: int = 0

    @property
    def total(self) -> int:
        return self.attendee_wishes + self.company_shortlists


@dataclass(frozen=True)
class SetupOverview:
    participants: int
    companies_with_tables: int
    tables_per_slot: int
    slots: int
    tags: tuple[TagUse, ...]
    wishes: WishCounts
    restrictions: tuple[Restriction, ...]
    left_out: int = 0
    """Registered visitors who are not scheduled: no interests and no wishes to match them on."""

    @property
    def table_slots(self) -> int:
        return self.tables_per_slot * self.slots


def _tags(loaded: LoadedProblem) -> tuple[TagUse, ...]:
    wanted: Counter[str] = Counter()
    hiring: Counter[str] = Counter()
    for person in loaded.people.values():
        wanted.update({normalise_tag(t) for t in person.interests})
    for company in loaded.companies.values():
        hiring.update({normalise_tag(t) for t in company.hiring_tags})
    keys = set(wanted) | set(hiring)
    uses = (TagUse(k, tag_label(k), wanted[k], hiring[k]) for k in keys if k)
    return tuple(sorted(uses, key=lambda t: fold(t.label)))


def setup_overview(*, doc: EventDocument) -> SetupOverview:
    with doc.session() as session:
        loaded = load_problem(session, score=False)
        timezone = loaded.event.timezone
        windows = session.execute(
            select(
                Availability.attendee_id,
                Availability.company_id,
                Availability.available_from,
                Availability.available_to,
            ).order_by(Availability.available_from)
        ).all()
        wish_rows = session.execute(
            select(Wish.side, Wish.must, Wish.never, func.count()).group_by(Wish.side, Wish.must, Wish.never)
        ).all()
        people_with_wishes = int(
            session.execute(select(func.count(Wish.attendee_id.distinct()))).scalar_one()
        )
    problem = loaded.problem
    by_owner: dict[tuple[str, int], list[tuple[datetime, datetime]]] = {}
    for attendee_id, company_id, start, end in windows:
        owner = ("attendee", attendee_id) if attendee_id is not None else ("company", company_id)
        by_owner.setdefault(owner, []).append((to_local(start, timezone), to_local(end, timezone)))
    restrictions = []
    for (kind, owner_id), spans in by_owner.items():
        if kind == "attendee":
            spec = problem.attendees.get(owner_id)
            name = problem.attendee_name(owner_id)
        else:
            spec = problem.companies.get(owner_id)
            name = problem.company_name(owner_id)
        missed = frozenset(spec.unavailable) if spec is not None else frozenset()
        restrictions.append(Restriction(kind, owner_id, name, tuple(spans), len(missed), missed))
    restrictions.sort(key=lambda r: (r.kind != "company", fold(r.name), r.id))
    counts = {"attendee": 0, "company": 0, "must": 0, "never": 0}
    for side, must, never, number in wish_rows:
        counts["attendee" if side == Side.ATTENDEE.value else "company"] += number
        counts["must"] += number if must else 0
        counts["never"] += number if never else 0
    companies = [c for c in problem.companies.values() if c.tables > 0]
    return SetupOverview(
        participants=len(problem.attendees),
        companies_with_tables=len(companies),
        tables_per_slot=sum(c.tables for c in companies),
        slots=len(problem.slots),
        tags=_tags(loaded),
        wishes=WishCounts(
            attendee_wishes=counts["attendee"],
            company_shortlists=counts["company"],
            must=counts["must"],
            never=counts["never"],
            people_with_wishes=people_with_wishes,
        ),
        restrictions=tuple(restrictions),
        left_out=loaded.left_out,
    )
