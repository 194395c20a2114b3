"""The read lists behind the attendee and company tables."""

from __future__ import annotations

from eventdesk.domain.enums import TicketType
from eventdesk.services.door.attendance import checked_in_ids
from eventdesk.services.events import event_stats
from eventdesk.services.people.lists import list_attendee_rows, list_company_rows
from tests.factories import EventFactory


def test_every_attendee_with_the_name_of_their_company(events: EventFactory) -> None:
    doc = events.demo(attendees=300)
    try:
        rows = list_attendee_rows(doc=doc)
        companies = {company.id: company for company in list_company_rows(doc=doc)}
        stats = event_stats(doc=doc)
    finally:
        doc.close()
    assert len(rows) == stats.attendees == 300
    assert [row.id for row in rows] == sorted(row.id for row in rows)
    staff = [row for row in rows if row.company_id is not None]
    assert len(staff) == stats.exhibitor_staff > 0
    assert all(row.company_name == companies[row.company_id].name for row in staff)
    assert all(row.company_name == "" for row in rows if row.company_id is None)
    assert all(row.email is not None and row.search_text for row in rows)
    assert {row.ticket_type for row in staff} == {TicketType.EXHIBITOR.value}
    person = rows[0]
    assert person.name == f"{person.given_name} {person.family_name}"


def test_companies_with_their_staff_counts_in_name_order(events: EventFactory) -> None:
    doc = events.demo(attendees=300)
    try:
        companies = list_company_rows(doc=doc)
        first = companies[0]
        staff = list_attendee_rows(doc=doc, company_id=first.id)
        stats = event_stats(doc=doc)
    finally:
        doc.close()
    assert len(companies) == stats.companies == 40
    names = [company.name.lower() for company in companies]
    assert names == sorted(names)
    assert sum(company.staff_count for company in companies) == stats.exhibitor_staff
    assert len(staff) == first.staff_count
    assert {person.company_id for person in staff} == {first.id}
    assert isinstance(first.hiring_tags, tuple)


def test_an_empty_event_has_empty_lists(events: EventFactory) -> None:
    doc = events.empty()
    try:
        assert list_attendee_rows(doc=doc) == []
        assert list_company_rows(doc=doc) == []
    finally:
        doc.close()


def test_each_row_says_whether_the_person_is_inside_by_the_scan_log(events: EventFactory) -> None:
    doc = events.demo(attendees=300)
    try:
        rows = list_attendee_rows(doc=doc)
        with doc.session() as session:
            inside = checked_in_ids(session=session)
    finally:
        doc.close()
    assert len(rows) == 300, "a person scanned several times is still one row"
    assert {row.id for row in rows if row.checked_in} == inside
