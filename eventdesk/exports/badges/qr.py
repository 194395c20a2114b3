"""QR symbols for badge tokens, as compact PDF path operators.

Three costs dominate a naive batch (measured on a 2-core laptop): the QR library trying all
eight mask patterns for every badge (it builds the symbol eight times to score them), its
module-by-module placement of the data bits, and one PDF rectangle per dark module.

* The mask is fixed. The ISO 18004 mask choice only avoids unlucky patterns, which a
  signature's random-looking bits do not make; every badge is decoded by a real decoder in
  the tests. Mask 1 (every other row) is also the cheapest to compute.
* The library still encodes the data bits (mode, count, character pairs) and draws the
  function patterns. Two of its steps are replaced by equivalents computed once per version:
  the placement walk (`_Placement`), and the Reed–Solomon division, which the library does
  with a recursive polynomial that copies a list at every step (quadratic; it was half the
  cost of a badge). `_error_correction` divides with the library's own generator
  polynomials and GF(256) tables, one byte at a time on Python integers. A test compares
  every codeword and every module with the library's own output.
* Dark modules are merged into runs along each row (and identical runs in consecutive rows
  into one rectangle), drawn as a single filled path in module units under one transform.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import qrcode
from qrcode import LUT, base
from qrcode.constants import ERROR_CORRECT_M
from qrcode.util import MODE_ALPHA_NUM, PAD0, PAD1, BitBuffer, QRData, length_in_bits, mask_func

ERROR_CORRECTION = ERROR_CORRECT_M
MASK_PATTERN = 1
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


@dataclass(frozen=True)
class _Placement:
    """Where each data bit of a symbol goes, and the mask bits over them, for one version."""

    positions: tuple[tuple[int, int], ...]
    mask: int  # the mask's bit for each position, first position in the highest bit


_PLACEMENTS: dict[tuple[int, int], _Placement] = {}


def _placement(version: int, mask_pattern: int, blank: list[list[bool | None]]) -> _Placement:
    """The library's placement walk (ISO 18004 7.7.3: two-module columns, zig-zag, skipping
    function patterns and the vertical timing column), done once per version and mask.

    `blank` is the library's symbol with only its function patterns set (None elsewhere):
    which modules those are depends on the version alone.
    """
    key = (version, mask_pattern)
    if key in _PLACEMENTS:
        return _PLACEMENTS[key]
    size = len(blank)
    positions: list[tuple[int, int]] = []
    row, step = size - 1, -1
    for right in range(size - 1, 0, -2):
        if right <= 6:
            right -= 1
        while 0 <= row < size:
            positions.extend((row, c) for c in (right, right - 1) if blank[row][c] is None)
            row += step
        row -= step
        step = -step
    is_masked = mask_func(mask_pattern)
    mask = int("".join("1" if is_masked(r, c) else "0" for r, c in positions), 2)
    placement = _PLACEMENTS[key] = _Placement(tuple(positions), mask)
    return placement


class _FixedMaskQRCode(qrcode.QRCode):  # type: ignore[type-arg]
    def map_data(self, data: list[int], mask_pattern: int) -> None:
        placement = _placement(self.version, mask_pattern, self.modules)
        count = len(placement.positions)
        # Bits past the data (the remainder bits) are 0 before masking, as in the library.
        value = (int.from_bytes(bytes(data), "big") << (count - 8 * len(data))) ^ placement.mask
        modules = self.modules
        for (r, c), bit in zip(placement.positions, format(value, f"0{count}b"), strict=True):
            modules[r][c] = bit == "1"


@cache
def _division_table(ec_count: int) -> tuple[int, ...]:
    """For each leading byte, the generator polynomial times that byte, as one integer."""
    if ec_count in LUT.rsPoly_LUT:
        generator = list(LUT.rsPoly_LUT[ec_count])
    else:
        poly = base.Polynomial([1], 0)
        for i in range(ec_count):
            poly = poly * base.Polynomial([1, base.gexp(i)], 0)
        generator = list(poly)
    logs = [base.glog(g) for g in generator[1:]]
    table = [0]
    for factor in range(1, 256):
        product = bytes(base.gexp(base.glog(factor) + g) for g in logs)
        table.append(int.from_bytes(product, "big"))
    return tuple(table)


def _error_correction(block: list[int], ec_count: int) -> list[int]:
    """The remainder of block·x^ec divided by the generator: the block's EC codewords."""
    table = _division_table(ec_count)
    top = 8 * (ec_count - 1)
    keep = (1 << (8 * ec_count)) - 1
    remainder = 0
    for byte in block:
        remainder = ((remainder << 8) & keep) ^ table[byte ^ (remainder >> top)]
    return list(remainder.to_bytes(ec_count, "big"))


def codewords(token: str, version: int) -> list[int]:
    """Data and EC codewords in symbol order; the same list as qrcode's `util.create_data`."""
    data = QRData(token, mode=MODE_ALPHA_NUM)
    buffer = BitBuffer()
    buffer.put(data.mode, 4)
    buffer.put(len(data), length_in_bits(data.mode, version))
    data.write(buffer)
    blocks = base.rs_blocks(version, ERROR_CORRECTION)
    bit_limit = sum(block.data_count * 8 for block in blocks)
    if len(buffer) > bit_limit:
        raise ValueError(f"a {len(token)}-character token does not fit QR version {version}")
    # ISO 18004 7.4.9: terminator, zero bits to a byte boundary, then alternating pad bytes.
    bits = len(buffer)
    value = int.from_bytes(bytes(buffer.buffer), "big") >> (8 * len(buffer.buffer) - bits)
    terminated = min(bits + 4, bit_limit)
    terminated += -terminated % 8
    value <<= terminated - bits
    padding = (bit_limit - terminated) // 8
    stream = list(value.to_bytes(terminated // 8, "big")) + [PAD1 if i % 2 else PAD0 for i in range(padding)]
    data_blocks, ec_blocks, offset = [], [], 0
    for block in blocks:
        chunk = stream[offset : offset + block.data_count]
        offset += block.data_count
        data_blocks.append(chunk)
        ec_blocks.append(_error_correction(chunk, block.total_count - block.data_count))
    interleaved = [b[i] for i in range(max(map(len, data_blocks))) for b in data_blocks if i < len(b)]
    interleaved += [b[i] for i in range(max(map(len, ec_blocks))) for b in ec_blocks if i < len(b)]
    return interleaved


def qr_modules(token: str) -> list[list[bool]]:
    """The symbol's modules (True = dark), without the quiet zone."""
    version = qr_version(len(token))
    code = _FixedMaskQRCode(
        version=version, error_correction=ERROR_CORRECTION, mask_pattern=MASK_PATTERN, border=0
    )
    code.data_cache = codewords(token, version)  # the library places what it is given
    code.make(fit=False)
    return code.modules  # type: ignore[return-value]


_DARK_RUN = re.compile(rb"\x01+")


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
    rects: list[list[int]] = []  # column, row, width, height
    above: dict[tuple[int, int], list[int]] = {}  # runs of the row above, by (column, width)
    for row_index, row in enumerate(modules):
        here: dict[tuple[int, int], list[int]] = {}
        for run in _DARK_RUN.finditer(bytes(row)):
            key = (run.start(), run.end() - run.start())
            rect = above.get(key)
            if rect is None:
                rect = [key[0], row_index, key[1], 0]
                rects.append(rect)
            rect[3] += 1
            here[key] = rect
        above = here
    operators = " ".join(f"{c} {r} {w} {h} re" for c, r, w, h in rects)
    return QrPath(version=(size - 17) // 4, size=size, operators=operators)
