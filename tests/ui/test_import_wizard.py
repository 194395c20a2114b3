"""The import wizard end to end on real-layout sample files, drops on the window, and exports."""

from __future__ import annotations

import csv
import warnings
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QWizard
from pytestqt.qtbot import QtBot

from eventdesk.services.importing import MappingOrigin, inspect_file
from eventdesk.services.people.lists import list_attendee_rows
from eventdesk.ui.dialogs.import_wizard import ImportWizard
from eventdesk.ui.main_window import MainWindow
from eventdesk.ui.models.import_models import MappingColumn, ReportColumn
from tests.factories import EventFactory
from tests.ui.helpers import open_in

SAMPLES = Path(__file__).parents[1] / "data" / "import"


@pytest.fixture
def empty_window(window: MainWindow, qtbot: QtBot, events: EventFactory) -> MainWindow:
    doc = events.empty()
    path = Path(doc.display_location)
    doc.close()
    open_in(window, qtbot, path)
    return window


def _open(window: MainWindow, kind: str = "attendees", path: Path | None = None) -> ImportWizard:
    opened: list[ImportWizard] = []
    window.people_files.wizard_opened.connect(opened.append)
    if path is None:
        action = window.people_files.import_attendees_action if kind == "attendees" else None
        assert action is not None and action.isEnabled()
        action.trigger()
    else:
        window.people_files.open_import(kind, path)
    assert opened, "the wizard opened"
    return opened[-1]


def _wait_idle(qtbot: QtBot, wizard: ImportWizard) -> None:
    qtbot.waitUntil(lambda: not wizard.is_busy, timeout=15_000)


def _next(qtbot: QtBot, wizard: ImportWizard) -> None:
    button = wizard.button(QWizard.WizardButton.CommitButton)
    if not button.isVisible():
        button = wizard.button(QWizard.WizardButton.NextButton)
    assert button.isEnabled(), f"{button.text()} is enabled on {wizard.currentPage().title()}"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    _wait_idle(qtbot, wizard)


def _mapping_row(wizard: ImportWizard, header: str) -> int:
    model = wizard.mapping_page.model
    return next(r for r in range(model.rowCount()) if model.index(r, MappingColumn.HEADER).data() == header)


def test_eventbrite_export_end_to_end_with_a_corrected_column(
    empty_window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    window = empty_window
    wizard = _open(window)
    assert wizard.currentPage() is wizard.file_page
    assert wizard.file_page.attendees_radio.isChecked()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled(), "no file chosen yet"
    wizard.file_page.path_edit.setText(str(SAMPLES / "eventbrite_us.csv"))

    _next(qtbot, wizard)  # the file is read in the background
    page = wizard.preview_page
    assert wizard.currentPage() is page
    assert page.source_label.text() == "CSV, UTF-8, comma-separated"
    assert page.platform_label.text().startswith("Eventbrite attendee report")
    assert page.model.columnCount() == 25
    first_names = [page.model.index(r, 2).data() for r in range(page.model.rowCount())]
    assert "Lars" in first_names and "Ødegård" in [page.model.index(r, 3).data() for r in range(3)]

    _next(qtbot, wizard)
    mapping = wizard.mapping_page
    assert wizard.currentPage() is mapping
    assert "Eventbrite" in mapping.origin_label.text()
    phone = _mapping_row(wizard, "Cell Phone")
    combo = mapping.combo(phone)
    assert combo.currentData() == "phone"
    # The organiser does not want phone numbers: a correction in the combo.
    combo.setCurrentIndex(combo.findData(""))
    assert mapping.model.mapping().fields[phone] is None
    assert mapping.model.index(phone, MappingColumn.FIELD).data() == "— not imported —"

    # Check without importing: what would happen, and nothing changes yet.
    mapping.check_button.click()
    _wait_idle(qtbot, wizard)
    assert "11 rows read, 7 created" in mapping.check_label.text()
    doc = window.context.require_document()
    assert list_attendee_rows(doc=doc) == []

    assert wizard.button(QWizard.WizardButton.NextButton).text() == "Import"
    _next(qtbot, wizard)
    report_page = wizard.report_page
    assert wizard.currentPage() is report_page
    assert report_page.consent_rule.isVisibleTo(wizard)
    assert "never their e-mail or phone" in report_page.consent_rule.text()
    counts = {name: label.text() for name, label in report_page.count_labels.items()}
    assert counts == {
        "rows_read": "11",
        "created": "7",
        "updated": "0",
        "unchanged": "0",
        "merged": "1",
        "skipped": "3",
        "rejected": "0",
        "warnings": "1",  # the invalid e-mail; the unreadable phone is no longer imported
    }
    rows = [
        [report_page.model.index(r, c).data() for c in ReportColumn]
        for r in range(report_page.model.rowCount())
    ]
    assert rows[0][:3] == ["4", "warning", "Email"] and "juergen.mueller@@example.de" in rows[0][3]
    assert rows[1][:3] == ["7", "merged", ""]
    assert rows[2] == ["11–13", "skipped", "", "empty row"]
    assert not wizard.button(QWizard.WizardButton.BackButton).isVisible()

    saved = report_page.save_report(tmp_path / "report")
    assert saved.name == "report.csv"
    with saved.open(encoding="utf-8-sig") as handle:
        table = list(csv.reader(handle))
    assert table[0] == ["Line", "Outcome", "Column", "Reason"] and len(table) == 4

    people = list_attendee_rows(doc=doc)
    assert len(people) == 7
    assert any(p.family_name == "Ødegård" for p in people)
    assert window.undo_actions.undo_action.text() == "&Undo Import attendees from eventbrite_us.csv"
    wizard.button(QWizard.WizardButton.FinishButton).click()

    # The corrected mapping is remembered for this set of headers.
    again = inspect_file(path=SAMPLES / "eventbrite_us.csv")
    assert again.origin is MappingOrigin.REMEMBERED
    assert again.mapping.fields[phone] is None


def test_cancel_during_the_import_leaves_the_event_as_it_was(
    empty_window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    big = tmp_path / "registrations.csv"
    with big.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["First name", "Last name", "Email", "Organisation"])
        for n in range(30_000):
            writer.writerow([f"Zoë{n}", f"Ødegård{n}", f"zoe{n}@example.org", "Leiden Demo"])
    wizard = _open(empty_window, path=big)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.preview_page, timeout=10_000)
    _next(qtbot, wizard)
    commit = wizard.button(QWizard.WizardButton.NextButton)
    qtbot.mouseClick(commit, Qt.MouseButton.LeftButton)
    assert wizard.task is not None
    wizard.task.cancel()  # as the progress dialog's Cancel does
    _wait_idle(qtbot, wizard)
    assert wizard.currentPage() is wizard.mapping_page
    assert wizard.mapping_page.error_label.text() == "The import was cancelled; nothing was changed."
    assert list_attendee_rows(doc=empty_window.context.require_document()) == []
    assert not empty_window.undo_actions.undo_action.isEnabled()
    wizard.reject()


def test_a_file_that_is_not_a_table_is_refused_on_the_first_page(
    empty_window: MainWindow, qtbot: QtBot
) -> None:
    wizard = _open(empty_window)
    wizard.file_page.path_edit.setText(str(SAMPLES / "binary.csv"))
    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.file_page
    assert "binary.csv" in wizard.file_page.error_label.text()
    wizard.file_page.path_edit.setText(str(SAMPLES / "headers_only.csv"))
    assert wizard.file_page.error_label.text() == ""
    _next(qtbot, wizard)
    assert "headers_only.csv" in wizard.file_page.error_label.text()
    wizard.reject()


def _drop(window: MainWindow, path: Path) -> bool:
    """Drag `path` over the window and let go: True if the window took it."""
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    centre = window.rect().center()
    with warnings.catch_warnings():
        # PySide6 marks the one constructor it offers as deprecated; real drags build the same.
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(
            centre, Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        )
    QApplication.sendEvent(window, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(
        QPointF(centre),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, drop)
    return drop.isAccepted()


def test_a_file_dropped_on_the_window_opens_the_wizard_at_its_preview(
    empty_window: MainWindow, qtbot: QtBot
) -> None:
    opened: list[ImportWizard] = []
    empty_window.people_files.wizard_opened.connect(opened.append)
    assert _drop(empty_window, SAMPLES / "pretix_order_positions.csv")
    wizard = opened[-1]
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.preview_page, timeout=10_000)
    assert wizard.kind == "attendees"
    assert wizard.preview_page.platform_label.text().startswith("pretix order data")
    # The import says who will see what of the people it brings in (issue 15's consent rule).
    from eventdesk.domain.sharing import CONSENT_RULE

    assert wizard.preview_page.consent_rule.text() == CONSENT_RULE
    # Every preview header is shown whole (up to a third of a laptop screen's width).
    table = wizard.preview_page.table
    header = table.horizontalHeader()
    for column in range(table.model().columnCount()):
        assert table.columnWidth(column) >= min(320, header.sectionSizeHint(column)), column
    _next(qtbot, wizard)
    _next(qtbot, wizard)
    assert wizard.report_page.count_labels["created"].text() == "5"
    assert (
        wizard.report_page.model.index(0, ReportColumn.REASON).data() == "add-on to position 1, not a person"
    )
    wizard.accept()

    # On the Companies screen a dropped file is taken for companies.
    empty_window.show_screen("companies")
    assert _drop(empty_window, SAMPLES / "companies.csv")
    wizard = opened[-1]
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.preview_page, timeout=10_000)
    assert wizard.kind == "companies"
    wizard.reject()
    assert not _drop(empty_window, SAMPLES / "make_samples.py"), "only spreadsheets are taken"


def test_export_from_the_file_menu_writes_the_file(
    window: MainWindow, qtbot: QtBot, events: EventFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_in(window, qtbot, events.demo_path(attendees=120))
    target = tmp_path / "everyone"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), "CSV (*.csv)"))
    started = []
    window.people_files.export_started.connect(started.append)
    window.people_files.export_attendees_action.trigger()
    with qtbot.waitSignal(started[-1].finished, timeout=10_000):
        pass
    written = tmp_path / "everyone.csv"
    with written.open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) == 121 and rows[0][:3] == ["ID", "Given name", "Family name"]
    assert window.statusBar().currentMessage() == f"Wrote 120 rows to {written}"

    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(tmp_path / "firms.xlsx"), "")
    )
    window.people_files.export_companies_action.trigger()
    with qtbot.waitSignal(started[-1].finished, timeout=10_000):
        pass
    assert (tmp_path / "firms.xlsx").stat().st_size > 0


def test_excel_files_and_companies_go_through_the_same_steps(empty_window: MainWindow, qtbot: QtBot) -> None:
    wizard = _open(empty_window, path=SAMPLES / "microsoft_forms.xlsx")
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.preview_page, timeout=10_000)
    assert wizard.preview_page.source_label.text() == "Excel workbook, sheet 'Form1'"
    assert wizard.preview_page.platform_label.text().startswith("Microsoft Forms responses")
    wizard.reject()

    wizard = _open(empty_window, "companies", path=SAMPLES / "companies.csv")
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.preview_page, timeout=10_000)
    assert wizard.kind == "companies"
    _next(qtbot, wizard)
    mapping = wizard.mapping_page
    assert mapping.combo(_mapping_row(wizard, "Telefoon")).currentData() == "contact_phone"
    _next(qtbot, wizard)
    report = wizard.report_page
    assert int(report.count_labels["created"].text()) >= 1
    empty_window.show_screen("companies")
    companies = empty_window.event_view.screen("companies")
    assert "Galápagos Demo NV" in {c.name for c in companies.model.rows()}
    wizard.accept()


def _registered_twice(path: Path, *, people: int = 40, twice: int = 24) -> Path:
    """A form export where most people sent the form twice (their e-mail in another case)."""
    rows = [f"Person{n:02},Tester,p{n}@example.org" for n in range(people)]
    rows += [f"Person{n:02},Tester,P{n}@Example.org" for n in range(twice)]
    rows.append("Bram,de Vries,team@lab.nl")
    path.write_text("First name,Last name,Email\n" + "\n".join(rows) + "\n", "utf-8")
    return path


def test_a_mass_merge_stops_on_the_review_page_until_confirmed(
    empty_window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    doc = empty_window.context.require_document()
    first = tmp_path / "earlier.csv"
    first.write_text("First name,Last name,Email\nAnna,Jansen,team@lab.nl\n", "utf-8")
    _open(empty_window, path=first)  # an earlier import put Anna in the event
    earlier = empty_window.findChild(ImportWizard)
    assert earlier is not None
    qtbot.waitUntil(lambda: earlier.currentPage() is earlier.preview_page, timeout=10_000)
    _next(qtbot, earlier)
    _next(qtbot, earlier)
    assert earlier.currentPage() is earlier.report_page
    earlier.accept()

    wizard = _open(empty_window, path=_registered_twice(tmp_path / "form.csv"))
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.preview_page, timeout=10_000)
    _next(qtbot, wizard)
    assert wizard.button(QWizard.WizardButton.NextButton).text() == "Import"
    _next(qtbot, wizard)
    review = wizard.review_page
    assert wizard.currentPage() is review
    assert len(list_attendee_rows(doc=doc)) == 1, "nothing written before the review"
    assert review.reason_label.text().startswith("24 of 65 rows would be merged into another row's person")
    group = review.merges.topLevelItem(0)
    assert (review.merges.topLevelItemCount(), group.text(0), group.text(1)) == (
        1,
        "same e-mail and name",
        "24",
    )
    assert group.child(0).text(0) == "line 42 · Person00 Tester"
    assert review.questions.rowCount() == 1
    cells = [review.questions.item(0, column).text() for column in range(4)]
    assert cells == ["66", "Bram de Vries", "team@lab.nl", "Anna Jansen"]
    assert review.decision(0).currentText() == "Keep both: two people"
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    assert commit.text() == "Merge 24 rows and import"

    # Back to the columns: still nothing written; Import comes back to the same review.
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.BackButton), Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.mapping_page and wizard.review is None
    _next(qtbot, wizard)
    assert wizard.currentPage() is review and len(list_attendee_rows(doc=doc)) == 1

    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.report_page
    counts = wizard.report_page.count_labels
    assert (counts["created"].text(), counts["merged"].text()) == ("41", "24")
    extra = wizard.report_page.extra_label.text()
    assert extra.startswith(
        "41 visitors have no interests and no wishes (no column of this file is Interests)"
    )
    names = sorted(f"{p.given_name} {p.family_name}" for p in list_attendee_rows(doc=doc))
    assert len(names) == 42 and "Anna Jansen" in names and "Bram de Vries" in names
    wizard.accept()


def test_same_person_on_the_review_page_updates_who_is_there(
    empty_window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    doc = empty_window.context.require_document()
    for name, text in (
        ("one.csv", "Anna,Jansen,anna@lab.nl\n"),
        ("two.csv", "Anna,Jansen-Bakker,anna@lab.nl\n"),
    ):
        (tmp_path / name).write_text("First name,Last name,Email\n" + text, "utf-8")
    for name in ("one.csv", "two.csv"):
        wizard = _open(empty_window, path=tmp_path / name)
        qtbot.waitUntil(lambda w=wizard: w.currentPage() is w.preview_page, timeout=10_000)
        _next(qtbot, wizard)
        _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.review_page
    assert not wizard.review_page.merges.isVisible()
    assert wizard.button(QWizard.WizardButton.CommitButton).text() == "Import"
    choice = wizard.review_page.decision(0)
    choice.setCurrentIndex(1)
    assert choice.currentText() == "Same person: update Anna Jansen"
    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.report_page
    assert [(p.given_name, p.family_name) for p in list_attendee_rows(doc=doc)] == [("Anna", "Jansen-Bakker")]
    wizard.accept()


def test_the_columns_step_notes_a_refused_guess_and_a_consent_column_left_out(
    empty_window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "form.csv"
    path.write_text(
        "Name,Email,Code,Share my details with exhibitors\n"
        + "".join(f"Person {n},p{n}@example.org,Yes,Yes\n" for n in range(6)),
        "utf-8",
    )
    wizard = _open(empty_window, path=path)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.preview_page, timeout=10_000)
    assert wizard.preview_page.notes_label.text().startswith("Column 'Code' was not taken as")
    _next(qtbot, wizard)
    mapping = wizard.mapping_page
    assert mapping.combo(2).currentData() == ""
    assert mapping.notes_label.text().startswith("Column 'Code' was not taken as Ticket code / barcode")
    assert "consent" not in mapping.notes_label.text()
    mapping.combo(3).setCurrentIndex(mapping.combo(3).findData(""))
    assert "looks like consent to share contact details but is not imported" in mapping.notes_label.text()
    wizard.reject()


def test_a_hostile_workbook_is_refused_on_the_first_page_naming_the_cell(
    empty_window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    from tests.services.importing.hostile_corpus import CASES

    make = next(make for spec, make in CASES if spec.name == "dimension_whole_grid_one_far_cell.xlsx")
    path = tmp_path / "attendees.xlsx"
    make(path)
    wizard = _open(empty_window)
    wizard.file_page.path_edit.setText(str(path))
    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.file_page
    text = wizard.file_page.error_label.text()
    assert "attendees.xlsx, sheet 'Attendees', cell XFD1048576" in text and "500 columns" in text
    wizard.reject()
