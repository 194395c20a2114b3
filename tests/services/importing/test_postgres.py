"""Import, edit and undo on a PostgreSQL event (the multi-desk backend)."""

from __future__ import annotations

import pytest

from eventdesk.domain.people import AttendeeDraft
from eventdesk.services.events import create_event
from eventdesk.services.importing import import_file
from eventdesk.services.people import edit
from eventdesk.services.search import search_people
from eventdesk.services.undo import history
from tests.factories import DEFAULT_DRAFT
from tests.services.importing.support import SAMPLES, people, snapshot

pytestmark = pytest.mark.postgres


def test_import_reimport_undo_and_edit_on_postgresql(postgres_url: str) -> None:
    doc = create_event(target=postgres_url, draft=DEFAULT_DRAFT)
    try:
        empty = snapshot(doc)
        report = import_file(doc=doc, path=SAMPLES / "pretix_order_positions.csv").report
        assert (report.created, report.skipped) == (5, 1)
        imported = snapshot(doc)
        again = import_file(doc=doc, path=SAMPLES / "pretix_order_positions.csv").report
        assert (again.created, again.updated, again.unchanged) == (0, 0, 5)
        assert snapshot(doc) == imported
        assert people(doc)["Anna de Jong"].codes == {("pretix", "s3cr3tAnna0001")}
        # New rows after a bulk import still get fresh ids from the database's sequence.
        saved = edit.add_attendee(doc=doc, draft=AttendeeDraft(given_name="Zoë", email="zoe@example.nl"))
        assert saved.id > max(p.id for p in people(doc).values() if p.given != "Zoë")
        assert search_people(doc=doc, query="zoe").total == 1
        history(doc).undo(doc)
        history(doc).undo(doc)
        assert snapshot(doc) == empty
    finally:
        doc.close()


def test_group_orders_questions_and_the_merge_guard_on_postgresql(postgres_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from eventdesk.services.importing.errors import MergeReviewNeeded

    doc = create_event(target=postgres_url, draft=DEFAULT_DRAFT)
    try:
        report = import_file(doc=doc, path=SAMPLES / "identity" / "tito.csv").report
        assert (report.created, report.merged) == (7, 0)
        renamed = tmp_path / "renamed.csv"
        renamed.write_text("First name,Last name,Email\nAnna,Jansen-Bakker,team@lab.nl\n", "utf-8")
        with pytest.raises(MergeReviewNeeded) as stopped:
            import_file(doc=doc, path=renamed, decisions={})
        [question] = stopped.value.report.questions
        assert question.existing_name == "Anna Jansen"  # the first of the three on team@lab.nl
        import_file(doc=doc, path=renamed, decisions={question.line: question.attendee_id})
        assert "Anna Jansen-Bakker" in people(doc) and len(snapshot(doc)[0]) == 7  # two Sophie Martins
        twice = tmp_path / "twice.csv"
        rows = [f"Person{n},Tester,p{n}@example.org" for n in range(25)] * 2
        twice.write_text("First name,Last name,Email\n" + "\n".join(rows) + "\n", "utf-8")
        before = snapshot(doc)
        with pytest.raises(MergeReviewNeeded):
            import_file(doc=doc, path=twice)
        assert snapshot(doc) == before
        assert import_file(doc=doc, path=twice, allow_merges=True).report.created == 25
    finally:
        doc.close()


def test_nul_bytes_deep_in_a_file_reach_postgresql_as_clean_names(postgres_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """PostgreSQL text cannot hold NUL: before issue 14 such a file ended in a 58-line traceback."""
    lines = ["First name,Last name,Email"] + [f"Person,Number {n},p{n}@example.org" for n in range(400)]
    lines.append("Nul,Van\x00 Damme\x00,nul@example.org")
    path = tmp_path / "nul.csv"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    doc = create_event(target=postgres_url, draft=DEFAULT_DRAFT)
    try:
        report = import_file(doc=doc, path=path).report
        assert report.created == 401
        assert people(doc)["Nul Van Damme"].family == "Van Damme"
        warnings = [e for e in report.entries if "control characters" in e.reason]
        assert [(e.line, e.column) for e in warnings] == [(402, "Last name")]
    finally:
        doc.close()
