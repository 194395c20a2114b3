"""Undo the damage a keyboard layout does to what a USB scanner types.

A scanner in keyboard ("wedge") mode sends key *positions* as if the laptop had a US
QWERTY layout; the operating system then reads those positions with the laptop's own
layout. On a Belgian AZERTY laptop "A1" arrives as "Q&", on a German one "Z" arrives as "Y".
We cannot know the desk's layout for sure (and a borrowed laptop may differ from the
settings), so every known layout's reverse mapping is offered as a candidate reading and the
caller keeps the one that verifies: the token's signature, or a code found in the event.

Layouts are written as the characters on each key position, row by row, unshifted and
shifted, aligned with the US rows. NUL marks a dead key (it types nothing by itself).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

DEAD = "\0"

_US = (
    ("`1234567890-=", "qwertyuiop[]\\", "asdfghjkl;'", "zxcvbnm,./"),
    ("~!@#$%^&*()_+", "QWERTYUIOP{}|", 'ASDFGHJKL:"', "ZXCVBNM<>?"),
)

_LAYOUTS: dict[str, tuple[tuple[str, str, str, str], tuple[str, str, str, str]]] = {
    "AZERTY (Belgium)": (
        ("²&é\"'(§è!çà)-", "azertyuiop\0$µ", "qsdfghjklmù", "wxcvbn,;:="),
        ("³1234567890°_", "AZERTYUIOP\0*£", "QSDFGHJKLM%", "WXCVBN?./+"),
    ),
    "AZERTY (France)": (
        ("²&é\"'(-è_çà)=", "azertyuiop\0$*", "qsdfghjklmù", "wxcvbn,;:!"),
        ("\0" + "1234567890°+", "AZERTYUIOP\0£µ", "QSDFGHJKLM%", "WXCVBN?./§"),
    ),
    "QWERTZ (Germany)": (
        ("\0" + "1234567890ß\0", "qwertzuiopü+#", "asdfghjklöä", "yxcvbnm,.-"),
        ('°!"§$%&/()=?\0', "QWERTZUIOPÜ*'", "ASDFGHJKLÖÄ", "YXCVBNM;:_"),
    ),
    "QWERTZ (Switzerland)": (
        ("§1234567890'\0", "qwertzuiopü\0$", "asdfghjklöä", "yxcvbnm,.-"),
        ('°+"*ç%&/()=?\0', "QWERTZUIOPè!£", "ASDFGHJKLéà", "YXCVBNM;:_"),
    ),
    "Nordic (Sweden/Finland)": (
        ("§1234567890+\0", "qwertyuiopå\0'", "asdfghjklöä", "zxcvbnm,.-"),
        ('½!"#¤%&/()=?\0', "QWERTYUIOPÅ\0*", "ASDFGHJKLÖÄ", "ZXCVBNM;:_"),
    ),
    "Nordic (Denmark)": (
        ("½1234567890+\0", "qwertyuiopå\0'", "asdfghjklæø", "zxcvbnm,.-"),
        ('§!"#¤%&/()=?\0', "QWERTYUIOPÅ\0*", "ASDFGHJKLÆØ", "ZXCVBNM;:_"),
    ),
    "Nordic (Norway)": (
        ("|1234567890+\\", "qwertyuiopå\0'", "asdfghjkløæ", "zxcvbnm,.-"),
        ('§!"#¤%&/()=?\0', "QWERTYUIOPÅ\0*", "ASDFGHJKLØÆ", "ZXCVBNM;:_"),
    ),
}

US_LAYOUT = "US QWERTY"

# Scanners may add an AIM symbology identifier ("]Q1" for QR), or a configured prefix or
# suffix such as STX/ETX, tabs or CR/LF: none of these is ever part of a code.
_AIM_PREFIX = re.compile(r"^\][A-Za-z][0-9]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@cache
def _reverse_map(layout: str) -> dict[str, str]:
    """laptop character → the US character the scanner meant, for one layout."""
    mapping: dict[str, str] = {}
    for us_level, layout_level in zip(_US, _LAYOUTS[layout], strict=True):
        for us_row, layout_row in zip(us_level, layout_level, strict=True):
            if len(us_row) != len(layout_row):
                raise ValueError(f"{layout}: row {layout_row!r} does not line up with {us_row!r}")
            for us_char, typed in zip(us_row, layout_row, strict=True):
                if typed != DEAD and typed != us_char:
                    mapping.setdefault(typed, us_char)
    return mapping


def layout_names() -> list[str]:
    return [US_LAYOUT, *_LAYOUTS]


def clean_scan(text: str) -> str:
    """What the scanner sent, less the framing that is never part of a code."""
    text = _CONTROL.sub("", text).strip()
    return _AIM_PREFIX.sub("", text, count=1).strip()


@dataclass(frozen=True)
class Reading:
    layout: str
    text: str


def readings(scanned: str) -> list[Reading]:
    """Every plausible reading of a scan: as typed first, then per layout; no duplicates."""
    cleaned = clean_scan(scanned)
    seen: set[str] = set()
    found: list[Reading] = []

    def add(layout: str, text: str) -> None:
        if text and text not in seen:
            seen.add(text)
            found.append(Reading(layout, text))

    add(US_LAYOUT, cleaned)
    for name in _LAYOUTS:
        mapping = _reverse_map(name)
        add(name, "".join(mapping.get(ch, ch) for ch in cleaned))
    return found


def type_as(text: str, layout: str) -> str:
    """What a US-configured scanner's `text` looks like on a laptop with `layout`.

    The forward direction of `readings`, used by tests and the scanner simulator.
    """
    if layout == US_LAYOUT:
        return text
    forward: dict[str, str] = {}
    for us_level, layout_level in zip(_US, _LAYOUTS[layout], strict=True):
        for us_row, layout_row in zip(us_level, layout_level, strict=True):
            for us_char, typed in zip(us_row, layout_row, strict=True):
                forward[us_char] = "" if typed == DEAD else typed
    return "".join(forward.get(ch, ch) for ch in text)
