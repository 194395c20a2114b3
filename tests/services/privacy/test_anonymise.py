from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from eventdesk.domain.errors import ValidationError
from eventdesk.persistence.tables import Attendee, Company, Lead, Meeting, Scan
from eventdesk.services.privacy.anonymise import anonymise_event
from eventdesk.services.privacy.figures import report_figures
from eventdesk.services.privacy.retention import retention_status
from eventdesk.services.undo import history
from tests.services.privacy.support import busy_event, kept_text, personal_values, raw_bytes


@pytest.fixture
def doc(events):
    document = events.demo(attendees=300, companies=12)
    yield document
    document.close()


def test_no_removed_email_phone_or_name_is_left_in_the_file_or_its_wal(doc):
    busy_event(doc)
    removed = personal_values(doc)
    path = Path(doc.display_location)
    before = raw_bytes(path)
    # The check can fail: before anonymising, the values are there to be found.
    assert all(e.encode() in before for e in list(removed["emails"])[:20])

    result, _changes = anonymise_event(doc=doc, confirmation="anonymise")

    assert result.disk_clean
    data = raw_bytes(path)
    kept = kept_text(path)
    for email in removed["emails"]:
        assert email.encode("utf-8") not in data, email
    for phone in removed["phones"]:
        assert phone.encode("utf-8") not in data, phone
    # A name that is also a company's or the venue's ("Utrecht") is data that stays for
    # another reason; every other name must be gone.
    still_meaningful = {n for n in removed["names"] if n in kept}
    assert len(still_meaningful) < len(removed["names"]) * 0.05, still_meaningful
    for name in removed["names"] - still_meaningful:
        assert name.encode("utf-8") not in data, name


def test_the_report_figures_are_the_same_after_anonymising(doc):
    busy_event(doc, arrivals=45)
    figures = report_figures(doc=doc)
    assert figures.arrived == 45 and sum(figures.arrivals_per_15_minutes.values()) == 45
    assert sum(figures.leads_per_company.values()) == 15

    result, _ = anonymise_event(doc=doc, confirmation="ANONYMISE")

    assert result.figures == figures
    assert 0 < result.figures.no_show_rate < 1


def test_every_personal_field_is_empty_and_notes_are_gone(doc):
    busy_event(doc)
    anonymise_event(doc=doc, confirmation="ANONYMISE")
    with doc.session() as session:
        people = session.execute(select(Attendee)).scalars().all()
        assert people and all(
            (p.given_name, p.family_name, p.email, p.phone, p.job_title, p.organisation, p.interests)
            == ("", "", None, "", "", "", [])
            for p in people
        )
        assert {c.contact_email for c in session.execute(select(Company)).scalars()} == {""}
        assert {s.scanned_text for s in session.execute(select(Scan)).scalars()} == {""}
        assert {(lead.notes, lead.staff) for lead in session.execute(select(Lead)).scalars()} == {("", "")}
        assert {m.note for m in session.execute(select(Meeting)).scalars()} == {""}
    assert retention_status(doc=doc).anonymised


def test_anonymising_cannot_be_undone_and_needs_the_typed_word(doc):
    with pytest.raises(ValidationError, match="Type ANONYMISE"):
        anonymise_event(doc=doc, confirmation="yes")
    with doc.session() as session:
        assert session.execute(select(Attendee.email).where(Attendee.email.is_not(None))).first()
    from eventdesk.services.people.edit import cancel_attendees

    cancel_attendees(doc=doc, attendee_ids=[1])
    assert history(doc).can_undo
    anonymise_event(doc=doc, confirmation="ANONYMISE")
    assert not history(doc).can_undo


def test_the_backup_made_before_an_upgrade_goes_too(doc):
    path = Path(doc.display_location)
    backup = path.with_name(path.name + ".before-upgrade")
    backup.write_bytes(path.read_bytes())
    result, _ = anonymise_event(doc=doc, confirmation="ANONYMISE")
    assert result.removed_backup == backup and not backup.exists()


@pytest.mark.postgres
def test_on_postgresql_the_rows_are_cleared_and_the_tables_vacuumed(postgres_url):
    from eventdesk.services.demo import DemoSpec, generate_demo

    doc = generate_demo(target=postgres_url, spec=DemoSpec(attendees=120, companies=6, seed=3))
    try:
        busy_event(doc, arrivals=20)
        figures = report_figures(doc=doc)
        before = _filenodes(doc)
        result, _ = anonymise_event(doc=doc, confirmation="ANONYMISE")
        rewritten = _filenodes(doc)
        assert result.figures == figures
        with doc.session() as session:
            assert session.execute(select(Attendee.id).where(Attendee.email.is_not(None))).first() is None
        assert rewritten != before  # VACUUM FULL wrote every table anew: no old row versions
    finally:
        doc.close()


def _filenodes(doc) -> dict[str, int]:
    with doc.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT relname, relfilenode FROM pg_class "
            "WHERE relname IN ('attendee', 'scan', 'lead', 'company')"
        ).all()
    return dict(rows)
