"""The people search a desk types into: forgiving about accents, prefixes and one typo."""

from __future__ import annotations

import pytest
from sqlmodel import select

from eventdesk.domain.people import AttendeeDraft
from eventdesk.persistence.tables import Attendee
from eventdesk.services.importing import import_file
from eventdesk.services.people import edit
from eventdesk.services.search import PeopleIndex, people_index, search_people
from tests.factories import EventFactory, event_seed
from tests.services.importing.support import SAMPLES


@pytest.fixture
def doc(events: EventFactory):  # type: ignore[no-untyped-def]
    doc = events.demo(attendees=200, companies=10)
    import_file(doc=doc, path=SAMPLES / "eventbrite_us.csv")
    import_file(doc=doc, path=SAMPLES / "pretix_order_positions.csv")
    return doc


def names(doc, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [hit.full_name for hit in search_people(doc=doc, query=query, limit=500).hits]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("lars odegard", "Lars Ødegård"),
        ("LARS ØDEGÅRD", "Lars Ødegård"),
        ("muller jurgen", "Jürgen Müller"),
        ("emilie dupre", "Émilie Dupré"),
        ("akesson bj", "Björn Åkesson"),
        ("vandevelde", "Sophie Van de Velde"),
        ("velde soph", "Sophie Van de Velde"),
        ("sophie.vandevelde@ex", "Sophie Van de Velde"),
        ("fatima amrani", "Fatima El Amrani"),
        ("410291020001", "Lars Ødegård"),
        ("s3cr3tnoor", "Noor van 't Hof"),
        ("t hof noor", "Noor van 't Hof"),
    ],
)
def test_finds_people_the_way_a_desk_types(doc, query: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert expected in names(doc, query)


def test_every_term_must_match_some_word_from_its_start(doc) -> None:  # type: ignore[no-untyped-def]
    assert names(doc, "sophie galap") == ["Sophie Van de Velde"]
    # "ophie" starts no word: what it finds, it finds only as a typo of "sophie".
    assert search_people(doc=doc, query="ophie").typo_tolerant
    assert names(doc, "sophie zzzzzz") == []


def test_one_typo_is_forgiven_only_when_nothing_matches(doc) -> None:  # type: ignore[no-untyped-def]
    result = search_people(doc=doc, query="odegrad")
    assert result.typo_tolerant and "Lars Ødegård" in [h.full_name for h in result.hits]
    assert "Jürgen Müller" in names(doc, "mulelr")
    assert not search_people(doc=doc, query="muller").typo_tolerant
    assert names(doc, "xq") == []


def test_exact_name_matches_come_first_then_alphabetical(events: EventFactory) -> None:
    doc = events.empty()
    for given, family in [("Jan", "Jansen"), ("Janneke", "Bakker"), ("Pieter", "Jan"), ("Anna", "Janssens")]:
        edit.add_attendee(doc=doc, draft=AttendeeDraft(given_name=given, family_name=family))
    assert names(doc, "jan") == ["Pieter Jan", "Jan Jansen", "Janneke Bakker", "Anna Janssens"]


def test_results_carry_what_a_list_shows_and_the_full_id_set(doc) -> None:  # type: ignore[no-untyped-def]
    result = search_people(doc=doc, query="s", limit=5)
    assert len(result.hits) == 5 and result.total == len(result.ids) > 5
    hit = search_people(doc=doc, query="mette sorensen").hits[0]
    assert (hit.status, hit.ticket_type, hit.email) == ("cancelled", "visitor", "mette.sorensen@example.dk")


def test_the_index_follows_edits_deletes_and_outside_changes(doc) -> None:  # type: ignore[no-untyped-def]
    index = people_index(doc)
    saved = edit.add_attendee(doc=doc, draft=AttendeeDraft(given_name="Ōta", family_name="Kenji"))
    assert names(doc, "ota ken") == ["Ōta Kenji"]
    edit.delete_attendees(doc=doc, attendee_ids=[saved.id])
    assert names(doc, "ota ken") == []
    # A change written by something that does not tell the index (another desk).
    with doc.session() as session:
        someone = session.exec(select(Attendee).where(Attendee.given_name == "Lars")).one()
        someone.given_name = "Laurits"
        someone.search_text = someone.search_text.replace("lars", "laurits")
    assert index.sync(doc)
    assert "Laurits Ødegård" in names(doc, "laurits")
    assert not index.sync(doc)
    fresh = PeopleIndex.load(doc)
    assert len(fresh) == len(index)


def _cached_files(tmp_env: str) -> list[str]:
    from pathlib import Path

    return sorted(path.name for path in (Path(tmp_env) / "people-index").glob("*.marshal"))


def test_a_reopened_event_loads_its_index_from_the_cache_and_finds_the_same(doc, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import os

    from eventdesk.services import search

    built = PeopleIndex.load(doc)
    assert len(_cached_files(os.environ["EVENTDESK_CACHE_DIR"])) == 1
    # A second load must not build: make building fail and load again.
    monkeypatch.setattr(PeopleIndex, "_rebuild", lambda self, rows: pytest.fail("built instead of cached"))
    cached = search.PeopleIndex.load(doc)
    for query in ("lars odegard", "vandevelde", "sophie.vandevelde@ex", "s3cr3tnoor", "odegrad"):
        found = [h.attendee_id for h in cached.search(query).hits]
        assert found == [h.attendee_id for h in built.search(query).hits]
    assert len(cached) == len(built)


def test_any_change_to_the_rows_makes_the_cache_miss(doc) -> None:  # type: ignore[no-untyped-def]
    PeopleIndex.load(doc)
    # Written behind eventdesk's back (as another desk or an older version would): no service
    # told the index anything, only the rows differ.
    with doc.session() as session:
        lars = session.exec(select(Attendee).where(Attendee.given_name == "Lars")).one()
        lars.given_name = "Laurits"
        session.add(lars)
        session.commit()
    fresh = PeopleIndex.load(doc)
    found = [h.full_name for h in fresh.search("odegard").hits]
    assert "Laurits Ødegård" in found
    assert "Lars Ødegård" not in found


def test_a_damaged_cache_is_ignored(doc) -> None:  # type: ignore[no-untyped-def]
    import os
    from pathlib import Path

    PeopleIndex.load(doc)
    (cache,) = (Path(os.environ["EVENTDESK_CACHE_DIR"]) / "people-index").glob("*.marshal")
    cache.write_bytes(cache.read_bytes()[:1000])
    index = PeopleIndex.load(doc)
    assert "Lars Ødegård" in [h.full_name for h in index.search("lars odegard").hits]


def test_a_scanned_badge_or_ticket_code_finds_its_person(events: EventFactory) -> None:
    """The lists' search says "…or ticket code": a badge's QR payload (a signed token, no word
    of the index) and a platform ticket code, even typed by a scanner on an AZERTY laptop."""
    from eventdesk.domain.tokens import encode_token
    from eventdesk.persistence.tables import Event, ExternalCode
    from eventdesk.scanning.keyboard_layouts import type_as

    doc = events.demo(attendees=40, companies=3, seed=5)
    with doc.session() as session:
        event = session.exec(select(Event)).one()
        person = session.exec(select(Attendee).where(Attendee.given_name != "").order_by(Attendee.id)).first()
        ticket = session.exec(select(ExternalCode)).first()
        assert person is not None and ticket is not None
        token = encode_token(
            event_code=event.code,
            serial=person.id,
            version=person.badge_version,
            private_key=event_seed(event),
        )
        forged = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
        person_id, ticket_owner, code = person.id, ticket.attendee_id, ticket.code
    found = search_people(doc=doc, query=token)
    assert [hit.attendee_id for hit in found.hits] == [person_id] and found.ids == {person_id}
    assert [hit.attendee_id for hit in search_people(doc=doc, query=code).hits] == [ticket_owner]
    garbled = type_as(code.upper(), "AZERTY (Belgium)")
    assert [hit.attendee_id for hit in search_people(doc=doc, query=garbled).hits] == [ticket_owner]
    assert search_people(doc=doc, query=forged).total == 0, "a forged badge finds nobody"
