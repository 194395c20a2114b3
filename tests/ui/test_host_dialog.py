"""File › Host this event…: the hub starts off the GUI thread, its QR code scans from the screen,
the window works on the hub meanwhile, and Stop hosting leaves the file current."""

from __future__ import annotations

from pathlib import Path

import zxingcpp
from PIL import Image
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine

from eventdesk.sync.connect import verify_hub
from eventdesk.sync.join_code import JoinCode

LOOPBACK = {"listen_host": "127.0.0.1", "advertised_host": "127.0.0.1", "port": 0}


def grab_png(widget, path: Path) -> Image.Image:
    assert widget.grab().save(str(path), "PNG")
    return Image.open(path).convert("L")


def test_host_dialog_shows_a_scannable_join_code_and_stops_cleanly(qtbot: QtBot, window, events, tmp_path):
    event_path = events.demo_path(attendees=60, companies=5, seed=2)
    with qtbot.waitSignal(window.open_event(str(event_path)).succeeded, timeout=20_000):
        pass
    assert window.host_action.isEnabled()
    dialog = window.host_event(hub_options=LOOPBACK, announce_on=["127.0.0.1"])
    with qtbot.waitSignal(dialog.hosting_started, timeout=30_000):
        pass
    # While hosting, the window's event is the hub's copy, not the file.
    assert window.context.document is not None and window.context.document.path is None

    dialog.resize(520, 720)
    shot = grab_png(dialog, tmp_path / "host-dialog.png")
    (found,) = zxingcpp.read_barcodes(shot)
    scanned = JoinCode.decode(found.text)
    assert scanned == JoinCode.decode(dialog.code_text.toPlainText())
    assert dialog.qr.pixmap().width() >= 300  # big enough to scan from across a desk
    url, args = verify_hub(scanned, certificate_folder=tmp_path)  # the code on screen opens this hub
    desk = create_engine(url, connect_args=args)
    with desk.connect():
        qtbot.waitUntil(lambda: dialog.desks.text() == "Desks connected: 1 (127.0.0.1)", timeout=5_000)
    desk.dispose()

    dialog.copy_code()
    assert QGuiApplication.clipboard().text() == scanned.encode()

    with qtbot.waitSignal(dialog.hosting_stopped, timeout=30_000) as stopped:
        dialog.stop_hosting()
    assert stopped.args == [str(event_path.resolve())]
    document = window.context.document
    assert document is not None and document.path is not None
    assert Path(document.display_location) == event_path.resolve()
