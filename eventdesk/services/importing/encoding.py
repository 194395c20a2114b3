"""Which character encoding a text file uses, decided so that no name is silently mangled.

Order of evidence: a byte-order mark; then strict UTF-8, line by line; only lines that are
not UTF-8 are handed to charset-normalizer, restricted to the single-byte encodings that
European spreadsheets save (Excel on Windows writes Windows-1252 "CSV (semicolon
separated)"), and its answer is accepted only if every accented character decodes to a
plausible letter. A file whose lines disagree (most UTF-8, one pasted from a Windows-1252
file) is refused with the line number: guessing would turn "Müller" into "MÃ¼ller" or
"M?ller" on a badge.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from eventdesk.services.importing.errors import EncodingError

# Tried in this order when a file is not UTF-8. Windows-1252 first: it is what Excel writes
# in the Netherlands, Belgium, Luxembourg, Germany, France and Scandinavia.
LEGACY_ENCODINGS = ("cp1252", "cp1250", "iso8859_15", "cp1257", "mac_roman", "cp850")

ENCODING_LABELS = {
    "ascii": "ASCII",
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 with BOM",
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16 LE",
    "utf-16-be": "UTF-16 BE",
    "utf-32": "UTF-32",
    "cp1252": "Windows-1252 (Western European)",
    "cp1250": "Windows-1250 (Central European)",
    "iso8859_15": "ISO-8859-15 (Latin-9)",
    "cp1257": "Windows-1257 (Baltic)",
    "mac_roman": "Mac Roman",
    "cp850": "DOS Latin-1 (code page 850)",
}

# Non-letters that turn up in names, company names and free text typed on European keyboards.
_PLAUSIBLE_SYMBOLS = frozenset("€–—‘’‚“”„…•·°±×÷§©®™«»¡¿²³µ¼½¾\u00a0\u00ad′″")

_CONTROL_BYTES = re.compile(b"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def encoding_label(encoding: str) -> str:
    return ENCODING_LABELS.get(encoding, encoding)


def bom_encoding(head: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    return None


def utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 saved without a BOM shows as ASCII text with every other byte zero."""
    sample = head[:4096]
    if len(sample) < 8:
        return None
    even_zero = sample[0::2].count(0) / len(sample[0::2])
    odd_zero = sample[1::2].count(0) / len(sample[1::2])
    if odd_zero > 0.4 and even_zero < 0.05:
        return "utf-16-le"
    if even_zero > 0.4 and odd_zero < 0.05:
        return "utf-16-be"
    return None


def looks_plausible(text: str) -> bool:
    """True when every non-ASCII character is a letter or a symbol people really type.

    Wrong single-byte decodings give themselves away: "£ukasz" (Polish Ł read as
    Windows-1252), Cyrillic letters inside Latin words, control characters.
    """
    for index, char in enumerate(text):
        if char.isascii():
            continue
        category = unicodedata.category(char)
        if category.startswith("L"):
            if not unicodedata.name(char, "").startswith("LATIN"):
                neighbours = text[max(0, index - 1) : index + 2]
                if any(c.isascii() and c.isalpha() for c in neighbours):
                    return False
            continue
        if category.startswith("M") or char in _PLAUSIBLE_SYMBOLS:
            continue
        return False
    return True


def choose_legacy_encoding(sample: bytes, *, path: Path, line: int) -> str:
    """The single-byte encoding of `sample` (lines that are not UTF-8), or EncodingError."""
    ranked = [m.encoding for m in from_bytes(sample, cp_isolation=list(LEGACY_ENCODINGS))]
    candidates = ["cp1252", *[e for e in ranked if e != "cp1252"]]
    candidates += [e for e in LEGACY_ENCODINGS if e not in candidates]
    for encoding in candidates:
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        if looks_plausible(text):
            return encoding
    raise EncodingError(
        f"{path.name}: cannot tell which character encoding line {line} uses; "
        "save the file as 'CSV UTF-8' and import it again."
    )


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@dataclass
class LineDecoder:
    """Decodes a byte file line by line and refuses a file whose lines disagree.

    `encoding` starts as "utf-8-sig" after a BOM, or undecided (None) while every line is
    plain ASCII; the first line with other bytes decides, using `legacy_sample` (the
    non-UTF-8 lines of the file's first megabyte) if it is not UTF-8.
    """

    path: Path
    encoding: str | None = None
    legacy_sample: bytes = b""
    decided_at: int = 0
    # The first line with a control character (NUL and the like), 0 while there is none.
    controls_from: int = 0

    @property
    def label(self) -> str:
        return encoding_label(self.encoding or "utf-8")

    def prime(self, head: bytes) -> None:
        """Decide from the file's first megabyte, so the preview can name the encoding."""
        if self.encoding is not None:
            return
        first = first_decision(head)
        if first is None:
            return
        line, utf8 = first
        self.decided_at = line
        self.encoding = (
            "utf-8" if utf8 else choose_legacy_encoding(self.legacy_sample, path=self.path, line=line)
        )

    def decode(self, raw: bytes, line: int) -> str:
        if not self.controls_from and _CONTROL_BYTES.search(raw):
            self.controls_from = line
        if raw.isascii():
            return raw.decode("ascii")
        utf8 = _is_utf8(raw)
        if self.encoding is None:
            self.decided_at = line
            if utf8:
                self.encoding = "utf-8"
            else:
                sample = self.legacy_sample or raw
                self.encoding = choose_legacy_encoding(sample, path=self.path, line=line)
        if self.encoding in ("utf-8", "utf-8-sig"):
            if not utf8:
                raise EncodingError(
                    f"{self.path.name}: line {line} is not UTF-8 like line {self.decided_at or 1} "
                    "before it; the file mixes character encodings. Save it again as 'CSV UTF-8'."
                )
            return raw.decode("utf-8")
        if utf8:
            raise EncodingError(
                f"{self.path.name}: line {line} is UTF-8 but line {self.decided_at} before it is "
                f"{encoding_label(self.encoding)}; the file mixes character encodings. "
                "Save it again as 'CSV UTF-8'."
            )
        # Single-byte encodings decode any byte; the plausibility check was made on the
        # sample that chose the encoding.
        return raw.decode(self.encoding, errors="replace")


def first_decision(head: bytes) -> tuple[int, bool] | None:
    """(line number, is UTF-8) of the first line of `head` that is not plain ASCII."""
    lines = head.split(b"\n")
    if len(lines) > 1:
        lines = lines[:-1]
    for number, line in enumerate(lines, start=1):
        if not line.isascii():
            return number, _is_utf8(line)
    return None


def legacy_sample(head: bytes) -> bytes:
    """The lines of `head` that are neither ASCII nor UTF-8, for charset detection."""
    lines = head.split(b"\n")
    if len(lines) > 1:
        lines = lines[:-1]  # the last one may be cut in the middle of a character
    return b"\n".join(line for line in lines if not line.isascii() and not _is_utf8(line))
