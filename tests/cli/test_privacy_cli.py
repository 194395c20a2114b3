from __future__ import annotations

import json

from eventdesk.cli import main
from eventdesk.persistence.document import EventDocument
from eventdesk.services.export_audit import ExportKind, audit_export
from tests.services.privacy.support import personal_values, raw_bytes


def test_anonymise_needs_yes_then_leaves_no_email_in_the_file(events, capsys):
    path = events.demo_path(attendees=80, companies=4)
    doc = EventDocument.open(path)
    emails = personal_values(doc)["emails"]
    doc.close()

    assert main(["privacy", "anonymise", str(path)]) != 0
    assert "--yes" in capsys.readouterr().err
    assert main(["privacy", "anonymise", str(path), "--yes", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["registered"] > 0 and "no_show_rate" in figures
    data = raw_bytes(path)
    assert emails and not any(e.encode() in data for e in emails)
    assert main(["privacy", "retention", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["anonymised_at"] is not None


def test_audit_lists_exports_and_erase_and_export_work_headless(events, tmp_path, capsys):
    path = events.demo_path(attendees=40, companies=3)
    doc = EventDocument.open(path)
    audit_export(doc=doc, kind=ExportKind.ATTENDEES, path=tmp_path / "all.xlsx", attendee_ids=range(1, 41))
    doc.close()
    assert main(["privacy", "export", str(path), "--attendee", "3", "-o", str(tmp_path / "p3")]) == 0
    assert (tmp_path / "p3.pdf").exists() and (tmp_path / "p3.json").exists()
    capsys.readouterr()
    assert main(["privacy", "erase", str(path), "--attendee", "3"]) == 0
    out = capsys.readouterr().out
    assert "Erased attendee 3" in out and "2 files made earlier contain this person" in out
    assert main(["privacy", "audit", str(path), "--json"]) == 0
    entries = json.loads(capsys.readouterr().out)
    assert [e["what"] for e in entries] == ["person's data (Art. 15)", "attendee list"]
    assert entries[1]["people"] == 40


def test_replace_key_says_the_cost_without_yes_and_replaces_with_it(events, capsys):
    path = events.demo_path(attendees=20, companies=2)
    assert main(["privacy", "replace-key", str(path)]) != 0
    assert "Add --yes" in capsys.readouterr().err
    assert main(["privacy", "replace-key", str(path), "--yes"]) == 0
    assert "Replaced the badge key" in capsys.readouterr().out


def test_the_passphrase_is_changed_then_removed_headless_from_the_environment_or_a_prompt(
    events, capsys, monkeypatch
):
    import getpass

    import pytest

    from eventdesk.persistence.protected import WrongPassphrase

    path = events.demo_path(attendees=30, companies=2)
    monkeypatch.setenv("EVENTDESK_PASSPHRASE", "first passphrase")
    assert main(["privacy", "protect", str(path)]) == 0
    monkeypatch.setenv("EVENTDESK_NEW_PASSPHRASE", "second passphrase")
    assert main(["privacy", "passphrase", str(path)]) == 0
    assert "encrypted with the new passphrase" in capsys.readouterr().out
    with pytest.raises(WrongPassphrase):
        EventDocument.open(path, passphrase="first passphrase")
    # A prompt without echo when the variables are not set; the new one typed twice.
    monkeypatch.delenv("EVENTDESK_PASSPHRASE")
    monkeypatch.delenv("EVENTDESK_NEW_PASSPHRASE")
    answers = iter(["second passphrase", "third passphrase", "third passphrase typo"])
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": next(answers))
    assert main(["privacy", "passphrase", str(path)]) != 0
    assert capsys.readouterr().err.strip() == "eventdesk: The two passphrases differ; nothing was changed."
    EventDocument.open(path, passphrase="second passphrase").close()
    answers = iter(["second passphrase"])
    assert main(["privacy", "unprotect", str(path)]) == 0
    assert "no longer encrypted" in capsys.readouterr().out
    assert main(["stats", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["attendees"] == 30
