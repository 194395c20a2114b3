"""Nobody is lost: column roles checked on their values, identity never from one weak field,
the mass-merge guard, and consent as forms word it (issue 12)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from eventdesk.i18n import using_language
from eventdesk.persistence.tables import Attendee, ExternalCode
from eventdesk.services.importing import Outcome, import_file, inspect_file
from eventdesk.services.importing.errors import MergeReviewNeeded
from tests.factories import EventFactory
from tests.services.importing.support import SAMPLES, snapshot

IDENTITY = SAMPLES / "identity"
# (name, e-mail, consent) of the seven people every identity sample holds.
EXPECTED = sorted(
    [
        ("Anna Jansen", "team@lab.nl", True),
        ("Bram de Vries", "team@lab.nl", False),
        ("Chloé Dubois", "team@lab.nl", True),
        ("Sophie Martin", "sophie.martin@example.fr", True),
        ("Sophie Martin", "s.martin@example.be", False),
        ("Lars Ødegård", "lars@example.dk", True),
        ("Nadia El Amrani", "nadia@example.ma", False),
    ]
)
PLATFORMS = {
    "eventdesk.csv": "eventdesk attendee export",
    "eventbrite.csv": "Eventbrite attendee report",
    "eventbrite.xlsx": "Eventbrite attendee report",
    "pretix_positions.csv": "pretix order data (order positions)",
    "pretix_checkin.csv": "pretix check-in list",
    "luma.csv": "Luma guest list",
    "tito.csv": "Tito tickets",
    "meetup.csv": "Meetup RSVP list",
    "microsoft_forms.csv": "Microsoft Forms responses",
    "microsoft_forms.xlsx": "Microsoft Forms responses",
    "google_forms.csv": "Google Forms responses",
}

CODE_QUESTIONS = {"Promo code used", "Code of conduct accepted", "I agree to the Code of Conduct"}


def _everyone(doc) -> list[tuple[str, str | None, bool]]:  # type: ignore[no-untyped-def]
    with doc.session() as session:
        found = session.exec(select(Attendee))
        return sorted((f"{a.given_name} {a.family_name}", a.email, a.consent_share) for a in found)


@pytest.mark.parametrize("name", sorted(PLATFORMS))
def test_every_platform_layout_keeps_every_person(events: EventFactory, name: str) -> None:
    doc = events.empty()
    report = import_file(doc=doc, path=IDENTITY / name).report
    assert report.platform == PLATFORMS[name]
    assert (report.created, report.merged, report.rejected) == (7, 0, 0), report.entries
    found = _everyone(doc)
    assert found == EXPECTED
    names = Counter(n for n, _e, _c in found)
    assert names == Counter({"Sophie Martin": 2} | {n: 1 for n, _e, _c in EXPECTED if n != "Sophie Martin"})
    # The yes/no question with "code" in its header is not a ticket code; consent is mapped.
    assert "consent" in report.mapping.values()
    questions = [h for h in report.mapping if ("code" in h.casefold() and "?" in h) or h in CODE_QUESTIONS]
    assert len(questions) == 1 and report.mapping[questions[0]] is None, questions
    shared = [e.reason for e in report.entries if e.outcome is Outcome.NOTE]
    assert sum("with line" in r and "e-mail" in r for r in shared) == 2, shared
    # Importing it again changes nobody and adds nobody.
    again = import_file(doc=doc, path=IDENTITY / name).report
    assert (again.created, again.updated, again.unchanged) == (0, 0, 7)


def test_an_eventbrite_workbook_gives_the_ticket_codes_of_its_csv(events: EventFactory) -> None:
    # In the XLSX the attendee and barcode numbers are numbers: a badge is found by its barcode
    # only if 410990000001 is stored as written, not as 410990000001.0 or 4.1099e+11.
    codes = {}
    for name in ("eventbrite.csv", "eventbrite.xlsx"):
        doc = events.empty()
        import_file(doc=doc, path=IDENTITY / name)
        with doc.session() as session:
            codes[name] = sorted((c.platform, c.code) for c in session.exec(select(ExternalCode)))
    assert codes["eventbrite.xlsx"] == codes["eventbrite.csv"]
    assert len(codes["eventbrite.csv"]) == 7 and ("eventbrite", "410990000001") in codes["eventbrite.csv"]


def test_the_two_row_example_gives_two_people(events: EventFactory, tmp_path: Path) -> None:
    path = tmp_path / "lab.csv"
    path.write_text(
        "First Name,Last Name,Email\nAnna,Jansen,team@lab.nl\nBram,de Vries,team@lab.nl\n", "utf-8"
    )
    doc = events.empty()
    report = import_file(doc=doc, path=path).report
    assert report.created == 2 and report.merged == 0
    assert [n for n, _e, _c in _everyone(doc)] == ["Anna Jansen", "Bram de Vries"]
    notes = {e.line: e.reason for e in report.entries if e.outcome is Outcome.NOTE}
    assert notes == {3: "shares an e-mail with line 2; a different name, so another person"}
    assert "1 note" in report.summary


def _tito_36(path: Path, *, unassigned: int = 4) -> Path:
    header = (
        "Ticket Created Date,Ticket,Ticket Full Name,Ticket First Name,Ticket Last Name,Ticket Email,"
        "Void Status,Ticket Reference,Order Reference,Order Name,Order Email,I agree to the Code of Conduct\n"
    )
    lines = [
        f"2027-01-03,Early Bird,Person {n:02} Tester,Person {n:02},Tester,p{n}@example.org,,TIC-{n:02},"
        f"ORD-{n // 3},Buyer {n // 3},buyer{n // 3}@example.org,Yes\n"
        for n in range(1, 37)
    ]
    unassigned_row = "2027-01-03,Early Bird,,,,,,TIC-U{n},ORD-U,Buyer U,bu@example.org,\n"
    lines += [unassigned_row.format(n=n) for n in range(unassigned)]
    path.write_text(header + "".join(lines), "utf-8")
    return path


def test_a_tito_export_with_a_code_of_conduct_column_gives_36_people(
    events: EventFactory, tmp_path: Path
) -> None:
    doc = events.empty()
    report = import_file(doc=doc, path=_tito_36(tmp_path / "tito.csv")).report
    assert (report.created, report.merged, report.skipped) == (36, 0, 4)
    assert report.mapping["I agree to the Code of Conduct"] is None
    assert len(_everyone(doc)) == 36


@pytest.mark.parametrize(
    ("header", "values"),
    [
        ("Code", ["Yes", "No", "Yes", "Yes", "No", "Yes"]),
        ("Ticket code", ["2027-01-03", "2027-01-04", "2027-01-05", "2027-01-03", "2027-01-04", "2027-01-06"]),
        ("Barcode", ["A1", "A1", "A1", "B2", "B2", "A1"]),
    ],
)
def test_a_code_column_whose_values_are_no_codes_is_left_unmapped_with_a_note(
    events: EventFactory, tmp_path: Path, header: str, values: list[str]
) -> None:
    path = tmp_path / "list.csv"
    rows = [f"Person{n},Tester,p{n}@example.org,{v}" for n, v in enumerate(values)]
    path.write_text(f"First name,Last name,Email,{header}\n" + "\n".join(rows) + "\n", "utf-8")
    preview = inspect_file(path=path)
    assert preview.mapping.fields[3] is None
    assert [n.column for n in preview.notes] == [3]
    assert preview.notes[0].text.startswith(f"Column '{header}' was not taken as Ticket code / barcode: ")
    doc = events.empty()
    report = import_file(doc=doc, path=path).report
    assert report.created == len(values)
    assert report.column_notes == [preview.notes[0].text]


def test_a_consent_column_left_out_is_flagged(tmp_path: Path) -> None:
    path = tmp_path / "form.csv"
    path.write_text(
        "Name,Email,Jeg giver samtykke til at mine oplysninger deles med udstillere\n"
        "Mette Holm,mette@example.dk,maybe later\nJens Berg,jens@example.dk,ask me\n",
        "utf-8",
    )
    preview = inspect_file(path=path)
    assert preview.mapping.fields[2] is None
    texts = [n.text for n in preview.notes]
    assert any("not taken as" in t for t in texts)
    assert any("nobody's details reach any exhibitor" in t for t in texts)


@pytest.mark.parametrize(
    ("header", "yes", "no"),
    [
        ("Share my details with exhibitors", "Yes", "No"),
        ("I agree that my contact details may be shared with exhibiting companies", "I agree", ""),
        ("Ich bin einverstanden, dass meine Daten an Aussteller weitergegeben werden", "Ja", "Nein"),
        ("Ik ga akkoord dat mijn gegevens gedeeld worden met standhouders", "ja", "nee"),
        ("J'accepte que mes coordonnées soient transmises aux exposants", "oui", "non"),
        ("Jeg giver samtykke til at mine oplysninger deles med udstillere", "ja", "nej"),
        ("Consent", "true", "false"),
        ("Toestemming delen gegevens", "1", "0"),
        ("Share contact details", "x", ""),
        ("Share my contact details", "checked", "unchecked"),
    ],
)
def test_consent_columns_as_users_write_them(
    events: EventFactory, tmp_path: Path, header: str, yes: str, no: str
) -> None:
    path = tmp_path / "form.csv"
    rows = f"Mette Holm,mette@example.dk,{yes}\nJens Berg,jens@example.dk,{no}\n"
    path.write_text(f'Name,Email,"{header}"\n' + rows, "utf-8")
    doc = events.empty()
    report = import_file(doc=doc, path=path).report
    assert report.mapping[header] == "consent"
    assert report.column_notes == []
    consent = {n: c for n, _e, c in _everyone(doc)}
    assert consent == {"Mette Holm": True, "Jens Berg": False}


def test_headers_that_only_hold_a_code_word_are_not_ticket_codes(tmp_path: Path) -> None:
    headers = ["Name", "Email", "Postcode", "Zip code", "Promo code used", "Code of Conduct", "Order code"]
    path = tmp_path / "list.csv"
    path.write_text(",".join(headers) + "\nAnna Jansen,anna@example.nl,3011 AD,3011,Yes,Yes,ORD-1\n", "utf-8")
    fields = dict(zip(headers, inspect_file(path=path).mapping.fields, strict=True))
    assert [h for h, f in fields.items() if f == "code"] == ["Order code"]


# -- across imports ---------------------------------------------------------------------------


def _first(path: Path, text: str) -> Path:
    path.write_text("First Name,Last Name,Email\n" + text, "utf-8")
    return path


def test_an_email_known_under_another_name_is_kept_as_two_people_headless(
    events: EventFactory, tmp_path: Path
) -> None:
    doc = events.empty()
    import_file(doc=doc, path=_first(tmp_path / "one.csv", "Anna,Jansen,team@lab.nl\n"))
    report = import_file(doc=doc, path=_first(tmp_path / "two.csv", "Bram,de Vries,team@lab.nl\n")).report
    assert report.created == 1
    assert [n for n, _e, _c in _everyone(doc)] == ["Anna Jansen", "Bram de Vries"]
    [question] = report.questions
    assert (question.line, question.name, question.existing_name) == (2, "Bram de Vries", "Anna Jansen")
    [warning] = [e.reason for e in report.entries if e.outcome is Outcome.WARNING]
    assert "already in the event under another name" in warning


def test_the_wizard_asks_and_same_person_updates_the_one_already_there(
    events: EventFactory, tmp_path: Path
) -> None:
    doc = events.empty()
    import_file(doc=doc, path=_first(tmp_path / "one.csv", "Anna,Jansen,anna@lab.nl\n"))
    renamed = _first(tmp_path / "two.csv", "Anna,Jansen-Bakker,anna@lab.nl\n")
    before = snapshot(doc)
    with pytest.raises(MergeReviewNeeded) as stopped:
        import_file(doc=doc, path=renamed, decisions={})
    assert snapshot(doc) == before
    [question] = stopped.value.report.questions
    report = import_file(doc=doc, path=renamed, decisions={question.line: question.attendee_id}).report
    assert (report.created, report.updated) == (0, 1)
    assert [n for n, _e, _c in _everyone(doc)] == ["Anna Jansen-Bakker"]


def test_a_ticket_code_finds_a_person_whatever_the_name(events: EventFactory, tmp_path: Path) -> None:
    doc = events.empty()
    head = "Ticket Reference,Ticket First Name,Ticket Last Name,Ticket Email\n"
    (tmp_path / "a.csv").write_text(head + "T-1,Anna,Jansen,anna@lab.nl\n", "utf-8")
    (tmp_path / "b.csv").write_text(head + "T-1,Bram,de Vries,bram@lab.nl\n", "utf-8")
    import_file(doc=doc, path=tmp_path / "a.csv")
    report = import_file(doc=doc, path=tmp_path / "b.csv").report
    assert (report.created, report.updated) == (0, 1)
    assert [n for n, _e, _c in _everyone(doc)] == ["Bram de Vries"]


# -- the mass-merge guard ----------------------------------------------------------------------


def _duplicates(path: Path, *, people: int, repeats: int) -> Path:
    rows = [f"Person{n},Tester,p{n}@example.org" for n in range(people)]
    rows += [f"Person{n},Tester,P{n}@EXAMPLE.org" for n in range(repeats)]
    path.write_text("First name,Last name,Email\n" + "\n".join(rows) + "\n", "utf-8")
    return path


def test_many_merges_are_refused_until_confirmed(events: EventFactory, tmp_path: Path) -> None:
    doc = events.empty()
    path = _duplicates(tmp_path / "dups.csv", people=100, repeats=21)
    before = snapshot(doc)
    with pytest.raises(MergeReviewNeeded) as stopped:
        import_file(doc=doc, path=path)
    assert snapshot(doc) == before
    message = str(stopped.value)
    assert "21 of 121 rows would be merged" in message and "--allow-merges" in message
    [(reason, entries)] = stopped.value.report.merge_groups()
    assert reason == "same e-mail and name" and len(entries) == 21
    dry = import_file(doc=doc, path=path, dry_run=True).report
    assert dry.mass_merge == message
    report = import_file(doc=doc, path=path, allow_merges=True).report
    assert (report.created, report.merged) == (100, 21)


def test_a_few_merges_need_no_confirmation(events: EventFactory, tmp_path: Path) -> None:
    doc = events.empty()
    report = import_file(doc=doc, path=_duplicates(tmp_path / "dups.csv", people=100, repeats=5)).report
    assert (report.created, report.merged, report.mass_merge) == (100, 5, "")
    small = import_file(doc=doc, path=_duplicates(tmp_path / "small.csv", people=10, repeats=2)).report
    assert small.merged == 2 and small.mass_merge == ""


# -- property: N distinct people, any extra yes/no and constant columns, N people -------------

_NAMES = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéøü", min_size=2, max_size=8)
_EXTRA_HEADERS = st.sampled_from(
    ["Code", "Promo code used", "Code of Conduct", "Ticket code", "Barcode", "ID", "Registration code"]
)
_EXTRA_VALUES = st.sampled_from(["Yes", "No", "true", "false", "1", "0", "x", "agree", "Same", "2027-01-01"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    people=st.lists(st.tuples(_NAMES, _NAMES), min_size=1, max_size=40, unique_by=lambda p: p),
    extras=st.lists(
        st.tuples(_EXTRA_HEADERS, st.booleans(), st.lists(_EXTRA_VALUES, min_size=1, max_size=2)), max_size=3
    ),
    data=st.data(),
)
def test_n_distinct_people_with_random_yes_no_and_constant_columns_are_n_people(
    events: EventFactory, tmp_path_factory: pytest.TempPathFactory, people, extras, data
) -> None:  # type: ignore[no-untyped-def]
    headers = ["First name", "Last name", "Email", *(h for h, _c, _v in extras)]
    lines = [",".join(headers)]
    for n, (given_name, family) in enumerate(people):
        cells = [given_name.title(), family.title(), f"{given_name}.{family}.{n}@example.org"]
        for _h, constant, values in extras:
            cells.append(values[0] if constant else data.draw(st.sampled_from(values)))
        lines.append(",".join(cells))
    path = tmp_path_factory.mktemp("prop") / "people.csv"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    doc = events.empty()
    report = import_file(doc=doc, path=path).report
    assert report.created == len(people)
    assert len(_everyone(doc)) == len(people)


def test_the_report_says_who_matchmaking_leaves_out(events: EventFactory, tmp_path: Path) -> None:
    path = tmp_path / "form.csv"
    path.write_text(
        "Name,Email,Interests,Ticket\n"
        "Mette Holm,mette@example.dk,Biotech; Data science,Visitor\n"
        "Jens Berg,jens@example.dk,,Visitor\n"
        "Ida Lund,ida@example.dk,,Exhibitor\n",
        "utf-8",
    )
    doc = events.empty()
    report = import_file(doc=doc, path=path).report
    assert report.matchmaking_left_out == 1
    assert "1 visitor has no interests and no wishes: matchmaking leaves them out" in report.summary
    (tmp_path / "plain.csv").write_text("Name,Email\nOle Dahl,ole@example.dk\n", "utf-8")
    plain = import_file(doc=doc, path=tmp_path / "plain.csv").report
    assert "(no column of this file is Interests)" in plain.summary


def test_a_repeated_header_says_which_column_is_imported_and_which_is_not(
    events: EventFactory, tmp_path: Path
) -> None:
    # "email" twice: the second column's addresses used to vanish without a word.
    path = tmp_path / "list.csv"
    path.write_text(
        "given_name,family_name,email,email\n"
        "Anna,Berg,anna@example.org,anna.berg@work.example\nBo,Li,bo@example.org,\n",
        "utf-8",
    )
    preview = inspect_file(path=path)
    assert preview.mapping.fields[2:] == ("email", None)
    assert [n.column for n in preview.notes] == [3]
    assert preview.notes[0].text == (
        "Column 'email (2)' repeats the header of column 'email', which is imported as E-mail: "
        "its values are not imported unless you choose a field for it."
    )
    report = import_file(doc=events.empty(), path=path).report
    assert report.created == 2 and report.column_notes == [preview.notes[0].text]
    with using_language("de"):  # the field's name in the desk's language too
        assert "als E-Mail importiert" in inspect_file(path=path).notes[0].text


def test_a_repeated_header_with_an_empty_second_column_says_nothing(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("given_name,family_name,email,Email\nAnna,Berg,anna@example.org,\n", "utf-8")
    assert inspect_file(path=path).notes == ()
