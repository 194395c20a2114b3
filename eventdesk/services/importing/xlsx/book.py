"""The workbook's map: which parts hold its sheets, strings and date styles."""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import Path

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format

from eventdesk.services.importing.errors import ImportFileError, NotATableError
from eventdesk.services.importing.xlsx.limits import XLSX_LIMITS, XlsxLimits, check_directory, check_part
from eventdesk.services.importing.xlsx.xml import (
    BAD_BYTES,
    MAIN,
    MAIN_NAME,
    PACKAGE_REL,
    REL,
    feed,
    parse_part,
    part_error,
    stream_parser,
)

OFFICE_DOCUMENT = "/officeDocument"
WORKSHEET = "/worksheet"
SHARED_STRINGS = "/sharedStrings"
STYLES = "/styles"


@dataclass(frozen=True)
class XlsxSheet:
    title: str
    part: zipfile.ZipInfo


class XlsxBook:
    """An open workbook: its sheets in order, its shared strings and which styles are dates."""

    def __init__(self, path: Path, *, limits: XlsxLimits = XLSX_LIMITS) -> None:
        self.path = path
        self.name = path.name
        self.limits = limits
        try:
            self.archive = zipfile.ZipFile(path)
        except BAD_BYTES as exc:
            raise ImportFileError(
                f"{self.name} looks like an Excel workbook but its ZIP directory is damaged "
                "(a truncated download?); save or download it again."
            ) from exc
        try:
            check_directory(self.archive, name=self.name, limits=limits)
            self._read_map()
        except BAD_BYTES as exc:  # a value in the workbook's map that is not what it says
            self.archive.close()
            raise part_error(self.name, "its list of sheets, strings and styles", exc) from exc
        except BaseException:
            self.archive.close()
            raise

    def close(self) -> None:
        self.archive.close()

    # -- the parts ------------------------------------------------------------------------

    def _info(self, member: str, what: str, ceiling: int) -> zipfile.ZipInfo:
        try:
            info = self.archive.getinfo(member)
        except KeyError:
            raise ImportFileError(
                f"{self.name} cannot be read as an Excel workbook: its {what} ({member}) is missing."
            ) from None
        check_part(info, name=self.name, ceiling=ceiling, limits=self.limits, what=what)
        return info

    def _tree(self, member: str, what: str):  # type: ignore[no-untyped-def]
        info = self._info(member, what, self.limits.max_small_part_bytes)
        try:
            return parse_part(self.archive, info)
        except BAD_BYTES as exc:
            raise part_error(self.name, member, exc) from exc

    def _relationships(self, owner: str) -> dict[str, tuple[str, str]]:
        """Id → (type, member) of a part's relationships; {} when it has none."""
        folder, base = posixpath.split(owner)
        member = posixpath.join(folder, "_rels", f"{base}.rels")
        if member not in self.archive.NameToInfo:
            return {}
        tree = self._tree(member, "relationships")
        found = {}
        for rel in tree.iter(f"{PACKAGE_REL}Relationship"):
            target = rel.get("Target", "")
            if rel.get("TargetMode") == "External" or not target:
                continue
            resolved = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            found[rel.get("Id", "")] = (rel.get("Type", ""), posixpath.normpath(resolved))
        return found

    def _read_map(self) -> None:
        package = self._relationships("")
        workbook = next(
            (member for kind, member in package.values() if kind.endswith(OFFICE_DOCUMENT)), "xl/workbook.xml"
        )
        if workbook not in self.archive.NameToInfo:
            raise NotATableError(
                f"{self.name} is a ZIP archive but not an Excel workbook (.xlsx); "
                "an OpenDocument or Word file? Save it as .xlsx or CSV."
            )
        tree = self._tree(workbook, "workbook")
        properties = tree.find(f"{MAIN}workbookPr")
        self.date1904 = properties is not None and properties.get("date1904", "0") in ("1", "true")
        rels = self._relationships(workbook)
        self.sheets: list[XlsxSheet] = []
        for sheet in tree.iter(f"{MAIN}sheet"):
            kind, member = rels.get(sheet.get(f"{REL}id", ""), ("", ""))
            if kind.endswith(WORKSHEET) and member in self.archive.NameToInfo:
                # Its size is judged when it is read: a huge sheet after the list does not matter.
                info = self.archive.getinfo(member)
                self.sheets.append(XlsxSheet(sheet.get("name", "") or posixpath.basename(member), info))
        self._strings_part = next((m for k, m in rels.values() if k.endswith(SHARED_STRINGS)), None)
        styles = next((m for k, m in rels.values() if k.endswith(STYLES)), None)
        self.date_styles = self._date_styles(styles) if styles in self.archive.NameToInfo else frozenset()
        self._strings: list[str] | None = None

    def _date_styles(self, member: str) -> frozenset[int]:
        """Indexes of the cell formats whose number format shows a date or a time."""
        tree = self._tree(member, "styles")
        codes: dict[str, str] = {str(number): code for number, code in BUILTIN_FORMATS.items()}
        for fmt in tree.iter(f"{MAIN}numFmt"):
            codes[fmt.get("numFmtId", "").strip()] = fmt.get("formatCode", "")
        cell_formats = tree.find(f"{MAIN}cellXfs")
        if cell_formats is None:
            return frozenset()
        # A style whose number format is missing or garbled is simply not a date: its cells
        # then read as the numbers they hold, which the report shows, rather than failing.
        dates = set()
        for index, xf in enumerate(cell_formats.iter(f"{MAIN}xf")):
            code = codes.get(xf.get("numFmtId", "0").strip(), "")
            if code and is_date_format(code):
                dates.add(index)
        return frozenset(dates)

    @property
    def shared_strings(self) -> list[str]:
        """Read on first use, streaming, with a ceiling on their number."""
        if self._strings is None:
            member = self._strings_part
            self._strings = [] if member is None else self._read_strings(member)
        return self._strings

    def _read_strings(self, member: str) -> list[str]:
        info = self._info(member, "shared strings", self.limits.max_shared_strings_bytes)
        collector = _StringCollector(self.limits.max_shared_strings)
        try:
            with self.archive.open(info) as stream:
                parser = stream_parser(collector.start, collector.end, collector.text)
                while feed(parser, stream):
                    pass
        except _TooManyStrings:
            raise ImportFileError(
                f"{self.name} holds more than {self.limits.max_shared_strings:,} different "
                "texts, more than an import reads; split the list or save it as CSV."
            ) from None
        except BAD_BYTES as exc:
            raise part_error(self.name, member, exc) from exc
        return collector.strings

    def open_sheet(self, sheet: XlsxSheet) -> zipfile.ZipExtFile:
        check_part(
            sheet.part, name=self.name, ceiling=self.limits.max_sheet_bytes, limits=self.limits,
            what=f"sheet '{sheet.title}'",
        )  # fmt: skip
        return self.archive.open(sheet.part)


class _TooManyStrings(Exception):
    pass


class _StringCollector:
    """expat's callbacks for the shared strings: the text of each `<si>`, its `<t>` or its
    rich-text runs' `<t>`, phonetic hints (`<rPh>`) left out."""

    SI, T, PHONETIC = f"{MAIN_NAME}si", f"{MAIN_NAME}t", f"{MAIN_NAME}rPh"

    def __init__(self, ceiling: int) -> None:
        self.ceiling = ceiling
        self.strings: list[str] = []
        self.parts: list[str] = []
        self.collecting = False
        self.phonetic = 0

    def start(self, name: str, attributes: dict[str, str]) -> None:
        if name == self.T and not self.phonetic:
            self.collecting = True
        elif name == self.SI:
            self.parts = []
        elif name == self.PHONETIC:
            self.phonetic += 1

    def text(self, data: str) -> None:
        if self.collecting:
            self.parts.append(data)

    def end(self, name: str) -> None:
        if name == self.T:
            self.collecting = False
        elif name == self.SI:
            self.strings.append("".join(self.parts))
            if len(self.strings) > self.ceiling:
                raise _TooManyStrings
        elif name == self.PHONETIC:
            self.phonetic -= 1
