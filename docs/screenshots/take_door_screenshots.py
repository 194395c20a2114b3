"""Screenshots of the door: the check-in screen in each verdict colour, the kiosk, the dashboard.

Run under a real X server so fonts and styles are the ones people get:

    Xvfb :95 -screen 0 1440x900x24 &
    DISPLAY=:95 QT_QPA_PLATFORM=xcb python docs/screenshots/take_door_screenshots.py OUT_DIR

A 3,000-attendee demo event is generated in a throwaway folder and a morning of arrivals
(about 600 scans over three desks, with the 9 o'clock rush) is logged with desk times,
so the dashboard's chart has a shape. Then scans are typed into the real window.
Writes checkin-admitted/-already/-refused/-cancelled.png, checkin.png (the admitted one),
kiosk.png and dashboard.png.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

os.environ.setdefault("EVENTDESK_CONFIG_DIR", tempfile.mkdtemp(prefix="eventdesk-door-shots-"))

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QScrollArea
from sqlalchemy import select, update

from eventdesk.app import create_application, data_dir
from eventdesk.domain.event import to_utc
from eventdesk.domain.tokens import encode_token
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Attendee, Event
from eventdesk.services.demo import DemoSpec, generate_demo
from eventdesk.services.door.checkin import CheckInDesk
from eventdesk.services.door.kiosk_pin import set_kiosk_pin
from eventdesk.services.events import event_summary
from eventdesk.services.privacy.keys import unseal
from eventdesk.settings import DESK_NAME, Settings
from eventdesk.ui.context import EventContext
from eventdesk.ui.main_window import MainWindow

SIZE = (1280, 800)


def settle(ms: int = 300) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _morning(doc: EventDocument, rng: random.Random) -> list[tuple[int, str]]:
    """Log a morning of arrivals; returns (id, token) of people still outside, for the window."""
    with doc.session() as session:
        event = session.execute(select(Event)).scalar_one()
        people = session.execute(
            select(Attendee.id, Attendee.badge_version)
            .where(Attendee.status == "registered")
            .order_by(Attendee.id)
        ).all()
    tokens = [
        (
            row.id,
            encode_token(
                event_code=event.code,
                serial=row.id,
                version=row.badge_version,
                private_key=unseal(event.signing_key, event.public_key),
            ),
        )
        for row in people
    ]
    # The morning ends now, so the scans typed into the window afterwards follow it.
    summary = event_summary(doc=doc)
    now_local = datetime.now(ZoneInfo(summary.timezone)).replace(tzinfo=None, second=0, microsecond=0)
    opening = now_local - timedelta(minutes=200)
    desks = [CheckInDesk(doc=doc, desk=name) for name in ("Door A", "Door B", "Hall 2")]
    rng.shuffle(tokens)
    arriving, waiting = tokens[:620], tokens[620:]
    for attendee_id, token in arriving:
        # Doors at the start time: a rush in the first 45 minutes, then a trickle until noon.
        minutes = min(199.0, rng.triangular(-20, 200, 15))
        moment = to_utc(opening + timedelta(minutes=minutes), summary.timezone)
        rng.choice(desks).scan(token, device_time=moment)
        del attendee_id
    return waiting


def main(out_dir: str) -> int:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="eventdesk-door-event-"))
    path = work / "Door demo.eventdesk"
    doc = generate_demo(target=path, spec=DemoSpec(attendees=3000, companies=40, seed=12))
    waiting = _morning(doc, random.Random(4))
    with doc.session() as session:
        cancelled_id = waiting[-1][0]
        session.execute(update(Attendee).where(Attendee.id == cancelled_id).values(status="cancelled"))
    doc.close()

    create_application()
    settings = Settings()
    settings.set(DESK_NAME, "Door B")
    set_kiosk_pin(settings=settings, pin="2468")
    context = EventContext(settings)
    window = MainWindow(context, demo_folder=data_dir() / "demo")
    window.resize(*SIZE)
    window.show()
    opened = QEventLoop()
    window.event_ready.connect(opened.quit)
    window.open_failed.connect(lambda message: (print(message, file=sys.stderr), opened.quit()))
    window.open_event(str(path))
    opened.exec()
    if not context.has_document or window.event_view is None:
        return 1

    screen = window.event_view.show_screen("checkin")
    settle(1500)
    first_id, first_token = waiting[0]
    second_token = waiting[1][1]
    screen.scan(second_token)  # someone came in a few minutes ago …
    settle(200)
    shots = {
        "admitted": first_token,
        "already": second_token,  # … and scans again: amber, with time and desk
        "refused": first_token[:-6] + "QQQQQQ",  # altered: the signature does not verify
        "cancelled": waiting[-1][1],
    }
    for name, token in shots.items():
        screen.scan(token)
        settle(500)
        window.grab().save(str(out / f"checkin-{name}.png"))
        if name == "admitted":
            window.grab().save(str(out / "checkin.png"))

    kiosk = screen.open_kiosk()
    settle(500)
    kiosk.grab().save(str(out / "kiosk-waiting.png"))
    kiosk.controller.scan(waiting[2][1])
    settle(300)
    kiosk.grab().save(str(out / "kiosk.png"))
    kiosk.leave()
    settle(300)

    dashboard = window.event_view.show_screen("dashboard")
    settle(800)
    # Scrolled so the door section (chart and desks) is in view, as someone watching it would.
    area = dashboard.findChild(QScrollArea)
    if area is not None:
        area.ensureWidgetVisible(dashboard.door, 0, 0)
        settle(300)
    window.grab().save(str(out / "dashboard.png"))
    window.close()
    QApplication.processEvents()
    del first_id
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
