"""Badges on paper through the system's printers, at true size, the printer remembered per layout.

Qt cannot send a PDF to a printer, so PDFium (the engine Chrome prints with) renders each
page to an image at the printer's resolution, and the image is painted over the whole
sheet in full-page mode: one PDF millimetre is one millimetre on paper, whatever margins
the driver would like. The page size comes from the layout; there is no fit-to-page.

Entry points, each returning a `PrintJob` that reports its outcome by signal:

* `print_badges(parent, context, attendee_ids, layout_name)` — the print dialog, then the
  badges; they are recorded as printed only once the job has been handed to the printer, so
  a dialog cancelled after choosing "reprint" does not revoke the badge the person holds;
* `print_badges_now(...)` — the same straight to the printer remembered for the layout (the
  check-in desk's "print on admit");
* `print_pdf_file(parent, context, path, layout_name)` — a badge PDF made earlier (the
  Badges screen's batch, already recorded when it was made).
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pypdfium2
from PySide6.QtCore import QMarginsF, QObject, QRectF, QSizeF, Qt, Signal
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QWidget

from eventdesk.domain.changes import Changes
from eventdesk.domain.errors import EventdeskError
from eventdesk.domain.progress import Progress
from eventdesk.exports.badges.layouts import BadgeLayout, get_layout
from eventdesk.services.badges.batches import badge_options, badge_pdf_bytes, record_badges_printed
from eventdesk.settings import PRINTERS, Settings
from eventdesk.ui.context import EventContext
from eventdesk.ui.messages import show_error
from eventdesk.ui.printer_status import printer_problem
from eventdesk.ui.worker import run_in_background

# Card and label printers (Zebra, Evolis, Brother QL) print at 300 dpi; a 600 dpi office laser
# gets the 300 dpi page smoothly scaled, which keeps QR modules (≥ 0.5 mm, 6 dots) and 7 pt text
# crisp. Measured here, 600 dpi costs four times as much for nothing a reader sees: 0.41 s instead
# of 0.11 s per A6 badge, 2.1 s instead of 0.44 s per A4 sheet, ~100 MB per A4 page image.
MAX_RENDER_DPI = 300

PDFIUM_LOCK = threading.RLock()
"""PDFium is not thread-safe: every use of it from the window's threads takes this lock."""

_JOBS: set[PrintJob] = set()


class PrintError(EventdeskError):
    """A printer refused or failed a job."""


# -- the printer remembered per layout ----------------------------------------------------


def available_printer_names() -> list[str]:
    """The printers the system offers (CUPS, Windows, macOS); empty on a machine without any."""
    return list(QPrinterInfo.availablePrinterNames())


def remembered_printer(settings: Settings, layout_name: str) -> str:
    value = settings.get(PRINTERS).get(layout_name, "")
    return value if isinstance(value, str) else ""


def remember_printer(settings: Settings, layout_name: str, printer_name: str) -> None:
    """Keep the printer used for a layout: card badges go to the card printer, A4 sheets elsewhere."""
    if not printer_name:
        return  # printing to a PDF file names no printer worth remembering
    printers = settings.get(PRINTERS)
    if printers.get(layout_name) != printer_name:
        printers[layout_name] = printer_name
        settings.set(PRINTERS, printers)


def page_size_of(layout: BadgeLayout) -> tuple[QPageSize, QPageLayout.Orientation]:
    """The layout's page as Qt names it: portrait dimensions plus an orientation, as drivers expect."""
    width, height = layout.page_mm
    size = QPageSize(
        QSizeF(min(width, height), max(width, height)),
        QPageSize.Unit.Millimeter,
        "",
        QPageSize.SizeMatchPolicy.ExactMatch,
    )
    landscape = width > height
    return size, (QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait)


def printer_name_for(settings: Settings, layout_name: str) -> str:
    """The printer to offer for a layout: the remembered one while it is still installed, else ""."""
    name = remembered_printer(settings, layout_name)
    return name if name and name in available_printer_names() else ""


def chosen_printer_name(printer: QPrinter) -> str:
    """The printer the person chose in the dialog; "" when they printed to a PDF file instead."""
    if printer.outputFormat() != QPrinter.OutputFormat.NativeFormat:
        return ""
    return printer.printerName()


def prepare_printer(settings: Settings, layout: BadgeLayout, printer: QPrinter | None = None) -> QPrinter:
    """A printer set up for `layout`: the remembered printer if it still exists, the exact page."""
    if printer is None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        name = printer_name_for(settings, layout.name)
        if name:
            printer.setPrinterName(name)
    size, orientation = page_size_of(layout)
    printer.setPageSize(size)
    printer.setPageOrientation(orientation)
    printer.setFullPage(True)
    printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    printer.setDocName(f"Badges ({layout.title})")
    return printer


# -- painting a PDF onto a printer --------------------------------------------------------


def render_dpi(printer: QPrinter) -> int:
    return max(72, min(printer.resolution(), MAX_RENDER_DPI))


def page_image(page: Any, dpi: float) -> QImage:
    """One PDF page as an RGB image at `dpi` (a deep copy: PDFium's buffer is freed after)."""
    bitmap = page.render(scale=dpi / 72, rev_byteorder=True, may_draw_forms=False)
    try:
        formats = {3: QImage.Format.Format_RGB888, 4: QImage.Format.Format_RGBX8888}
        image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, formats[bitmap.n_channels])
        return image.copy()
    finally:
        bitmap.close()


def paint_pdf(printer: QPrinter, data: bytes, *, progress: Progress) -> int:
    """Paint every page of the PDF `data` on `printer` at true size; returns the pages sent.

    Raises `Cancelled` (after aborting the job, so nothing comes out) when the person cancels,
    and `PrintError` when the printer refuses the job.
    """
    dpi = render_dpi(printer)
    device_dpi = printer.resolution()
    with PDFIUM_LOCK:
        document = pypdfium2.PdfDocument(data)
        try:
            total = len(document)
            painter = QPainter()
            if not painter.begin(printer):
                raise PrintError(f"The printer {_printer_label(printer)} did not accept the job.")
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            try:
                for index in range(total):
                    progress.report(index, total, f"Sending page {index + 1} of {total} to the printer")
                    page = document[index]
                    try:
                        width_pt, height_pt = page.get_size()
                        image = page_image(page, dpi)
                    finally:
                        page.close()
                    if index:
                        printer.newPage()
                    # Full-page device coordinates start at the paper's corner: this rectangle is
                    # the PDF page at its exact size, however the driver's margins are set.
                    target = QRectF(0, 0, width_pt / 72 * device_dpi, height_pt / 72 * device_dpi)
                    painter.drawImage(target, image)
                progress.check()
            except BaseException:
                printer.abort()
                painter.end()
                raise
            if not painter.end() or printer.printerState() == QPrinter.PrinterState.Error:
                raise PrintError(
                    f"The printer {_printer_label(printer)} reported an error; nothing was printed."
                )
            progress.report(total, total, "Sent to the printer")
            return total
        finally:
            document.close()


def _printer_label(printer: QPrinter) -> str:
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
        return printer.outputFileName() or "PDF file"
    return printer.printerName() or "default printer"


# -- one trip through the print dialog -----------------------------------------------------

Outcome = str  # "printed", "cancelled" or "failed"


@dataclasses.dataclass(frozen=True)
class PdfToPrint:
    data: bytes
    printed: list[tuple[int, int]] | None  # (attendee id, version) to record once sent; None: nothing


class PrintJob(QObject):
    """Make the PDF, ask (or not) where to print it, send it, record it: all off the GUI thread.

    The window-modal print dialog is shown with `show()`, never `exec()`, so scans keep
    arriving at a desk while someone picks a printer; `dialog_opened` hands the dialog to
    whoever wants to drive it (tests press its buttons).
    """

    dialog_opened = Signal(object)
    printed = Signal(int)
    """The number of pages handed to the printer."""
    finished = Signal(str)
    """"printed", "cancelled" or "failed", always last."""

    def __init__(
        self,
        *,
        parent: QWidget | None,
        context: EventContext,
        layout: BadgeLayout,
        make_pdf: Callable[[Progress], PdfToPrint],
        ask: bool,
        printer: QPrinter | None = None,
        on_error: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__()
        self._parent = parent
        self.context = context
        self.layout = layout
        self._make_pdf = make_pdf
        self._ask = ask
        self._given_printer = printer
        self._on_error = on_error
        self.printer: QPrinter | None = None
        self.dialog: QPrintDialog | None = None
        self.outcome: Outcome = ""
        self.pages = 0
        self._pdf: PdfToPrint | None = None

    def start(self) -> PrintJob:
        _JOBS.add(self)
        run_in_background(
            self._make_pdf,
            parent=self._parent,
            title=self.tr("Preparing badges for printing"),
            on_result=self._pdf_ready,
            on_error=self._fail,
        ).cancelled.connect(lambda: self._finish("cancelled"))
        return self

    def _pdf_ready(self, pdf: PdfToPrint) -> None:
        self._pdf = pdf
        settings = self.context.settings
        self.printer = prepare_printer(settings, self.layout, self._given_printer)
        if not self._ask:
            if self._given_printer is None and not self._has_printer():
                self._fail(
                    self.tr(
                        "No printer is set up on this computer for the layout “{layout}”; connect one "
                        "and print a badge through the print dialog once to choose it."
                    ).format(layout=self.layout.display_title())
                )
                return
            if self._given_printer is None:
                # A paused or paperless queue takes the job and keeps it: ask first, say why.
                problem = printer_problem(self.printer.printerName())
                if problem:
                    self._fail(
                        self.tr(
                            "The badge was not printed: {problem}; print it again once the printer is ready."
                        ).format(problem=problem)
                    )
                    return
            self._send()
            return
        dialog = QPrintDialog(self.printer, self._parent)
        dialog.setObjectName("badgePrintDialog")
        dialog.setWindowTitle(self.tr("Print badges — {layout}").format(layout=self.layout.display_title()))
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, False)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintSelection, False)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCurrentPage, False)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        # Not deleted on close: the dialog keeps internal pointers to the printer, and deleting
        # it on the GUI thread while a worker paints on that printer crashed the process.
        # `_finish` releases it once the job is over.
        dialog.accepted.connect(self._send)
        dialog.rejected.connect(lambda: self._finish("cancelled"))
        self.dialog = dialog
        dialog.show()
        self.dialog_opened.emit(dialog)

    def _has_printer(self) -> bool:
        return bool(
            printer_name_for(self.context.settings, self.layout.name) or QPrinterInfo.defaultPrinterName()
        )

    def _send(self) -> None:
        printer, pdf = self.printer, self._pdf
        assert printer is not None and pdf is not None
        remember_printer(self.context.settings, self.layout.name, chosen_printer_name(printer))
        doc = self.context.document
        layout_name = self.layout.name

        def send(progress: Progress) -> tuple[int, Changes]:
            pages = paint_pdf(printer, pdf.data, progress=progress)
            changes = Changes()
            if pdf.printed and doc is not None:
                changes = record_badges_printed(doc=doc, printed=pdf.printed, layout=layout_name)
            return pages, changes

        task = run_in_background(
            lambda progress: _SentResult(*send(progress)),
            parent=self._parent,
            title=self.tr("Printing badges"),
            context=self.context,
            on_result=self._sent,
            on_error=self._fail,
        )
        task.cancelled.connect(lambda: self._finish("cancelled"))

    def _sent(self, result: _SentResult) -> None:
        self.pages = result.pages
        self.printed.emit(result.pages)
        self._finish("printed")

    def _fail(self, message: str) -> None:
        if self._on_error is not None:
            self._on_error(message)
        else:
            show_error(self._parent, message, title=self.tr("Printing badges"))
        self._finish("failed")

    def _finish(self, outcome: Outcome) -> None:
        if self.outcome:
            return
        self.outcome = outcome
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None
        self.finished.emit(outcome)
        _JOBS.discard(self)


@dataclasses.dataclass(frozen=True)
class _SentResult:
    pages: int
    changes: Changes  # the worker passes it to context.notify


# -- entry points -------------------------------------------------------------------------


def _layout_for(context: EventContext, layout_name: str | None) -> BadgeLayout:
    return get_layout(layout_name or badge_options(settings=context.settings).layout)


def _badges_job(
    context: EventContext, attendee_ids: Sequence[int], layout: BadgeLayout, reprint: bool
) -> Callable[[Progress], PdfToPrint]:
    doc = context.require_document()
    options = dataclasses.replace(badge_options(settings=context.settings), layout=layout.name)
    ids = tuple(attendee_ids)

    def job(progress: Progress) -> PdfToPrint:
        progress.report(0, 0, "Drawing badges")
        data, printed = badge_pdf_bytes(doc=doc, attendee_ids=ids, options=options, reprint=reprint)
        return PdfToPrint(data, printed)

    return job


def print_badges(
    parent: QWidget | None,
    context: EventContext,
    attendee_ids: Sequence[int],
    layout_name: str | None = None,
    *,
    reprint: bool = False,
    printer: QPrinter | None = None,
    on_error: Callable[[str], None] | None = None,
) -> PrintJob:
    """Badges for these attendees through the system print dialog, recorded once sent.

    `layout_name` defaults to the layout of the badge settings. `reprint` issues new badge
    versions (revoking the held ones) — but only if the job is really sent. `printer` replaces
    the system printer (tests print to a PDF file).
    """
    layout = _layout_for(context, layout_name)
    job = PrintJob(
        parent=parent,
        context=context,
        layout=layout,
        make_pdf=_badges_job(context, attendee_ids, layout, reprint),
        ask=True,
        printer=printer,
        on_error=on_error,
    )
    return job.start()


def print_badges_now(
    parent: QWidget | None,
    context: EventContext,
    attendee_ids: Sequence[int],
    layout_name: str | None = None,
    *,
    reprint: bool = False,
    printer: QPrinter | None = None,
    on_error: Callable[[str], None] | None = None,
) -> PrintJob:
    """Like `print_badges` without the dialog: straight to the printer remembered for the layout.

    Falls back to the system's default printer; with no printer at all it fails with a
    message (to `on_error` if given — a kiosk may prefer a quiet line to a message box).
    """
    layout = _layout_for(context, layout_name)
    job = PrintJob(
        parent=parent,
        context=context,
        layout=layout,
        make_pdf=_badges_job(context, attendee_ids, layout, reprint),
        ask=False,
        printer=printer,
        on_error=on_error,
    )
    return job.start()


def print_pdf_file(
    parent: QWidget | None,
    context: EventContext,
    path: str | Path,
    layout_name: str,
    *,
    printer: QPrinter | None = None,
) -> PrintJob:
    """A badge PDF made earlier, through the print dialog; records nothing (making it did)."""
    source = Path(path)

    def job(progress: Progress) -> PdfToPrint:
        try:
            return PdfToPrint(source.read_bytes(), None)
        except OSError as exc:
            raise PrintError(f"Cannot read {source}: {exc.strerror or exc}.") from exc

    layout = get_layout(layout_name)
    return PrintJob(
        parent=parent, context=context, layout=layout, make_pdf=job, ask=True, printer=printer
    ).start()


def active_print_jobs() -> list[PrintJob]:
    return list(_JOBS)


__all__ = [
    "MAX_RENDER_DPI",
    "PDFIUM_LOCK",
    "PrintError",
    "PrintJob",
    "active_print_jobs",
    "available_printer_names",
    "chosen_printer_name",
    "page_size_of",
    "paint_pdf",
    "prepare_printer",
    "print_badges",
    "print_badges_now",
    "print_pdf_file",
    "printer_name_for",
    "remember_printer",
    "remembered_printer",
]
