"""QR symbols for badge tokens, as compact PDF path operators.

Two costs dominate a naive batch (measured on a 2-core laptop): the QR library trying all
eight mask patterns for every badge (it encodes the symbol eight times to score them) and
one PDF rectangle per dark module. So the mask is fixed — the ISO 18004 mask choice only
avoids unlucky patterns, which a signature's random-looking bits do not make, and every
badge is still decoded by a real decoder in the tests — and dark modules are merged into
runs along each row (and identical runs in consecutive rows into one rectangle), drawn as a
single filled path in module units under one transform.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from qrcode.util import MODE_ALPHA_NUM, QRData

ERROR_CORRECTION = ERROR_CORRECT_M
MASK_PATTERN = 4
QUIET_ZONE = 4  # modules of white around the symbol, as ISO 18004 asks
MAX_VERSION = 8  # the bound: small enough for 0.5 mm modules on a CR80 card


@cache
def qr_version(length: int) -> int:
    """The smallest version holding an alphanumeric token of `length` characters at level M."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECTION)
    code.add_data(QRData("0" * length, mode=MODE_ALPHA_NUM))
    return code.best_fit()


def symbol_size(version: int) -> int:
    return 17 + 4 * version


def qr_modules(token: str) -> list[list[bool]]:
    """The symbol's modules (True = dark), without the quiet zone."""
    code = qrcode.QRCode(
        version=qr_version(len(token)),
        error_correction=ERROR_CORRECTION,
        mask_pattern=MASK_PATTERN,
        border=0,
    )
    code.add_data(QRData(token, mode=MODE_ALPHA_NUM))
    code.make(fit=False)
    return code.modules  # type: ignore[return-value]


@dataclass(frozen=True)
class QrPath:
    """A symbol as PDF path operators in module units, y growing downwards from its top-left."""

    version: int
    size: int
    operators: str

    def placed(self, x: float, y: float, side: float) -> str:
        """Operators that fill the symbol into the square (x, y, side) in points, quiet zone included.

        `y` is the square's bottom; the transform flips y so that row 0 is at the top.
        """
        module = side / (self.size + 2 * QUIET_ZONE)
        left = x + QUIET_ZONE * module
        top = y + side - QUIET_ZONE * module
        return f"q 0 g {module:.4f} 0 0 {-module:.4f} {left:.3f} {top:.3f} cm {self.operators} f Q"


def qr_path(token: str) -> QrPath:
    modules = qr_modules(token)
    size = len(modules)
    rects: list[tuple[int, int, int, int]] = []  # column, row, width, height
    open_runs: dict[tuple[int, int], int] = {}  # (column, width) → index in rects, for the row above
    for row_index, row in enumerate(modules):
        runs: dict[tuple[int, int], int] = {}
        col = 0
        while col < size:
            if row[col]:
                start = col
                while col < size and row[col]:
                    col += 1
                key = (start, col - start)
                index = open_runs.get(key)
                if index is None:
                    index = len(rects)
                    rects.append((start, row_index, col - start, 1))
                else:
                    c, r, w, h = rects[index]
                    rects[index] = (c, r, w, h + 1)
                runs[key] = index
            else:
                col += 1
        open_runs = runs
    operators = " ".join(f"{c} {r} {w} {h} re" for c, r, w, h in rects)
    return QrPath(version=(size - 17) // 4, size=size, operators=operators)
