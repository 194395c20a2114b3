"""Badges from the attendee list: print one person's badge, or hand a selection to the Badges screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox, QTableView, QWidget
from pytestqt.qtbot import QtBot

from eventdesk.services.badges.batches import record_badges_printed
from eventdesk.services.badges.overview import badge_status
from eventdesk.services.people.lists import AttendeeRow, list_attendee_rows
from eventdesk.ui import badge_actions
from eventdesk.ui.badge_actions import AttendeeBadgeActions, badge_requests
from eventdesk.ui.context import EventContext
from eventdesk.ui.models.attendees import AttendeeTableModel
from eventdesk.ui.printing import PrintJob, print_badges
from tests.ui.badge_checks import scanned_badges


@pytest.fixture
def opened(context: EventContext, events) -> EventContext:
    context.set_document(events.demo(attendees=30, companies=4, seed=13))
    return context


class AttendeeList(QWidget):
    """A table of attendees as a screen has one, with the badge actions wired the same way."""

    def __init__(self, context: EventContext) -> None:
        super().__init__()
        self.navigated: list[str] = []
        self.model = AttendeeTableModel(list_attendee_rows(doc=context.require_document()), parent=self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.actions = AttendeeBadgeActions(
            self, context, self.table, self.selected_rows, self.navigated.append
        )

    def selected_rows(self) -> list[AttendeeRow]:
        return [self.model.row_at(i.row()) for i in self.table.selectionModel().selectedRows()]

    def select(self, *ids: int) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for attendee_id in ids:
            selection.select(self.model.index(self.model.row_of_id(attendee_id), 0), flags)


@pytest.fixture
def attendee_list(qtbot: QtBot, opened: EventContext) -> AttendeeList:
    widget = AttendeeList(opened)
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture
def printed_to(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[Path]:
    """Route the actions' print jobs to PDF files instead of the system printer."""
    files: list[Path] = []

    def to_pdf(parent, context, ids, layout_name=None, **kwargs) -> PrintJob:
        path = tmp_path / f"printed-{len(files)}.pdf"
        files.append(path)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        printer.setResolution(150)
        job = print_badges(parent, context, ids, layout_name, printer=printer, **kwargs)
        job.dialog_opened.connect(lambda dialog: dialog.accept())
        return job

    monkeypatch.setattr(badge_actions, "print_badges", to_pdf)
    return files


def registered(context: EventContext) -> list[int]:
    return [r.id for r in list_attendee_rows(doc=context.require_document()) if r.status == "registered"]


def test_print_badge_needs_exactly_one_person(attendee_list: AttendeeList, opened: EventContext) -> None:
    actions = attendee_list.actions
    assert not actions.print_badge.isEnabled() and not actions.badges_for_selection.isEnabled()
    first, second = registered(opened)[:2]
    attendee_list.select(first)
    assert actions.print_badge.isEnabled() and actions.badges_for_selection.isEnabled()
    attendee_list.select(first, second)
    assert not actions.print_badge.isEnabled() and actions.badges_for_selection.isEnabled()
    assert actions.print_badge.text() == "Print badge…"
    assert actions.print_badge in attendee_list.table.actions()  # the table's context menu


def test_a_first_badge_prints_without_a_question(
    qtbot: QtBot, attendee_list: AttendeeList, opened: EventContext, printed_to: list[Path]
) -> None:
    person = registered(opened)[0]
    attendee_list.select(person)

    job = attendee_list.actions.print_selected()

    assert isinstance(job, PrintJob)
    with qtbot.waitSignal(job.finished, timeout=30_000) as done:
        pass
    assert done.args == ["printed"]
    assert scanned_badges(opened.require_document(), printed_to[0]) == [(person, 1)]
    assert badge_status(doc=opened.require_document(), attendee_ids=[person])[person].printed_at is not None


def test_a_printed_badge_asks_copy_or_new_and_a_new_one_revokes_the_old(
    qtbot: QtBot, attendee_list: AttendeeList, opened: EventContext, printed_to: list[Path]
) -> None:
    doc = opened.require_document()
    person = registered(opened)[1]
    record_badges_printed(doc=doc, printed=[(person, 1)], layout="a6-portrait")
    attendee_list.select(person)

    question = attendee_list.actions.print_selected()

    assert isinstance(question, QMessageBox)
    assert "was printed on" in question.text()
    assert "revokes" in question.informativeText()
    with qtbot.waitSignal(opened.changed, timeout=30_000):
        question.buttons()[0].click()  # "Print a new badge"
    assert scanned_badges(doc, printed_to[0]) == [(person, 2)]
    assert badge_status(doc=doc, attendee_ids=[person])[person].version == 2


def test_a_copy_keeps_the_badge_version(
    qtbot: QtBot, attendee_list: AttendeeList, opened: EventContext, printed_to: list[Path]
) -> None:
    doc = opened.require_document()
    person = registered(opened)[2]
    record_badges_printed(doc=doc, printed=[(person, 1)], layout="a6-portrait")
    attendee_list.select(person)
    question = attendee_list.actions.print_selected()
    assert isinstance(question, QMessageBox)
    copy = next(b for b in question.buttons() if b.text() == "Print a copy")
    with qtbot.waitSignal(opened.changed, timeout=30_000):
        copy.click()
    assert scanned_badges(doc, printed_to[0]) == [(person, 1)]
    assert badge_status(doc=doc, attendee_ids=[person])[person].version == 1


def test_badges_for_the_selection_hands_the_ids_to_the_badges_screen(
    attendee_list: AttendeeList, opened: EventContext
) -> None:
    chosen = registered(opened)[4:7]
    attendee_list.select(*chosen)
    attendee_list.actions.badges_for_selection.trigger()
    assert attendee_list.navigated == ["badges"]
    assert sorted(badge_requests(opened).attendee_ids) == sorted(chosen)
    opened.close_document()
    assert badge_requests(opened).attendee_ids == ()  # another event: the selection is gone
