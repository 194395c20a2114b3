from __future__ import annotations

from eventdesk.services.badges.batches import BadgeSelection, create_badge_pdf
from eventdesk.services.door.inside_export import export_people_inside
from eventdesk.services.export_audit import audit_entries
from eventdesk.services.leads.export import export_leads
from eventdesk.services.people.export import export_attendees
from tests.services.privacy.support import busy_event


def test_every_export_with_personal_data_is_audited_with_what_desk_people_and_file(
    events, tmp_path, monkeypatch
):
    monkeypatch.setenv("EVENTDESK_DESK", "Registration laptop 2")
    doc = events.demo(attendees=60, companies=3)
    try:
        busy_event(doc, arrivals=9)
        export_attendees(doc=doc, path=tmp_path / "everyone.xlsx")
        create_badge_pdf(doc=doc, selection=BadgeSelection(attendee_ids=(1, 2, 3)), output=tmp_path / "b.pdf")
        export_people_inside(doc=doc, path=tmp_path / "inside.pdf")
        export_leads(doc=doc, company_id=1, path=tmp_path / "leads.csv")
        entries = audit_entries(doc=doc)
    finally:
        doc.close()
    by_kind = {e.kind: e for e in entries}
    assert set(by_kind) == {"attendee list", "badge batch", "fire marshal's list", "lead export"}
    assert by_kind["attendee list"].people == 60
    assert by_kind["badge batch"].people == 3
    assert by_kind["fire marshal's list"].people == 9
    assert by_kind["lead export"].company
    assert {e.desk for e in entries} == {"Registration laptop 2"}
    assert by_kind["badge batch"].short_file_name == "b.pdf"
    assert entries[0].made_local >= entries[-1].made_local
