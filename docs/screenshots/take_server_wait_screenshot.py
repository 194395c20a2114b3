"""Screenshot of a server event's screen while its link is stalled: the list stays usable and
a line says the server is not answering (`ui/server_reads.py`).

Needs a PostgreSQL server (the tests' one) and a real X server:

    Xvfb :13 -screen 0 1366x768x24 &
    DISPLAY=:13 QT_QPA_PLATFORM=xcb EVENTDESK_TEST_PG_URL=postgresql+psycopg://… \\
        python docs/screenshots/take_server_wait_screenshot.py OUT_DIR

A demo event is copied into a throwaway database and opened through the tests' fault proxy;
the Attendees screen reads it, the link is stalled (Wi-Fi gone, nothing reset), a change asks
the screen to read again, and the window is grabbed once the line says so.
Writes server-not-answering.png.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

os.environ.setdefault("EVENTDESK_CONFIG_DIR", tempfile.mkdtemp(prefix="eventdesk-wait-shots-"))

import psycopg
from PySide6.QtCore import QEventLoop, QTimer
from sqlalchemy.engine import make_url

from eventdesk.app import create_application
from eventdesk.services.demo import DemoSpec, generate_demo
from eventdesk.settings import Settings
from eventdesk.ui.context import EventContext
from eventdesk.ui.main_window import MainWindow
from tests.support.fault_proxy import FaultyLink


def settle(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main(out: Path) -> None:
    admin = make_url(os.environ["EVENTDESK_TEST_PG_URL"])
    name = f"eventdesk_shot_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin.set(drivername="postgresql").render_as_string(False), autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"')
    url = admin.set(database=name).render_as_string(hide_password=False)
    try:
        generate_demo(target=url, spec=DemoSpec(attendees=400, companies=20, seed=13)).close()
        app = create_application()
        with FaultyLink(admin.host or "127.0.0.1", admin.port or 5432) as link:
            window = MainWindow(EventContext(Settings()), demo_folder=Path(tempfile.mkdtemp()) / "demo")
            window.resize(1366, 768)
            window.show()
            task = window.open_event(link.url_through(url))
            while task.is_running:
                settle(100)
            screen = window.event_view.show_screen("attendees")
            deadline = time.monotonic() + 20
            while screen.reads.busy and time.monotonic() < deadline:
                settle(100)
            link.stall()
            screen.refresh_now()
            deadline = time.monotonic() + 20
            while "not answering" not in screen.server_wait.text() and time.monotonic() < deadline:
                settle(100)
            settle(300)
            out.mkdir(parents=True, exist_ok=True)
            window.grab().save(str(out / "server-not-answering.png"))
            link.heal()
            while screen.reads.busy:
                settle(100)
            window.close()
        app.processEvents()
    finally:
        with psycopg.connect(
            admin.set(drivername="postgresql").render_as_string(False), autocommit=True
        ) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
