"""The bundled fonts every PDF is set in, and which characters they can really print.

reportlab's standard fonts (Helvetica & co.) cover Latin-1 only and are not embedded, so a
badge would show "Nguy?n" or depend on the printer's fonts. We bundle Noto Sans (Latin with
every diacritic, Greek, Cyrillic, Vietnamese) with DejaVu Sans behind it for what Noto lacks
(Armenian, Georgian, many symbols), register them as TrueType fonts that reportlab embeds as
subsets, and set each run of text in the first font that has its glyphs.

Scripts written right to left or needing glyph shaping (Arabic, Hebrew, Indic, Thai …) would
come out in the wrong order or as unjoined letters without a shaping engine, so they count as
unprintable and are reported rather than printed wrongly.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from eventdesk.paths import resource

REPLACEMENT = "?"

_FILES = {
    "NotoSans": "NotoSans-Regular.ttf",
    "NotoSans-Bold": "NotoSans-Bold.ttf",
    "DejaVuSans": "DejaVuSans.ttf",
    "DejaVuSans-Bold": "DejaVuSans-Bold.ttf",
}
REGULAR_CHAIN = ("NotoSans", "DejaVuSans")
BOLD_CHAIN = ("NotoSans-Bold", "DejaVuSans-Bold")

# Unicode bidi classes of right-to-left letters and general categories that need shaping.
_RIGHT_TO_LEFT = {"R", "AL"}
_SHAPED_SCRIPTS = (
    (0x0900, 0x0DFF),  # Indic scripts
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x0F00, 0x109F),  # Tibetan, Myanmar
    (0x1780, 0x18AF),  # Khmer, Mongolian
)


@cache
def _coverage(name: str) -> frozenset[int]:
    font = pdfmetrics.getFont(name)
    return frozenset(font.face.charToGlyph)


@cache
def register_fonts() -> tuple[str, ...]:
    """Register the bundled fonts once per process; returns their reportlab names."""
    for name, filename in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resource("fonts", filename))))
    return tuple(_FILES)


def _printable_without_shaping(char: str) -> bool:
    if unicodedata.bidirectional(char) in _RIGHT_TO_LEFT:
        return False
    code = ord(char)
    return not any(lo <= code <= hi for lo, hi in _SHAPED_SCRIPTS)


@dataclass(frozen=True)
class SetText:
    """A line split into runs of one font each; `missing` are the characters replaced by '?'."""

    runs: tuple[tuple[str, str], ...]
    missing: tuple[str, ...]

    def width(self, size: float) -> float:
        return sum(pdfmetrics.stringWidth(text, font, size) for font, text in self.runs)


class FontChain:
    """Fonts tried in order for each character, like a browser's font-family list."""

    def __init__(self, names: tuple[str, ...]) -> None:
        register_fonts()
        self.names = names
        self._coverages = [_coverage(name) for name in names]
        self._font_of: dict[str, str | None] = {}

    def font_for(self, char: str) -> str | None:
        try:
            return self._font_of[char]
        except KeyError:
            pass
        found: str | None = None
        if char.isspace():
            found = self.names[0]
        elif _printable_without_shaping(char):
            code = ord(char)
            found = next((n for n, cov in zip(self.names, self._coverages, strict=True) if code in cov), None)
        self._font_of[char] = found
        return found

    def set(self, text: str) -> SetText:
        """Split `text` (NFC-normalised first: precomposed letters print, loose accents may not)."""
        text = unicodedata.normalize("NFC", text)
        runs: list[tuple[str, str]] = []
        missing: list[str] = []
        for char in text:
            font = self.font_for(char)
            if font is None:
                if char not in missing:
                    missing.append(char)
                font, char = self.names[0], REPLACEMENT
            if runs and runs[-1][0] == font:
                runs[-1] = (font, runs[-1][1] + char)
            else:
                runs.append((font, char))
        return SetText(tuple(runs), tuple(missing))


@cache
def regular() -> FontChain:
    return FontChain(REGULAR_CHAIN)


@cache
def bold() -> FontChain:
    return FontChain(BOLD_CHAIN)
