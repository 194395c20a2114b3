"""Finding a person by whatever the desk hears: part of a name, an e-mail, a company, a code.

Every keystroke on the list and at the check-in desk searches, so the search never asks the
database: the attendees' folded words are loaded once per open document into a sorted
token list, and a query term is two binary searches over it ("van" finds every word that
starts with "van"). Terms are ANDed ("sop vel" finds Sophie Van de Velde). Folding is the
same as for the stored `search_text` ("odegard" finds Ødegård). Only when nothing matches
does the search try each term with one typo (rapidfuzz, over distinct word prefixes, so a
typo costs a few milliseconds, not a scan of every person).

Services that change attendees call `attendees_changed`; the index then reloads just
those people. `PeopleIndex.sync` catches up with changes made elsewhere (another desk on a
shared PostgreSQL event) from the `updated_at` column.
"""

from __future__ import annotations

import heapq
import re
import threading
import weakref
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from rapidfuzz import process
from rapidfuzz.distance import OSA
from sqlalchemy import func, select
from sqlmodel import Session

from eventdesk.domain.names import sort_key
from eventdesk.domain.people import attendee_search_text
from eventdesk.domain.text import fold
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Attendee, ExternalCode

DEFAULT_LIMIT = 50
# Above this many hits the order is the index's alphabetical order without re-ranking.
RANK_LIMIT = 2000
MIN_TYPO_LENGTH = 3
MAX_CODE_LENGTH = 40
_END = "\U0010ffff"
_EMAIL_PARTS = re.compile(r"[._+\-]+")


@dataclass(frozen=True, slots=True)
class PersonHit:
    """What a result list shows without asking the database again."""

    attendee_id: int
    given_name: str
    family_name: str
    email: str
    organisation: str
    status: str
    ticket_type: str

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.given_name, self.family_name) if p)


@dataclass(frozen=True)
class SearchResult:
    query: str
    hits: list[PersonHit]
    total: int
    ids: frozenset[int]
    typo_tolerant: bool = False


def person_tokens(
    *, given_name: str, family_name: str, email: str | None, stored_search_text: str, codes: Iterable[str]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(all tokens, name tokens) of one person.

    Besides the stored folded words: the family name run together ("vandevelde" finds
    Van de Velde), the parts of the e-mail's local part, and ticket codes.
    """
    text = stored_search_text or attendee_search_text(
        given_name=given_name, family_name=family_name, email=email, organisation=""
    )
    words = set(text.split())
    names = set(fold(given_name).split()) | set(fold(family_name).split())
    family = fold(family_name).replace(" ", "")
    if family:
        names.add(family)
    words |= names
    if email and "@" in email:
        local = fold(email.rsplit("@", 1)[0])
        words.update(p for p in _EMAIL_PARTS.split(local) if p)
    for code in codes:
        if len(code) <= MAX_CODE_LENGTH:
            words.update(fold(code).split())
            words.add(code.casefold())
    return tuple(sorted(words)), tuple(sorted(names))


class PeopleIndex:
    """In-memory token index over the attendees of one event. Thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._tokens: list[str] = []
        self._slots: list[int] = []
        self._hit: list[PersonHit | None] = []
        self._person_tokens: list[tuple[str, ...]] = []
        self._name_tokens: list[tuple[str, ...]] = []
        self._order: list[tuple[str, str]] = []
        self._slot_of: dict[int, int] = {}
        self._prefixes: dict[int, dict[str, list[str]]] = {}
        self.loaded_count = 0
        self.loaded_max_updated: datetime | None = None

    # -- loading ----------------------------------------------------------------------------

    @classmethod
    def load(cls, doc: EventDocument) -> PeopleIndex:
        index = cls()
        with doc.session() as session:
            index._rebuild(list(_rows(session, None)))
            index._mark_synced(session)
        return index

    def _rebuild(self, rows: list[tuple[PersonHit, str, list[str]]]) -> None:
        rows.sort(key=lambda r: sort_key(r[0].given_name, r[0].family_name))
        pairs: list[tuple[str, int]] = []
        self._hit, self._person_tokens, self._name_tokens, self._order = [], [], [], []
        self._slot_of = {}
        for slot, (hit, stored, codes) in enumerate(rows):
            tokens, names = person_tokens(
                given_name=hit.given_name,
                family_name=hit.family_name,
                email=hit.email,
                stored_search_text=stored,
                codes=codes,
            )
            self._hit.append(hit)
            self._person_tokens.append(tokens)
            self._name_tokens.append(names)
            self._order.append(sort_key(hit.given_name, hit.family_name))
            self._slot_of[hit.attendee_id] = slot
            pairs.extend((token, slot) for token in tokens)
        pairs.sort()
        self._tokens = [t for t, _ in pairs]
        self._slots = [s for _, s in pairs]
        self._prefixes = {}

    def _mark_synced(self, session: Session) -> None:
        count, newest = session.execute(select(func.count(), func.max(Attendee.updated_at))).one()
        self.loaded_count, self.loaded_max_updated = count, newest

    def __len__(self) -> int:
        return len(self._slot_of)

    # -- keeping up to date -----------------------------------------------------------------

    def refresh(self, doc: EventDocument, ids: Iterable[int]) -> None:
        """Reload these attendees (removing those that no longer exist)."""
        wanted = set(ids)
        if not wanted:
            return
        if len(wanted) > max(1000, len(self) // 4):
            fresh = PeopleIndex.load(doc)
            with self._lock:
                self.__dict__.update({k: v for k, v in fresh.__dict__.items() if k != "_lock"})
            return
        with doc.session() as session:
            rows = list(_rows(session, wanted))
            self._mark_synced(session)
        with self._lock:
            found = {row[0].attendee_id for row in rows}
            for attendee_id in wanted - found:
                self._remove(attendee_id)
            for row in rows:
                self._remove(row[0].attendee_id)
                self._add(*row)
            self._prefixes = {}

    def sync(self, doc: EventDocument) -> bool:
        """Catch up with changes made without `attendees_changed`; True if any were found."""
        with doc.session() as session:
            count, newest = session.execute(select(func.count(), func.max(Attendee.updated_at))).one()
            if count == self.loaded_count and newest == self.loaded_max_updated:
                return False
            changed = set()
            if newest is not None and self.loaded_max_updated is not None:
                changed = set(
                    session.execute(
                        select(Attendee.id).where(Attendee.updated_at > self.loaded_max_updated)
                    ).scalars()
                )
            if count != self.loaded_count or self.loaded_max_updated is None:
                current = set(session.execute(select(Attendee.id)).scalars())
                changed |= current ^ set(self._slot_of)
        self.refresh(doc, changed)
        return True

    def _add(self, hit: PersonHit, stored: str, codes: list[str]) -> None:
        slot = len(self._hit)
        tokens, names = person_tokens(
            given_name=hit.given_name,
            family_name=hit.family_name,
            email=hit.email,
            stored_search_text=stored,
            codes=codes,
        )
        self._hit.append(hit)
        self._person_tokens.append(tokens)
        self._name_tokens.append(names)
        self._order.append(sort_key(hit.given_name, hit.family_name))
        self._slot_of[hit.attendee_id] = slot
        for token in tokens:
            position = bisect_left(self._tokens, token)
            while (
                position < len(self._tokens)
                and self._tokens[position] == token
                and self._slots[position] < slot
            ):
                position += 1
            self._tokens.insert(position, token)
            self._slots.insert(position, slot)

    def _remove(self, attendee_id: int) -> None:
        slot = self._slot_of.pop(attendee_id, None)
        if slot is None:
            return
        for token in self._person_tokens[slot]:
            position = bisect_left(self._tokens, token)
            while position < len(self._tokens) and self._tokens[position] == token:
                if self._slots[position] == slot:
                    del self._tokens[position]
                    del self._slots[position]
                    break
                position += 1
        self._hit[slot] = None
        self._person_tokens[slot] = ()
        self._name_tokens[slot] = ()

    # -- searching --------------------------------------------------------------------------

    def search(self, query: str, *, limit: int = DEFAULT_LIMIT) -> SearchResult:
        terms = sorted(set(fold(query).split()), key=len, reverse=True)
        if not terms:
            return SearchResult(query, [], 0, frozenset())
        with self._lock:
            slots = self._match(terms)
            typo = False
            if not slots:
                slots = self._match_with_typos(terms)
                typo = bool(slots)
            hits = self._ranked(slots, terms, limit)
            ids = frozenset(self._hit[s].attendee_id for s in slots)  # type: ignore[union-attr]
        return SearchResult(query, hits, len(slots), ids, typo)

    def _prefix_slots(self, term: str) -> set[int]:
        low = bisect_left(self._tokens, term)
        high = bisect_left(self._tokens, term + _END, low)
        return set(self._slots[low:high])

    def _match(self, terms: Sequence[str]) -> set[int]:
        found: set[int] | None = None
        for term in terms:
            if found is not None and len(found) < 256:
                found = {s for s in found if any(t.startswith(term) for t in self._person_tokens[s])}
            else:
                matched = self._prefix_slots(term)
                found = matched if found is None else found & matched
            if not found:
                return set()
        return found or set()

    def _match_with_typos(self, terms: Sequence[str]) -> set[int]:
        found: set[int] | None = None
        for term in terms:
            matched = self._prefix_slots(term)
            if not matched and len(term) >= MIN_TYPO_LENGTH:
                matched = self._typo_slots(term)
            found = matched if found is None else found & matched
            if not found:
                return set()
        return found or set()

    def _typo_slots(self, term: str) -> set[int]:
        """Slots with a word whose beginning is one edit (or one swap) away from `term`."""
        slots: set[int] = set()
        for length in (len(term) - 1, len(term), len(term) + 1):
            prefixes = self._prefix_table(length)
            for prefix, _score, _i in process.extract(
                term, list(prefixes), scorer=OSA.distance, score_cutoff=1, limit=None
            ):
                for token in prefixes[prefix]:
                    slots |= self._prefix_slots(token)
        return slots

    def _prefix_table(self, length: int) -> dict[str, list[str]]:
        table = self._prefixes.get(length)
        if table is None:
            grouped: defaultdict[str, list[str]] = defaultdict(list)
            previous = None
            for token in self._tokens:
                if token != previous and len(token) >= length:
                    grouped[token[:length]].append(token)
                previous = token
            table = self._prefixes[length] = dict(grouped)
        return table

    def _ranked(self, slots: set[int], terms: Sequence[str], limit: int) -> list[PersonHit]:
        if len(slots) > RANK_LIMIT:
            chosen = heapq.nsmallest(limit, slots)
        else:
            termset = set(terms)
            chosen = sorted(
                slots,
                key=lambda s: (not termset.intersection(self._name_tokens[s]), self._order[s], s),
            )[:limit]
        return [self._hit[s] for s in chosen if self._hit[s] is not None]  # type: ignore[misc]

    def get(self, attendee_id: int) -> PersonHit | None:
        slot = self._slot_of.get(attendee_id)
        return None if slot is None else self._hit[slot]


def _rows(session: Session, ids: set[int] | None) -> Iterable[tuple[PersonHit, str, list[str]]]:
    codes: defaultdict[int, list[str]] = defaultdict(list)
    code_query = select(ExternalCode.attendee_id, ExternalCode.code)
    query = select(
        Attendee.id,
        Attendee.given_name,
        Attendee.family_name,
        Attendee.email,
        Attendee.organisation,
        Attendee.status,
        Attendee.ticket_type,
        Attendee.search_text,
    )
    if ids is not None:
        id_list = list(ids)
        rows = []
        for start in range(0, len(id_list), 500):
            chunk = id_list[start : start + 500]
            rows.extend(session.execute(query.where(Attendee.id.in_(chunk))).all())
            for attendee_id, code in session.execute(code_query.where(ExternalCode.attendee_id.in_(chunk))):
                codes[attendee_id].append(code)
    else:
        rows = session.execute(query).all()
        for attendee_id, code in session.execute(code_query):
            codes[attendee_id].append(code)
    for attendee_id, given, family, email, organisation, status, ticket_type, stored in rows:
        hit = PersonHit(attendee_id, given, family, email or "", organisation, status, ticket_type)
        yield hit, stored, codes.get(attendee_id, [])


_INDEXES: weakref.WeakKeyDictionary[EventDocument, PeopleIndex] = weakref.WeakKeyDictionary()
_INDEXES_LOCK = threading.Lock()


def people_index(doc: EventDocument) -> PeopleIndex:
    """The document's index, built on first use (about half a second for 50,000 people)."""
    with _INDEXES_LOCK:
        index = _INDEXES.get(doc)
        if index is None:
            index = _INDEXES[doc] = PeopleIndex.load(doc)
        return index


def search_people(*, doc: EventDocument, query: str, limit: int = DEFAULT_LIMIT) -> SearchResult:
    return people_index(doc).search(query, limit=limit)


def attendees_changed(doc: EventDocument, ids: Iterable[int]) -> None:
    """Tell the index (if one is loaded) that these attendees were added, changed or deleted."""
    index = _INDEXES.get(doc)
    if index is not None:
        index.refresh(doc, ids)
