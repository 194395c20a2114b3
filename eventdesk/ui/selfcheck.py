"""Does this installation's desktop part work? The checks behind `eventdesk selfcheck`.

A frozen bundle (PyInstaller) leaves out libraries and plugins that eventdesk never loads,
and a machine can lack a system library Qt loads at run time; either breaks a feature only
when a person first uses it, at the door. These checks use each such feature the way the
window does — the camera stack's backend, a chart drawn, a PDF sent through a printer — so
CI's smoke test of the bundle and a desk's set-up find out first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QApplication

from eventdesk.domain.progress import Progress
from eventdesk.settings import Settings


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    detail: str


def _camera() -> str:
    """The camera panel builds and QtMultimedia's backend (FFmpeg) loads."""
    from PySide6.QtMultimedia import QMediaDevices, QMediaFormat

    from eventdesk.ui.widgets.camera_panel import CameraPanel

    panel = CameraPanel("Hold a badge up to the camera", settings=Settings())
    panel.fill_cameras()
    # Without a backend plugin QMediaFormat knows no container at all.
    formats = QMediaFormat().supportedFileFormats(QMediaFormat.ConversionMode.Decode)
    if not formats:
        raise RuntimeError("QtMultimedia has no backend: the FFmpeg plugin did not load")
    panel.deleteLater()
    cameras = len(QMediaDevices.videoInputs())
    return f"panel built, media backend with {len(formats)} formats, {cameras} camera(s)"


def _chart() -> str:
    """The dashboard's arrivals chart (QtCharts) draws."""
    from datetime import datetime, timedelta

    from eventdesk.services.door.arrivals import ArrivalBucket
    from eventdesk.ui.widgets.door_activity import ArrivalsChart

    chart = ArrivalsChart()
    chart.resize(640, 240)
    start = datetime(2027, 10, 5, 9, 0)
    buckets = [ArrivalBucket(starts=start + timedelta(minutes=15 * i), admitted=10 + 3 * i) for i in range(8)]
    chart.set_buckets(buckets)
    image = chart.grab().toImage()
    colours = {image.pixel(x, y) for x in range(0, image.width(), 8) for y in range(0, image.height(), 8)}
    if len(colours) < 3:
        raise RuntimeError("the chart drew nothing")
    return f"{len(chart.chart().series())} series drawn, {len(colours)} colours"


def _printing(pdf: Path, output: Path) -> str:
    """A PDF sent through the print path onto Qt's PDF printer (what a badge print does)."""
    from PySide6.QtPrintSupport import QPrinter

    from eventdesk.ui.printing import paint_pdf

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(output))
    pages = paint_pdf(printer, pdf.read_bytes(), progress=Progress())
    if not output.is_file() or output.stat().st_size == 0:
        raise RuntimeError(f"the PDF printer wrote nothing to {output}")
    return f"{pages} page(s) printed to {output}"


def run_checks(*, print_pdf: Path | None = None, printed: Path | None = None) -> list[CheckResult]:
    """Each check once; a failing one does not stop the others."""
    QApplication.instance() or QApplication([])
    checks: list[tuple[str, Callable[[], str]]] = [("camera", _camera), ("charts", _chart)]
    if print_pdf is not None:
        target = printed or print_pdf.with_name(f"{print_pdf.stem}-printed.pdf")
        checks.append(("printing", lambda: _printing(print_pdf, target)))
    results = []
    for name, check in checks:
        try:
            results.append(CheckResult(name, True, check()))
        except Exception as error:  # a check reports; it never takes the others down
            results.append(CheckResult(name, False, f"{type(error).__name__}: {error}"))
    return results
