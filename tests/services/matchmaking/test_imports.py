"""Wish and availability files: every rejected row named, nothing half-imported."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Attendee, Availability, Company, Wish
from eventdesk.services.importing.wishes import MatchmakingImportError
from eventdesk.services.matchmaking.plan import generate_schedule, matchmaking_settings
from eventdesk.services.undo import history
from tests.factories import EventFactory
from tests.services.matchmaking.support import assert_stored_schedule_valid, import_kind, stored_rows


@pytest.fixture
def doc(events: EventFactory) -> Iterator[EventDocument]:
    document = events.demo(attendees=120, companies=10, seed=3)
    yield document
    document.close()


def visitors(doc: EventDocument, n: int) -> list[Attendee]:
    with doc.session() as session:
        return list(
            session.execute(
                select(Attendee)
                .where(
                    Attendee.ticket_type == "visitor",
                    Attendee.status == "registered",
                    Attendee.company_id.is_(None),
                    Attendee.email.is_not(None),
                )
                .order_by(Attendee.id)
                .limit(n)
            ).scalars()
        )


def companies(doc: EventDocument) -> list[Company]:
    with doc.session() as session:
        return list(session.execute(select(Company).order_by(Company.id)).scalars())


def wishes(doc: EventDocument) -> list[Wish]:
    with doc.session() as session:
        return list(session.execute(select(Wish).order_by(Wish.id)).scalars())


def write(tmp_path: Path, text: str, name: str = "wishes.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def test_wishes_import_by_email_and_name_and_reimport_changes_nothing(
    doc: EventDocument, tmp_path: Path
) -> None:
    people, firms = visitors(doc, 3), companies(doc)
    text = (
        "Attendee;Company;Rank;Score;Must;Never;Side\n"
        f"{people[0].email.upper()};{firms[0].name.upper()};1;;;;\n"
        f"{people[0].email};{firms[1].name};2;2,5;;;\n"
        f"{people[1].id};{firms[2].id};;;yes;;\n"
        f"{people[2].email};{firms[0].name};;;;x;\n"
        f"{people[2].email};{firms[3].name};1;;;;company\n"
        ";;;;;;\n"
    )
    path = write(tmp_path, text)
    summary = import_kind("wishes", doc=doc, path=path)
    # The trailing ";;;;;;" row is read and skipped as empty.
    assert (summary.rows_read, summary.created, summary.skipped, summary.rejected) == (6, 5, 1, 0)
    stored = {(w.attendee_id, w.company_id, w.side): w for w in wishes(doc)}
    assert stored[(people[0].id, firms[1].id, "attendee")].score == 2.5
    assert stored[(people[1].id, firms[2].id, "attendee")].must
    assert stored[(people[2].id, firms[0].id, "attendee")].never
    assert stored[(people[2].id, firms[3].id, "company")].rank == 1
    again = import_kind("wishes", doc=doc, path=path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 5)
    # An import is one undo step (the second changed nothing, so it left none).
    history(doc).undo(doc)
    assert wishes(doc) == []
    history(doc).redo(doc)
    assert len(wishes(doc)) == 5
    # The schedule honours them: the must pair meets, the never pair does not.
    generate_schedule(doc=doc)
    pairs = {(r.attendee_id, r.company_id) for r in stored_rows(doc)}
    assert (people[1].id, firms[2].id) in pairs and (people[2].id, firms[0].id) not in pairs
    assert_stored_schedule_valid(doc)


def test_unknown_people_and_companies_refuse_the_whole_file(doc: EventDocument, tmp_path: Path) -> None:
    people, firms = visitors(doc, 2), companies(doc)
    text = (
        "attendee,company,score\n"
        f"{people[0].email},{firms[0].name},3\n"
        f"nobody@example.org,{firms[0].name},1\n"
        f"{people[1].email},Umbrella Corporation,1\n"
        f"{people[1].email},{firms[1].name},-2\n"
    )
    with pytest.raises(MatchmakingImportError) as caught:
        import_kind("wishes", doc=doc, path=write(tmp_path, text))
    assert str(caught.value) == (
        "wishes.csv, line 3, column attendee: no attendee has the e-mail 'nobody@example.org' "
        "(and 2 more rejected rows); nothing was imported."
    )
    report = caught.value.report
    assert report is not None and report.rejected == 3
    rejected = [e for e in report.sorted_entries() if e.outcome == "rejected"]
    assert [(e.line, e.column) for e in rejected] == [(3, "attendee"), (4, "company"), (5, "score")]
    assert "there is no company called 'Umbrella Corporation'" in rejected[1].reason
    assert wishes(doc) == []


def test_exhibitor_staff_cannot_have_wishes(doc: EventDocument, tmp_path: Path) -> None:
    with doc.session() as session:
        staff = (
            session.execute(
                select(Attendee).where(Attendee.company_id.is_not(None), Attendee.email.is_not(None))
            )
            .scalars()
            .first()
        )
    firm = companies(doc)[0]
    with pytest.raises(
        MatchmakingImportError, match="is not a registered visitor, so takes no part in matchmaking"
    ):
        import_kind("wishes", doc=doc, path=write(tmp_path, f"attendee,company\n{staff.email},{firm.name}\n"))


def test_more_must_meet_wishes_than_meetings_is_refused(doc: EventDocument, tmp_path: Path) -> None:
    person = visitors(doc, 1)[0]
    firms = companies(doc)
    limit = matchmaking_settings(doc=doc).max_meetings
    lines = "".join(f"{person.email},{firm.name},yes\n" for firm in firms[: limit + 1])
    with pytest.raises(
        MatchmakingImportError,
        match=f"would have {limit + 1} must-meet companies, but the setup allows {limit}",
    ):
        import_kind("wishes", doc=doc, path=write(tmp_path, "attendee,company,must\n" + lines))
    assert wishes(doc) == []


def test_missing_columns_and_dry_run(doc: EventDocument, tmp_path: Path) -> None:
    with pytest.raises(MatchmakingImportError, match=r"A wish file needs the column company; choose it"):
        import_kind("wishes", doc=doc, path=write(tmp_path, "attendee,score\na@b.c,1\n"))
    person, firm = visitors(doc, 1)[0], companies(doc)[0]
    summary = import_kind(
        "wishes",
        doc=doc,
        path=write(tmp_path, f"attendee,company\n{person.email},{firm.name}\n"),
        dry_run=True,
    )
    assert summary.created == 1 and summary.dry_run and wishes(doc) == []


def test_windows_1252_file_with_diacritics(doc: EventDocument, tmp_path: Path) -> None:
    person = visitors(doc, 1)[0]
    firm = companies(doc)[0]
    with doc.session() as session:
        session.get(Company, firm.id).name = "Région Bioparc Genève"
    path = write(tmp_path, f"attendee;company\n{person.email};Région Bioparc Genève\n", encoding="cp1252")
    assert import_kind("wishes", doc=doc, path=path).created == 1


def test_availability_limits_the_schedule_and_replaces_windows(doc: EventDocument, tmp_path: Path) -> None:
    people = visitors(doc, 2)
    firm = companies(doc)[0]
    start = matchmaking_settings(doc=doc).first_start
    morning_end = (start.replace(minute=0).hour + 1) % 24
    text = (
        "attendee,company,from,to\n"
        f"{people[0].email},,{start:%H:%M},{morning_end:02d}:00\n"
        f",{firm.name},{start:%H:%M},{morning_end:02d}:00\n"
    )
    path = write(tmp_path, text, "availability.csv")
    assert import_kind("availability", doc=doc, path=path).created == 2
    assert import_kind("availability", doc=doc, path=path).created == 2
    with doc.session() as session:
        assert len(list(session.execute(select(Availability)).scalars())) == 2
    generate_schedule(doc=doc)
    assert_stored_schedule_valid(doc)
    limit = start.replace(hour=morning_end, minute=0)
    assert all(
        r.ends_at <= limit
        for r in stored_rows(doc)
        if people[0].id == r.attendee_id or r.company_id == firm.id
    )


def test_bad_availability_rows_are_named(doc: EventDocument, tmp_path: Path) -> None:
    person = visitors(doc, 1)[0]
    text = f"attendee,from,to\n{person.email},14:00,12:00\n{person.email},noon,13:00\n"
    with pytest.raises(MatchmakingImportError) as caught:
        import_kind("availability", doc=doc, path=write(tmp_path, text, "availability.csv"))
    assert str(caught.value).startswith(
        "availability.csv, line 2, column to: the window ends before it starts (14:00)"
    )
    report = caught.value.report
    assert report is not None and report.rejected == 2
    assert [(e.line, e.column) for e in report.sorted_entries()] == [(2, "to"), (3, "from")]
