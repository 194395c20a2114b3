"""Printing badges through the print dialog: true size, records only what was sent, printer per layout."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from eventdesk.services.badges.overview import badge_status
from eventdesk.services.people.lists import list_attendee_rows
from eventdesk.settings import PRINTERS
from eventdesk.ui import printing
from eventdesk.ui.context import EventContext
from eventdesk.ui.printing import PrintJob, print_badges, print_badges_now, print_pdf_file
from tests.ui.badge_checks import page_sizes_mm, printed_sizes_mm, scanned_badges

PRINT_DPI = 150  # enough for a real decoder, quick enough for a test


@pytest.fixture
def opened(context: EventContext, events) -> EventContext:
    context.set_document(events.demo(attendees=40, companies=5, seed=3))
    return context


def pdf_printer(path: Path) -> QPrinter:
    """A printer that writes what it would print to `path`, as a real one would put it on paper."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(PRINT_DPI)
    return printer


def registered_ids(context: EventContext, count: int) -> list[int]:
    rows = list_attendee_rows(doc=context.require_document())
    return [row.id for row in rows if row.status == "registered"][:count]


def answer_dialog(qtbot: QtBot, job: PrintJob, *, accept: bool) -> str:
    with qtbot.waitSignal(job.dialog_opened, timeout=20_000) as opened:
        pass
    dialog = opened.args[0]
    assert dialog.isVisible()
    with qtbot.waitSignal(job.finished, timeout=60_000) as done:
        dialog.accept() if accept else dialog.reject()
    return done.args[0]


def test_printed_badges_come_out_at_the_layouts_size_and_are_recorded(
    qtbot: QtBot, opened: EventContext, tmp_path: Path
) -> None:
    ids = registered_ids(opened, 3)
    out = tmp_path / "printer.pdf"
    job = print_badges(None, opened, ids, "a6-landscape", printer=pdf_printer(out))

    assert answer_dialog(qtbot, job, accept=True) == "printed"

    assert job.pages == 3
    assert printed_sizes_mm(out) == [(148.0, 105.0)] * 3
    assert all(abs(w - 148) < 0.5 and abs(h - 105) < 0.5 for w, h in page_sizes_mm(out))
    assert sorted(scanned_badges(opened.require_document(), out)) == sorted((i, 1) for i in ids)
    status = badge_status(doc=opened.require_document(), attendee_ids=ids)
    assert all(s.printed_at is not None for s in status.values())


def test_a_sheet_layout_prints_a4_pages(qtbot: QtBot, opened: EventContext, tmp_path: Path) -> None:
    ids = registered_ids(opened, 5)
    out = tmp_path / "sheet.pdf"
    job = print_badges(None, opened, ids, "a4-4x-a6", printer=pdf_printer(out))

    assert answer_dialog(qtbot, job, accept=True) == "printed"

    assert printed_sizes_mm(out) == [(210.0, 297.0)] * 2
    assert len(scanned_badges(opened.require_document(), out)) == 5


def test_a_cancelled_dialog_prints_and_records_nothing_even_for_a_reprint(
    qtbot: QtBot, opened: EventContext, tmp_path: Path
) -> None:
    ids = registered_ids(opened, 2)
    out = tmp_path / "never.pdf"
    notified = []
    opened.changed.connect(notified.append)
    job = print_badges(None, opened, ids, "cr80", reprint=True, printer=pdf_printer(out))

    assert answer_dialog(qtbot, job, accept=False) == "cancelled"

    assert not out.exists()
    status = badge_status(doc=opened.require_document(), attendee_ids=ids)
    assert [(s.version, s.printed_at) for s in status.values()] == [(1, None), (1, None)]
    assert notified == []


def test_a_reprint_sent_to_the_printer_revokes_the_old_badge(
    qtbot: QtBot, opened: EventContext, tmp_path: Path
) -> None:
    (person,) = registered_ids(opened, 1)
    out = tmp_path / "reprint.pdf"
    job = print_badges(None, opened, [person], "cr80", reprint=True, printer=pdf_printer(out))

    assert answer_dialog(qtbot, job, accept=True) == "printed"

    assert scanned_badges(opened.require_document(), out) == [(person, 2)]
    assert badge_status(doc=opened.require_document(), attendee_ids=[person])[person].version == 2


def test_the_chosen_printer_is_remembered_per_layout(
    qtbot: QtBot, opened: EventContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    installed = ["Card printer", "Office A4"]
    monkeypatch.setattr(printing, "available_printer_names", lambda: list(installed))
    (person,) = registered_ids(opened, 1)
    for layout, name in (("cr80", "Card printer"), ("a4-4x-a6", "Office A4")):
        monkeypatch.setattr(printing, "chosen_printer_name", lambda printer, name=name: name)
        job = print_badges(None, opened, [person], layout, printer=pdf_printer(tmp_path / f"{layout}.pdf"))
        assert answer_dialog(qtbot, job, accept=True) == "printed"

    assert opened.settings.get(PRINTERS) == {"cr80": "Card printer", "a4-4x-a6": "Office A4"}
    assert printing.printer_name_for(opened.settings, "cr80") == "Card printer"
    assert printing.printer_name_for(opened.settings, "a4-4x-a6") == "Office A4"
    assert printing.printer_name_for(opened.settings, "a6-portrait") == ""
    installed.remove("Card printer")  # unplugged: offer the system's choice instead
    assert printing.printer_name_for(opened.settings, "cr80") == ""


def test_print_now_skips_the_dialog(qtbot: QtBot, opened: EventContext, tmp_path: Path) -> None:
    (person,) = registered_ids(opened, 1)
    out = tmp_path / "desk.pdf"
    dialogs = []
    job = print_badges_now(None, opened, [person], "brother-ql-62x100", printer=pdf_printer(out))
    job.dialog_opened.connect(dialogs.append)
    with qtbot.waitSignal(job.finished, timeout=60_000) as done:
        pass

    assert done.args == ["printed"] and dialogs == []
    assert printed_sizes_mm(out) == [(62.0, 100.0)]
    assert badge_status(doc=opened.require_document(), attendee_ids=[person])[person].printed_at is not None


def test_print_now_without_any_printer_says_so(
    qtbot: QtBot, opened: EventContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(printing, "available_printer_names", lambda: [])
    monkeypatch.setattr(printing.QPrinterInfo, "defaultPrinterName", staticmethod(lambda: ""))
    (person,) = registered_ids(opened, 1)
    errors: list[str] = []
    job = print_badges_now(None, opened, [person], "cr80", on_error=errors.append)
    with qtbot.waitSignal(job.finished, timeout=30_000) as done:
        pass

    assert done.args == ["failed"]
    assert "No printer is set up" in errors[0] and "CR80" in errors[0]
    assert badge_status(doc=opened.require_document(), attendee_ids=[person])[person].printed_at is None


def test_a_badge_pdf_made_earlier_prints_page_for_page(
    qtbot: QtBot, opened: EventContext, tmp_path: Path
) -> None:
    from eventdesk.services.badges.batches import BadgeOptions, create_badge_pdf

    made = tmp_path / "batch.pdf"
    create_badge_pdf(
        doc=opened.require_document(), output=made, options=BadgeOptions(layout="fold-over-82x203")
    )
    out = tmp_path / "printed.pdf"
    job = print_pdf_file(None, opened, made, "fold-over-82x203", printer=pdf_printer(out))

    assert answer_dialog(qtbot, job, accept=True) == "printed"

    assert printed_sizes_mm(out) == page_sizes_mm(made)
    assert printed_sizes_mm(out)[0] == (82.0, 203.0)
