"""File › Join an event…: a hub heard on the LAN plus its password, a scan, or a pasted code
gets the desk onto the hub's event; a bad code or password is one sentence in the dialog."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from eventdesk.sync.hub.announce import HubAnnouncer
from eventdesk.sync.hub.server import ManagedHub
from eventdesk.sync.join_code import JoinCode
from eventdesk.sync.replica import replica_info
from eventdesk.ui.dialogs.join_dialog import code_from_scan

LOOPBACK = ["127.0.0.1"]


@pytest.fixture
def hub(events) -> Iterator[tuple[ManagedHub, JoinCode]]:
    event_path = events.demo_path(attendees=50, companies=4, seed=4)
    managed = ManagedHub(event_path, listen_host="127.0.0.1", advertised_host="127.0.0.1", port=0)
    code = managed.start()
    announcer = HubAnnouncer(code, interfaces=LOOPBACK)
    yield managed, code
    announcer.close()
    managed.stop()


def test_a_desk_joins_a_hub_it_heard_on_the_lan_with_its_password(qtbot: QtBot, window, hub, tmp_path):
    _managed, code = hub
    dialog = window.join_event(browse_on=LOOPBACK)
    with qtbot.waitSignal(dialog.task.finished, timeout=15_000):
        pass
    rows = [dialog.hub_list.item(i).text() for i in range(dialog.hub_list.count())]
    row = next(i for i, text in enumerate(rows) if f"127.0.0.1:{code.port}" in text)
    dialog.hub_list.setCurrentRow(row)

    dialog.password.setText("wrong")
    with qtbot.waitSignal(dialog.join().finished, timeout=15_000):
        pass
    assert "refused this join code's password" in dialog.message.text()

    dialog.password.setText(code.password)
    dialog.desk_name.setText("Door A")
    dialog.replica_path.setText(str(tmp_path / "door-a.eventdesk"))
    with qtbot.waitSignal(window.context.document_changed, timeout=20_000):
        dialog.join()
    document = window.context.document
    # The desk works on its own copy, kept in sync with the hub in the background.
    assert document is not None and document.path == tmp_path / "door-a.eventdesk"
    info = replica_info(document)
    assert info is not None and info.desk_name == "Door A"
    assert info.connect_args["sslmode"] == "verify-ca" and info.certificate_pem  # pinned
    assert window.sync_link.active
    qtbot.waitUntil(lambda: window.sync_link.label.text().startswith("Online · "), timeout=15_000)


def test_a_scan_or_a_paste_gives_the_code_and_a_damaged_one_a_sentence(qtbot: QtBot, window, hub, tmp_path):
    _managed, code = hub
    assert code_from_scan(code.qr_text()) == code
    dialog = window.join_event(browse_on=LOOPBACK)
    dialog.code_text.setPlainText(code.encode()[:-3] + "AAA")
    assert dialog.join() is None
    assert "damaged" in dialog.message.text()
    dialog.replica_path.setText(str(tmp_path / "scanned.eventdesk"))
    with qtbot.waitSignal(dialog.joined, timeout=20_000):
        dialog.take_scan(code.qr_text())
    with qtbot.waitSignal(window.context.document_changed, timeout=20_000):
        pass
    assert window.context.document is not None
    assert window.context.document.path == tmp_path / "scanned.eventdesk"
