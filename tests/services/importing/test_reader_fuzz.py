"""Property-based fuzzing of the CSV and XLSX readers: whatever the bytes, a reader either reads
rows or stops with one sentence naming the file; nothing else escapes, and what it reads is
clean (no control characters, line numbers that only go forward)."""

from __future__ import annotations

import re
import tempfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventdesk.services.importing.errors import ImportFileError
from eventdesk.services.importing.sources import open_table
from tests.services.importing.hostile_corpus import (
    NS,
    RELATIONSHIP,
    RNS,
    STYLES,
    column_letters,
    good_workbook,
    people_rows,
    sheet,
    write_workbook,
)

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
FUZZ = settings(
    max_examples=150,
    deadline=3000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _read_all(path: Path) -> None:
    """Read the file as the importer does; check what comes out or how it stops."""
    try:
        with open_table(path) as table:
            assert len(table.header) <= 500
            previous = table.header_line
            for row in table.rows():
                assert row.line > previous
                previous = row.last_line or row.line
                assert not any(CONTROL.search(cell) for cell in row.cells), row
    except ImportFileError as error:
        message = str(error)
        assert "\n" not in message and path.name in message, message


def _in_file(data: bytes, suffix: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="fuzz-"))
    path = folder / f"people{suffix}"
    path.write_bytes(data)
    return path


CSV_ALPHABET = st.sampled_from(
    [",", ";", "\t", "|", '"', '""', "\n", "\r\n", "\r", "\x00", "\x07", "\x1b", "\ufeff", "\u200b",
     "＝", "=", "é", "Ø", "ß", "李", "a", "b", "Sophie", "sophie@example.be", " ", "sep=;\n"]
)  # fmt: skip


@FUZZ
@given(
    header=st.lists(st.text(min_size=0, max_size=12), min_size=1, max_size=8),
    body=st.lists(CSV_ALPHABET, max_size=400),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
)
def test_any_csv_is_read_or_refused_with_one_sentence(
    header: list[str], body: list[str], encoding: str
) -> None:
    text = ",".join(header) + "\n" + "".join(body)
    data = text.encode(encoding, errors="replace")
    _read_all(_in_file(data, ".csv"))


@FUZZ
@given(data=st.binary(max_size=4000), suffix=st.sampled_from([".csv", ".txt", ".xlsx"]))
def test_any_bytes_are_read_or_refused_with_one_sentence(data: bytes, suffix: str) -> None:
    _read_all(_in_file(data, suffix))


_WORKBOOK = Path(tempfile.mkdtemp(prefix="fuzz-book-")) / "good.xlsx"
good_workbook(_WORKBOOK)
GOOD_XLSX = _WORKBOOK.read_bytes()


@FUZZ
@given(
    flips=st.lists(st.tuples(st.integers(0, len(GOOD_XLSX) - 1), st.integers(0, 255)), max_size=6),
    cut=st.one_of(st.none(), st.integers(0, len(GOOD_XLSX))),
)
def test_a_damaged_workbook_is_read_or_refused_with_one_sentence(
    flips: list[tuple[int, int]], cut: int | None
) -> None:
    data = bytearray(GOOD_XLSX)
    for offset, value in flips:
        data[offset] = value
    _read_all(_in_file(bytes(data[:cut] if cut is not None else data), ".xlsx"))


REFERENCE = st.one_of(
    st.builds(lambda c, r: f"{column_letters(c)}{r}", st.integers(1, 16_400), st.integers(0, 1_048_600)),
    st.text(alphabet="A1Z$:-", max_size=6),
    st.none(),
)
VALUE = st.one_of(
    st.integers(-(10**20), 10**20).map(str), st.floats(allow_nan=True).map(repr), st.text(max_size=8)
)
CELL = st.builds(
    lambda ref, kind, style, value: (
        "<c"
        + (f' r="{ref}"' if ref is not None else "")
        + (f' t="{kind}"' if kind else "")
        + (f' s="{style}"' if style is not None else "")
        + ">"
        + (f"<is><t>{value}</t></is>" if kind == "inlineStr" else f"<v>{value}</v>")
        + "</c>"
    ),
    REFERENCE,
    st.sampled_from(["", "s", "n", "b", "str", "e", "d", "inlineStr", "zz"]),
    st.one_of(st.none(), st.sampled_from(["0", "1", "7", "x"])),
    VALUE.map(lambda v: v.replace("&", "&amp;").replace("<", "&lt;")),
)
ROW = st.builds(
    lambda number, cells: (
        (f'<row r="{number}">' if number is not None else "<row>") + "".join(cells) + "</row>"
    ),
    st.one_of(st.none(), st.integers(-1, 1_048_600)),
    st.lists(CELL, max_size=6),
)


@FUZZ
@given(rows=st.lists(ROW, max_size=12), strings=st.lists(st.text(max_size=6), max_size=4))
def test_any_sheet_is_read_or_refused_with_one_sentence(rows: list[str], strings: list[str]) -> None:
    escaped = [s.replace("&", "&amp;").replace("<", "&lt;") for s in strings]
    shared = f"<sst {NS}>" + "".join(f"<si><t>{s}</t></si>" for s in escaped) + "</sst>"
    path = _in_file(b"", ".xlsx")
    try:
        write_workbook(
            path,
            sheet(people_rows() + "".join(rows)),
            shared=[shared.encode("utf-8", "replace")],
            parts={"xl/styles.xml": STYLES},
        )
    except ValueError:  # text hypothesis made that XML cannot hold is fine as long as the writer says so
        return
    _read_all(path)


def test_the_fuzzed_workbook_itself_is_read() -> None:
    with open_table(_WORKBOOK) as table:
        assert table.header == ["First name", "Last name", "Email", "Company"]
        assert len(list(table.rows())) == 3
    with zipfile.ZipFile(_WORKBOOK) as archive:
        assert "xl/worksheets/sheet1.xml" in archive.namelist()


ATTRIBUTE = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12).map(
    lambda v: v.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
)


@FUZZ
@given(
    date1904=ATTRIBUTE,
    sheet_name=ATTRIBUTE,
    relation=ATTRIBUTE,
    target=st.one_of(ATTRIBUTE, st.sampled_from(["/xl/worksheets/sheet1.xml", "../../etc/passwd", "", "."])),
    format_id=ATTRIBUTE,
    format_code=ATTRIBUTE,
    style=ATTRIBUTE,
)
def test_a_workbooks_map_with_any_values_is_read_or_refused_with_one_sentence(
    date1904: str, sheet_name: str, relation: str, target: str, format_id: str, format_code: str, style: str
) -> None:
    workbook = (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook {NS} {RNS}><workbookPr date1904="{date1904}"/>'
        f'<sheets><sheet name="{sheet_name}" sheetId="1" r:id="{relation}"/>'
        '<sheet name="Second" sheetId="2" r:id="rId1"/></sheets></workbook>'
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="{relation}" Type="{RELATIONSHIP}worksheet" Target="{target}"/>'
        f'<Relationship Id="rId1" Type="{RELATIONSHIP}worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId3" Type="{RELATIONSHIP}styles" Target="styles.xml"/></Relationships>'
    )
    styles = (
        f'<styleSheet {NS}><numFmts><numFmt numFmtId="{format_id}" formatCode="{format_code}"/></numFmts>'
        f'<cellXfs><xf numFmtId="{format_id}"/><xf numFmtId="14"/></cellXfs></styleSheet>'
    )
    body = people_rows().replace("</row>", f'<c r="E2" s="{style}"><v>46000</v></c></row>', 2)
    path = _in_file(b"", ".xlsx")
    write_workbook(
        path,
        sheet(body),
        parts={
            "xl/workbook.xml": workbook.encode(),
            "xl/_rels/workbook.xml.rels": rels.encode(),
            "xl/styles.xml": styles.encode(),
        },
    )
    _read_all(path)
