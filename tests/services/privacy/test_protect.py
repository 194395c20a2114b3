from __future__ import annotations

import stat
from pathlib import Path

import pytest

from eventdesk.domain.errors import EventFileError
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.protected import PassphraseNeeded, WrongPassphrase
from eventdesk.services.door.checkin import CheckInDesk
from eventdesk.services.events import event_stats
from eventdesk.services.people.export import export_attendees
from eventdesk.services.privacy.protect import protect_event_file
from tests.services.privacy.support import personal_values, raw_bytes

PASSPHRASE = "correct horse battery"


@pytest.fixture
def protected(events) -> tuple[Path, dict[str, set[str]]]:
    path = events.demo_path(attendees=120, companies=5)
    doc = EventDocument.open(path)
    values = personal_values(doc)
    doc.close()
    protect_event_file(path=path, passphrase=PASSPHRASE)
    return path, values


def test_without_the_passphrase_the_bytes_show_no_name_or_email(protected):
    path, values = protected
    data = raw_bytes(path)
    assert not data.startswith(b"SQLite format 3")
    assert not any(e.encode() in data for e in values["emails"])
    assert not any(n.encode() in data for n in values["names"] if len(n) >= 4)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_opening_needs_the_passphrase_and_a_wrong_one_gets_one_sentence(protected):
    path, _ = protected
    with pytest.raises(PassphraseNeeded, match="is protected with a passphrase"):
        EventDocument.open(path)
    with pytest.raises(WrongPassphrase, match="The passphrase does not open"):
        EventDocument.open(path, passphrase="wrong guess")


def test_a_protected_event_works_as_today_and_stays_encrypted(protected, tmp_path):
    path, values = protected
    doc = EventDocument.open(path, passphrase=PASSPHRASE)
    try:
        assert event_stats(doc=doc).attendees == 120
        assert CheckInDesk(doc=doc, desk="Door A").admit(3).admitted  # the door's own engine too
        export_attendees(doc=doc, path=tmp_path / "all.csv")
        copy = doc.save_copy(tmp_path / "copy")
    finally:
        doc.close()
    for written in (path, copy):
        data = raw_bytes(written)
        assert not any(e.encode() in data for e in values["emails"])
    with pytest.raises(PassphraseNeeded):
        EventDocument.open(copy)
    EventDocument.open(copy, passphrase=PASSPHRASE).close()


def test_an_unprotected_file_and_a_non_event_are_told_apart(events, tmp_path):
    plain = events.demo_path(attendees=5, companies=1)
    EventDocument.open(plain).close()
    junk = tmp_path / "list.json"
    junk.write_text('{"not": "an event"}' * 400)
    with pytest.raises(Exception, match="not an SQLite database"):
        EventDocument.open(junk)


def test_protect_headless_then_open_with_the_environment_passphrase(events, monkeypatch, capsys):
    from eventdesk.cli import main

    path = events.demo_path(attendees=10, companies=1)
    monkeypatch.setenv("EVENTDESK_PASSPHRASE", PASSPHRASE)
    assert main(["privacy", "protect", str(path)]) == 0
    assert main(["stats", str(path), "--json"]) == 0
    monkeypatch.setenv("EVENTDESK_PASSPHRASE", "not the one")
    assert main(["stats", str(path)]) != 0
    assert "The passphrase does not open" in capsys.readouterr().err


def test_a_protected_files_badge_key_is_sealed_with_its_passphrase(protected, tmp_path, monkeypatch):
    from sqlalchemy import select

    from eventdesk.persistence.tables import Event
    from eventdesk.services.badges.batches import BadgeSelection, create_badge_pdf

    path, _ = protected
    # Another machine (no keyring entry): the passphrase alone is enough to make badges.
    monkeypatch.setenv("EVENTDESK_CONFIG_DIR", str(tmp_path / "another-laptop"))
    doc = EventDocument.open(path, passphrase=PASSPHRASE)
    try:
        with doc.session() as session:
            assert session.execute(select(Event.signing_key)).scalar_one()[4:5] == b"P"
        made = create_badge_pdf(
            doc=doc, selection=BadgeSelection(attendee_ids=(1, 2)), output=tmp_path / "b.pdf"
        )
        assert made.badges == 2
    finally:
        doc.close()


def test_a_damaged_page_of_a_protected_file_is_found_by_the_deferred_check(events):
    path = events.demo_path(attendees=3000, companies=10, seed=4)
    protect_event_file(path=path, passphrase=PASSPHRASE)
    data = bytearray(path.read_bytes())
    middle = len(data) // 2 // 4096 * 4096
    data[middle + 100 : middle + 104] = b"\x00\x00\x00\x00"  # one flipped word fails the page's HMAC
    path.write_bytes(bytes(data))
    doc = EventDocument.open(path, passphrase=PASSPHRASE, check_pages=False)
    try:
        with pytest.raises(EventFileError, match=rf"^{path} is damaged and cannot be read"):
            doc.check_pages()
    finally:
        doc.close()
    with pytest.raises(EventFileError, match="is damaged and cannot be read"):
        EventDocument.open(path, passphrase=PASSPHRASE)
