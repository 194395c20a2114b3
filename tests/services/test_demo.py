"""The demo generator: realistic, deterministic for a seed, and all-or-nothing on disk."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import time
from pathlib import Path

import phonenumbers
import pytest
from email_validator import validate_email
from sqlmodel import Session, select

from eventdesk.domain.enums import AttendeeStatus, Degree, TicketType
from eventdesk.domain.errors import Cancelled, EventFileError, ValidationError
from eventdesk.domain.event import to_local
from eventdesk.domain.progress import Progress
from eventdesk.domain.taxonomy import FIELD_LABELS, SECTORS_BY_KEY, TAGS_BY_KEY
from eventdesk.domain.text import email_key, fold, search_text
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Attendee, Company, Event, ExternalCode
from eventdesk.services.demo import DemoSpec, generate_demo, staging_path
from eventdesk.services.events import event_stats
from tests.factories import EventFactory

PARTICLES = ("van ", "de ", "der ", "den ", "von ", "ter ", "de la ", "del ", "dos ", "da ", "af ")


def _people(doc: EventDocument) -> list[Attendee]:
    with doc.session() as session:
        return list(session.exec(select(Attendee).order_by(Attendee.id)).all())


def _companies(doc: EventDocument) -> list[Company]:
    with doc.session() as session:
        return list(session.exec(select(Company).order_by(Company.id)).all())


def _codes(doc: EventDocument) -> list[ExternalCode]:
    with doc.session() as session:
        return list(session.exec(select(ExternalCode).order_by(ExternalCode.id)).all())


def _rows(doc: EventDocument) -> dict[str, list[dict[str, object]]]:
    """Every stored value except the event's key pair and code, which are random by design."""
    with doc.session() as session:
        event = session.exec(select(Event)).one()
        event_row = event.model_dump(exclude={"id", "code", "signing_key", "public_key", "created_at"})
    return {
        "event": [event_row],
        "companies": [c.model_dump() for c in _companies(doc)],
        "attendees": [a.model_dump() for a in _people(doc)],
        "codes": [c.model_dump() for c in _codes(doc)],
    }


@pytest.fixture
def fair(events: EventFactory) -> Iterator[EventDocument]:
    doc = events.demo(attendees=400, companies=40, seed=11)
    yield doc
    doc.close()


def test_the_same_seed_gives_the_same_event_companies_and_people(events: EventFactory) -> None:
    first = events.demo(attendees=300, companies=12, seed=5)
    second = events.demo(attendees=300, companies=12, seed=5)
    other = events.demo(attendees=300, companies=12, seed=6)
    try:
        assert _rows(first) == _rows(second)
        assert _rows(first)["attendees"] != _rows(other)["attendees"]
        with first.session() as a, second.session() as b:
            # The signing keys are fresh for every event, never derived from the seed.
            assert a.exec(select(Event.signing_key)).one() != b.exec(select(Event.signing_key)).one()
    finally:
        for doc in (first, second, other):
            doc.close()


def test_counts_match_the_spec_and_the_stats(events: EventFactory) -> None:
    doc = events.demo(attendees=250, companies=9, seed=2)
    try:
        stats = event_stats(doc=doc)
        assert stats.attendees == 250
        assert stats.companies == 9
        assert stats.registered + stats.cancelled == 250
        assert stats.external_codes == len(_codes(doc))
        assert stats.exhibitor_staff == sum(1 for p in _people(doc) if p.ticket_type == "exhibitor")
    finally:
        doc.close()


def test_names_are_as_varied_as_a_european_career_fair(fair: EventDocument) -> None:
    people = _people(fair)
    families = [p.family_name for p in people]
    full = [f"{p.given_name} {p.family_name}" for p in people]

    assert sum(not name.isascii() for name in full) > len(full) * 0.15, "diacritics are common"
    assert any(f.startswith(PARTICLES) for f in families), "Dutch lower-case particles"
    assert any(f.startswith(("Van ", "De ")) for f in families), "Flemish capitalised particles"
    assert any(re.search(r"\w-\w", f) for f in families), "double-barrelled family names"
    assert any(len(name) >= 45 for name in full), "very long names"
    assert any(re.search("[α-ωΑ-Ω]", name) for name in full), "Greek script"
    assert any(re.search("[а-яА-ЯіїєІЇЄ]", name) for name in full), "Cyrillic script"
    for letter in "øüłçãåéèễ":
        assert any(letter in name.casefold() for name in full), letter
    assert "Maria-Magdalena Alexandrina van Oldenbarnevelt-Wittelsbach" in full
    assert "Thị Thu Hà Nguyễn" in full


def test_every_ticket_type_status_and_consent_appear(fair: EventDocument) -> None:
    people = _people(fair)
    types = Counter(p.ticket_type for p in people)
    assert set(types) == {t.value for t in TicketType}
    assert types["visitor"] > 0.75 * len(people), "visitors dominate"
    cancelled = sum(p.status == AttendeeStatus.CANCELLED.value for p in people)
    assert 1 <= cancelled <= 0.08 * len(people)
    consenting = sum(p.consent_share for p in people) / len(people)
    assert 0.5 < consenting < 0.8
    assert {p.degree for p in people} <= {d.value for d in Degree}
    degrees = Counter(p.degree for p in people)
    assert degrees["MSc"] + degrees["PhD"] > 0.5 * len(people)


def test_contact_details_are_unique_valid_and_searchable(fair: EventDocument) -> None:
    people = _people(fair)
    emails = [p.email for p in people]
    assert len({e.casefold() for e in emails}) == len(emails)
    for person in people:
        assert person.email.isascii()
        validate_email(person.email, check_deliverability=False)
        number = phonenumbers.parse(person.phone)
        assert phonenumbers.is_valid_number(number), person.phone
        assert person.phone == phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        assert person.email_key == email_key(person.email)
    domains = Counter(e.split("@")[1] for e in emails)
    assert "gmail.com" in domains
    assert any(
        d.endswith((".kuleuven.be", "kuleuven.be", "uva.nl", "ku.dk", "lu.se", "ugent.be")) for d in domains
    )


def test_search_text_holds_folded_names_email_organisation_and_codes(fair: EventDocument) -> None:
    codes: dict[int, list[str]] = {}
    for code in _codes(fair):
        codes.setdefault(code.attendee_id, []).append(code.code)
    for person in _people(fair):
        parts = [person.given_name, person.family_name, person.email, person.organisation]
        if re.search("[\u0370-\u04ff]", person.given_name + person.family_name):
            continue  # Greek and Cyrillic names add their Latin spelling, checked below
        assert person.search_text == search_text([*parts, *codes.get(person.id, [])])

    with fair.session() as session:
        found = session.exec(
            select(Attendee.family_name).where(Attendee.search_text.contains(fold("Ødegård")))
        ).all()
        assert "Ødegård" in set(found)
        olena = session.exec(select(Attendee).where(Attendee.given_name == "Олена")).first()
        assert olena is not None and "olena" in olena.search_text.split()


def test_interests_fields_and_companies_use_the_taxonomy(fair: EventDocument) -> None:
    for person in _people(fair):
        assert 2 <= len(person.interests) <= 5
        assert set(person.interests) <= set(TAGS_BY_KEY)
        assert person.field_of_work in FIELD_LABELS
        assert person.job_title and person.organisation
    companies = _companies(fair)
    assert {c.sector for c in companies} == set(SECTORS_BY_KEY)
    assert sum(c.sector == "regulator" for c in companies) == 1
    assert len({c.name for c in companies}) == len(companies)
    assert len({c.booth for c in companies}) == len(companies)
    for company in companies:
        assert re.fullmatch(r"[A-Z]{1,2}\d{1,2}", company.booth)
        assert 1 <= company.meeting_tables <= 3
        assert company.hiring_tags and set(company.hiring_tags) <= set(TAGS_BY_KEY)
        assert company.website.startswith("https://www.")
        assert company.description.startswith(company.name.split(" ")[0])
        assert company.contact_name and company.contact_email.endswith(
            company.website.removeprefix("https://www.")
        )


def test_exhibitor_staff_belong_to_their_company(fair: EventDocument) -> None:
    people = _people(fair)
    companies = {c.id: c for c in _companies(fair)}
    staff = [p for p in people if p.ticket_type == TicketType.EXHIBITOR.value]
    assert all(p.company_id in companies for p in staff)
    assert all(p.company_id is None for p in people if p.ticket_type != TicketType.EXHIBITOR.value)
    for person in staff:
        assert person.organisation == companies[person.company_id].name
    per_company = Counter(p.company_id for p in staff)
    assert set(per_company) == set(companies), "every company has staff when the fair is big enough"
    assert len(staff) <= 0.2 * len(people)
    emails = {p.email for p in staff}
    assert all(c.contact_email in emails for c in companies.values())


def test_platform_codes_look_like_each_platform(fair: EventDocument) -> None:
    codes = _codes(fair)
    people = {p.id: p for p in _people(fair)}
    visitors = sum(p.ticket_type == "visitor" for p in people.values())
    assert 0.2 * visitors < len(codes) < 0.45 * visitors
    shapes = {"eventbrite": r"\d{23}", "pretix": r"[a-z2-9]{32}", "tito": r"[A-Z]{4}-\d"}
    assert {c.platform for c in codes} == set(shapes)
    for code in codes:
        assert re.fullmatch(shapes[code.platform], code.code), code
        assert people[code.attendee_id].ticket_type == "visitor"
        assert fold(code.code) in people[code.attendee_id].search_text
    assert len({(c.platform, c.code) for c in codes}) == len(codes)


def test_the_event_is_a_one_day_fair_in_the_region(fair: EventDocument) -> None:
    with fair.session() as session:
        event = session.exec(select(Event)).one()
    assert event.timezone in {"Europe/Amsterdam", "Europe/Brussels", "Europe/Copenhagen", "Europe/Stockholm"}
    starts, ends = to_local(event.starts_at, event.timezone), to_local(event.ends_at, event.timezone)
    assert (starts.time(), ends.time()) == (time(9, 0), time(17, 30))
    assert starts.date() == ends.date() and starts.weekday() in (1, 2, 3)
    assert re.search(r"Career|Job", event.name) and event.venue
    people = _people(fair)
    registered = [p.created_at for p in people]
    assert registered == sorted(registered), "ids follow registration order"
    assert max(registered) < event.starts_at.replace(tzinfo=registered[0].tzinfo)


@pytest.mark.parametrize(("attendees", "companies"), [(0, 0), (0, 5), (12, 0), (30, 40)])
def test_empty_and_tiny_fairs_work(events: EventFactory, attendees: int, companies: int) -> None:
    doc = events.demo(attendees=attendees, companies=companies, seed=4)
    try:
        stats = event_stats(doc=doc)
        assert (stats.attendees, stats.companies) == (attendees, companies)
        assert all(c.contact_email for c in _companies(doc))
        assert stats.exhibitor_staff <= attendees * 0.2
    finally:
        doc.close()


def test_negative_counts_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="zero or more"):
        generate_demo(target=tmp_path / "x.eventdesk", spec=DemoSpec(attendees=-1))
    assert list(tmp_path.iterdir()) == []


def test_an_existing_file_is_not_overwritten_unless_asked(tmp_path: Path) -> None:
    target = tmp_path / "fair.eventdesk"
    target.write_bytes(b"precious")
    with pytest.raises(EventFileError, match="already exists"):
        generate_demo(target=target, spec=DemoSpec(attendees=20, companies=2))
    assert target.read_bytes() == b"precious"
    generate_demo(target=target, spec=DemoSpec(attendees=20, companies=2), overwrite=True).close()
    doc = EventDocument.open(target)
    assert event_stats(doc=doc).attendees == 20
    doc.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fair.eventdesk"]


def test_a_missing_suffix_is_added(tmp_path: Path) -> None:
    doc = generate_demo(target=tmp_path / "fair", spec=DemoSpec(attendees=5, companies=1))
    doc.close()
    assert Path(doc.display_location) == tmp_path / "fair.eventdesk"


def _cancel_when(phase: str) -> Progress:
    seen: list[str] = []

    def report(done: int, total: int, message: str) -> None:
        seen.append(message)

    return Progress(report, is_cancelled=lambda: any(m.startswith(phase) for m in seen))


@pytest.mark.parametrize("phase", ["Making up", "Writing"])
def test_cancelling_leaves_no_file_behind(tmp_path: Path, phase: str) -> None:
    target = tmp_path / "fair.eventdesk"
    with pytest.raises(Cancelled):
        generate_demo(
            target=target, spec=DemoSpec(attendees=12_000, companies=10), progress=_cancel_when(phase)
        )
    assert list(tmp_path.iterdir()) == []


def test_cancelling_a_replacement_keeps_the_old_event(events: EventFactory) -> None:
    target = events.demo_path(attendees=40, companies=3, seed=1)
    before = target.read_bytes()
    with pytest.raises(Cancelled):
        generate_demo(
            target=target, spec=DemoSpec(attendees=12_000), overwrite=True, progress=_cancel_when("Writing")
        )
    assert target.read_bytes() == before
    assert not staging_path(target).exists()


def test_a_failure_while_writing_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import eventdesk.services.demo as demo

    def broken(plan: object) -> object:
        yield {"id": 1}  # a row missing required columns: the database refuses it
        raise AssertionError("not reached")

    monkeypatch.setattr(demo, "_code_rows", broken)
    with pytest.raises(Exception):  # noqa: B017  (whatever the driver raises)
        generate_demo(target=tmp_path / "fair.eventdesk", spec=DemoSpec(attendees=50, companies=2))
    assert list(tmp_path.iterdir()) == []


def test_progress_runs_from_zero_to_the_end(tmp_path: Path) -> None:
    reports: list[tuple[int, int, str]] = []
    doc = generate_demo(
        target=tmp_path / "fair.eventdesk",
        spec=DemoSpec(attendees=5_000, companies=10),
        progress=Progress(lambda d, t, m: reports.append((d, t, m))),
    )
    doc.close()
    done = [d for d, _, _ in reports]
    assert done == sorted(done)
    assert reports[-1][0] == reports[-1][1]
    assert {m for _, _, m in reports} == {"Making up attendees", "Writing the event"}


@pytest.mark.postgres
def test_a_demo_in_postgresql_matches_the_same_seed_in_a_file(
    postgres_url: str, events: EventFactory
) -> None:
    doc = generate_demo(target=postgres_url, spec=DemoSpec(attendees=300, companies=12, seed=5))
    local = events.demo(attendees=300, companies=12, seed=5)
    try:
        pg_rows, file_rows = _rows(doc), _rows(local)
        assert pg_rows == file_rows
        # Explicit ids must not leave the id sequences behind: a new row gets the next id.
        with Session(doc.engine) as session:
            newcomer = Attendee(given_name="Åsa", family_name="Ödegård", email="asa@example.org")
            session.add(newcomer)
            session.commit()
            assert newcomer.id == 301
    finally:
        doc.close()
        local.close()


@pytest.mark.postgres
def test_a_cancelled_demo_leaves_the_postgresql_database_empty(postgres_url: str) -> None:
    with pytest.raises(Cancelled):
        generate_demo(target=postgres_url, spec=DemoSpec(attendees=12_000), progress=_cancel_when("Writing"))
    doc = generate_demo(target=postgres_url, spec=DemoSpec(attendees=10, companies=2))
    try:
        assert event_stats(doc=doc).attendees == 10
    finally:
        doc.close()
