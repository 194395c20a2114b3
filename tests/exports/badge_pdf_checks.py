"""Checks a person would make on a badge PDF, shared by the export, service and CLI tests."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pypdfium2
import zxingcpp

SCAN_DPI = 150


def decode_pages(pdf: Path | bytes, dpi: int = SCAN_DPI) -> list[list[str]]:
    """Every QR code a real decoder reads on each page rendered at `dpi`, page by page."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        pages = []
        for page in document:
            image = page.render(scale=dpi / 72).to_pil().convert("L")
            found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
            pages.append([result.text for result in found])
        return pages
    finally:
        document.close()


def pdf_text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def qpdf_check(pdf: Path) -> None:
    result = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def fonts(pdf: Path) -> list[dict[str, str]]:
    """`pdffonts` rows as dicts: name, type, emb (yes/no)."""
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        parts = line.split()
        # name type [type…] encoding emb sub uni object ID
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows


def assert_fonts_embedded(pdf: Path) -> None:
    rows = fonts(pdf)
    assert rows, "the PDF uses no font at all"
    for row in rows:
        assert row["emb"] == "yes", f"{row['name']} is not embedded"
        assert "Helvetica" not in row["name"] and "Times" not in row["name"] and "Courier" not in row["name"]
    assert b"/Helvetica" not in Path(pdf).read_bytes()
