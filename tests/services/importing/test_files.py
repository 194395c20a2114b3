"""Files as they arrive: encodings, separators, broken files, huge files, cancel."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from eventdesk.domain.errors import Cancelled
from eventdesk.domain.progress import Progress
from eventdesk.services.importing import import_file, inspect_file
from eventdesk.services.importing.errors import (
    EmptyFileError,
    EncodingError,
    HeadersOnlyError,
    ImportFileError,
    NotATableError,
)
from tests.factories import EventFactory
from tests.services.importing.support import SAMPLES, people, snapshot


@pytest.mark.parametrize(
    ("name", "error", "words"),
    [
        ("empty.csv", EmptyFileError, "empty.csv is empty"),
        ("headers_only.csv", HeadersOnlyError, "headers_only.csv has column headers but no rows"),
        ("binary.csv", NotATableError, "binary.csv is not a CSV, TSV or Excel file"),
        ("mixed_encodings.csv", EncodingError, "line 4 is not UTF-8 like line 2"),
    ],
)
def test_bad_files_get_one_clear_sentence_and_change_nothing(
    events: EventFactory, name: str, error: type[Exception], words: str
) -> None:
    doc = events.demo(attendees=20, companies=3)
    before = snapshot(doc)
    with pytest.raises(error) as caught:
        import_file(doc=doc, path=SAMPLES / name)
    assert words in str(caught.value)
    assert "\n" not in str(caught.value)
    assert snapshot(doc) == before


def test_files_people_pick_by_mistake_are_named(tmp_path: Path) -> None:
    old_excel = tmp_path / "list.xls"
    old_excel.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(NotATableError, match=r"old Excel \.xls"):
        inspect_file(path=old_excel)
    pdf = tmp_path / "list.csv"
    pdf.write_bytes(b"%PDF-1.7\n...")
    with pytest.raises(NotATableError, match="is a PDF document"):
        inspect_file(path=pdf)
    with pytest.raises(ImportFileError, match="There is no file"):
        inspect_file(path=tmp_path / "missing.csv")


def test_a_workbook_with_only_headers_is_refused(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["First name", "Last name", "Email"])
    path = tmp_path / "headers.xlsx"
    book.save(path)
    with pytest.raises(HeadersOnlyError):
        inspect_file(path=path).sample  # noqa: B018


def test_an_unclosed_quote_names_the_line(events: EventFactory, tmp_path: Path) -> None:
    path = tmp_path / "broken.csv"
    path.write_text('Name,Email\n"Sophie,sophie@example.be\nLars,lars@example.dk\n' + "x," * 70000, "utf-8")
    doc = events.empty()
    with pytest.raises(ImportFileError, match="starting on line 2"):
        import_file(doc=doc, path=path)
    assert people(doc) == {}


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ('Name,Email,Company\nSophie Van de Velde,s@example.be,"Demo, Inc"\n', ","),
        ("Name;Email;Company\nSophie Van de Velde;s@example.be;Demo, Inc\n", ";"),
        ("Name\tEmail\tCompany\nSophie Van de Velde\ts@example.be\tDemo, Inc\n", "\t"),
        ("Name|Email|Company\nSophie Van de Velde|s@example.be|Demo, Inc\n", "|"),
        ("sep=;\nName;Email;Company\nSophie Van de Velde;s@example.be;Demo, Inc\n", ";"),
    ],
)
def test_separators_are_detected(events: EventFactory, tmp_path: Path, text: str, delimiter: str) -> None:
    path = tmp_path / "people.csv"
    path.write_text(text, "utf-8")
    preview = inspect_file(path=path)
    assert preview.source.delimiter == delimiter
    assert preview.headers == ["Name", "Email", "Company"]
    doc = events.empty()
    import_file(doc=doc, path=path)
    assert people(doc)["Sophie Van de Velde"].organisation == "Demo, Inc"


def test_a_single_column_of_emails_imports(events: EventFactory, tmp_path: Path) -> None:
    path = tmp_path / "emails.csv"
    path.write_text("E-mail\nsophie@example.be\nlars@example.dk\n", "utf-8")
    doc = events.empty()
    report = import_file(doc=doc, path=path).report
    assert report.created == 2


def test_old_mac_line_endings(events: EventFactory, tmp_path: Path) -> None:
    path = tmp_path / "mac.csv"
    path.write_bytes("Voornaam;Achternaam\rAnaïs;Verhoeven\rJürgen;Groß\r".encode("cp1252"))
    doc = events.empty()
    import_file(doc=doc, path=path)
    assert set(people(doc)) == {"Anaïs Verhoeven", "Jürgen Groß"}


def test_windows_1252_that_is_really_central_european_is_not_guessed_wrong(tmp_path: Path) -> None:
    path = tmp_path / "pl.csv"
    path.write_bytes("Imię;Nazwisko\nŁukasz;Wójcik\nŻaneta;Łęcka\n".encode("cp1250"))
    preview = inspect_file(path=path)
    assert preview.source.encoding == "cp1250"
    assert preview.sample[0].cells[0] == "Łukasz"


def test_a_line_in_another_encoding_deep_in_the_file_rolls_everything_back(
    events: EventFactory, tmp_path: Path
) -> None:
    lines = ["Name;Email"] + [f"Zoë Person{i};zoe{i}@example.nl" for i in range(3500)]
    path = tmp_path / "late.csv"
    path.write_bytes("\n".join(lines).encode("utf-8") + "\nJoëlle Dupré;j@example.fr\n".encode("cp1252"))
    doc = events.demo(attendees=20, companies=3)
    before = snapshot(doc)
    with pytest.raises(EncodingError, match="line 3502"):
        import_file(doc=doc, path=path)
    assert snapshot(doc) == before


def _big_file(path: Path, megabytes: int) -> None:
    header = b"First name,Last name,Email,Company\n"
    block = b"".join(
        f"Zo\xc3\xab,Person {i},zoe{i}@example.nl,Demo Biotech\n".encode("latin-1") for i in range(10000)
    )
    with path.open("wb") as handle:
        handle.write(header)
        for _ in range(megabytes * (1 << 20) // len(block) + 1):
            handle.write(block)


def test_a_200_mb_file_is_streamed_and_cancelled_without_a_trace(
    events: EventFactory, tmp_path: Path
) -> None:
    path = tmp_path / "huge.csv"
    _big_file(path, 200)
    assert path.stat().st_size >= 200 * (1 << 20)
    doc = events.demo(attendees=20, companies=3)
    before = snapshot(doc)
    seen: list[float] = []

    def report(done: int, total: int, message: str) -> None:
        seen.append(done / total)

    progress = Progress(report, is_cancelled=lambda: len(seen) >= 3)
    tracemalloc.start()
    try:
        with pytest.raises(Cancelled):
            import_file(doc=doc, path=path, progress=progress)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 40 * (1 << 20), f"peak {peak / (1 << 20):.0f} MB: the file was not streamed"
    assert 0 < seen[-1] < 0.01
    assert snapshot(doc) == before


def test_cancel_half_way_leaves_the_event_as_it_was(events: EventFactory, tmp_path: Path) -> None:
    doc = events.demo(attendees=40, companies=3)
    with doc.session() as session:
        from sqlmodel import select

        from eventdesk.persistence.tables import Attendee

        existing = session.exec(select(Attendee).limit(10)).all()
    rows = ["Email,First name,Last name,Job title"]
    rows += [f"{a.email},{a.given_name},{a.family_name},Changed title" for a in existing if a.email]
    rows += [f"new{i}@example.nl,Nieuw,Persoon {i},Analyst" for i in range(4000)]
    path = tmp_path / "update.csv"
    path.write_text("\n".join(rows) + "\n", "utf-8")
    before = snapshot(doc)
    reports: list[float] = []
    progress = Progress(
        lambda d, t, m: reports.append(d / t), is_cancelled=lambda: bool(reports) and reports[-1] > 0.6
    )
    with pytest.raises(Cancelled):
        import_file(doc=doc, path=path, progress=progress)
    assert snapshot(doc) == before
    # And when it is not cancelled, it all goes in.
    report = import_file(doc=doc, path=path).report
    assert report.created == 4000 and report.updated == len(rows) - 4001


def test_a_dry_run_reports_but_writes_nothing(events: EventFactory) -> None:
    doc = events.demo(attendees=20, companies=3)
    before = snapshot(doc)
    outcome = import_file(doc=doc, path=SAMPLES / "eventbrite_us.csv", dry_run=True)
    assert outcome.report.created == 7 and outcome.report.dry_run
    assert outcome.report.summary.startswith("Would import")
    assert snapshot(doc) == before
    assert not outcome.changes.entities
