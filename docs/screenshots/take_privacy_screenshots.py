"""Screenshots of Event › Privacy: the menu with the retention banner, an anonymised event's
dashboard (the statistics that stay), and page 1 of a person's data export (Art. 15).

    Xvfb :95 -screen 0 1366x768x24 &
    DISPLAY=:95 QT_QPA_PLATFORM=xcb python docs/screenshots/take_privacy_screenshots.py OUT_DIR

A 1,500-attendee demo with a morning of arrivals (the door screenshots' `_morning`), a few
leads and meetings with notes, and a retention date in the past. Writes privacy-menu.png,
privacy-anonymised-dashboard.png and privacy-person-export.png.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import uuid
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("EVENTDESK_CONFIG_DIR", tempfile.mkdtemp(prefix="eventdesk-privacy-shots-"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pypdfium2 as pdfium
from PySide6.QtCore import QEventLoop, QPoint, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QScrollArea
from sqlalchemy import select
from take_door_screenshots import _morning

from eventdesk.app import create_application, data_dir
from eventdesk.domain.event import utc_now
from eventdesk.persistence.tables import Attendee, Company, Event, Lead
from eventdesk.services.demo import DemoSpec, generate_demo
from eventdesk.services.export_audit import ExportKind, audit_export
from eventdesk.services.privacy.anonymise import CONFIRMATION_WORD, anonymise_event
from eventdesk.services.privacy.person_data import export_person_data
from eventdesk.settings import Settings
from eventdesk.ui.context import EventContext
from eventdesk.ui.main_window import MainWindow

SIZE = (1280, 760)


def settle(ms: int = 300) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main(out_dir: str) -> int:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="eventdesk-privacy-event-"))
    path = work / "Career Day 2026.eventdesk"
    doc = generate_demo(target=path, spec=DemoSpec(attendees=1500, companies=30, seed=12))
    _morning(doc, random.Random(4))
    with doc.session() as session:
        event = session.execute(select(Event)).scalar_one()
        event.retention_until = utc_now() - timedelta(days=2)
        person = (
            session.execute(
                select(Attendee).where(Attendee.consent_share.is_(True), Attendee.company_id.is_(None))
            )
            .scalars()
            .first()
        )
        person.consent_origin = "import:registrations-2026.xlsx:Share my details with exhibitors"
        person.consent_at = utc_now() - timedelta(days=40)
        companies = session.execute(select(Company.id).limit(3)).scalars().all()
        for company in companies:
            session.add(
                Lead(
                    id=str(uuid.uuid4()),
                    company_id=company,
                    attendee_id=person.id,
                    staff="Marieke Jansen",
                    rating="hot",
                    notes="PhD in immunology, wants a CMC role; send the graduate programme.",
                )
            )
    audit_export(
        doc=doc, kind=ExportKind.BADGES, path=work / "Badges Door A.pdf", attendee_ids=range(1, 1501)
    )
    made = export_person_data(doc=doc, attendee_id=person.id, output=work / "attendee data")
    pdf = pdfium.PdfDocument(str(made.pdf))
    pdf[0].render(scale=1.4).to_pil().save(out / "privacy-person-export.png", optimize=True)
    doc.close()

    create_application()
    context = EventContext(Settings())
    window = MainWindow(context, demo_folder=data_dir() / "demo")
    window.resize(*SIZE)
    window.move(0, 0)
    window.show()
    opened = QEventLoop()
    window.event_ready.connect(opened.quit)
    window.open_event(str(path))
    opened.exec()
    if not context.has_document or window.event_view is None:
        return 1
    settle(800)
    event_menu = next(
        a.menu() for a in window.menuBar().actions() if a.menu() and a.menu().objectName() == "eventMenu"
    )
    geometry = window.menuBar().actionGeometry(event_menu.menuAction())
    event_menu.popup(window.menuBar().mapToGlobal(QPoint(geometry.x(), geometry.bottom())))
    settle(300)
    privacy = event_menu.actions()[0].menu()
    event_menu.setActiveAction(event_menu.actions()[0])
    privacy.popup(event_menu.mapToGlobal(QPoint(event_menu.width(), 0)))
    settle(400)
    QGuiApplication.primaryScreen().grabWindow(0, 0, 0, SIZE[0], 420).save(str(out / "privacy-menu.png"))
    privacy.hide()
    event_menu.hide()

    result, changes = anonymise_event(doc=context.require_document(), confirmation=CONFIRMATION_WORD)
    context.notify(changes)
    dashboard = window.event_view.show_screen("dashboard")
    settle(1200)
    area = dashboard.findChild(QScrollArea)
    if area is not None and hasattr(dashboard, "door"):
        area.ensureWidgetVisible(dashboard.door, 0, 0)
        settle(300)
    window.grab().save(str(out / "privacy-anonymised-dashboard.png"))
    print(result.summary)
    window.close()
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
