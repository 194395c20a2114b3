"""Cold start to a usable main window on a 50,000-attendee event, and its peak memory.

Each start is a fresh `python -m eventdesk open EVENT --exit-when-ready` process on Qt's
offscreen platform: it imports everything, opens and checks the file, builds the main window
with the attendee list filled, and quits as soon as a person could start working. The
baseline, measured in the same run, is a bare PySide6 window: what any Qt app pays before
eventdesk does anything, so the difference is eventdesk's own cost.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from benchmarks.process import repeat_child
from benchmarks.table import Row
from eventdesk.services.demo import DemoSpec, generate_demo

TARGET_SECONDS = 1.0
TARGET_PEAK_MB = 250.0

BARE_QT_WINDOW = (
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication([])\n"
    "window = QMainWindow()\n"
    "window.show()\n"
    "app.processEvents()\n"
)


def _child_env(config_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    # A settings folder of its own: no recent files or window state from the person's own use.
    env["EVENTDESK_CONFIG_DIR"] = str(config_dir)
    return env


def run(quick: bool) -> list[Row]:
    attendees = 10_000 if quick else 50_000
    times = 3 if quick else 5
    with tempfile.TemporaryDirectory(prefix="eventdesk-bench-") as folder:
        event = Path(folder) / "startup.eventdesk"
        generate_demo(target=event, spec=DemoSpec(attendees=attendees, companies=40, seed=2027)).close()
        env = _child_env(Path(folder) / "config")
        app = repeat_child(
            [sys.executable, "-m", "eventdesk", "open", str(event), "--exit-when-ready"], times=times, env=env
        )
        bare = repeat_child([sys.executable, "-c", BARE_QT_WINDOW], times=times, env=env)

    people = f"{attendees:,} attendees"
    return [
        Row(
            figure=f"Cold start to a usable main window ({people}, median of {times})",
            measured=f"{app.seconds:.2f} s (CPU {app.cpu_seconds:.2f} s)",
            target=f"≤ {TARGET_SECONDS:.1f} s",
            baseline=(
                f"{bare.seconds:.2f} s (CPU {bare.cpu_seconds:.2f} s) bare PySide6 window "
                f"({app.seconds - bare.seconds:+.2f} s)"
            ),
            met=app.seconds <= TARGET_SECONDS,
        ),
        Row(
            figure=f"Peak memory of that start ({people})",
            measured=f"{app.peak_mb:.0f} MB",
            target=f"≤ {TARGET_PEAK_MB:.0f} MB",
            baseline=f"{bare.peak_mb:.0f} MB bare PySide6 window ({app.peak_mb - bare.peak_mb:+.0f} MB)",
            met=app.peak_mb <= TARGET_PEAK_MB,
        ),
    ]
