"""The item models: Qt's model tester on each, and what a person sees in the tables."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester

from eventdesk.domain.enums import AttendeeStatus
from eventdesk.domain.text import fold
from eventdesk.persistence.document import EventDocument
from eventdesk.services.people.lists import AttendeeRow, CompanyRow, list_attendee_rows, list_company_rows
from eventdesk.settings import Settings
from eventdesk.ui.models.attendees import AttendeeColumn, AttendeeRole, AttendeeTableModel
from eventdesk.ui.models.companies import CompanyColumn, CompanyRole, CompanyTableModel
from eventdesk.ui.models.recent import RecentEventsModel, RecentRole
from eventdesk.ui.models.records import RecordFilterProxy, RecordRole
from tests.factories import EventFactory


@pytest.fixture(scope="module")
def demo_rows(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[AttendeeRow], list[CompanyRow]]:
    doc = EventFactory(tmp_path_factory.mktemp("models")).demo(attendees=300)
    try:
        return list_attendee_rows(doc=doc), list_company_rows(doc=doc)
    finally:
        doc.close()


def _column(model: AttendeeTableModel | CompanyTableModel, column: int) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]


# The tester stays connected after `check`: the sorts, filters and resets that follow are
# verified signal by signal (one `check` per model: a second one would connect it twice).


def test_attendee_model_passes_the_model_tester(qtmodeltester: ModelTester, demo_rows) -> None:
    model = AttendeeTableModel(demo_rows[0])
    qtmodeltester.check(model, force_py=True)
    model.sort(AttendeeColumn.ORGANISATION, Qt.SortOrder.DescendingOrder)
    model.set_rows(demo_rows[0][:10])
    model.set_rows([])


def test_attendee_proxy_passes_the_model_tester(qtmodeltester: ModelTester, demo_rows) -> None:
    proxy = RecordFilterProxy()
    proxy.setSourceModel(AttendeeTableModel(demo_rows[0]))
    qtmodeltester.check(proxy, force_py=True)
    proxy.set_quick_filter("university")
    proxy.sort(AttendeeColumn.EMAIL)
    proxy.set_quick_filter("")
    proxy.source().set_rows(demo_rows[0][:20])


def test_company_model_passes_the_model_tester(qtmodeltester: ModelTester, demo_rows) -> None:
    model = CompanyTableModel(demo_rows[1])
    qtmodeltester.check(model, force_py=True)
    model.sort(CompanyColumn.STAFF, Qt.SortOrder.DescendingOrder)


def test_company_proxy_passes_the_model_tester(qtmodeltester: ModelTester, demo_rows) -> None:
    proxy = RecordFilterProxy()
    proxy.setSourceModel(CompanyTableModel(demo_rows[1]))
    qtmodeltester.check(proxy, force_py=True)
    proxy.set_quick_filter("bio")
    proxy.sort(CompanyColumn.BOOTH)


def test_recent_model_passes_the_model_tester(qtmodeltester: ModelTester, tmp_path: Path) -> None:
    settings = Settings()
    kept = tmp_path / "Career day.eventdesk"
    kept.write_bytes(b"")
    settings.add_recent_event(str(tmp_path / "gone.eventdesk"))
    settings.add_recent_event(str(kept))
    model = RecentEventsModel(settings)
    qtmodeltester.check(model, force_py=True)
    model.remove(str(kept))


def test_names_sort_by_family_name_with_accents_folded(demo_rows) -> None:
    model = AttendeeTableModel(demo_rows[0])
    model.sort(AttendeeColumn.NAME, Qt.SortOrder.AscendingOrder)
    families = [fold(model.row_at(row).family_name) for row in range(model.rowCount())]
    assert families == sorted(families)
    model.sort(AttendeeColumn.NAME, Qt.SortOrder.DescendingOrder)
    assert fold(model.row_at(0).family_name) == max(families)


def test_quick_filter_ignores_accents_and_case(demo_rows) -> None:
    rows = demo_rows[0]
    accented = next(
        row for row in rows if row.family_name != fold(row.family_name).title() and row.family_name
    )
    typed = fold(accented.family_name).upper()
    proxy = RecordFilterProxy()
    proxy.setSourceModel(AttendeeTableModel(rows))
    proxy.set_quick_filter(typed)
    shown = [proxy.row_at(row) for row in range(proxy.rowCount())]
    assert accented in shown
    assert all(fold(accented.family_name) in row.search_text for row in shown)
    proxy.set_quick_filter("")
    assert proxy.rowCount() == len(rows)


def test_every_word_of_the_filter_must_match(demo_rows) -> None:
    rows = demo_rows[0]
    person = rows[0]
    proxy = RecordFilterProxy()
    proxy.setSourceModel(AttendeeTableModel(rows))
    proxy.set_quick_filter(f"{person.given_name} {person.family_name}")
    shown = {proxy.row_at(row).id for row in range(proxy.rowCount())}
    assert person.id in shown
    proxy.set_quick_filter(f"{person.given_name} zzzqqq")
    assert proxy.rowCount() == 0


def test_attendee_cells_and_roles(demo_rows) -> None:
    rows = demo_rows[0]
    model = AttendeeTableModel(rows)
    cancelled = next(n for n, row in enumerate(rows) if row.status == AttendeeStatus.CANCELLED.value)
    staff = next(n for n, row in enumerate(rows) if row.company_id is not None)
    name = model.index(cancelled, AttendeeColumn.NAME)
    assert name.data() == rows[cancelled].name
    assert model.index(cancelled, AttendeeColumn.STATUS).data() == "Cancelled"
    assert name.data(Qt.ItemDataRole.ForegroundRole) is not None, "cancelled people are greyed"
    assert name.data(Qt.ItemDataRole.FontRole).strikeOut()
    assert model.index(staff, AttendeeColumn.COMPANY).data() == rows[staff].company_name != ""
    assert model.index(staff, AttendeeColumn.TICKET_TYPE).data() == "Exhibitor staff"
    assert model.index(staff, 0).data(AttendeeRole.COMPANY_ID) == rows[staff].company_id
    assert model.index(staff, 3).data(RecordRole.ID) == rows[staff].id
    assert model.index(staff, 3).data(RecordRole.ROW) is rows[staff]
    assert model.index(staff, 3).data(AttendeeRole.TICKET_TYPE) == "exhibitor"
    assert model.index(len(rows), 0).data() is None
    assert model.data(QModelIndex()) is None
    assert model.headerData(AttendeeColumn.EMAIL, Qt.Orientation.Horizontal) == "E-mail"


def test_company_cells_show_labels_and_sort_booths_numerically(demo_rows) -> None:
    companies = demo_rows[1]
    model = CompanyTableModel(companies)
    first = model.index(0, CompanyColumn.STAFF)
    assert first.data() == str(companies[0].staff_count)
    assert first.data(CompanyRole.HIRING_TAGS) == companies[0].hiring_tags
    sectors = {
        companies[row].sector: model.index(row, CompanyColumn.SECTOR).data() for row in range(len(companies))
    }
    assert sectors.get("digital-health", "Digital health") == "Digital health"
    assert sectors.get("pharma", "Pharma") == "Pharma"
    hiring = model.index(0, CompanyColumn.HIRING).data()
    assert all(tag not in hiring.split(", ") for tag in companies[0].hiring_tags if "-" in tag)
    model.sort(CompanyColumn.BOOTH, Qt.SortOrder.AscendingOrder)
    booths = _column(model, CompanyColumn.BOOTH)
    hall_a = [int(booth[1:]) for booth in booths if booth.startswith("A")]
    assert hall_a == sorted(hall_a)


def test_sort_keeps_the_selection_on_the_same_person(qtbot, demo_rows) -> None:
    from PySide6.QtWidgets import QTableView

    model = AttendeeTableModel(demo_rows[0])
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.selectRow(5)
    chosen = model.row_at(5)
    model.sort(AttendeeColumn.EMAIL, Qt.SortOrder.DescendingOrder)
    selected = view.selectionModel().selectedRows()
    assert [index.data(RecordRole.ROW) for index in selected] == [chosen]


def test_recent_model_shows_the_home_folder_as_tilde(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    settings = Settings()
    settings.add_recent_event(str(tmp_path / "Events" / "Career day.eventdesk"))
    settings.add_recent_event(str(tmp_path / "Fair.eventdesk"))
    model = RecentEventsModel(settings)
    assert model.index(0).data().splitlines()[1] == "not found: ~/Fair.eventdesk"
    assert model.index(1).data().splitlines()[1] == "not found: ~/Events/Career day.eventdesk"


def test_recent_events_keep_absolute_paths_and_a_missing_one_shows_its_whole_path(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`eventdesk open demo.eventdesk` from a folder stored "demo.eventdesk": later, elsewhere,
    the list said "demo — not found: ." and could not say what was missing."""
    monkeypatch.chdir(tmp_path)
    settings = Settings()
    settings.add_recent_event("demo.eventdesk")
    assert settings.recent_events() == [str(tmp_path / "demo.eventdesk")]
    monkeypatch.chdir("/")
    model = RecentEventsModel(settings)
    assert model.index(0).data(RecentRole.AVAILABLE) is False
    assert str(tmp_path / "demo.eventdesk") in model.index(0).data()
    model.remove(model.index(0).data(RecentRole.LOCATION))
    assert model.rowCount() == 0 and settings.recent_events() == []


def test_recent_model_greys_missing_files(tmp_path: Path) -> None:
    settings = Settings()
    kept = tmp_path / "Career day Leuven.eventdesk"
    kept.write_bytes(b"")
    missing = tmp_path / "moved away.eventdesk"
    settings.add_recent_event(str(missing))
    settings.add_recent_event(str(kept))
    settings.add_recent_event("postgresql+psycopg://desk@fair-server/career_fair")
    model = RecentEventsModel(settings)
    rows = {model.index(row).data(RecentRole.LOCATION): model.index(row) for row in range(model.rowCount())}
    assert rows[str(kept)].data(RecentRole.AVAILABLE) is True
    assert rows[str(kept)].data().splitlines() == ["Career day Leuven", str(tmp_path)]
    assert rows[str(kept)].data(Qt.ItemDataRole.ForegroundRole) is None
    assert rows[str(missing)].data(RecentRole.AVAILABLE) is False
    assert "not found" in rows[str(missing)].data()
    assert rows[str(missing)].data(Qt.ItemDataRole.ForegroundRole) is not None
    database = rows["postgresql+psycopg://desk@fair-server/career_fair"]
    assert database.data().splitlines() == ["career_fair", "PostgreSQL on fair-server"]
    assert model.missing_locations() == [str(missing)]
    model.remove(str(missing))
    assert str(missing) not in settings.recent_events()
    assert model.rowCount() == 2


def test_rows_come_without_orm_objects(tmp_path: Path, events: EventFactory) -> None:
    doc: EventDocument = events.demo(attendees=50)
    try:
        rows = list_attendee_rows(doc=doc)
    finally:
        doc.close()
    assert isinstance(rows[0], AttendeeRow) and isinstance(rows[0], tuple)
