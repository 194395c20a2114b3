"""The hostile and broken files an organiser gets, made on the spot (no blobs in the repository).

Each case says what a good importer does with it: refuse it with one sentence containing
`words`, or import it with a report of `rows` data rows. Workbooks are written part by part
with `zipfile`, so a case can be exactly as broken as the tools that make such files: a lying
`<dimension>`, a shared-strings bomb, a bit flipped in a ZIP stream, an XML entity bomb.

    python -m tests.services.importing.hostile_corpus DIR     # writes every case into DIR
"""

from __future__ import annotations

import random
import struct
import sys
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

HEADER = ["First name", "Last name", "Email", "Company"]
PEOPLE = [
    ["Sophie", "Van de Velde", "sophie@example.be", "Demo NV"],
    ["Lars", "Ødegård", "lars@example.no", "Fjord AS"],
    ["Zoë", "ter Horst", "zoe@example.nl", "Polder BV"],
]


@dataclass(frozen=True)
class HostileFile:
    name: str
    outcome: str  # "refused" or "imported"
    words: str = ""  # in the refusal, or in a report entry's reason
    rows: int | None = None  # data rows the report must account for

    def path(self, folder: Path) -> Path:
        return folder / self.name


Maker = Callable[[Path], None]
CASES: list[tuple[HostileFile, Maker]] = []


def case(name: str, outcome: str, words: str = "", rows: int | None = None) -> Callable[[Maker], Maker]:
    def register(make: Maker) -> Maker:
        CASES.append((HostileFile(name, outcome, words, rows), make))
        return make

    return register


def build(folder: Path) -> list[HostileFile]:
    """Write every case into `folder` and say what each should do."""
    folder.mkdir(parents=True, exist_ok=True)
    for spec, make in CASES:
        make(spec.path(folder))
    return [spec for spec, _ in CASES]


# -- workbooks, part by part --------------------------------------------------------------

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
RNS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/xl/workbook.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    b"</Types>"
)
PACKAGE_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8"?><workbook {NS} {RNS}><sheets>'
    '<sheet name="Attendees" sheetId="1" r:id="rId1"/></sheets></workbook>'
).encode()
RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{RELATIONSHIP}worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{RELATIONSHIP}sharedStrings" Target="sharedStrings.xml"/>'
    f'<Relationship Id="rId3" Type="{RELATIONSHIP}styles" Target="styles.xml"/>'
    "</Relationships>"
).encode()
# Style 1 is a date (built-in format 14), as Excel writes a date column.
STYLES = (
    f'<?xml version="1.0" encoding="UTF-8"?><styleSheet {NS}>'
    '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs>'
    "</styleSheet>"
).encode()


def xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def inline_row(number: int, cells: Iterable[str], *, first_column: int = 1) -> str:
    parts = []
    for offset, text in enumerate(cells):
        ref = f"{column_letters(first_column + offset)}{number}"
        parts.append(f'<c r="{ref}" t="inlineStr"><is><t>{xml_text(text)}</t></is></c>')
    return f'<row r="{number}">{"".join(parts)}</row>'


def column_letters(index: int) -> str:
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def people_rows(start: int = 1) -> str:
    rows = [inline_row(start, HEADER)]
    rows += [inline_row(start + n, person) for n, person in enumerate(PEOPLE, start=1)]
    return "".join(rows)


def sheet(
    body: str | Iterable[bytes], *, dimension: str = "", before: str = "", after: str = ""
) -> Iterator[bytes]:
    head = f'<?xml version="1.0" encoding="UTF-8"?>{before}<worksheet {NS}>'
    if dimension:
        head += f'<dimension ref="{dimension}"/>'
    yield (head + "<sheetData>").encode()
    if isinstance(body, str):
        yield body.encode()
    else:
        yield from body
    yield f"</sheetData>{after}</worksheet>".encode()


def write_workbook(
    path: Path,
    sheet_xml: Iterable[bytes] | None,
    *,
    shared: Iterable[bytes] | None = None,
    parts: dict[str, bytes] | None = None,
    level: int = 6,
) -> None:
    """A workbook with the given sheet (streamed into the ZIP) and any part replaced."""
    chosen = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": PACKAGE_RELS,
        "xl/workbook.xml": WORKBOOK,
        "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
        "xl/styles.xml": STYLES,
        **(parts or {}),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for member, data in chosen.items():
            archive.writestr(member, data)
        if sheet_xml is not None:
            with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as out:
                for chunk in sheet_xml:
                    out.write(chunk)
        if shared is not None:
            with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as out:
                for chunk in shared:
                    out.write(chunk)


def good_workbook(path: Path) -> None:
    write_workbook(path, sheet(people_rows()))


def claim_size(path: Path, member: str, size: int) -> None:
    """Make the ZIP directory state `size` as the member's uncompressed size (a lie)."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    index = data.find(b"PK\x01\x02")
    while index != -1:
        name_length = struct.unpack_from("<H", data, index + 28)[0]
        if data[index + 46 : index + 46 + name_length] == name:
            struct.pack_into("<I", data, index + 24, min(size, 0xFFFFFFFE))
            break
        index = data.find(b"PK\x01\x02", index + 4)
    path.write_bytes(bytes(data))


# -- spreadsheets that lie or explode -------------------------------------------------------


@case("dimension_whole_grid_one_far_cell.xlsx", "refused", "cell XFD1048576")
def _far_cell(path: Path) -> None:
    body = people_rows() + '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    write_workbook(path, sheet(body, dimension="A1:XFD1048576"))


@case("dimension_lies.xlsx", "imported", rows=3)
def _dimension_lies(path: Path) -> None:
    # The whole grid claimed, four rows there; empty styled cells far to the right.
    body = people_rows().replace("</row>", '<c r="XFD1" s="0"/></row>', 1)
    write_workbook(path, sheet(body, dimension="A1:XFD1048576"))


@case("a_million_empty_rows.xlsx", "imported", rows=3)
def _empty_rows(path: Path) -> None:
    def body() -> Iterator[bytes]:
        yield people_rows().encode()
        for start in range(5, 1_000_005, 50_000):
            yield "".join(
                f'<row r="{n}" spans="1:16384" s="0"/>' for n in range(start, start + 50_000)
            ).encode()

    write_workbook(path, sheet(body(), dimension="A1:D1000004"))


@case("rows_past_excels_last_row.xlsx", "refused", "row 1048577")
def _past_last_row(path: Path) -> None:
    write_workbook(path, sheet(people_rows() + '<row r="1048577"><c r="A1048577"><v>1</v></c></row>'))


@case("a_value_on_the_last_row.xlsx", "imported", rows=1_048_575)
def _last_row(path: Path) -> None:
    body = people_rows() + inline_row(1_048_576, ["Late", "Comer", "late@example.org", ""])
    write_workbook(path, sheet(body))


@case("sheet_of_spaces_ratio.xlsx", "refused", "compressed")
def _spaces(path: Path) -> None:
    def body() -> Iterator[bytes]:
        yield people_rows().encode()
        block = b" " * (1 << 20)
        for _ in range(100):
            yield block

    write_workbook(path, sheet(body()), level=1)


@case("sheet_claims_a_gigabyte.xlsx", "refused", "would unpack to 1,024 MB")
def _claims(path: Path) -> None:
    write_workbook(path, None, parts={"xl/worksheets/sheet1.xml": b"".join(sheet(people_rows()))})
    claim_size(path, "xl/worksheets/sheet1.xml", 1 << 30)


@case("sheet_understates_its_size.xlsx", "refused", "cannot be read")
def _understates(path: Path) -> None:
    write_workbook(path, None, parts={"xl/worksheets/sheet1.xml": b"".join(sheet(people_rows()))})
    claim_size(path, "xl/worksheets/sheet1.xml", 300)


@case("shared_strings_bomb.xlsx", "refused", "different texts")
def _strings_bomb(path: Path) -> None:
    def strings() -> Iterator[bytes]:
        yield f'<?xml version="1.0" encoding="UTF-8"?><sst {NS}>'.encode()
        for start in range(0, 1_100_000, 100_000):
            yield "".join(f"<si><t>{n:x}</t></si>" for n in range(start, start + 100_000)).encode()
        yield b"</sst>"

    body = "".join(
        f'<row r="{r}">'
        + "".join(f'<c r="{column_letters(c)}{r}" t="s"><v>{r * 4 + c}</v></c>' for c in range(1, 5))
        + "</row>"
        for r in range(1, 5)
    )
    write_workbook(path, sheet(body), shared=strings())


@case("shared_strings_claim_a_gigabyte.xlsx", "refused", "shared strings")
def _strings_claim(path: Path) -> None:
    strings = f"<sst {NS}><si><t>Sophie</t></si></sst>".encode()
    write_workbook(
        path,
        sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'),
        parts={"xl/sharedStrings.xml": strings},
    )
    claim_size(path, "xl/sharedStrings.xml", 1 << 30)


@case("ten_thousand_zip_entries.xlsx", "refused", "entries in its ZIP directory")
def _entries(path: Path) -> None:
    good_workbook(path)
    with zipfile.ZipFile(path, "a") as archive:
        for n in range(10_000):
            archive.writestr(f"xl/media/image{n}.png", b"")


@case("one_row_of_a_hundred_thousand_cells.xlsx", "refused", "beyond the 500 columns")
def _wide_row(path: Path) -> None:
    cells = "".join(f"<c><v>{n}</v></c>" for n in range(100_000))
    write_workbook(path, sheet(people_rows() + f'<row r="5">{cells}</row>'))


@case("sixteen_thousand_empty_cells_in_a_row.xlsx", "imported", rows=3)
def _wide_empty(path: Path) -> None:
    cells = "".join('<c s="0"/>' for _ in range(16_000))
    write_workbook(path, sheet(people_rows().replace("</row>", cells + "</row>", 1)))


@case("a_second_sheet_that_claims_a_gigabyte.xlsx", "imported", rows=3)
def _huge_second_sheet(path: Path) -> None:
    workbook = WORKBOOK.replace(b"</sheets>", b'<sheet name="Pivot cache" sheetId="2" r:id="rId4"/></sheets>')
    rels = WORKBOOK_RELS.replace(
        b"</Relationships>",
        f'<Relationship Id="rId4" Type="{RELATIONSHIP}worksheet" Target="worksheets/sheet2.xml"/>'.encode()
        + b"</Relationships>",
    )
    second = b"".join(sheet(inline_row(1, ["x"])))
    write_workbook(
        path,
        sheet(people_rows()),
        parts={
            "xl/workbook.xml": workbook,
            "xl/_rels/workbook.xml.rels": rels,
            "xl/worksheets/sheet2.xml": second,
        },
    )
    claim_size(path, "xl/worksheets/sheet2.xml", 1 << 30)


@case("styles_with_garbled_number_formats.xlsx", "imported", rows=3)
def _garbled_styles(path: Path) -> None:
    styles = (
        f'<?xml version="1.0" encoding="UTF-8"?><styleSheet {NS}>'
        '<numFmts count="1"><numFmt numFmtId="abc" formatCode="yyyy-mm-dd"/></numFmts>'
        '<cellXfs count="2"><xf numFmtId="x"/><xf numFmtId="abc"/></cellXfs></styleSheet>'
    ).encode()
    body = people_rows().replace("</row>", '<c r="E2" s="1"><v>46000</v></c></row>', 2)
    write_workbook(path, sheet(body), parts={"xl/styles.xml": styles})


# -- broken workbooks ------------------------------------------------------------------------


def _truncated(fraction: float) -> Maker:
    def make(path: Path) -> None:
        good_workbook(path)
        data = path.read_bytes()
        path.write_bytes(data[: int(len(data) * fraction)])

    return make


for _fraction in (0.1, 0.5, 0.9, 0.99):
    case(f"truncated_{int(_fraction * 100)}.xlsx", "refused", "ZIP")(_truncated(_fraction))


def _flipped(seed: int) -> Maker:
    def make(path: Path) -> None:
        good_workbook(path)
        data = bytearray(path.read_bytes())
        chance = random.Random(seed)
        for _ in range(1 + seed % 3):
            data[chance.randrange(30, len(data))] ^= 1 << chance.randrange(8)
        path.write_bytes(bytes(data))

    return make


# Flipped bits land anywhere: most break a CRC or the deflate stream, some a header field that
# zipfile tolerates; any clear outcome is right, a traceback is not.
for _seed in range(12):
    case(f"bit_flipped_{_seed}.xlsx", "either")(_flipped(_seed))

GARBAGE = b"\x00\xff<<<not xml at all &&& \xc3\x28"
for _member in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels", "_rels/.rels", "xl/styles.xml"):
    _slug = _member.replace("/", "_").replace(".", "_").strip("_")
    case(f"garbage_in_{_slug}.xlsx", "refused", "cannot be read")(
        lambda path, member=_member: write_workbook(path, sheet(people_rows()), parts={member: GARBAGE})
    )

case("garbage_in_content_types.xlsx", "imported", rows=3)(
    lambda path: write_workbook(path, sheet(people_rows()), parts={"[Content_Types].xml": GARBAGE})
)


@case("garbage_in_sheet.xlsx", "refused", "sheet 'Attendees'")
def _garbage_sheet(path: Path) -> None:
    write_workbook(path, [people_rows().encode(), GARBAGE])


@case("garbage_in_shared_strings.xlsx", "refused", "sharedStrings.xml")
def _garbage_strings(path: Path) -> None:
    write_workbook(path, sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'), shared=[GARBAGE])


@case("no_workbook_part.xlsx", "refused", "not an Excel workbook")
def _no_workbook(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", b"<document/>")


@case("sheet_part_missing.xlsx", "refused", "empty workbook")
def _no_sheet(path: Path) -> None:
    good_workbook(path)
    data = path.read_bytes().replace(b"xl/worksheets/sheet1.xml", b"xl/worksheets/sheetX.xml")
    path.write_bytes(data)


TWO_STRINGS = f'<sst {NS} count="2" uniqueCount="2"><si><t>Sophie</t></si><si><t>Lars</t></si></sst>'.encode()


def _bad_cell(name: str, cell: str, words: str) -> None:
    case(name, "refused", words)(
        lambda path: write_workbook(
            path, sheet(people_rows() + f'<row r="5">{cell}</row>'), shared=[TWO_STRINGS]
        )
    )


_bad_cell("bad_cell_reference.xlsx", '<c r="1A" t="inlineStr"><is><t>x</t></is></c>', "not a cell reference")
_bad_cell("cell_reference_past_xfd.xlsx", '<c r="XFE5"><v>1</v></c>', "beyond Excel's last column")
_bad_cell("shared_string_index_too_big.xlsx", '<c r="B5" t="s"><v>999</v></c>', "cell B5")
_bad_cell("shared_string_index_negative.xlsx", '<c r="B5" t="s"><v>-1</v></c>', "cell B5")
_bad_cell("shared_string_index_not_a_number.xlsx", '<c r="B5" t="s"><v>abc</v></c>', "cell B5")
_bad_cell("date_out_of_range.xlsx", '<c r="C5" s="1"><v>1e300</v></c>', "cell C5")
_bad_cell("date_not_a_number.xlsx", '<c r="C5" s="1"><v>tomorrow</v></c>', "cell C5")
_bad_cell("iso_date_not_a_date.xlsx", '<c r="C5" t="d"><v>2027-13-45</v></c>', "cell C5")
_bad_cell("boolean_not_a_boolean.xlsx", '<c r="D5" t="b"><v>7</v></c>', "cell D5")
_bad_cell("unknown_cell_type.xlsx", '<c r="D5" t="zz"><v>7</v></c>', "cell D5")


@case("rows_out_of_order.xlsx", "refused", "out of order")
def _out_of_order(path: Path) -> None:
    write_workbook(path, sheet(people_rows() + inline_row(2, ["Again", "Two", "", ""])))


LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
    '<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>'
)
EXTERNAL = '<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'


@case("billion_laughs_in_sheet.xlsx", "refused", "declares XML entities")
def _laughs(path: Path) -> None:
    write_workbook(
        path,
        sheet(
            inline_row(1, HEADER) + inline_row(2, ["&lol4;", "x", "", ""]).replace("&amp;", "&"),
            before=LAUGHS,
        ),
    )


@case("external_entity_in_shared_strings.xlsx", "refused", "declares XML entities")
def _external(path: Path) -> None:
    strings = f'<?xml version="1.0"?>{EXTERNAL}<sst {NS}><si><t>&secret;</t></si></sst>'.encode()
    write_workbook(path, sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'), shared=[strings])


@case("external_entity_in_workbook.xlsx", "refused", "declares XML entities")
def _external_workbook(path: Path) -> None:
    workbook = WORKBOOK.replace(b"<workbook", EXTERNAL.encode() + b"<workbook", 1)
    write_workbook(path, sheet(people_rows()), parts={"xl/workbook.xml": workbook})


@case("dates_numbers_booleans.xlsx", "imported", rows=3)
def _typed(path: Path) -> None:
    extra = (
        '<c r="E{r}" s="1"><v>46000</v></c><c r="F{r}" t="b"><v>1</v></c><c r="G{r}"><v>31612345678</v></c>'
    )
    body = inline_row(1, [*HEADER, "Date", "Flag", "Phone"])
    for n, person in enumerate(PEOPLE, start=2):
        body += inline_row(n, person).replace("</row>", extra.format(r=n) + "</row>")
    write_workbook(path, sheet(body))


# -- CSV extremes ------------------------------------------------------------------------------


@case("header_of_a_million_columns.csv", "refused", "1,000,000 columns")
def _million_columns(path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write(",".join(f"c{n}" for n in range(1_000_000)) + "\n")
        out.write("Sophie,sophie@example.be\n")


@case("header_of_600_columns.csv", "refused", "600 columns")
def _600_columns(path: Path) -> None:
    path.write_text(",".join(f"Question {n}" for n in range(600)) + "\n" + "a," * 599 + "a\n", "utf-8")


@case("header_of_400_columns.csv", "imported", rows=3)
def _400_columns(path: Path) -> None:
    names = [*HEADER, *(f"Question {n}" for n in range(396))]
    lines = [",".join(names)] + [",".join(person + ["yes"] * 396) for person in PEOPLE]
    path.write_text("\n".join(lines) + "\n", "utf-8")


@case("a_row_of_100000_fields.csv", "imported", rows=3)
def _wide_csv(path: Path) -> None:
    lines = [
        ",".join(HEADER),
        ",".join(PEOPLE[0] + ["x"] * 100_000),
        ",".join(PEOPLE[1]),
        ",".join(PEOPLE[2]),
    ]
    path.write_text("\n".join(lines) + "\n", "utf-8")


@case("nul_after_8_kb.csv", "imported", "control characters", rows=300)
def _nul(path: Path) -> None:
    lines = [",".join(HEADER)] + [f"Person,Number {n},p{n}@example.org,Firm" for n in range(299)]
    lines.append("Nul,\x00\x00,nul@example.org,Firm\x00 NV")
    path.write_text("\n".join(lines) + "\n", "utf-8")


@case("control_characters_in_some_cells.csv", "imported", "control characters", rows=203)
def _controls(path: Path) -> None:
    lines = [",".join(HEADER)] + [f"Person,Number {n},p{n}@example.org,Firm" for n in range(200)]
    lines += [
        ",".join(f"{cell}\x07\x1b" if n % 2 else cell for n, cell in enumerate(person)) for person in PEOPLE
    ]
    path.write_text("\n".join(lines) + "\n", "utf-8")


@case("unclosed_quote_at_the_end.csv", "refused", "line 4 is malformed")
def _unclosed_end(path: Path) -> None:
    path.write_text(
        ",".join(HEADER) + '\nSophie,V,s@example.be,X\nLars,O,l@example.no,Y\nZoë,"Smith,a@b.org,,X\n',
        "utf-8",
    )


@case("unclosed_quote_in_the_middle.csv", "refused", "line 2")
def _unclosed_middle(path: Path) -> None:
    lines = [",".join(HEADER), 'Sophie,"Van de Velde,s@example.be,X'] + [",".join(p) for p in PEOPLE * 20_000]
    path.write_text("\n".join(lines) + "\n", "utf-8")


@case("one_line_of_50_mb.csv", "refused", "line 2 is longer than 8 MB")
def _long_line(path: Path) -> None:
    path.write_text(",".join(HEADER) + "\n" + "x" * 50_000_000 + "\n", "utf-8")


@case("a_million_empty_lines.csv", "imported", rows=1_000_003)
def _empty_lines(path: Path) -> None:
    lines = [",".join(HEADER)] + [",".join(p) for p in PEOPLE] + [",,,"] * 1_000_000
    path.write_text("\n".join(lines) + "\n", "utf-8")


@case("random_bytes.csv", "refused", "binary data")
def _random(path: Path) -> None:
    path.write_bytes(random.Random(4).randbytes(200_000))


@case("utf16_cut_in_half_a_character.csv", "refused", "UTF-16")
def _utf16_cut(path: Path) -> None:
    text = "\n".join(",".join(row) for row in [HEADER, *PEOPLE]) + "\n"
    path.write_bytes(text.encode("utf-16")[:-1])


@case("utf8_cut_in_half_a_character.csv", "either")
def _utf8_cut(path: Path) -> None:
    text = "\n".join(",".join(row) for row in [HEADER, *PEOPLE])
    path.write_bytes((text + ",Ø").encode()[:-1])


@case("no_line_ends_at_all_50_mb.csv", "refused", "line 1 is longer than 8 MB")
def _no_line_ends(path: Path) -> None:
    path.write_text(",".join(["Name"] * 5) + ",x" * 25_000_000, "utf-8")


@case("utf16_one_endless_line_40_mb.csv", "refused", "line 2 is longer than 8 MB")
def _utf16_endless(path: Path) -> None:
    # UTF-16 is decoded by another path than bytes: the line cap must hold there as well.
    with path.open("wb") as out:
        out.write((",".join(HEADER) + "\n").encode("utf-16"))
        block = ("x," * 1_000_000).encode("utf-16-le")
        for _ in range(10):
            out.write(block)


@case("utf16_without_line_ends_40_mb.csv", "refused", "line 1 is longer than 8 MB")
def _utf16_no_line_ends(path: Path) -> None:
    with path.open("wb") as out:
        out.write("Name,".encode("utf-16"))
        block = ("Name," * 400_000).encode("utf-16-le")
        for _ in range(10):
            out.write(block)


@case("mixed_line_endings.csv", "imported", rows=3)
def _line_endings(path: Path) -> None:
    rows = [",".join(row) for row in [HEADER, *PEOPLE]]
    path.write_bytes((rows[0] + "\r\n" + rows[1] + "\n" + rows[2] + "\r\n" + rows[3] + "\n").encode())


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m tests.services.importing.hostile_corpus DIR", file=sys.stderr)
        return 2
    for spec in build(Path(argv[0])):
        print(spec.name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
