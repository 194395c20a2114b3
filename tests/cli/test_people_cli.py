"""`eventdesk people history`: the edit history two desks made offline, read at a third place."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from eventdesk.cli import main
from eventdesk.persistence.document import EventDocument
from eventdesk.services.people.edit import edit_attendee, get_attendee
from tests.sync.desk_hub import hub
from tests.sync.test_replica import sync

pytestmark = pytest.mark.postgres
__all__ = ["hub"]  # the fixture


def edited_offline_at_two_desks(hub) -> tuple:  # type: ignore[no-untyped-def]
    """Door A and then Door B change person 20's job title without the hub; both sync."""
    a, b = hub.join("Door A"), hub.join("Door B")
    for path, title in ((a, "Head of QA (A)"), (b, "QA lead (B, later)")):
        doc = EventDocument.open(path)
        draft = get_attendee(doc=doc, attendee_id=20).draft
        edit_attendee(doc=doc, attendee_id=20, draft=replace(draft, job_title=title))
        doc.close()
    sync(b)
    sync(a)
    sync(b)
    return a, b


def test_history_at_a_desk_shows_both_edits_and_which_won(hub, capsys):
    _a, b = edited_offline_at_two_desks(hub)
    assert main(["people", "history", str(b), "20"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "2 edits of attendee 20, newest first:"
    winner = next(line for line in lines if "Door B" in line)
    loser = next(line for line in lines if "Door A" in line)
    assert "Job title:" in winner and "→ QA lead (B, later) (kept)" in winner
    assert "→ Head of QA (A) (outvoted by a later edit)" in loser
    # Each desk's own change, from the value it had: not from the other desk's, which it never saw.
    assert loser.split("Job title: ")[1].split(" → ")[0] == winner.split("Job title: ")[1].split(" → ")[0]

    assert main(["people", "history", hub.url, "20", "--json"]) == 0
    entries = json.loads(capsys.readouterr().out)
    assert [(e["desk"], e["value"], e["applied"]) for e in entries] == [
        ("Door B", "QA lead (B, later)", True),
        ("Door A", "Head of QA (A)", False),
    ]


def test_history_of_nobody_is_one_sentence(events, capsys):
    path = events.demo_path(attendees=5, companies=1)
    assert main(["people", "history", str(path), "3"]) == 0
    assert capsys.readouterr().out == "No edits of attendee 3 have been recorded.\n"
    assert main(["people", "history", str(path), "999"]) != 0
    err = capsys.readouterr().err
    assert "There is no attendee 999." in err and err.count("\n") == 1
