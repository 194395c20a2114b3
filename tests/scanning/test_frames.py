"""Pictures → codes: what the camera path decodes, tested without a camera."""

from __future__ import annotations

import numpy as np
import qrcode
from PIL import Image, ImageFilter

from eventdesk.scanning.frames import codes_in_picture


def _qr(text: str, size: int = 300) -> Image.Image:
    return qrcode.make(text, border=4).get_image().convert("L").resize((size, size))


def test_a_qr_code_in_a_larger_grey_picture_is_read() -> None:
    frame = Image.new("L", (1280, 720), 200)
    frame.paste(_qr("EVT123.ABC.def"), (500, 200))
    assert codes_in_picture(frame) == ["EVT123.ABC.def"]
    assert codes_in_picture(np.asarray(frame)) == ["EVT123.ABC.def"]


def test_two_codes_in_one_frame_are_both_read_and_a_blank_frame_reads_nothing() -> None:
    frame = Image.new("L", (1000, 500), 255)
    frame.paste(_qr("first"), (50, 100))
    frame.paste(_qr("second"), (600, 100))
    assert sorted(codes_in_picture(frame)) == ["first", "second"]
    assert codes_in_picture(Image.new("L", (640, 480), 128)) == []


def test_a_slightly_blurred_rotated_code_is_still_read() -> None:
    frame = Image.new("L", (900, 900), 230)
    frame.paste(_qr("ROTATED-1", 360).rotate(90), (270, 270))
    frame = frame.filter(ImageFilter.GaussianBlur(1.2))
    assert codes_in_picture(frame) == ["ROTATED-1"]
