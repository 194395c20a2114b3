"""What the check-in window tests share: an open demo event on the check-in screen, tokens, bursts."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from eventdesk.domain.enums import AttendeeStatus
from eventdesk.domain.tokens import encode_token
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Attendee, Event
from eventdesk.ui.context import EventContext
from eventdesk.ui.screens.checkin import CheckInScreen
from tests.factories import EventFactory, event_seed
from tests.ui.helpers import own_context, show_screen_ready

SCANNER_GAP_MS = 4


@dataclass(frozen=True)
class Person:
    id: int
    given_name: str
    family_name: str
    organisation: str
    badge_version: int


def people(doc: EventDocument, *, status: str = AttendeeStatus.REGISTERED.value, n: int = 5) -> list[Person]:
    with doc.session() as session:
        rows = session.execute(
            select(
                Attendee.id,
                Attendee.given_name,
                Attendee.family_name,
                Attendee.organisation,
                Attendee.badge_version,
            )
            .where(Attendee.status == status, Attendee.given_name != "")
            .order_by(Attendee.id)
            .limit(n)
        ).all()
    return [Person(*row) for row in rows]


def token_for(doc: EventDocument, person: Person, *, version: int | None = None) -> str:
    with doc.session() as session:
        event = session.execute(select(Event)).scalar_one()
        return encode_token(
            event_code=event.code,
            serial=person.id,
            version=version or person.badge_version,
            private_key=event_seed(event),
        )


@pytest.fixture
def desk_doc(events: EventFactory) -> Iterator[EventDocument]:
    document = events.demo(attendees=150, companies=8, seed=21)
    yield document
    document.close()


@pytest.fixture
def desk_context(desk_doc: EventDocument) -> Iterator[EventContext]:
    with own_context(desk_doc) as context:
        yield context


@pytest.fixture
def screen(qtbot: QtBot, desk_context: EventContext) -> CheckInScreen:
    return show_screen_ready(qtbot, desk_context, CheckInScreen(desk_context), (1100, 760))


def key_event(text: str, stamp_ms: int) -> QKeyEvent:
    """A key press as the window system delivers it: with the time it was pressed."""
    if text in ("\r", "\n"):
        event = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r")
    else:
        upper = text.upper()
        key = ord(upper) if len(upper) == 1 and upper.isascii() else Qt.Key.Key_unknown
        mods = Qt.KeyboardModifier.ShiftModifier if text.isupper() else Qt.KeyboardModifier.NoModifier
        event = QKeyEvent(QEvent.Type.KeyPress, key, mods, text)
    event.setTimestamp(stamp_ms)
    return event


def type_burst(target: QWidget, text: str, *, gap_ms: int = SCANNER_GAP_MS, start_ms: int = 1_000_000) -> int:
    """Send `text` + Enter as a scanner would: one key every `gap_ms`, stamped accordingly.

    Returns the timestamp after the last key, to continue from.
    """
    stamp = start_ms
    for char in [*text, "\r"]:
        QApplication.sendEvent(target, key_event(char, stamp))
        stamp += gap_ms
    return stamp


def type_like_a_person(target: QWidget, text: str, *, gap_ms: int = 120, start_ms: int = 50_000_000) -> None:
    """Type `text` (any letters, ë and ø too) at a person's pace, stamped as the window system would.

    The desk holds each key back for a moment to see whether a scanner is typing; this
    waits until the last one has been handed over.
    """
    from PySide6.QtTest import QTest

    stamp = start_ms
    for char in text:
        QApplication.sendEvent(target, key_event(char, stamp))
        stamp += gap_ms
    QTest.qWait(80)
