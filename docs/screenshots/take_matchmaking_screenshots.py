"""Screenshots of the Matchmaking screen on a demo fair, for the README and for looking at it.

Run under a real X server so fonts, tooltips and styles are the ones people get:

    Xvfb :96 -screen 0 1440x900x24 &
    DISPLAY=:96 QT_QPA_PLATFORM=xcb python docs/screenshots/take_matchmaking_screenshots.py OUT_DIR

A fresh demo event (600 attendees, 40 companies) is made in a temporary folder; a few people
are made available only in the morning, one company only in the afternoon, and 120 wishes
are imported. Then: the setup with a lunch break (matchmaking_setup.png), the result of
generating (matchmaking_result.png), the grid while a meeting is dragged onto a cell the
core refuses, with its explanation (matchmaking.png), and a re-plan after a third of the
people did not come (matchmaking_replan.png).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("EVENTDESK_CONFIG_DIR", tempfile.mkdtemp(prefix="eventdesk-shots-"))

from PySide6.QtCore import QEventLoop, QPoint, Qt, QTime, QTimer
from PySide6.QtGui import QCursor, QDragMoveEvent, QGuiApplication
from PySide6.QtWidgets import QApplication

from eventdesk.app import create_application, data_dir
from eventdesk.domain.matchmaking.model import MeetingStatus
from eventdesk.services.demo import DemoSpec, generate_demo
from eventdesk.services.door.checkin import CheckInDesk
from eventdesk.services.matchmaking.edits import set_meeting_locked, set_meeting_status
from eventdesk.services.matchmaking.view import schedule_view
from eventdesk.settings import Settings
from eventdesk.ui.context import EventContext
from eventdesk.ui.main_window import MainWindow
from eventdesk.ui.models.schedule_grid import GridRole

SIZE = (1440, 900)


def settle(ms: int = 300) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait(signal: object, ms: int = 120_000) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)  # type: ignore[attr-defined]
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main(out_dir: str) -> int:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="eventdesk-mm-"))
    event = work / "Career fair.eventdesk"
    generate_demo(target=event, spec=DemoSpec(attendees=600, companies=40, seed=1)).close()

    app = create_application()
    context = EventContext(Settings())
    window = MainWindow(context, demo_folder=data_dir() / "demo")
    window.setGeometry(0, 0, *SIZE)
    window.show()
    settle()
    window.open_event(str(event))
    wait(window.event_ready)
    screen = window.event_view.show_screen("matchmaking")
    if screen.data is None:
        wait(screen.loaded)

    doc = context.require_document()
    view = schedule_view(doc=doc)
    people = sorted(view.people.values(), key=lambda p: p.id)
    firms = sorted(view.companies.values(), key=lambda c: c.id)
    availability = work / "availability.csv"
    availability.write_text(
        "attendee,company,from,to\n"
        + "".join(f"{p.email},,10:00,12:30\n" for p in people[:6])
        + f",{firms[3].name},13:30,16:30\n",
        encoding="utf-8",
    )
    wait(screen.import_from("availability", availability).finished)
    screen.import_dialog.close()
    wishes = work / "wishes.csv"
    wishes.write_text(
        "attendee,company,rank,must\n"
        + "".join(
            f"{p.email},{firms[(n * 7) % len(firms)].name},{1 + n % 3},{'yes' if n % 25 == 0 else ''}\n"
            for n, p in enumerate(people[:120])
        ),
        encoding="utf-8",
    )
    wait(screen.import_from("wishes", wishes).finished)
    settle()
    screen.import_dialog.close()
    settle(500)
    panel = screen.setup_panel
    panel.add_break()
    breaks = panel.breaks_model
    breaks.setData(breaks.index(0, 1), QTime(12, 40))
    breaks.setData(breaks.index(0, 2), QTime(13, 30))
    settle()
    window.grab().save(str(out / "matchmaking_setup.png"))

    task = screen.generate(confirm=False)
    wait(task.finished)
    wait(screen.loaded)
    settle()
    window.grab().save(str(out / "matchmaking_result.png"))

    # Some meetings locked and ticked, so the grid shows what those look like.
    meetings = schedule_view(doc=doc).meetings
    for m in meetings[:40:9]:
        set_meeting_locked(doc=doc, meeting_id=m.id, locked=True)
    for n, m in enumerate(meetings[1:60:5]):
        set_meeting_status(
            doc=doc, meeting_id=m.id, status=MeetingStatus.NO_SHOW if n % 4 == 3 else MeetingStatus.ATTENDED
        )
    screen.refresh()
    wait(screen.loaded)
    screen.tabs.setCurrentWidget(screen.grid_page)
    settle()

    grid = screen.grid
    model = grid.model()
    source = model.index(1, 1)
    grid.setCurrentIndex(source)
    meeting = source.data(GridRole.MEETING)
    data = model.mimeData([source])
    ask = screen._conflict_source(doc)
    target = next(
        model.index(row, column)
        for row in range(4, 14)
        for column in range(1, 6)
        if (intent := grid.intent_at(model.index(row, column), meeting.id)) is not None
        and not intent.is_noop
        and ask(intent)
    )
    centre = grid.visualRect(target).center()
    QCursor.setPos(grid.viewport().mapToGlobal(centre))

    def drag_over() -> None:
        event = QDragMoveEvent(
            QPoint(centre),
            Qt.DropAction.MoveAction,
            data,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        grid.dragMoveEvent(event)

    drag_over()
    settle(1500)
    drag_over()
    settle(500)
    QGuiApplication.primaryScreen().grabWindow(0).save(str(out / "matchmaking.png"))

    desk = CheckInDesk(doc=doc, desk="Door A")
    for person in people[: len(people) * 2 // 3]:
        desk.admit(person.id)
    wait(screen.replan().finished)
    settle(500)
    screen.replan_dialog.grab().save(str(out / "matchmaking_replan.png"))
    screen.replan_dialog.close()

    window.close()
    QApplication.processEvents()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
