"""Screenshots of the people screens at work: the import wizard and a searched, filtered list.

Run under a real X server, on a copy of EVENT (the import is really done, on the copy):

    Xvfb :93 -screen 0 1440x900x24 &
    DISPLAY=:93 QT_QPA_PLATFORM=xcb python docs/screenshots/take_people_screenshots.py EVENT OUT_DIR

Writes import_wizard.png (the column step of the Eventbrite sample, after "Check without
importing"), import_report.png, import_merge_review.png (a form export where many people
sent the form twice, and one row with the e-mail of someone in the event under another
name: the review page before anything is written), and attendees.png (visitors still
registered, searched for "van"). Take EVENT large (50,000 people) to see the list as it is
at a big fair.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("EVENTDESK_CONFIG_DIR", tempfile.mkdtemp(prefix="eventdesk-shots-"))

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QWizard

from eventdesk.app import create_application
from eventdesk.settings import Settings
from eventdesk.ui.context import EventContext
from eventdesk.ui.main_window import MainWindow
from eventdesk.ui.screens.attendees import AttendeesScreen

SIZE = (1280, 800)
SAMPLE = Path(__file__).resolve().parents[2] / "tests" / "data" / "import" / "eventbrite_us.csv"


def settle(ms: int = 300) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_for(condition: Callable[[], bool], timeout_s: float = 120) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not get there in time")
        settle(25)


FORM_PEOPLE = [
    ("Maud", "Verhoeven"), ("Jonas", "Lindqvist"), ("Aisha", "Bakr"), ("Pieter", "van Dijk"),
    ("Léa", "Moreau"), ("Tobias", "Krüger"), ("Freja", "Nielsen"), ("Ruben", "De Smet"),
    ("Ingrid", "Haugen"), ("Mateo", "García"), ("Noor", "El Idrissi"), ("Sven", "Åberg"),
    ("Chiara", "Rossi"), ("Daan", "Kuipers"), ("Elif", "Yılmaz"), ("Oskar", "Wójcik"),
]  # fmt: skip


def _sent_twice(context: EventContext, path: Path) -> Path:
    """A registration form's export: 16 people, 12 of whom sent it twice (e-mail retyped in
    another case), and one row with the e-mail of someone already in the event."""
    from eventdesk.domain.text import fold
    from eventdesk.services.people.lists import list_attendee_rows

    someone = next(p for p in list_attendee_rows(doc=context.require_document()) if p.email)
    rows = ["Timestamp,Email address,First name,Last name,Organisation"]
    mails = [f"{fold(given)}.{fold(family).replace(' ', '')}@example.org" for given, family in FORM_PEOPLE]
    for n, (given, family) in enumerate(FORM_PEOPLE):
        rows.append(f"2027/01/{10 + n} 10:00:00 AM CET,{mails[n]},{given},{family},Demo Lab")
    for n, (given, family) in enumerate(FORM_PEOPLE[:12]):
        rows.append(f"2027/01/{10 + n} 10:05:00 AM CET,{mails[n].upper()},{given},{family},Demo Lab")
    rows.append(f"2027/01/28 09:00:00 AM CET,{someone.email},Sam,Okafor,Demo Lab")
    path.write_text("\n".join(rows) + "\n", "utf-8")
    return path


def main(event: str, out_dir: str) -> int:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    copy = Path(tempfile.mkdtemp(prefix="eventdesk-shots-")) / Path(event).name
    shutil.copy2(event, copy)
    create_application()
    context = EventContext(Settings())
    window = MainWindow(context, demo_folder=copy.parent)
    window.resize(*SIZE)
    window.show()
    opened = QEventLoop()
    window.event_ready.connect(opened.quit)
    window.open_event(str(copy))
    opened.exec()
    if not context.has_document:
        return 1

    window.show_screen("attendees")
    wizard = window.people_files.open_import("attendees")
    assert wizard is not None
    wizard.file_page.path_edit.setText(str(SAMPLE))
    wizard.next()
    wait_for(lambda: wizard.currentPage() is wizard.preview_page)
    wizard.next()
    wait_for(lambda: wizard.currentPage() is wizard.mapping_page)
    wizard.mapping_page.check_button.click()
    wait_for(lambda: not wizard.is_busy)
    settle()
    wizard.grab().save(str(out / "import_wizard.png"))
    wizard.button(QWizard.WizardButton.NextButton).click()
    wait_for(lambda: wizard.currentPage() is wizard.report_page)
    settle()
    wizard.grab().save(str(out / "import_report.png"))
    wizard.accept()

    review = window.people_files.open_import("attendees")
    assert review is not None
    review.file_page.path_edit.setText(str(_sent_twice(context, copy.parent / "registration-form.csv")))
    review.next()
    wait_for(lambda: review.currentPage() is review.preview_page)
    review.next()
    wait_for(lambda: review.currentPage() is review.mapping_page)
    review.button(QWizard.WizardButton.NextButton).click()
    wait_for(lambda: review.currentPage() is review.review_page)
    review.review_page.merges.expandItem(review.review_page.merges.topLevelItem(0))
    settle()
    review.grab().save(str(out / "import_merge_review.png"))
    review.reject()

    screen = window.event_view.screen("attendees")
    assert isinstance(screen, AttendeesScreen)
    wait_for(lambda: screen.search.is_ready)
    screen.filter_bar.choose(ticket_type="visitor", status="registered")
    screen.search_edit.setText("van")
    screen.apply_filter()
    screen.table.selectRow(2)
    settle()
    window.grab().save(str(out / "attendees.png"))
    window.close()
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
