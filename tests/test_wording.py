"""Where a count meets a noun the words agree with the count ("1 person", "2 people"), in the
window and the command line alike; no "badge(s)" anywhere; export headers are words."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import eventdesk
from eventdesk.services.leads.export import HEADERS as LEAD_HEADERS

SOURCE = Path(eventdesk.__file__).parent
_HEDGED_PLURAL = re.compile(r"[A-Za-z]\((?:s|es)\)")


def _string_constants(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text("utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.append((node.lineno, node.value))
    return found


def test_no_message_hedges_its_plural_with_s_in_brackets() -> None:
    hedged = [
        f"{path.relative_to(SOURCE)}:{line}: {text!r}"
        for path in SOURCE.rglob("*.py")
        for line, text in _string_constants(path)
        if _HEDGED_PLURAL.search(text) and not text.startswith(("(?", "^"))
    ]
    assert not hedged, "\n".join(hedged)


def test_counted_summaries_agree_with_one_and_many(events) -> None:  # type: ignore[no-untyped-def]
    from sqlmodel import select

    from eventdesk.persistence.tables import Attendee
    from eventdesk.services.people import edit

    doc = events.demo(attendees=20, companies=2, seed=3)
    with doc.session() as session:
        ids = list(session.exec(select(Attendee.id).where(Attendee.status == "registered").limit(3)))
    assert edit.cancel_attendees(doc=doc, attendee_ids=ids[:1]).summary == "Cancelled the ticket of 1 person"
    assert edit.set_status(doc=doc, attendee_ids=ids, status="registered").summary == (
        "Restored the ticket of 1 person"
    )
    assert edit.cancel_attendees(doc=doc, attendee_ids=ids).summary == "Cancelled the tickets of 3 people"


def test_import_counts_say_one_warning() -> None:
    from eventdesk.ui.dialogs.import_wizard import describe_counts

    text = describe_counts(_Counts(warnings=1))  # type: ignore[arg-type]
    assert "1 warning," in text or text.endswith("1 warning.")
    assert "1 warnings" not in text


class _Counts:
    """Just the counts `describe_counts` reads."""

    def __init__(self, **counts: int) -> None:
        for name in (
            "rows_read",
            "created",
            "updated",
            "unchanged",
            "merged",
            "skipped",
            "rejected",
            "warnings",
        ):
            setattr(self, name, counts.get(name, 0))


def test_export_headers_are_words_people_read() -> None:
    from eventdesk.services.door.inside_export import HEADERS as INSIDE_HEADERS
    from eventdesk.services.people.export import ATTENDEE_HEADERS, COMPANY_HEADERS

    for header in (*LEAD_HEADERS, *INSIDE_HEADERS, *ATTENDEE_HEADERS, *COMPANY_HEADERS):
        assert "_" not in header and header[:1].isupper(), header
    assert "Details shared" in LEAD_HEADERS and "Job title" in LEAD_HEADERS
