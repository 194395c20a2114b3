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
