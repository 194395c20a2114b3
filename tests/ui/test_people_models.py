"""Models added for issue 3: Qt's model tester on each, and the filter a person composes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from eventdesk.domain.enums import AttendeeStatus, TicketType
from eventdesk.services.importing import import_file, inspect_file
from eventdesk.services.people.lists import AttendeeRow, list_attendee_rows
from eventdesk.ui.models.attendee_filter import NO_COMPANY, AttendeeFilter
from eventdesk.ui.models.attendees import AttendeeColumn, AttendeeRole, AttendeeTableModel
from eventdesk.ui.models.import_models import (
    ColumnMappingModel,
    MappingColumn,
    MappingRole,
    PreviewTableModel,
    ReportColumn,
    ReportEntryModel,
)
from tests.factories import EventFactory

SAMPLES = Path(__file__).parents[1] / "data" / "import"


@pytest.fixture(scope="module")
def rows(tmp_path_factory: pytest.TempPathFactory) -> list[AttendeeRow]:
    doc = EventFactory(tmp_path_factory.mktemp("people-models")).demo(attendees=200)
    try:
        return list_attendee_rows(doc=doc)
    finally:
        doc.close()


def test_attendee_model_with_a_row_filter_passes_the_model_tester(
    qtmodeltester: ModelTester, rows: list[AttendeeRow]
) -> None:
    model = AttendeeTableModel(rows)
    qtmodeltester.check(model, force_py=True)
    model.set_row_filter(AttendeeFilter(ticket_type=TicketType.EXHIBITOR.value).predicate())
    model.sort(AttendeeColumn.CHECKED_IN, Qt.SortOrder.DescendingOrder)
    model.set_rows(rows[:50])
    model.set_row_filter(None, among=frozenset())
    assert model.rowCount() == 0 and model.total_count == 50
    model.set_row_filter(None, among=frozenset(r.id for r in rows[:40]))
    assert model.rowCount() == 40
    model.set_row_filter(None)
    assert model.rowCount() == 50


def test_the_filter_keeps_order_and_tests_only_what_is_set(rows: list[AttendeeRow]) -> None:
    model = AttendeeTableModel(rows)
    model.sort(AttendeeColumn.NAME)
    in_order = [r.id for r in model.rows()]
    some = frozenset(in_order[::3])
    wanted = AttendeeFilter(ids=some, status=AttendeeStatus.REGISTERED.value)
    model.set_row_filter(wanted.predicate(), among=wanted.ids)
    expected = [i for i in in_order if i in some and model_status(rows, i)]
    assert [r.id for r in model.rows()] == expected
    few = frozenset(in_order[5:8])  # picked by position rather than by testing every row
    model.set_row_filter(None, among=few | {999_999})
    assert [r.id for r in model.rows()] == in_order[5:8]
    assert AttendeeFilter().predicate() is None and AttendeeFilter().is_empty
    assert not AttendeeFilter(ids=some).has_choices and AttendeeFilter(checked_in=False).has_choices
    no_company = AttendeeFilter(company_id=NO_COMPANY).predicate()
    assert no_company is not None
    assert {r.company_id for r in rows if no_company(r)} == {None}
    model.set_row_filter(AttendeeFilter(checked_in=False).predicate())
    assert all(not model.index(r, 0).data(AttendeeRole.CHECKED_IN) for r in range(model.rowCount()))


def model_status(rows: list[AttendeeRow], attendee_id: int) -> bool:
    return next(r for r in rows if r.id == attendee_id).status == AttendeeStatus.REGISTERED.value


def test_preview_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    preview = inspect_file(path=SAMPLES / "pretix_order_positions.csv")
    model = PreviewTableModel(preview.headers, preview.sample)
    qtmodeltester.check(model, force_py=True)
    assert model.headerData(35, Qt.Orientation.Horizontal) == "Company (2)"
    assert model.headerData(0, Qt.Orientation.Vertical) == "2", "rows are numbered by file line"
    model.set_preview([], [])


def test_mapping_model_passes_the_model_tester_and_edits_one_column(qtmodeltester: ModelTester) -> None:
    preview = inspect_file(path=SAMPLES / "excel_nl_cp1252.csv")
    model = ColumnMappingModel(preview.mapping, preview.fields, preview.sample)
    qtmodeltester.check(model, force_py=True)
    assert model.index(0, MappingColumn.SAMPLE).data() == "Anaïs · Søren · Jürgen"
    assert model.index(4, MappingColumn.FIELD).data(MappingRole.FIELD_NAME) == "organisation"
    assert model.setData(model.index(4, MappingColumn.FIELD), "job_title")
    assert model.mapping().fields[4] == "job_title" and model.is_changed
    assert not model.setData(model.index(4, MappingColumn.HEADER), "email"), "only the field is editable"
    assert not model.flags(model.index(0, MappingColumn.HEADER)) & Qt.ItemFlag.ItemIsEditable
    model.set_mapping(preview.mapping, preview.fields, preview.sample)
    assert not model.is_changed


def test_report_model_passes_the_model_tester(qtmodeltester: ModelTester, tmp_path: Path) -> None:
    doc = EventFactory(tmp_path).empty()
    try:
        report = import_file(doc=doc, path=SAMPLES / "eventbrite_us.csv", dry_run=True).report
    finally:
        doc.close()
    model = ReportEntryModel(report.sorted_entries())
    qtmodeltester.check(model, force_py=True)
    assert model.index(0, ReportColumn.OUTCOME).data() == "warning"
    model.set_entries([])
