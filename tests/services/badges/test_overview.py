"""What the window asks before printing: counts per ticket type, one person's badge, a usable logo."""

from __future__ import annotations

import pytest

from eventdesk.domain.enums import TicketType
from eventdesk.services.badges.batches import (
    BadgeError,
    BadgeSelection,
    badge_summary,
    count_badges,
    record_badges_printed,
)
from eventdesk.services.badges.overview import badge_counts, badge_status, check_logo
from eventdesk.services.people.lists import list_attendee_rows


@pytest.fixture
def doc(events):
    document = events.demo(attendees=60, companies=6, seed=5)
    yield document
    document.close()


def registered_rows(doc):
    return [row for row in list_attendee_rows(doc=doc) if row.status == "registered"]


def test_counts_per_ticket_type_add_up_to_the_summary(doc) -> None:
    rows = registered_rows(doc)
    visitors = [r.id for r in rows if r.ticket_type == TicketType.VISITOR.value][:4]
    record_badges_printed(doc=doc, printed=[(i, 1) for i in visitors], layout="a6-portrait")

    counts = badge_counts(doc=doc)

    assert [c.ticket_type for c in counts][:5] == [t.value for t in TicketType]
    by_type = {c.ticket_type: c for c in counts}
    assert by_type["visitor"].printed == 4
    assert by_type["visitor"].unprinted == by_type["visitor"].registered - 4
    summary = badge_summary(doc=doc)
    assert sum(c.registered for c in counts) == summary.registered
    assert sum(c.printed for c in counts) == summary.printed


def test_badge_status_tells_when_the_current_version_was_printed(doc) -> None:
    first, second = [r.id for r in registered_rows(doc)][:2]
    record_badges_printed(doc=doc, printed=[(first, 1)], layout="cr80")
    record_badges_printed(doc=doc, printed=[(second, 2)], layout="cr80")  # a reprint

    status = badge_status(doc=doc, attendee_ids=[first, second])

    assert status[first].version == 1 and status[first].printed_at is not None
    assert status[first].printed_at.tzinfo is not None
    assert status[second].version == 2 and status[second].printed_at is not None
    untouched = registered_rows(doc)[5].id
    assert badge_status(doc=doc, attendee_ids=[untouched])[untouched].printed_at is None


def test_count_badges_follows_the_selection(doc) -> None:
    everyone = count_badges(doc=doc, selection=BadgeSelection())
    assert everyone == badge_summary(doc=doc).registered
    some = [r.id for r in registered_rows(doc)][:3]
    record_badges_printed(doc=doc, printed=[(i, 1) for i in some], layout="cr80")
    assert count_badges(doc=doc, selection=BadgeSelection(only_unprinted=True)) == everyone - 3
    assert count_badges(doc=doc, selection=BadgeSelection(attendee_ids=tuple(some))) == 3


def test_a_logo_that_is_not_an_image_is_refused_by_name(tmp_path) -> None:
    fake = tmp_path / "logo.png"
    fake.write_text("this is a text file, not a picture", "utf-8")
    with pytest.raises(BadgeError, match=r"logo\.png is not an image"):
        check_logo(path=fake)
    with pytest.raises(BadgeError, match="cannot be read"):
        check_logo(path=tmp_path / "missing.png")
