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


def test_import_counts_say_one_warning_and_one_row_in_the_cli_and_the_wizard() -> None:
    from eventdesk.services.importing.report import ImportReport, Outcome, ReportEntry
    from eventdesk.ui.dialogs.import_wizard import describe_counts

    one = ImportReport(
        file="partner.csv",
        kind="attendees",
        rows_read=1,
        created=1,
        entries=[ReportEntry(2, Outcome.WARNING, "e-mail left out")],
    )
    for text in (one.summary, describe_counts(one)):
        assert "1 row read," in text and "1 warning." in text, text
        assert "1 rows" not in text and "1 warnings" not in text, text
    many = ImportReport(file="partner.csv", kind="attendees", rows_read=2, created=2)
    assert "2 rows read," in many.summary and "0 warnings." in many.summary


# A count in braces (or %d) right before a noun, as in "{n} leads" or "{total} people": such a
# message says "1 leads" unless it goes through a plural form (ngettext, or tr() with a count).
_COUNTED_NOUN = re.compile(
    r"(\{[a-z_]*(?::[^}]*)?\}|%d)\s+(?:[a-z-]+\s+)?"
    r"(?:rows|warnings|errors|leads|people|attendees|meetings|companies|badges|kits|scans|visitors|"
    r"tickets|files|notes|pages|desks|slots|tables|wishes|participants|changes|entries|codes|columns)\b"
    r"(?!\.[a-z])"  # "{company} leads.xlsx" is a file name
)
_PLURAL_CALLS = {"ngettext", "plural_message", "npgettext"}


def _counted_messages(path: Path) -> list[tuple[int, str]]:
    """String constants (and f-string texts) with a count before a plural noun, outside plural calls."""
    tree = ast.parse(path.read_text("utf-8"))
    inside_plural: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in _PLURAL_CALLS or (name in ("tr", "translate") and len(node.args) >= 3):
                inside_plural.update(id(child) for child in ast.walk(node))
    found = []
    for node in ast.walk(tree):
        if id(node) in inside_plural:
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        elif isinstance(node, ast.JoinedStr):
            text = "".join(v.value if isinstance(v, ast.Constant) else "{x}" for v in node.values)
        else:
            continue
        if _COUNTED_NOUN.search(text) and not text.startswith(('"""', "Usage")) and "\n\n" not in text:
            found.append((node.lineno, text))
    return found


def _unplural(places: list[Path]) -> list[str]:
    files = [p for place in places for p in ([place] if place.is_file() else sorted(place.rglob("*.py")))]
    return [
        f"{path.relative_to(SOURCE)}:{line}: {text!r}"
        for path in files
        for line, text in _counted_messages(path)
    ]


def test_the_command_line_says_counts_in_their_plural_forms() -> None:
    """Every message of the CLI and of the summaries it prints: "1 lead", never "1 leads"."""
    unplural = _unplural(
        [SOURCE / "cli", SOURCE / "services" / "importing" / "report.py", SOURCE / "services" / "people"]
    )
    assert not unplural, "\n".join(unplural)


def test_the_window_says_counts_in_their_plural_forms() -> None:
    """Every screen, dialog, model and action of the window."""
    unplural = _unplural([SOURCE / "ui"])
    assert not unplural, "\n".join(unplural)


def test_export_headers_are_words_people_read() -> None:
    from eventdesk.services.door.inside_export import HEADERS as INSIDE_HEADERS
    from eventdesk.services.people.export import ATTENDEE_HEADERS, COMPANY_HEADERS

    for header in (*LEAD_HEADERS, *INSIDE_HEADERS, *ATTENDEE_HEADERS, *COMPANY_HEADERS):
        assert "_" not in header and header[:1].isupper(), header
    assert "Details shared" in LEAD_HEADERS and "Job title" in LEAD_HEADERS
