"""Is the badge printer ready? Asked before a badge is sent without a dialog.

A paused queue or a printer out of paper still accepts jobs: the badge would wait in the
spooler while the desk says "printing", and the volunteer finds out when the visitor comes
back. So the desk asks first and says in one sentence what is wrong; the admission stands.

Qt tells missing printers and a printer in an error state (CUPS reports a paused queue
so); why it is stopped (paused, out of paper, jammed, offline) CUPS says in a printer's
alerts, which `lpstat -l -p` prints on Linux and macOS.
"""

from __future__ import annotations

import re
import shutil
import subprocess

from PySide6.QtCore import QCoreApplication
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

_ALERT_WORDS = (
    (("media-empty", "media-needed", "out-of-paper"), "is out of paper"),
    (("media-jam",), "has a paper jam"),
    (("marker-supply-empty", "toner-empty"), "is out of ink or toner"),
    (("door-open", "cover-open"), "has a cover open"),
    (("offline", "connecting-to-device", "shutdown"), "is offline"),
    (("paused",), "is paused"),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("PrinterStatus", text)


def alerts_from_lpstat(text: str) -> tuple[bool, list[str]]:
    """(the queue is disabled, its alert keywords) from `lpstat -l -p NAME` output."""
    disabled = bool(re.search(r"^printer \S+ disabled", text, re.MULTILINE))
    alerts: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("Alerts:"):
            alerts += [word.strip().lower() for word in stripped[len("Alerts:") :].replace(",", " ").split()]
    return disabled, [a for a in alerts if a and a != "none"]


def problem_from_alerts(disabled: bool, alerts: list[str]) -> str:
    """What is wrong in words ("is out of paper"), or "" when nothing is."""
    for keywords, words in _ALERT_WORDS:
        if any(alert.startswith(keyword) for alert in alerts for keyword in keywords):
            return words
    return "is paused" if disabled else ""


def _cups_alerts(name: str) -> tuple[bool, list[str]] | None:
    lpstat = shutil.which("lpstat")
    if lpstat is None:
        return None
    try:
        done = subprocess.run([lpstat, "-l", "-p", name], capture_output=True, text=True, timeout=3)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return alerts_from_lpstat(done.stdout) if done.returncode == 0 else None


def printer_problem(name: str) -> str:
    """What keeps printer `name` from printing now, as a clause for a sentence ("the badge
    printer “QL-820” is out of paper"), or "" when it is ready."""
    if not name or name not in QPrinterInfo.availablePrinterNames():
        return _tr("the badge printer “{name}” is not connected").format(name=name or _tr("(none)"))
    words = ""
    cups = _cups_alerts(name)
    if cups is not None:
        words = problem_from_alerts(*cups)
    if not words:
        state = QPrinterInfo.printerInfo(name).state()
        if state in (QPrinter.PrinterState.Error, QPrinter.PrinterState.Aborted):
            words = "reports a problem (paused, or out of paper)"
    if not words:
        return ""
    sentences = {
        "is out of paper": _tr("the badge printer “{name}” is out of paper"),
        "has a paper jam": _tr("the badge printer “{name}” has a paper jam"),
        "is out of ink or toner": _tr("the badge printer “{name}” is out of ink or toner"),
        "has a cover open": _tr("the badge printer “{name}” has a cover open"),
        "is offline": _tr("the badge printer “{name}” is offline"),
        "is paused": _tr("the badge printer “{name}” is paused"),
    }
    sentence = sentences.get(
        words, _tr("the badge printer “{name}” reports a problem (paused, or out of paper)")
    )
    return sentence.format(name=name)
