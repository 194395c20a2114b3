"""Screenshots of a desk replica: online, offline, and the organiser's "admitted twice" list.

Run under a real X server:

    Xvfb :57 -screen 0 1366x768x24 &
    DISPLAY=:57 QT_QPA_PLATFORM=xcb python docs/screenshots/take_desk_sync_screenshots.py OUT_DIR

A managed hub (its own PostgreSQL behind the TLS front) serves a 3,000-attendee demo event;
three desks join it. The window is Door A's replica: a scan while online, then the hub's port
goes away and the desk goes on admitting, offline. Door B had admitted someone offline whom
Door A admitted online; the organiser's window on the hub lists them under "Admitted twice".
Writes desk-online.png, desk-offline.png and dashboard-desks.png.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("EVENTDESK_CONFIG_DIR", tempfile.mkdtemp(prefix="eventdesk-sync-shots-"))

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QScrollArea
from sqlalchemy import select

from eventdesk.app import create_application, data_dir
from eventdesk.domain.tokens import encode_token
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Attendee, Event
from eventdesk.services.demo import DemoSpec, generate_demo
from eventdesk.services.door.checkin import CheckInDesk
from eventdesk.services.privacy.keys import unseal
from eventdesk.settings import Settings
from eventdesk.sync.hub.server import ManagedHub
from eventdesk.sync.replica import join
from eventdesk.sync.rounds import DeskSync
from eventdesk.ui.context import EventContext
from eventdesk.ui.main_window import MainWindow

SIZE = (1280, 760)


def settle(ms: int = 300) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_for(condition, seconds: float = 20) -> None:  # type: ignore[no-untyped-def]
    for _ in range(int(seconds * 10)):
        if condition():
            return
        settle(100)


def badges(doc: EventDocument, count: int) -> list[str]:
    with doc.engine.connect() as conn:
        code, sealed, public = conn.execute(select(Event.code, Event.signing_key, Event.public_key)).one()
        ids = conn.execute(select(Attendee.id).where(Attendee.status == "registered").limit(count)).scalars()
        seed = unseal(sealed, public)
        return [encode_token(event_code=code, serial=i, version=1, private_key=seed) for i in ids]


def open_window(context: EventContext, location: str) -> MainWindow:
    window = MainWindow(context, demo_folder=data_dir() / "demo")
    window.resize(*SIZE)
    window.show()
    opened = QEventLoop()
    window.event_ready.connect(opened.quit)
    window.open_event(location)
    opened.exec()
    return window


def main(out_dir: str) -> int:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="eventdesk-sync-event-"))
    work.chmod(0o755)
    path = work / "Career day.eventdesk"
    generate_demo(target=path, spec=DemoSpec(attendees=3000, companies=40, seed=12)).close()
    hub = ManagedHub(path, listen_host="127.0.0.1", advertised_host="127.0.0.1", port=0)
    code = hub.start()
    try:
        hub_doc = EventDocument.open(hub.local_url)
        codes = badges(hub_doc, 12)
        hub_doc.close()
        desks = {name: join(code.encode(), work / f"{name}.eventdesk", desk_name=name).path
                 for name in ("Door A", "Door B", "Door C")}  # fmt: skip
        # Door B scans codes[0] on its own (it has not reached the hub yet), then syncs.
        b = EventDocument.open(desks["Door B"])
        CheckInDesk(doc=b, desk="Door B").scan(codes[0])
        b.close()
        create_application()
        window = open_window(EventContext(Settings()), str(desks["Door A"]))
        link = window.sync_link
        wait_for(lambda: link.label.text().startswith("Online"))
        screen = window.event_view.show_screen("checkin")
        settle(1200)
        screen.scan(codes[1])
        screen.scan(codes[0])  # admitted here online; Door B's offline admission arrives later
        for name in ("Door B", "Door C"):
            doc = EventDocument.open(desks[name])
            sync = DeskSync(doc)
            sync.run_round()
            sync.close()
            doc.close()
        screen.scan(codes[2])
        wait_for(lambda: "3 desks" in link.label.text(), 8)
        settle(600)
        window.grab().save(str(out / "desk-online.png"))

        hub._front.stop()  # the host's laptop leaves the network
        hub._front = None
        for token in codes[3:8]:
            screen.scan(token)
            settle(150)
        wait_for(lambda: link.label.text().startswith("Offline since") and "5 scans" in link.label.text(), 10)
        settle(400)
        window.grab().save(str(out / "desk-offline.png"))

        organiser = open_window(EventContext(Settings()), hub.local_url)
        dashboard = organiser.event_view.show_screen("dashboard")
        wait_for(lambda: dashboard.hub_desks.isVisible() and dashboard.hub_desks.twice.count() > 0, 15)
        area = dashboard.findChild(QScrollArea)
        if area is not None:
            area.ensureWidgetVisible(dashboard.hub_desks, 0, 0)
        settle(500)
        organiser.grab().save(str(out / "dashboard-desks.png"))
        organiser.close()
        window.close()
        QApplication.processEvents()
    finally:
        # No copy back into the file: these desks' scans are for the pictures only.
        if hub._front is not None:
            hub._front.stop()
        hub._stop_postgres(hub._binaries)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
