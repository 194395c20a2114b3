from __future__ import annotations

import hashlib
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from eventdesk.domain.errors import EventFileError, ValidationError
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.protected import PassphraseNeeded, WrongPassphrase
from eventdesk.persistence.tables import Event
from eventdesk.services.door.checkin import CheckInDesk
from eventdesk.services.events import event_stats
from eventdesk.services.people.export import export_attendees
from eventdesk.services.privacy.keys import KeyState, badge_key_state, is_sealed, signing_seed
from eventdesk.services.privacy.protect import change_passphrase, protect_event_file, unprotect_event_file
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


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _badge_seed(doc: EventDocument) -> bytes | None:
    with doc.session() as session:
        return signing_seed(session)


def test_a_new_passphrase_opens_the_file_the_old_one_no_longer_does_and_badges_still_sign(protected):
    path, values = protected
    doc = EventDocument.open(path, passphrase=PASSPHRASE)
    seed = _badge_seed(doc)
    doc.close()
    change_passphrase(path=path, old=PASSPHRASE, new="a brand new passphrase")
    with pytest.raises(WrongPassphrase, match="The passphrase does not open"):
        EventDocument.open(path, passphrase=PASSPHRASE)
    doc = EventDocument.open(path, passphrase="a brand new passphrase")
    try:
        assert event_stats(doc=doc).attendees == 120
        assert badge_key_state(doc=doc) is KeyState.NEEDS_PASSPHRASE
        assert _badge_seed(doc) == seed  # the same key, sealed with the new passphrase
    finally:
        doc.close()
    data = raw_bytes(path)
    assert not any(e.encode() in data for e in values["emails"])
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name)) == [path.name]


def test_a_wrong_current_passphrase_or_a_short_new_one_changes_nothing(protected):
    path, _ = protected
    before = _sha(path)
    with pytest.raises(WrongPassphrase, match="The passphrase does not open"):
        change_passphrase(path=path, old="not the passphrase", new="a brand new passphrase")
    with pytest.raises(ValidationError, match="at least 8 characters"):
        change_passphrase(path=path, old=PASSPHRASE, new="short")
    with pytest.raises(ValidationError, match=r"^A passphrase of only spaces protects nothing"):
        change_passphrase(path=path, old=PASSPHRASE, new=" " * 10)
    with pytest.raises(WrongPassphrase):
        unprotect_event_file(path=path, passphrase="not the passphrase")
    assert _sha(path) == before


def test_removing_the_protection_gives_a_plain_file_whose_badge_key_stays_on_this_machine(
    protected, tmp_path, monkeypatch
):
    path, values = protected
    doc = EventDocument.open(path, passphrase=PASSPHRASE)
    seed = _badge_seed(doc)
    doc.close()
    unprotect_event_file(path=path, passphrase=PASSPHRASE)
    assert path.read_bytes().startswith(b"SQLite format 3\x00")
    assert any(e.encode() in raw_bytes(path) for e in values["emails"])  # in clear, as asked
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    doc = EventDocument.open(path)
    try:
        assert event_stats(doc=doc).attendees == 120
        assert badge_key_state(doc=doc) is KeyState.READY
        assert _badge_seed(doc) == seed
        with doc.session() as session:
            stored = session.execute(select(Event.signing_key)).scalar_one()
    finally:
        doc.close()
    assert seed not in path.read_bytes() and is_sealed(stored)
    # Another computer's keyring does not hold it: the file alone makes no badges.
    monkeypatch.setenv("EVENTDESK_CONFIG_DIR", str(tmp_path / "other-machine"))
    doc = EventDocument.open(path)
    try:
        assert badge_key_state(doc=doc) is KeyState.ELSEWHERE
    finally:
        doc.close()


KILLED_CHILD = """
import sys
from eventdesk.services.privacy.protect import change_passphrase
print("go", flush=True)
change_passphrase(path=sys.argv[1], old=sys.argv[2], new=sys.argv[3])
print("done", flush=True)
"""


def test_a_kill_during_the_change_leaves_a_file_one_of_the_two_passphrases_opens(events, tmp_path):
    path = events.demo_path(attendees=8000, companies=20, seed=9)
    protect_event_file(path=path, passphrase=PASSPHRASE)
    new = "the passphrase after the change"
    # How long a whole change takes here, so that the kills below land inside one.
    started = time.perf_counter()
    change_passphrase(path=path, old=PASSPHRASE, new=new)
    change_passphrase(path=path, old=new, new=PASSPHRASE)
    took = (time.perf_counter() - started) / 2
    opened_with, killed_mid_way = set(), 0
    for fraction in (0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 0.95, 1.2):
        current = _which_opens(path, (PASSPHRASE, new))
        other = new if current == PASSPHRASE else PASSPHRASE
        child = subprocess.Popen(
            [sys.executable, "-c", KILLED_CHILD, str(path), current, other],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None and child.stdout.readline().strip() == "go"
        time.sleep(took * fraction)
        os.kill(child.pid, signal.SIGKILL)
        child.wait(30)
        killed_mid_way += Path(f"{path}.part").exists()
        opened_with.add(_which_opens(path, (PASSPHRASE, new)))
    assert killed_mid_way >= 1, "no kill landed while the new file was being written"


def _which_opens(path: Path, passphrases: tuple[str, str]) -> str:
    """The one passphrase that opens the whole, intact event."""
    opens = []
    for passphrase in passphrases:
        try:
            doc = EventDocument.open(path, passphrase=passphrase)
        except WrongPassphrase:
            continue
        try:
            assert event_stats(doc=doc).attendees == 8000
            doc.check_pages()
        finally:
            doc.close()
        opens.append(passphrase)
    assert len(opens) == 1, f"{len(opens)} of the two passphrases open the file"
    return opens[0]


def test_the_backup_kept_from_before_an_upgrade_is_protected_with_the_file(events):
    path = events.demo_path(attendees=40, companies=2)
    doc = EventDocument.open(path)
    values = personal_values(doc)
    doc.close()
    backup = path.with_name(path.name + ".before-upgrade")
    backup.write_bytes(path.read_bytes())
    assert any(e.encode() in raw_bytes(backup) for e in values["emails"])
    protect_event_file(path=path, passphrase=PASSPHRASE)
    assert not any(e.encode() in raw_bytes(backup) for e in values["emails"])
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    kept = EventDocument.open(backup, passphrase=PASSPHRASE)  # still there to recover from
    try:
        assert event_stats(doc=kept).attendees == 40
    finally:
        kept.close()
