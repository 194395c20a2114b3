"""What the Leads window tests share: a demo event open on the Leads screen for a company with staff."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from eventdesk.persistence.document import EventDocument
from eventdesk.ui.context import EventContext
from eventdesk.ui.screens.leads import LeadsScreen
from tests.factories import EventFactory
from tests.services.leads.support import company_with_staff
from tests.ui.helpers import own_context, show_screen_ready


@pytest.fixture
def booth_doc(events: EventFactory) -> Iterator[EventDocument]:
    document = events.demo(attendees=150, companies=6, seed=21)
    yield document
    document.close()


@pytest.fixture
def booth_context(booth_doc: EventDocument) -> Iterator[EventContext]:
    with own_context(booth_doc) as context:
        yield context


def show_screen(qtbot: QtBot, context: EventContext) -> LeadsScreen:
    return show_screen_ready(qtbot, context, LeadsScreen(context), (1180, 780))


@pytest.fixture
def booth(qtbot: QtBot, booth_context: EventContext) -> LeadsScreen:
    """The Leads screen for the first company with staff, scanning as its first staff member."""
    widget = show_screen(qtbot, booth_context)
    company, staff = company_with_staff(booth_context.require_document())
    widget.choose_company(company.id)
    widget.set_staff(f"{staff[0].given_name} {staff[0].family_name}")
    return widget
