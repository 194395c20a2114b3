"""Exhibitor lists → companies, merged on the name whatever its case or accents."""

from __future__ import annotations

from eventdesk.services.importing import Outcome, import_file
from eventdesk.services.undo import history
from tests.factories import EventFactory
from tests.services.importing.support import SAMPLES, companies, snapshot


def test_an_exhibitor_list(events: EventFactory) -> None:
    doc = events.empty()
    report = import_file(doc=doc, path=SAMPLES / "companies.csv", kind="companies").report
    assert (report.rows_read, report.created, report.merged, report.rejected) == (5, 3, 1, 1)
    by_line = {(e.line, e.outcome): e for e in report.entries}
    assert by_line[(4, Outcome.MERGED)].reason == "same company as line 2; merged"
    assert by_line[(5, Outcome.REJECTED)].reason == "no company name"
    assert "'many' is not a number of meeting tables" in by_line[(6, Outcome.WARNING)].reason
    assert by_line[(3, Outcome.WARNING)].column == "Contact e-mail"
    stored = companies(doc)
    galapagos = stored["Galápagos Demo NV"]
    assert galapagos.hiring_tags == ["R&D", "QA", "Clinical ops", "Regulatory"]
    assert galapagos.website == "https://galapagos-demo.example"
    assert galapagos.contact_phone == "+3291234567"
    assert stored["Novo Demo A/S"].contact_email == ""
    assert stored["Øresund Diagnostics Demo"].meeting_tables == 1


def test_reimporting_companies_changes_nothing_and_undo_removes_them(events: EventFactory) -> None:
    doc = events.empty()
    before = snapshot(doc)
    import_file(doc=doc, path=SAMPLES / "companies.csv", kind="companies")
    after = snapshot(doc)
    report = import_file(doc=doc, path=SAMPLES / "companies.csv", kind="companies").report
    assert (report.created, report.updated, report.unchanged) == (0, 0, 3)
    assert snapshot(doc) == after
    history(doc).undo(doc)
    assert snapshot(doc) == before
