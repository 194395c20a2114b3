"""Camera frames and pictures → the codes printed in them, with zxing-cpp.

Kept free of Qt so the path from a picture of a badge to a verdict can be tested (and
reused) without a camera: the window turns each video frame into a grey-scale picture and
hands it here on a worker thread (zxing-cpp releases the GIL while it decodes).
"""

from __future__ import annotations

from functools import cache
from importlib.metadata import PackageNotFoundError, version
from typing import Any

# Badges carry QR codes; platform e-tickets shown on a phone are QR, Aztec, PDF417 or a
# linear Code 128. Naming the formats (rather than all) keeps a 720p frame well inside
# the camera's frame interval.
_FORMATS = ("QRCode", "MicroQRCode", "Aztec", "PDF417", "DataMatrix", "Code128", "Code39")


@cache
def _formats() -> Any:
    """The formats as this zxing-cpp wants them: a tuple from 3.0 on, OR-ed flags before."""
    import zxingcpp

    formats = tuple(getattr(zxingcpp.BarcodeFormat, name) for name in _FORMATS)
    try:
        major = int(version("zxing-cpp").split(".")[0])
    except PackageNotFoundError:  # a frozen build without the distribution's metadata
        major = 3
    if major >= 3:
        return formats
    combined = formats[0]
    for value in formats[1:]:
        combined |= value
    return combined


def codes_in_picture(picture: Any) -> list[str]:
    """The texts of every readable code in a picture, without repeats, in reading order.

    `picture` is anything zxing-cpp reads: a PIL image, a QImage, a grey (2-D) or BGR
    (3-D) uint8 numpy array. Empty when nothing is readable: for a camera a blurred or half-visible
    code is the normal case, not an error.
    """
    import zxingcpp

    texts: list[str] = []
    for barcode in zxingcpp.read_barcodes(picture, formats=_formats()):
        if barcode.valid and barcode.text and barcode.text not in texts:
            texts.append(barcode.text)
    return texts
