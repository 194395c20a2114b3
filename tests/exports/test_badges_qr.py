"""The fast QR path gives exactly the symbol the qrcode library would, and scans."""

from __future__ import annotations

import random

import pytest
import qrcode
import zxingcpp
from PIL import Image
from qrcode import util
from qrcode.util import MODE_ALPHA_NUM, QRData

from eventdesk.exports.badges import qr

ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"


def library_symbol(token: str, version: int) -> list[list[bool]]:
    code = qrcode.QRCode(
        version=version, error_correction=qr.ERROR_CORRECTION, mask_pattern=qr.MASK_PATTERN, border=0
    )
    code.add_data(QRData(token, mode=MODE_ALPHA_NUM))
    code.make(fit=False)
    return code.modules


@pytest.mark.parametrize("length", [1, 10, 47, 77, 118, 122, 123, 154, 178, 221])
def test_codewords_and_modules_equal_the_librarys_for_versions_1_to_8(length):
    rng = random.Random(length)
    for _ in range(5):
        token = "".join(rng.choice(ALPHANUMERIC) for _ in range(length))
        version = qr.qr_version(length)
        assert version <= qr.MAX_VERSION
        expected = util.create_data(version, qr.ERROR_CORRECTION, [QRData(token, mode=MODE_ALPHA_NUM)])
        assert qr.codewords(token, version) == expected
        assert qr.qr_modules(token) == library_symbol(token, version)


def test_the_merged_path_covers_exactly_the_dark_modules():
    token = "ED1-7KQ2XM-YA-1-" + "".join(random.Random(3).choice(ALPHANUMERIC[:36]) for _ in range(100))
    modules = qr.qr_modules(token)
    path = qr.qr_path(token)
    painted = [[False] * path.size for _ in range(path.size)]
    for c, r, w, h, op in zip(*[iter(path.operators.split())] * 5, strict=True):
        assert op == "re"
        for row in range(int(r), int(r) + int(h)):
            for col in range(int(c), int(c) + int(w)):
                assert not painted[row][col], "rectangles overlap"
                painted[row][col] = True
    assert painted == modules


def test_a_symbol_drawn_from_the_modules_scans():
    token = "ED1-7KQ2XM-1-1-" + "Z" * 100
    modules = qr.qr_modules(token)
    size, scale, quiet = len(modules), 6, qr.QUIET_ZONE
    image = Image.new("L", ((size + 2 * quiet) * scale,) * 2, 255)
    for r, row in enumerate(modules):
        for c, dark in enumerate(row):
            if dark:
                image.paste(
                    0,
                    (
                        (c + quiet) * scale,
                        (r + quiet) * scale,
                        (c + quiet + 1) * scale,
                        (r + quiet + 1) * scale,
                    ),
                )
    (found,) = zxingcpp.read_barcodes(image)
    assert found.text == token
