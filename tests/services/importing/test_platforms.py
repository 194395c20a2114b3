"""Each platform's export, in its real layout, imported with no mapping at all."""

from __future__ import annotations

import pytest

from eventdesk.services.importing import Outcome, import_file, inspect_file
from tests.factories import EventFactory
from tests.services.importing.support import SAMPLES, people


def entries(report, outcome: Outcome) -> dict[int, str]:  # type: ignore[no-untyped-def]
    return {e.line: e.reason for e in report.entries if e.outcome is outcome}


def test_eventbrite_us_report(events: EventFactory) -> None:
    doc = events.empty()
    report = import_file(doc=doc, path=SAMPLES / "eventbrite_us.csv").report
    assert report.platform == "Eventbrite attendee report"
    assert (report.rows_read, report.created, report.merged, report.skipped, report.rejected) == (
        11,
        7,
        1,
        3,
        0,
    )
    stored = people(doc)
    sophie = stored["Sophie Van de Velde"]
    # The second ticket in another case is the same person, with both barcodes.
    assert sophie.email == "sophie.vandevelde@example.be"
    assert {("eventbrite", "410191010001"), ("eventbrite", "410591050001")} <= sophie.codes
    assert sophie.phone == "+32470123456" and sophie.degree == "PhD"
    assert entries(report, Outcome.MERGED) == {7: "same e-mail and name as line 2; merged into one person"}
    # Invalid e-mail: the person is kept without it, and the report names line and column.
    assert stored["Jürgen Müller"].email is None
    warnings = [e for e in report.entries if e.outcome is Outcome.WARNING and e.line == 4]
    assert warnings and warnings[0].column == "Email" and "juergen.mueller@@example.de" in warnings[0].reason
    # A multi-line address spans lines 5 and 6; the line numbers after it are the file's:
    # the second Sophie row above is on line 7.
    assert stored["Émilie Dupré"].email is None
    assert any(e.line == 5 and "call me" in e.reason for e in report.entries)
    assert stored["Mette Sørensen"].status == "cancelled"
    assert stored["Björn Åkesson"].status == "cancelled"
    assert stored["Lars Ødegård"].status == "registered"
    assert stored["Nadia El Amrani"].ticket_type == "exhibitor"
    # The barcode is the ticket's identity; the attendee number is not stored beside it.
    assert {platform for p in stored.values() for platform, _ in p.codes} == {"eventbrite"}
    # Three trailing empty rows: one entry naming them all.
    empty = [e for e in report.entries if e.reason == "empty row"]
    assert [(e.line, e.last_line) for e in empty] == [(11, 13)]


def test_eventbrite_uk_workbook(events: EventFactory) -> None:
    doc = events.empty()
    report = import_file(doc=doc, path=SAMPLES / "eventbrite_uk.xlsx").report
    assert report.platform == "Eventbrite attendee report" and report.source.startswith("Excel workbook")
    stored = people(doc)
    assert stored["Siobhán O'Connor"].phone == "+447911123456"
    assert stored["Zoë ter Horst"].ticket_type == "speaker"
    assert stored["Ciarán Ó Briain"].status == "cancelled"
    assert ("eventbrite", "510161010001") in stored["Siobhán O'Connor"].codes


def test_pretix_order_positions(events: EventFactory) -> None:
    doc = events.empty()
    report = import_file(doc=doc, path=SAMPLES / "pretix_order_positions.csv").report
    assert report.platform == "pretix order data (order positions)"
    assert entries(report, Outcome.SKIPPED) == {3: "add-on to position 1, not a person"}
    stored = people(doc)
    # The attendee's company, not the invoice address's.
    assert stored["Anna de Jong"].organisation == "Erasmus MC Demo"
    assert stored["Anna de Jong"].codes == {("pretix", "s3cr3tAnna0001")}
    # Two people on Pieter's order share his e-mail but stay two people.
    assert stored["Pieter Bakker"].email == "pieter@example.nl"
    assert stored["Fatima El Amrani"].id != stored["Pieter Bakker"].id
    assert stored["Fatima El Amrani"].field_of_work == "Bioinformatics and data science"
    # The order's phone is the buyer's: Pieter's, not his colleague Fatima's.
    assert stored["Pieter Bakker"].phone == "+31201234567"
    assert stored["Fatima El Amrani"].phone == ""
    assert stored["Noor van 't Hof"].phone == "+31201234567"
    assert stored["Noor van 't Hof"].status == "cancelled"
    # A ticket without an attendee name belongs to the buyer, as pretix itself shows it.
    assert stored["Kees Jansen"].email == "kees@example.nl"
    assert stored["Kees Jansen"].ticket_type == "exhibitor"
    assert report.created == 5


def test_pretix_check_in_lists_both_flavours(events: EventFactory) -> None:
    doc = events.empty()
    basic = import_file(doc=doc, path=SAMPLES / "pretix_checkin_basic.csv").report
    assert basic.platform == "pretix check-in list"
    assert (basic.created, basic.merged) == (2, 1)
    detailed = import_file(doc=doc, path=SAMPLES / "pretix_checkin_secrets.csv").report
    assert detailed.platform == "pretix check-in list"
    stored = people(doc)
    # The same Willem-Jan, now with his secret; Hélène has no e-mail but is imported.
    assert stored["Willem-Jan van den Broek"].codes == {("pretix", "chk-secret-0001")}
    assert stored["Willem-Jan van den Broek"].phone == "+31698765432"
    assert stored["Hélène Lefèvre"].email is None
    assert (detailed.created, detailed.updated) == (1, 1)
    assert stored["Søren Kierkegård"].ticket_type == "speaker"


def test_google_forms_in_dutch(events: EventFactory) -> None:
    doc = events.empty()
    report = import_file(doc=doc, path=SAMPLES / "google_forms.csv").report
    assert report.platform == "Google Forms responses"
    stored = people(doc)
    daan = stored["Daan de Wit"]
    assert daan.degree == "MSc" and daan.consent is True
    assert daan.interests == ("Biotech", "Data science", "Regulatory")
    assert stored["Eline Çelik"].email is None and stored["Eline Çelik"].consent is False
    assert report.merged == 1 and report.skipped == 1


@pytest.mark.parametrize("name", ["microsoft_forms.csv", "microsoft_forms.xlsx"])
def test_microsoft_forms(events: EventFactory, name: str) -> None:
    doc = events.empty()
    report = import_file(doc=doc, path=SAMPLES / name).report
    assert report.platform == "Microsoft Forms responses"
    stored = people(doc)
    # "anonymous" is no e-mail; the form's own name questions win over the sign-in name.
    assert stored["Ana Lúcia dos Santos"].email is None
    assert stored["Krzysztof Nowak"].email == "k.nowak@example.pl"
    assert stored["Ingrid Bergström"].job_title == "PhD candidate Cell biology"
    assert report.created == 3 and report.warnings == 0


def test_luma_guest_list(events: EventFactory) -> None:
    doc = events.empty()
    report = import_file(doc=doc, path=SAMPLES / "luma_guests.csv").report
    stored = people(doc)
    assert stored["Mathilde Lambert"].phone == "+33612345678"
    assert ("luma", "gst-aaa111") in stored["Mathilde Lambert"].codes
    assert stored["Ravi Krishnan"].status == "cancelled"
    assert stored["Ólafur Jónsson"].status == "cancelled"
    assert any(e.line == 4 and "not a confirmed place" in e.reason for e in report.entries)
    assert stored["Chloé Martin"].ticket_type == "press"


def test_tito_tickets(events: EventFactory) -> None:
    doc = events.empty()
    report = import_file(doc=doc, path=SAMPLES / "tito_tickets.csv").report
    assert entries(report, Outcome.SKIPPED) == {3: "ticket not assigned to anyone yet (no name, no e-mail)"}
    stored = people(doc)
    assert stored["Tomás Ruiz"].status == "cancelled"
    assert stored["Greta Lindqvist"].ticket_type == "exhibitor"
    assert stored["Jan-Willem Smit"].codes == {("tito", "ABCD-1")}


def test_meetup_rsvps(events: EventFactory) -> None:
    doc = events.empty()
    report = import_file(doc=doc, path=SAMPLES / "meetup_rsvps.csv").report
    stored = people(doc)
    assert stored["Henrik Ström"].status == "cancelled"
    assert stored["Aoife Kelly"].codes == {("meetup", "user 301")}
    assert any(e.line == 4 and "2 unnamed guests of this person" in e.reason for e in report.entries)
    # Meetup gives no e-mails: importing again must still change nothing.
    again = import_file(doc=doc, path=SAMPLES / "meetup_rsvps.csv").report
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)


@pytest.mark.parametrize(
    ("name", "encoding"),
    [
        ("excel_nl_cp1252.csv", "cp1252"),
        ("unicode_text_utf16.txt", "utf-16"),
        ("utf8_bom.csv", "utf-8-sig"),
    ],
)
def test_encodings_never_mangle_diacritics(events: EventFactory, name: str, encoding: str) -> None:
    preview = inspect_file(path=SAMPLES / name)
    assert preview.source.encoding == encoding
    doc = events.empty()
    import_file(doc=doc, path=SAMPLES / name)
    stored = people(doc)
    assert set(stored) == {"Anaïs Verhoeven", "Søren Ødegaard", "Jürgen Groß"}
    assert stored["Jürgen Groß"].organisation == "Müller & Söhne Demo"
    assert stored["Anaïs Verhoeven"].phone == "+31470112233"
