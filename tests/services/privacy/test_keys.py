from __future__ import annotations

import stat
from pathlib import Path

import pytest
from sqlalchemy import select

from eventdesk.exports.badges.errors import BadgeError
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Event
from eventdesk.services.badges.batches import BadgeSelection, create_badge_pdf
from eventdesk.services.privacy.keys import KeyState, badge_key_state, is_sealed, signing_seed


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_file_holds_the_key_sealed_not_the_seed(events):
    doc = events.empty()
    try:
        with doc.session() as session:
            stored = session.execute(select(Event.signing_key)).scalar_one()
            seed = signing_seed(session)
        assert is_sealed(stored) and len(seed) == 32
        assert seed not in Path(doc.display_location).read_bytes()
        assert badge_key_state(doc=doc) is KeyState.READY
    finally:
        doc.close()


def test_a_copied_file_alone_cannot_make_badges(events, tmp_path, monkeypatch):
    path = events.demo_path(attendees=20, companies=2)
    # Another computer: a config folder (and keyring) without this event's key.
    monkeypatch.setenv("EVENTDESK_CONFIG_DIR", str(tmp_path / "other-machine"))
    doc = EventDocument.open(path)
    try:
        assert badge_key_state(doc=doc) is KeyState.ELSEWHERE
        with pytest.raises(BadgeError, match="organiser's machine"):
            create_badge_pdf(doc=doc, selection=BadgeSelection(), output=tmp_path / "b.pdf")
    finally:
        doc.close()


@pytest.mark.skipif(not hasattr(__import__("os"), "geteuid"), reason="POSIX file modes")
def test_event_files_copies_and_backups_are_readable_by_their_owner_only(events, tmp_path):
    doc = events.demo(attendees=10, companies=2)
    try:
        assert _mode(Path(doc.display_location)) == 0o600
        copy = doc.save_copy(tmp_path / "copy")
        assert _mode(copy) == 0o600
    finally:
        doc.close()
    from eventdesk.persistence.document import _backup_before_upgrade

    assert _mode(_backup_before_upgrade(copy)) == 0o600


def test_a_legacy_clear_key_is_sealed_the_first_time_it_is_used(events):
    doc = events.empty()
    try:
        with doc.session() as session:
            seed = signing_seed(session)
            session.execute(select(Event)).scalar_one().signing_key = seed
        with doc.session() as session:
            assert signing_seed(session) == seed
        with doc.session() as session:
            assert is_sealed(session.execute(select(Event.signing_key)).scalar_one())
    finally:
        doc.close()


def test_the_missing_key_is_said_in_the_desk_language(events, tmp_path, monkeypatch):
    from eventdesk.i18n import using_language

    path = events.demo_path(attendees=5, companies=1)
    monkeypatch.setenv("EVENTDESK_CONFIG_DIR", str(tmp_path / "other-machine"))
    doc = EventDocument.open(path)
    try:
        with using_language("fr"), pytest.raises(BadgeError, match="que sur la machine de l'organisateur"):
            create_badge_pdf(doc=doc, selection=BadgeSelection(), output=tmp_path / "b.pdf")
    finally:
        doc.close()
