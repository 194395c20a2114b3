"""What the setup panel shows beside the settings: participants, tags, wishes, restrictions."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from eventdesk.domain.taxonomy import tag_label
from eventdesk.persistence.document import EventDocument
from eventdesk.services.matchmaking.overview import setup_overview
from eventdesk.services.matchmaking.plan import SetupOverrides, generate_schedule, matchmaking_settings
from tests.factories import EventFactory
from tests.services.matchmaking.support import import_kind
from tests.services.matchmaking.test_imports import companies, visitors


@pytest.fixture
def doc(events: EventFactory) -> Iterator[EventDocument]:
    document = events.demo(attendees=120, companies=10, seed=3)
    yield document
    document.close()


def test_counts_what_the_next_generation_works_with(doc: EventDocument) -> None:
    overview = setup_overview(doc=doc)
    firms = companies(doc)
    assert overview.companies_with_tables == sum(1 for c in firms if c.meeting_tables > 0)
    assert overview.tables_per_slot == sum(c.meeting_tables for c in firms)
    assert overview.slots == 16 and overview.table_slots == 16 * overview.tables_per_slot
    assert 0 < overview.participants < 120, "exhibitor staff, speakers and press take no part"
    assert overview.restrictions == () and overview.wishes.total == 0
    labels = [t.label for t in overview.tags]
    assert labels == sorted(labels, key=str.casefold) and len(set(labels)) == len(labels)
    hired = {tag for c in firms for tag in c.hiring_tags}
    assert {t.key for t in overview.tags if t.companies} == hired
    assert all(t.label == tag_label(t.key) for t in overview.tags)
    # The setup's table override is what the next generation will use.
    generate_schedule(doc=doc, overrides=SetupOverrides(tables=3, slot_count=10))
    again = setup_overview(doc=doc)
    assert again.tables_per_slot == 3 * len(firms) and again.slots == 10


def test_lists_restricted_people_and_companies_and_counts_wishes(doc: EventDocument, tmp_path: Path) -> None:
    people = visitors(doc, 3)
    firm = companies(doc)[0]
    start = matchmaking_settings(doc=doc).first_start
    availability = tmp_path / "availability.csv"
    availability.write_text(
        "attendee,company,from,to\n"
        f"{people[0].email},,{start:%H:%M},{start.hour + 2:02d}:00\n"
        f",{firm.name},13:00,15:00\n",
        encoding="utf-8",
    )
    import_kind("availability", doc=doc, path=availability)
    wishes = tmp_path / "wishes.csv"
    wishes.write_text(
        "attendee,company,rank,side,must,never\n"
        f"{people[1].email},{firm.name},1,attendee,yes,\n"
        f"{people[2].email},{firm.name},,company,,\n"
        f"{people[2].email},{companies(doc)[1].name},,attendee,,yes\n",
        encoding="utf-8",
    )
    import_kind("wishes", doc=doc, path=wishes)
    overview = setup_overview(doc=doc)
    company, person = overview.restrictions
    assert (company.kind, company.name, company.windows_text) == ("company", firm.name, "13:00–15:00")
    assert person.kind == "attendee" and person.id == people[0].id
    assert person.windows_text == f"{start:%H:%M}–{start.hour + 2:02d}:00"
    assert 0 < person.unavailable_slots < 16 and 0 < company.unavailable_slots < 16
    assert len(company.slots_missed) == company.unavailable_slots and 0 in company.slots_missed
    counts = overview.wishes
    assert (counts.attendee_wishes, counts.company_shortlists, counts.must, counts.never) == (2, 1, 1, 1)
    assert counts.people_with_wishes == 2 and counts.total == 3


def test_says_how_many_visitors_are_left_out_and_a_wish_brings_one_in(
    doc: EventDocument, tmp_path: Path
) -> None:
    before = setup_overview(doc=doc)
    walk_ins = tmp_path / "walk-ins.csv"
    walk_ins.write_text(
        "First name,Last name,Email,Interests\n"
        "Mette,Holm,mette.holm@example.dk,\n"
        "Jens,Berg,jens.berg@example.dk,\n"
        "Ida,Lund,ida.lund@example.dk,Biotech\n",
        encoding="utf-8",
    )
    report = import_kind("attendees", doc=doc, path=walk_ins)
    assert report.matchmaking_left_out == 2
    after = setup_overview(doc=doc)
    assert (after.left_out, after.participants) == (before.left_out + 2, before.participants + 1)
    wishes = tmp_path / "wishes.csv"
    wishes.write_text(f"attendee,company,rank\nmette.holm@example.dk,{companies(doc)[0].name},1\n", "utf-8")
    import_kind("wishes", doc=doc, path=wishes)
    assert setup_overview(doc=doc).left_out == before.left_out + 1
    report = generate_schedule(doc=doc)
    assert report.left_out == before.left_out + 1
