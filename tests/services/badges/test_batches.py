"""Badge batches as the organiser meets them: who gets one, what is recorded, reprints revoke."""

from __future__ import annotations

from io import BytesIO

import pytest
import zxingcpp
from PIL import Image
from sqlalchemy import func, select

from eventdesk.domain.changes import Entity
from eventdesk.domain.enums import AttendeeStatus, TicketType
from eventdesk.domain.errors import Cancelled
from eventdesk.domain.progress import Progress
from eventdesk.domain.tokens import TokenStatus, check_token
from eventdesk.persistence.tables import Attendee, BadgePrint, Company, Event
from eventdesk.services.badges import batches as service
from eventdesk.services.badges.batches import BadgeError, BadgeOptions, BadgeSelection
from eventdesk.settings import Settings
from tests.exports.badge_pdf_checks import assert_fonts_embedded, decode_pages, pdf_text, qpdf_check


@pytest.fixture
def doc(events):
    document = events.demo(attendees=80, companies=8, seed=11)
    yield document
    document.close()


@pytest.fixture
def out_dir(tmp_path):
    """A folder of its own for PDFs, apart from the event file and its -wal/-shm companions."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def event_keys(doc):
    with doc.session() as session:
        event = session.execute(select(Event)).scalar_one()
        return event.code, event.public_key


def registered(doc, **where):
    with doc.session() as session:
        query = select(Attendee).where(Attendee.status == AttendeeStatus.REGISTERED.value)
        for column, value in where.items():
            query = query.where(getattr(Attendee, column) == value)
        return {a.id: a for a in session.execute(query).scalars()}


def scanned(doc, pdf):
    """(attendee id, version) of every badge in the PDF, from the QR codes as a door reads them."""
    code, public_key = event_keys(doc)
    found = []
    for page in decode_pages(pdf):
        for text in page:
            result = check_token(text, event_code=code, public_key=public_key)
            assert result.status is TokenStatus.VALID
            found.append((result.token.serial, result.token.version))
    return found


def test_a_batch_for_everyone_scans_verifies_and_is_recorded(doc, tmp_path):
    people = registered(doc)
    out = tmp_path / "badges.pdf"
    result = service.create_badge_pdf(doc=doc, output=out)
    assert result.output == out and result.badges == len(people) == result.pages
    assert sorted(scanned(doc, out)) == sorted((a.id, a.badge_version) for a in people.values())
    text = pdf_text(out)
    for attendee in list(people.values())[:20]:
        assert attendee.family_name in text
    qpdf_check(out)
    assert_fonts_embedded(out)
    assert not out.with_name("badges.pdf.part").exists()
    summary = service.badge_summary(doc=doc)
    assert (summary.printed, summary.unprinted) == (len(people), 0)
    assert result.changes.touches(Entity.BADGES)
    with doc.session() as session:
        layouts = set(session.execute(select(BadgePrint.layout)).scalars())
    assert layouts == {"a6-portrait"}


def test_cancelled_tickets_get_no_badge(doc, tmp_path):
    with doc.session() as session:
        cancelled = session.execute(select(Attendee).limit(1)).scalar_one()
        cancelled.status = AttendeeStatus.CANCELLED.value
        cancelled_id = cancelled.id
    result = service.create_badge_pdf(doc=doc, output=tmp_path / "all.pdf")
    assert cancelled_id not in {serial for serial, _ in scanned(doc, tmp_path / "all.pdf")}
    assert result.badges == len(registered(doc))
    named = service.create_badge_pdf(
        doc=doc, output=tmp_path / "one.pdf", selection=BadgeSelection(attendee_ids=(cancelled_id,))
    )
    assert named.output is None and named.notes[0].message == "Ticket cancelled: no badge."


def test_not_yet_printed_picks_up_only_new_people_and_reprinted_versions(doc, tmp_path):
    service.create_badge_pdf(doc=doc, output=tmp_path / "first.pdf")
    with doc.session() as session:
        late = Attendee(given_name="Late", family_name="Arrival", organisation="Kattegat Biologics")
        session.add(late)
        session.flush()
        late_id = late.id
    result = service.create_badge_pdf(
        doc=doc, output=tmp_path / "new.pdf", selection=BadgeSelection(only_unprinted=True)
    )
    assert result.badges == 1 and scanned(doc, tmp_path / "new.pdf") == [(late_id, 1)]
    again = service.create_badge_pdf(
        doc=doc, output=tmp_path / "none.pdf", selection=BadgeSelection(only_unprinted=True)
    )
    assert again.output is None and not (tmp_path / "none.pdf").exists()


def test_ticket_type_and_company_choose_who(doc, tmp_path):
    speakers = registered(doc, ticket_type=TicketType.SPEAKER.value)
    assert speakers, "the demo event has speakers"
    service.create_badge_pdf(
        doc=doc, output=tmp_path / "s.pdf", selection=BadgeSelection(ticket_type="speaker")
    )
    assert {serial for serial, _ in scanned(doc, tmp_path / "s.pdf")} == set(speakers)
    with doc.session() as session:
        company_id = session.execute(
            select(Attendee.company_id).where(Attendee.company_id.is_not(None)).limit(1)
        ).scalar_one()
    staff = registered(doc, company_id=company_id)
    service.create_badge_pdf(
        doc=doc, output=tmp_path / "c.pdf", selection=BadgeSelection(company_id=company_id)
    )
    assert {serial for serial, _ in scanned(doc, tmp_path / "c.pdf")} == set(staff)


def test_a_reprint_revokes_the_old_badge_and_the_door_can_say_when(doc, tmp_path):
    person = next(iter(registered(doc).values()))
    code, public_key = event_keys(doc)
    service.create_badge_pdf(doc=doc, output=tmp_path / "v1.pdf")
    (old_token,) = [
        t for page in decode_pages(tmp_path / "v1.pdf") for t in page if f"-{_b36(person.id)}-1-" in t
    ]
    result = service.create_badge_pdf(
        doc=doc, output=tmp_path / "v2.pdf", selection=BadgeSelection(attendee_ids=(person.id,)), reprint=True
    )
    assert result.reprinted == 1 and result.changes.touches(Entity.ATTENDEES)
    assert scanned(doc, tmp_path / "v2.pdf") == [(person.id, 2)]
    current = registered(doc)[person.id].badge_version
    assert current == 2
    door = check_token(old_token, event_code=code, public_key=public_key).against_version(current)
    assert door.status is TokenStatus.REVOKED
    with doc.session() as session:
        replaced = service.badge_replaced_at(session=session, attendee_id=person.id, version=1)
        first_v2 = session.execute(
            select(func.min(BadgePrint.printed_at)).where(BadgePrint.version == 2)
        ).scalar_one()
    assert replaced is not None and replaced == first_v2 and replaced.tzinfo is not None


def _b36(number: int) -> str:
    from eventdesk.domain.tokens import to_base36

    return to_base36(number)


def test_a_cancelled_reprint_leaves_no_file_no_record_and_no_revocation(doc, out_dir):
    before = {a.id: a.badge_version for a in registered(doc).values()}
    reports = []
    progress = Progress(lambda done, total, msg: reports.append(done), is_cancelled=lambda: len(reports) >= 1)
    out = out_dir / "cancelled.pdf"
    with pytest.raises(Cancelled):
        service.create_badge_pdf(doc=doc, output=out, reprint=True, progress=progress)
    assert list(out_dir.iterdir()) == []
    assert {a.id: a.badge_version for a in registered(doc).values()} == before
    assert service.badge_summary(doc=doc).printed == 0


def test_a_failure_while_recording_leaves_no_pdf(doc, out_dir, monkeypatch):
    out = out_dir / "badges.pdf"

    def broken(*args, **kwargs):
        raise RuntimeError("disk gone")

    monkeypatch.setattr(service, "_record", broken)
    with pytest.raises(RuntimeError):
        service.create_badge_pdf(doc=doc, output=out)
    assert list(out_dir.iterdir()) == []


@pytest.mark.parametrize(
    "where, message",
    [
        ("missing/badges.pdf", "the folder .*missing does not exist"),
        (".", "is a folder"),
        ("file.txt/badges.pdf", "does not exist"),
    ],
)
def test_an_output_that_cannot_be_written_is_a_clear_error(doc, tmp_path, where, message):
    (tmp_path / "file.txt").write_text("x")
    with pytest.raises(BadgeError, match=message):
        service.create_badge_pdf(doc=doc, output=tmp_path / where)


def test_bad_choices_are_clear_errors(doc, out_dir):
    out = out_dir / "x.pdf"
    with pytest.raises(BadgeError, match="Unknown badge layout 'huge'"):
        service.create_badge_pdf(doc=doc, output=out, options=BadgeOptions(layout="huge"))
    with pytest.raises(BadgeError, match="Unknown ticket type 'vip'"):
        service.create_badge_pdf(doc=doc, output=out, selection=BadgeSelection(ticket_type="vip"))
    with pytest.raises(BadgeError, match="no company with id 9999"):
        service.create_badge_pdf(doc=doc, output=out, selection=BadgeSelection(company_id=9999))
    with pytest.raises(BadgeError, match="no attendee with id 123456"):
        service.create_badge_pdf(doc=doc, output=out, selection=BadgeSelection(attendee_ids=(1, 123456)))
    logo = out_dir / "logo.png"
    logo.write_bytes(b"%PDF-1.4 not an image")
    with pytest.raises(BadgeError, match="is not an image"):
        service.create_badge_pdf(doc=doc, output=out, options=BadgeOptions(logo_path=str(logo)))
    assert sorted(p.name for p in out_dir.iterdir()) == ["logo.png"]


def test_a_kit_without_the_signing_key_cannot_print(doc, tmp_path):
    with doc.session() as session:
        session.execute(select(Event)).scalar_one().signing_key = None
    with pytest.raises(BadgeError, match="no signing key"):
        service.create_badge_pdf(doc=doc, output=tmp_path / "x.pdf")


def test_an_attendee_without_a_name_gets_the_organisation_and_a_note(doc, tmp_path):
    with doc.session() as session:
        nameless = Attendee(given_name="", family_name="", organisation="Øresund Life Science Foundation")
        session.add(nameless)
        session.flush()
        nameless_id = nameless.id
    result = service.create_badge_pdf(
        doc=doc, output=tmp_path / "n.pdf", selection=BadgeSelection(attendee_ids=(nameless_id,))
    )
    assert [(n.attendee_id, n.name) for n in result.notes] == [
        (nameless_id, "Øresund Life Science Foundation")
    ]
    assert "shows the organisation" in result.notes[0].message
    assert "Øresund Life Science Foundation" in " ".join(
        pdf_text(tmp_path / "n.pdf").split()
    )  # wrapped, whole


def test_one_badge_for_the_print_dialog_is_recorded_only_when_printed(doc):
    person = next(iter(registered(doc).values()))
    data, printed = service.badge_pdf_bytes(doc=doc, attendee_ids=[person.id], reprint=True)
    assert printed == [(person.id, 2)]
    assert registered(doc)[person.id].badge_version == 1  # the print dialog may still be cancelled
    code, public_key = event_keys(doc)
    (token,) = decode_pages(data)[0]
    assert check_token(token, event_code=code, public_key=public_key).token.version == 2
    changes = service.record_badges_printed(doc=doc, printed=printed, layout="a6-portrait")
    assert changes.touches(Entity.ATTENDEES)
    assert registered(doc)[person.id].badge_version == 2


def test_the_live_preview_shows_a_real_attendee_and_scans(doc):
    options = BadgeOptions(layout="cr80", band_colours={"visitor": "#000000"})
    png = service.render_badge_preview(doc=doc, options=options, dpi=150)
    image = Image.open(BytesIO(png))
    assert abs(image.size[0] - round(85.6 / 25.4 * 150)) <= 1
    (found,) = zxingcpp.read_barcodes(image)
    code, public_key = event_keys(doc)
    serial = check_token(found.text, event_code=code, public_key=public_key).token.serial
    with doc.session() as session:
        assert session.get(Attendee, serial) is not None


def test_badge_options_are_kept_in_the_settings(doc):
    settings = Settings()
    assert service.badge_options(settings=settings) == BadgeOptions()
    chosen = BadgeOptions(layout="label-54x90", show_organisation=False, given_name_pt=24)
    service.store_badge_options(settings=settings, options=chosen)
    assert service.badge_options(settings=Settings()) == chosen
    with pytest.raises(BadgeError):
        service.store_badge_options(settings=settings, options=BadgeOptions(layout="nope"))


def test_companies_exist_in_the_demo(doc):
    with doc.session() as session:
        assert session.execute(select(func.count()).select_from(Company)).scalar_one() == 8
