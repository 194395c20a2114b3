"""Pictures of printed badges into the camera path: frame → decoder → desk → verdict."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pypdfium2
import pytest
from PIL import Image, ImageFilter
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from eventdesk.persistence.document import EventDocument
from eventdesk.services.badges.batches import badge_pdf_bytes
from eventdesk.ui.camera import CameraScanner, codes_in_image
from eventdesk.ui.screens.checkin import CheckInScreen
from tests.ui.checkin_support import desk_context, desk_doc, people, screen, token_for

__all__ = ["desk_context", "desk_doc", "screen"]


def _photo_of_badge(doc: EventDocument, attendee_id: int) -> Image.Image:
    """The printed badge as a webcam would see it: held in a hand, in a grey room, a bit soft."""
    pdf, _ = badge_pdf_bytes(doc=doc, attendee_ids=[attendee_id])
    document = pypdfium2.PdfDocument(pdf)
    try:
        badge = document[0].render(scale=110 / 72).to_pil().convert("L")
    finally:
        document.close()
    frame = Image.new("L", (1280, 720), 96)
    badge = badge.rotate(8, expand=True, fillcolor=96)
    badge.thumbnail((560, 680))
    frame.paste(badge, ((1280 - badge.width) // 2, (720 - badge.height) // 2))
    return frame.filter(ImageFilter.GaussianBlur(0.8))


def _qimage(picture: Image.Image) -> QImage:
    grey = picture.convert("L")
    data = grey.tobytes()
    image = QImage(data, grey.width, grey.height, grey.width, QImage.Format.Format_Grayscale8)
    return image.copy()  # own the pixels: `data` goes away


def test_the_frame_decoder_reads_the_badge_token_from_a_photo(screen: CheckInScreen) -> None:
    doc = screen.context.require_document()
    person = people(doc, n=1)[0]
    photo = _photo_of_badge(doc, person.id)
    assert codes_in_image(photo) == [token_for(doc, person)]
    assert codes_in_image(_qimage(photo)) == [token_for(doc, person)]
    assert codes_in_image(QImage()) == []


def test_a_badge_held_up_to_the_camera_is_admitted_once(screen: CheckInScreen, qtbot: QtBot) -> None:
    doc = screen.context.require_document()
    person = people(doc, n=2)[1]
    frame = _qimage(_photo_of_badge(doc, person.id))
    camera = screen.camera.scanner
    camera.interval_ms = 0
    with qtbot.waitSignal(camera.scanned, timeout=10_000) as seen:
        assert camera.offer_image(frame)
    assert seen.args == [token_for(doc, person)]
    assert screen.panel.look == "admitted"
    assert person.given_name in screen.panel.text.name
    # The same badge in the next frames is ignored: no amber "already checked in" storm.
    scans: list[str] = []
    camera.scanned.connect(scans.append)
    for _ in range(3):
        camera.offer_image(frame)
        camera.wait_for_decoder()
        qtbot.wait(20)
    assert scans == []
    assert screen.panel.look == "admitted"


def test_frames_are_dropped_while_one_is_decoded(qtbot: QtBot) -> None:
    camera = CameraScanner(interval_ms=10_000)
    image = QImage(640, 480, QImage.Format.Format_Grayscale8)
    image.fill(200)
    assert camera.offer_image(image)
    assert not camera.offer_image(image)  # too soon, and the first is still being read
    camera.wait_for_decoder()
    qtbot.waitUntil(lambda: camera.frames_decoded == 1, timeout=5000)
    camera.deleteLater()


@pytest.mark.parametrize("seconds", [3.0])
def test_the_same_code_counts_again_after_it_has_been_away(qtbot: QtBot, seconds: float) -> None:
    camera = CameraScanner(repeat_after_s=0.05, interval_ms=0)
    found: list[str] = []
    camera.scanned.connect(found.append)
    camera._decoded(["CODE-1"])
    camera._decoded(["CODE-1"])
    assert found == ["CODE-1"]
    qtbot.wait(80)
    camera._decoded(["CODE-1"])
    assert found == ["CODE-1", "CODE-1"]
    assert CameraScanner().repeat_after_s == seconds
    camera.deleteLater()


def test_a_camera_frame_is_decoded_where_numpy_cannot_be_imported(
    screen: CheckInScreen, tmp_path: Path
) -> None:
    """The desktop bundle leaves numpy out (build.spec): a frame must reach zxing-cpp without it."""
    doc = screen.context.require_document()
    person = people(doc, n=1)[0]
    picture = tmp_path / "frame.png"
    _photo_of_badge(doc, person.id).convert("RGB").resize((1600, 900)).save(picture)
    script = (
        "import sys\n"
        "sys.modules['numpy'] = None  # import numpy now raises ImportError\n"
        "from PySide6.QtGui import QImage\n"
        "from eventdesk.ui.camera import codes_in_image\n"
        f"print(*codes_in_image(QImage({str(picture)!r})))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=env
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [token_for(doc, person)]
