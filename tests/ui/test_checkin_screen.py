"""The check-in screen driven as a desk is: scanner bursts, name search, undo, bad input."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select, update

from eventdesk.domain.enums import AttendeeStatus, ScanVerdict
from eventdesk.domain.signing import new_key_pair
from eventdesk.domain.tokens import encode_token
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Attendee, Event, Scan
from eventdesk.scanning.keyboard_layouts import type_as
from eventdesk.ui.camera import CameraScanner
from eventdesk.ui.dialogs.undo_checkin import UndoCheckInDialog
from eventdesk.ui.models.recent_scans import RecentScanRole
from eventdesk.ui.screens.checkin import CheckInScreen
from tests.ui.checkin_support import desk_context, desk_doc, people, screen, token_for, type_burst

__all__ = ["desk_context", "desk_doc", "screen"]


def _scans(doc: EventDocument) -> list[Scan]:
    with doc.session() as session:
        return list(session.execute(select(Scan).order_by(Scan.recorded_at)).scalars())


def _doc(screen: CheckInScreen) -> EventDocument:
    return screen.context.require_document()


def test_a_scanner_burst_into_the_search_box_admits_and_leaves_the_box_empty(
    screen: CheckInScreen, qtbot: QtBot
) -> None:
    doc = _doc(screen)
    person = people(doc, n=1)[0]
    screen.search.setFocus()
    type_burst(screen.search, token_for(doc, person))
    assert screen.panel.look == "admitted"
    assert screen.panel.text.headline == "ADMITTED"
    assert person.given_name in screen.panel.text.name
    assert person.organisation in screen.panel.text.detail
    assert screen.search.text() == ""
    assert screen.controller.sounds.last_sound == "admitted"
    # The rest of the screen catches up a moment later: counter and the last scans.
    qtbot.waitUntil(lambda: screen.recent.rowCount() == 1, timeout=3000)
    assert screen.counter.text().startswith("1 /")
    assert screen.recent.index(0, 1).data() == "ADMITTED"


@pytest.mark.parametrize("layout", ["AZERTY (Belgium)", "AZERTY (France)", "QWERTZ (Germany)"])
def test_a_token_garbled_by_the_laptops_keyboard_layout_is_still_admitted(
    screen: CheckInScreen, layout: str
) -> None:
    doc = _doc(screen)
    person = people(doc, n=3)[2]
    token = token_for(doc, person)
    garbled = type_as(token, layout)
    assert garbled != token
    type_burst(screen.recent_view, garbled)
    assert screen.panel.look == "admitted", screen.panel.text
    assert layout in screen.panel.text.footnote


def test_a_second_scan_is_amber_with_the_time_and_desk_of_the_first(screen: CheckInScreen) -> None:
    doc = _doc(screen)
    person = people(doc, n=1)[0]
    screen.desk_name.setText("Door B")
    screen.desk_name.editingFinished.emit()
    token = token_for(doc, person)
    type_burst(screen.search, token)
    first = _scans(doc)[-1]
    type_burst(screen.search, token, start_ms=2_000_000)
    assert screen.panel.look == "already"
    assert screen.panel.text.headline == "ALREADY CHECKED IN"
    local = first.device_time.astimezone(ZoneInfo(screen.controller.desk.timezone))
    assert f"{local:%H:%M}" in screen.panel.text.reason
    assert "Door B" in screen.panel.text.reason
    assert screen.controller.sounds.last_sound == "already"


def test_re_entry_allowed_admits_again(screen: CheckInScreen, qtbot: QtBot) -> None:
    doc = _doc(screen)
    person = people(doc, n=1)[0]
    token = token_for(doc, person)
    type_burst(screen.search, token)
    screen.entry_rule.setCurrentIndex(1)
    screen.entry_rule.activated.emit(1)
    assert screen.context.summary.reentry_allowed
    type_burst(screen.search, token, start_ms=2_000_000)
    assert screen.panel.look == "admitted"
    assert "re-entry" in screen.panel.text.reason


def _other_event_token(doc: EventDocument, person_id: int) -> str:
    keys = new_key_pair()
    return encode_token(event_code="ZZZZ99", serial=person_id, version=1, private_key=keys.private_raw)


def test_forged_altered_truncated_and_foreign_tokens_are_red_with_the_reason(screen: CheckInScreen) -> None:
    doc = _doc(screen)
    person = people(doc, n=1)[0]
    token = token_for(doc, person)
    with doc.session() as session:
        code = session.execute(select(Event.code)).scalar_one()
    wrong_key = encode_token(
        event_code=code, serial=person.id, version=1, private_key=new_key_pair().private_raw
    )
    position = len(token) - 5
    altered = token[:position] + ("A" if token[position] != "A" else "B") + token[position + 1 :]
    cases = {
        "another key": (wrong_key, "FORGED BADGE"),
        "one character changed": (altered, "FORGED BADGE"),
        "truncated": (token[: len(token) // 2], None),
        "another event": (_other_event_token(doc, person.id), "OTHER EVENT"),
    }
    start = 1_000_000
    for label, (text, headline) in cases.items():
        start = type_burst(screen.search, text, start_ms=start) + 1000
        assert screen.panel.look == "refused", label
        if headline:
            assert screen.panel.text.headline == headline, label
        assert screen.panel.text.detail or screen.panel.text.reason, label
        assert screen.search.text() == ""
    assert all(scan.verdict != "admitted" for scan in _scans(doc))


def test_a_cancelled_ticket_is_refused(screen: CheckInScreen) -> None:
    doc = _doc(screen)
    person = people(doc, n=1)[0]
    with doc.session() as session:
        session.execute(
            update(Attendee).where(Attendee.id == person.id).values(status=AttendeeStatus.CANCELLED.value)
        )
    type_burst(screen.search, token_for(doc, person))
    assert screen.panel.look == "refused"
    assert screen.panel.text.headline == "TICKET CANCELLED"
    assert "cancelled" in screen.panel.text.reason
    assert screen.controller.sounds.last_sound == "refused"


@pytest.mark.parametrize(
    "garbage",
    [
        "",
        "x" * 10_240,
        "\x00\x01\x02\x1b[31m\x7f",
        "'; DROP TABLE scan; --",
        "1 OR 1=1",
        "ÆØÅ€💥",
    ],
    ids=["empty", "10KB", "control", "sql-drop", "sql-or", "unicode"],
)
def test_bad_input_is_a_clear_red_verdict_logged_and_the_desk_takes_the_next_scan(
    screen: CheckInScreen, garbage: str
) -> None:
    doc = _doc(screen)
    before = len(_scans(doc))
    verdict = screen.scan(garbage)
    assert verdict is not None and verdict.verdict is ScanVerdict.UNKNOWN
    assert screen.panel.look == "refused"
    assert screen.panel.text.headline == "UNKNOWN CODE"
    assert screen.panel.text.reason
    assert len(_scans(doc)) == before + 1
    with doc.session() as session:
        assert session.execute(select(func.count()).select_from(Attendee)).scalar_one() > 0
    person = people(doc, n=1)[0]
    type_burst(screen.search, token_for(doc, person))
    assert screen.panel.look == "admitted"


def test_searching_by_name_and_pressing_enter_checks_in_without_a_mouse(
    screen: CheckInScreen, qtbot: QtBot
) -> None:
    doc = _doc(screen)
    person = people(doc, n=4)[3]
    name = f"{person.given_name} {person.family_name}"
    screen.search.setFocus()
    QTest.keyClicks(screen.search, name, delay=45)

    def hit_ids() -> list[int]:
        hits = (screen.hits.hit_at(row) for row in range(screen.hits.rowCount()))
        return [hit.attendee_id for hit in hits if hit is not None]

    # What the person at the desk waits for: the whole name in the field and them in the list.
    # (The scanner filter holds the last key for its 40 ms gap, and the hits of a shorter prefix
    # are already listed meanwhile: a list that is not empty is not yet the list for the name.)
    qtbot.waitUntil(lambda: screen.search.text() == name and person.id in hit_ids(), timeout=10_000)
    ids = hit_ids()
    target = ids.index(person.id)
    for _ in range(target):
        QTest.keyClick(screen.search, Qt.Key.Key_Down)
    QTest.keyClick(screen.search, Qt.Key.Key_Return)
    assert screen.panel.look == "admitted"
    assert screen.panel.text.name.startswith(person.given_name)
    assert "name search" in screen.panel.text.footnote
    assert screen.search.text() == ""


def test_undo_of_the_selected_check_in_asks_why_and_logs_it(screen: CheckInScreen, qtbot: QtBot) -> None:
    doc = _doc(screen)
    first, second = people(doc, n=2)
    type_burst(screen.search, token_for(doc, first))
    type_burst(screen.search, token_for(doc, second), start_ms=2_000_000)
    screen.refresh_now()
    row = next(
        r
        for r in range(screen.recent.rowCount())
        if screen.recent.index(r, 0).data(RecentScanRole.ATTENDEE_ID) == first.id
    )
    screen.recent_view.setFocus()
    screen.recent_view.selectRow(row)
    assert screen.undo_button.isEnabled()
    screen.activateWindow()
    qtbot.waitActive(screen)
    QTest.keyClick(screen.recent_view, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    dialog = screen.findChild(UndoCheckInDialog)
    assert dialog is not None and dialog.isVisible()
    assert not dialog.undo_button.isEnabled()
    # A person types (a scanner-speed burst would be taken as a scan, wherever it lands).
    QTest.keyClicks(dialog.reason, "wrong badge scanned", delay=40)
    qtbot.waitUntil(lambda: dialog.reason.text() == "wrong badge scanned", timeout=2000)
    QTest.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert screen.panel.look == "undone"
    assert "wrong badge scanned" in screen.panel.text.reason
    last = _scans(doc)[-1]
    assert last.verdict == "undone" and last.attendee_id == first.id and last.reason == "wrong badge scanned"
    # Back in: the next scan of the same badge admits again.
    type_burst(screen.search, token_for(doc, first), start_ms=3_000_000)
    assert screen.panel.look == "admitted"


def test_recent_scans_model_passes_the_model_tester(screen: CheckInScreen, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(screen)
    for n, person in enumerate(people(doc, n=3)):
        type_burst(screen.search, token_for(doc, person), start_ms=1_000_000 * (n + 1))
    screen.scan("nonsense")
    screen.refresh_now()
    assert screen.recent.rowCount() == 4
    qtmodeltester.check(screen.recent)


def test_people_hits_model_passes_the_model_tester(
    screen: CheckInScreen, qtbot: QtBot, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    screen.search.setText("a")
    qtbot.waitUntil(lambda: screen.hits.rowCount() > 0, timeout=3000)
    qtmodeltester.check(screen.hits)


def test_sounds_can_be_muted(screen: CheckInScreen) -> None:
    doc = _doc(screen)
    screen.sounds_box.setChecked(False)
    screen.controller.sounds.last_sound = ""
    type_burst(screen.search, token_for(doc, people(doc, n=1)[0]))
    assert screen.panel.look == "admitted"
    assert screen.controller.sounds.last_sound == ""


def test_no_camera_is_said_in_the_panel(screen: CheckInScreen) -> None:
    if CameraScanner.cameras():
        pytest.skip("this machine has a camera")
    assert not screen.camera.button.isEnabled()
    assert "No camera" in screen.camera.status.text()


def test_the_desk_name_is_kept_in_the_settings_and_written_into_scans(screen: CheckInScreen) -> None:
    doc = _doc(screen)
    screen.desk_name.setText("  Door   C ")
    screen.desk_name.editingFinished.emit()
    assert screen.desk_name.text() == "Door C"
    type_burst(screen.search, token_for(doc, people(doc, n=1)[0]))
    assert _scans(doc)[-1].desk == "Door C"
    assert "Door C" in screen.panel.text.footnote


def test_scans_at_another_desk_show_up_on_the_poll(screen: CheckInScreen, qtbot: QtBot) -> None:
    from eventdesk.services.door.checkin import CheckInDesk

    doc = _doc(screen)
    screen.refresh_now()
    other = EventDocument.open(doc.display_location)
    try:
        CheckInDesk(doc=other, desk="Door Z").scan(token_for(doc, people(doc, n=1)[0]))
    finally:
        other.close()
    screen._look_for_other_desks()
    qtbot.waitUntil(lambda: screen.counter.text().startswith("1 /"), timeout=3000)


def test_escape_clears_the_search(screen: CheckInScreen, qtbot: QtBot) -> None:
    screen.search.setFocus()
    QTest.keyClicks(screen.search, "van", delay=45)
    qtbot.waitUntil(lambda: screen.search.text() == "van", timeout=2000)
    QTest.keyClick(screen.search, Qt.Key.Key_Escape)
    assert screen.search.text() == ""
    assert QApplication.focusWidget() in (screen.search, None)


def test_verdicts_device_time(screen: CheckInScreen) -> None:
    """A scan's time comes from the desk: shown in the footnote in the event's time zone."""
    doc = _doc(screen)
    verdict = screen.controller.scan(token_for(doc, people(doc, n=1)[0]))
    assert verdict is not None
    assert f"{verdict.scanned_at:%H:%M}" in screen.panel.text.footnote
    assert verdict.scanned_at.utcoffset() is not None and verdict.scanned_at.utcoffset() >= timedelta(0)
