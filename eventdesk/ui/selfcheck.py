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
    decoded = _decode_a_frame()
    seen = f"{cameras} {'camera' if cameras == 1 else 'cameras'}"
    return f"panel built, media backend with {len(formats)} formats, {seen}, {decoded}"


def _decode_a_frame() -> str:
    """A QR code in a video-sized QImage read the way a camera frame is (zxing-cpp, no numpy)."""
    import zxingcpp
    from PySide6.QtGui import QColor, QImage, QPainter

    from eventdesk.ui.camera import codes_in_image

    text = "eventdesk selfcheck"
    pixels = memoryview(zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode).to_image(scale=6))
    height, width = pixels.shape
    code = QImage(pixels.tobytes(), width, height, width, QImage.Format.Format_Grayscale8).copy()
    frame = QImage(1920, 1080, QImage.Format.Format_RGB32)  # wider than MAX_DECODE_WIDTH: scaled
    frame.fill(QColor(110, 110, 110))
    painter = QPainter(frame)
    painter.drawImage((frame.width() - width) // 2, (frame.height() - height) // 2, code)
    painter.end()
    found = codes_in_image(frame)
    if found != [text]:
        raise RuntimeError(f"a camera frame with a QR code decoded as {found}")
    return "a frame's QR code read"


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


def _icu() -> str:
    """Qt's ICU data still answers what QtCore asks it (build.spec trims that data).

    Swedish sorts ö after z and German before it (collation data per language), a zone has a
    Dutch name, a Windows code page opens (converter data), and Turkish upper-cases i to İ.
    """
    from PySide6.QtCore import QByteArray, QCollator, QLocale, QStringDecoder, QTimeZone

    if (
        QCollator(QLocale("sv_SE")).compare("öl", "zebra") <= 0
        or QCollator(QLocale("de_DE")).compare("öl", "zebra") >= 0
    ):
        raise RuntimeError("collation ignores the language: ICU's collation data is missing")
    zone = QTimeZone(QByteArray(b"Europe/Amsterdam")).displayName(
        QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName, QLocale("nl_NL")
    )
    if not zone or "GMT" in zone or "UTC" in zone:
        raise RuntimeError(f"Europe/Amsterdam has no Dutch name ({zone!r}): ICU's zone data is missing")
    if not QStringDecoder("windows-1252").isValid():
        raise RuntimeError("the windows-1252 code page does not open: ICU's converter data is missing")
    if QLocale("tr_TR").toUpper("istanbul") != "İSTANBUL":
        raise RuntimeError("Turkish upper case is wrong: ICU's case mapping is missing")
    return f"collation (sv, de), zone name ({zone}), code pages, case mapping"


def _formats() -> str:
    """A date and a number in each of eventdesk's languages (Babel's CLDR data, trimmed by
    build.spec to those languages)."""
    from datetime import date

    from eventdesk.i18n.formats import format_date
    from eventdesk.i18n.languages import LANGUAGES

    day = date(2027, 10, 5)
    written = {language: format_date(day, language, style="full") for language in LANGUAGES}
    if len(set(written.values())) != len(written) or any("2027" not in text for text in written.values()):
        raise RuntimeError(f"dates are not written per language: {written}")
    return f"Tuesday 5 Oct 2027 in {len(written)} languages ({written.get('fr', '')})"


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
    return f"{pages} {'page' if pages == 1 else 'pages'} printed to {output}"


def run_checks(*, print_pdf: Path | None = None, printed: Path | None = None) -> list[CheckResult]:
    """Each check once; a failing one does not stop the others."""
    QApplication.instance() or QApplication([])
    checks: list[tuple[str, Callable[[], str]]] = [
        ("camera", _camera),
        ("charts", _chart),
        ("icu", _icu),
        ("formats", _formats),
    ]
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
