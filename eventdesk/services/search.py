"""Finding a person by whatever the desk hears: part of a name, an e-mail, a company, a code.

Every keystroke on the list and at the check-in desk searches, so the search never asks the
database: the attendees' folded words are loaded once per open document into a sorted
token list, and a query term is two binary searches over it ("van" finds every word that
starts with "van"). Terms are ANDed ("sop vel" finds Sophie Van de Velde). Folding is the
same as for the stored `search_text` ("odegard" finds Ødegård). Only when nothing matches
does the search try each term with one typo (rapidfuzz), and only against the words of
names and organisations (a few thousand distinct words, so a typo costs about a
millisecond): e-mail addresses and ticket codes are read off screens, not misheard.

Building the index costs about 25 µs of Python per person (1.4 s for 50,000), so a built
index is kept in the user's cache folder, and the next open of the same event loads it
(about a tenth of that) when the rows it was built from are exactly the rows the event has
now: the key is a hash of every column the index reads, computed from one Core query, so
any change by any writer (another desk, an older eventdesk, a restored backup) makes the
cache miss and the index is built again. A cache that cannot be read or written is ignored.

Services that change attendees call `attendees_changed`; the index then reloads just
those people. `PeopleIndex.sync` catches up with changes made elsewhere (another desk on a
shared PostgreSQL event) by comparing what each row shows with what the index holds; it
reads every row, so it belongs in a timer or after a foreign "changes" signal, not in a
keystroke.
"""

from __future__ import annotations

import functools
import hashlib
import heapq
import marshal
import os
import re
import threading
import weakref
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from rapidfuzz import process
from rapidfuzz.distance import OSA
from sqlalchemy import select
from sqlmodel import Session

from eventdesk import __version__
from eventdesk.domain.names import PARTICLES
from eventdesk.domain.people import attendee_search_text
from eventdesk.domain.text import fold
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Attendee, ExternalCode
from eventdesk.services.door.code_reader import person_for_code

DEFAULT_LIMIT = 50
MIN_TYPO_LENGTH = 3
_END = "\U0010ffff"
_EMAIL_PARTS = re.compile(r"[._+\-]+")


class PersonHit(NamedTuple):
    """What a result list shows without asking the database again.

    A NamedTuple, not a frozen dataclass: the index builds 50,000 of them at load, and a
    frozen dataclass pays an `object.__setattr__` per field for each.
    """

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
    """The first `limit` hits in order, how many there are, and (on demand) all their ids."""

    query: str
    hits: list[PersonHit]
    total: int
    typo_tolerant: bool = False
    _slots: frozenset[int] = field(default=frozenset(), repr=False)
    _id_of_slot: list[int] = field(default_factory=list, repr=False)

    @functools.cached_property
    def ids(self) -> frozenset[int]:
        """Every matching attendee id, e.g. to filter a table to the results."""
        return frozenset(map(self._id_of_slot.__getitem__, self._slots))


@functools.lru_cache(maxsize=1 << 16)
def _words(text: str) -> tuple[str, ...]:
    """Folded words of a name or organisation; cached because names repeat a lot."""
    return tuple(fold(text).split())


def _order_key(hit: PersonHit) -> tuple[str, str]:
    """`names.sort_key` (family name without particles, then given name), from cached folds."""
    family = _words(hit.family_name)
    start = 0
    while start < len(family) - 1 and family[start] in PARTICLES:
        start += 1
    return (" ".join(family[start:]), " ".join(_words(hit.given_name)))


def _name_words(hit: PersonHit) -> tuple[str, ...]:
    family = _words(hit.family_name)
    joined = ("".join(family),) if len(family) > 1 else ()
    return (*_words(hit.given_name), *family, *joined)


def person_tokens(hit: PersonHit, stored_search_text: str, codes: Iterable[str] = ()) -> tuple[str, ...]:
    """Every token of one person.

    Besides the stored folded words: the family name run together ("vandevelde" finds Van
    de Velde) and the parts of the e-mail's local part ("vandevelde" finds
    sophie.vandevelde@…). Codes are part of the stored text; they are only added here
    for rows whose text was never stored.
    """
    text = stored_search_text or attendee_search_text(
        given_name=hit.given_name,
        family_name=hit.family_name,
        email=hit.email,
        organisation=hit.organisation,
        codes=codes,
    )
    words = set(text.split())
    words.update(_name_words(hit))
    at = text.find("@")
    if at > 0:
        local = text[text.rfind(" ", 0, at) + 1 : at]
        words.update(_EMAIL_PARTS.split(local))
        words.discard("")
    return tuple(words)


class PeopleIndex:
    """In-memory token index over the attendees of one event. Thread-safe.

    People live in slots numbered in alphabetical order at load time; a person added later
    gets a new slot at the end (and a person removed leaves an empty one) until the next
    full load, which `refresh` does by itself after many changes.
    """

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._tokens: list[str] = []
        self._slots: list[int] = []
        self._hit: list[PersonHit | None] = []
        self._id_of_slot: list[int] = []
        self._person_tokens: list[tuple[str, ...]] = []
        self._order: list[tuple[str, str]] = []
        self._slot_of: dict[int, int] = {}
        self._stored: dict[int, str] = {}
        # Words of names and organisations, for typo searches. It only grows until the next
        # full load: a word nobody has any more just finds nobody.
        self._vocabulary: set[str] = set()
        self._prefixes: dict[int, tuple[list[str], dict[str, list[str]]]] = {}

    # -- loading ----------------------------------------------------------------------------

    @classmethod
    def load(cls, doc: EventDocument) -> PeopleIndex:
        index = cls()
        with doc.session() as session:
            rows, codes = _read(session, None)
        fingerprint = _fingerprint(rows, codes)
        cache = _cache_file(_cache_key(doc))
        if fingerprint is not None and cache is not None and index._restore(cache, fingerprint, rows):
            return index
        index._rebuild(list(_hits(rows, codes)))
        if fingerprint is not None and cache is not None:
            index._save(cache, fingerprint)
        return index

    # -- the cache --------------------------------------------------------------------------

    def _save(self, cache: Path, fingerprint: bytes) -> None:
        """Write the built index beside the others, atomically; a full disk only costs speed."""
        state = (
            fingerprint,
            self._tokens,
            self._slots,
            [tuple(hit) for hit in self._hit if hit is not None],
            self._person_tokens,
            self._order,
            sorted(self._vocabulary),
        )
        part = cache.with_name(f"{cache.name}.{os.getpid()}.part")
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            part.write_bytes(marshal.dumps(state))
            part.replace(cache)
        except (OSError, ValueError):
            part.unlink(missing_ok=True)

    def _restore(self, cache: Path, fingerprint: bytes, rows: Sequence[Sequence[Any]]) -> bool:
        """Load the cached index if it was built from exactly these rows.

        marshal, not pickle: it reads only plain values (no code runs while loading), it is
        the fastest reader of lists of strings Python has, and a file it cannot read (another
        Python version, a truncated write) raises instead of loading something wrong.
        """
        try:
            state = marshal.loads(cache.read_bytes())
            stored_fingerprint, tokens, slots, hits, person_tokens, order, vocabulary = state
        except (OSError, EOFError, ValueError, TypeError):
            return False
        if stored_fingerprint != fingerprint or len(hits) != len(rows):
            return False
        self._tokens = tokens
        self._slots = slots
        self._hit = list(map(PersonHit._make, hits))
        self._id_of_slot = [hit.attendee_id for hit in self._hit]
        self._person_tokens = person_tokens
        self._order = order
        self._slot_of = {attendee_id: slot for slot, attendee_id in enumerate(self._id_of_slot)}
        self._stored = {row[0]: row[-1] for row in rows}
        self._vocabulary = set(vocabulary)
        return True

    def _rebuild(self, rows: list[tuple[PersonHit, str, list[str]]]) -> None:
        keyed = sorted(((_order_key(r[0]), r) for r in rows), key=lambda k: k[0])
        postings: defaultdict[str, list[int]] = defaultdict(list)
        organisations: set[str] = set()
        for slot, (order, (hit, stored, codes)) in enumerate(keyed):
            words = person_tokens(hit, stored, codes)
            self._hit.append(hit)
            self._id_of_slot.append(hit.attendee_id)
            self._person_tokens.append(words)
            self._order.append(order)
            self._slot_of[hit.attendee_id] = slot
            self._stored[hit.attendee_id] = stored
            organisations.add(hit.organisation)
            for word in words:
                postings[word].append(slot)
        self._vocabulary = {w for h in self._hit if h for w in _name_words(h)}
        self._vocabulary.update(w for o in organisations for w in _words(o))
        # Sorting the distinct words and laying their slots out behind them is several
        # times faster than sorting (word, slot) pairs.
        for word in sorted(postings):
            slots = postings[word]
            self._tokens.extend([word] * len(slots))
            self._slots.extend(slots)

    def __len__(self) -> int:
        return len(self._slot_of)

    # -- keeping up to date -----------------------------------------------------------------

    def refresh(self, doc: EventDocument, ids: Iterable[int]) -> None:
        """Reload these attendees (removing those that no longer exist)."""
        wanted = set(ids)
        if not wanted:
            return
        if len(wanted) > max(1000, len(self) // 4) or len(self._hit) > 2 * max(len(self), 1000):
            fresh = PeopleIndex.load(doc)
            with self._lock:
                self.__dict__.update({k: v for k, v in fresh.__dict__.items() if k != "_lock"})
            return
        with doc.session() as session:
            rows = list(_rows(session, wanted))
        with self._lock:
            found = {row[0].attendee_id for row in rows}
            for attendee_id in wanted - found:
                self._remove(attendee_id)
            for row in rows:
                self._remove(row[0].attendee_id)
                self._add(*row)

    def sync(self, doc: EventDocument) -> bool:
        """Catch up with changes made without `attendees_changed`; True if any were found.

        Rows are compared on what the index shows and searches (not on `updated_at`:
        desks' clocks disagree, and not every writer bumps it).
        """
        with doc.session() as session:
            rows = session.execute(select(*_SHOWN, Attendee.search_text)).all()
        changed: set[int] = set()
        with self._lock:
            for row in rows:
                attendee_id = row[0]
                hit = self.get(attendee_id)
                if hit is None or _shown(hit) != tuple(row[:-1]) or self._stored.get(attendee_id) != row[-1]:
                    changed.add(attendee_id)
            changed |= set(self._slot_of) - {row[0] for row in rows}
        self.refresh(doc, changed)
        return bool(changed)

    def _add(self, hit: PersonHit, stored: str, codes: list[str]) -> None:
        slot = len(self._hit)
        words = person_tokens(hit, stored, codes)
        self._hit.append(hit)
        self._id_of_slot.append(hit.attendee_id)
        self._person_tokens.append(words)
        self._order.append(_order_key(hit))
        self._slot_of[hit.attendee_id] = slot
        self._stored[hit.attendee_id] = stored
        fuzzy = {*_name_words(hit), *_words(hit.organisation)}
        if not fuzzy <= self._vocabulary:
            self._vocabulary |= fuzzy
            self._prefixes = {}
        for token in words:
            position = bisect_left(self._tokens, token + "\x00")
            self._tokens.insert(position, token)
            self._slots.insert(position, slot)

    def _remove(self, attendee_id: int) -> None:
        slot = self._slot_of.pop(attendee_id, None)
        self._stored.pop(attendee_id, None)
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

    # -- searching --------------------------------------------------------------------------

    def search(self, query: str, *, limit: int = DEFAULT_LIMIT) -> SearchResult:
        terms = sorted(set(fold(query).split()), key=len, reverse=True)
        if not terms:
            return SearchResult(query, [], 0)
        with self._lock:
            slots = self._match(terms)
            typo = False
            if not slots:
                slots = self._match_with_typos(terms)
                typo = bool(slots)
            hits = self._ranked(slots, terms, limit)
            return SearchResult(query, hits, len(slots), typo, frozenset(slots), self._id_of_slot)

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
        """Slots with a name word whose beginning is one edit (or one swap) from `term`."""
        slots: set[int] = set()
        for length in (len(term) - 1, len(term), len(term) + 1):
            keys, prefixes = self._prefix_table(length)
            for prefix, _score, _i in process.extract(
                term, keys, scorer=OSA.distance, score_cutoff=1, limit=None
            ):
                for word in prefixes[prefix]:
                    slots |= self._prefix_slots(word)
        return slots

    def _prefix_table(self, length: int) -> tuple[list[str], dict[str, list[str]]]:
        """Distinct beginnings of name words of one length; rebuilt after the words change."""
        table = self._prefixes.get(length)
        if table is None:
            grouped: defaultdict[str, list[str]] = defaultdict(list)
            for word in self._vocabulary:
                if len(word) >= length:
                    grouped[word[:length]].append(word)
            table = self._prefixes[length] = (list(grouped), dict(grouped))
        return table

    def _ranked(self, slots: set[int], terms: Sequence[str], limit: int) -> list[PersonHit]:
        """People with a word equal to a term first ("Jan" before "Janssens"), then the rest;
        each group in name order (slot order is name order as of the last full load)."""
        exact: set[int] = set()
        for term in terms:
            low = bisect_left(self._tokens, term)
            high = bisect_left(self._tokens, term + "\x00", low)
            exact.update(self._slots[low:high])
        exact &= slots
        chosen = heapq.nsmallest(limit, exact)
        if len(chosen) < limit:
            chosen += heapq.nsmallest(limit - len(chosen), slots - exact if exact else slots)
        return [hit for hit in (self._hit[s] for s in chosen) if hit is not None]

    def get(self, attendee_id: int) -> PersonHit | None:
        slot = self._slot_of.get(attendee_id)
        return None if slot is None else self._hit[slot]


_SHOWN = (
    Attendee.id,
    Attendee.given_name,
    Attendee.family_name,
    Attendee.email,
    Attendee.organisation,
    Attendee.status,
    Attendee.ticket_type,
)


def _shown(hit: PersonHit) -> tuple[object, ...]:
    """A hit as the database row it came from (an empty e-mail is NULL there)."""
    return (
        hit.attendee_id,
        hit.given_name,
        hit.family_name,
        hit.email or None,
        hit.organisation,
        hit.status,
        hit.ticket_type,
    )


def _read(session: Session, ids: set[int] | None) -> tuple[list[tuple[Any, ...]], dict[int, list[str]]]:
    """The index's columns of these attendees (all when None) as plain tuples, and the codes
    of the rows without stored search text."""
    query = select(*_SHOWN, Attendee.search_text)
    connection = session.connection()  # Core rows: the ORM layer costs more than the query
    rows: list[tuple[Any, ...]] = []
    if ids is not None:
        id_list = list(ids)
        for start in range(0, len(id_list), 500):
            chunk = connection.execute(query.where(Attendee.id.in_(id_list[start : start + 500])))
            rows.extend(map(tuple, chunk))
    else:
        rows = list(map(tuple, connection.execute(query)))
    missing = [row[0] for row in rows if not row[-1]]
    codes: defaultdict[int, list[str]] = defaultdict(list)
    for start in range(0, len(missing), 500):
        chunk = missing[start : start + 500]
        code_query = select(ExternalCode.attendee_id, ExternalCode.code).where(
            ExternalCode.attendee_id.in_(chunk)
        )
        for attendee_id, code in session.execute(code_query):
            codes[attendee_id].append(code)
    return rows, dict(codes)


def _hits(
    rows: Iterable[tuple[Any, ...]], codes: dict[int, list[str]]
) -> Iterable[tuple[PersonHit, str, list[str]]]:
    for attendee_id, given, family, email, organisation, status, ticket_type, stored in rows:
        hit = PersonHit(attendee_id, given, family, email or "", organisation, status, ticket_type)
        yield hit, stored, codes.get(attendee_id, [])


def _rows(session: Session, ids: set[int] | None) -> Iterable[tuple[PersonHit, str, list[str]]]:
    """(hit, stored search text, codes); codes only for rows without stored text."""
    return _hits(*_read(session, ids))


# Bumped when what the index holds or how it folds words changes; eventdesk's version is in
# the key too, so an upgrade never reads an index an older build made.
_CACHE_FORMAT = 1
CACHE_DIR_VARIABLE = "EVENTDESK_CACHE_DIR"


def _fingerprint(rows: list[tuple[Any, ...]], codes: dict[int, list[str]]) -> bytes | None:
    """A hash of everything the index is built from; None if a value is not a plain one."""
    try:
        data = marshal.dumps((_CACHE_FORMAT, __version__, rows, sorted(codes.items())))
    except ValueError:
        return None
    return hashlib.blake2b(data, digest_size=32).digest()


def _cache_key(doc: EventDocument) -> str:
    """What names the event in the cache: its file's real path, or its database URL.

    Resolved, so that `eventdesk demo fair.eventdesk` in a terminal and the window opening
    ~/fair.eventdesk (or the same file through a symbolic link) find the same cache file.
    """
    if doc.path is None:
        return doc.location
    try:
        return str(Path(doc.location).resolve())
    except (OSError, RuntimeError):
        return doc.location


def _cache_file(location: str) -> Path | None:
    """Where the index of the event at `location` (a file or a database URL) is cached."""
    override = os.environ.get(CACHE_DIR_VARIABLE)
    if override:
        folder = Path(override)
    else:
        try:
            from platformdirs import user_cache_dir

            folder = Path(user_cache_dir("eventdesk", appauthor=False))
        except Exception:  # no home folder: run without the cache
            return None
    key = hashlib.blake2b(location.encode("utf-8"), digest_size=16).hexdigest()
    return folder / "people-index" / f"{key}.marshal"


_INDEXES: weakref.WeakKeyDictionary[EventDocument, PeopleIndex] = weakref.WeakKeyDictionary()
_INDEXES_LOCK = threading.Lock()


def people_index(doc: EventDocument) -> PeopleIndex:
    """The document's index, built on first use."""
    with _INDEXES_LOCK:
        index = _INDEXES.get(doc)
        if index is None:
            index = _INDEXES[doc] = PeopleIndex.load(doc)
        return index


def looks_like_code(query: str) -> bool:
    """One word of 8 characters or more: maybe a badge or ticket code (on an AZERTY laptop a
    scanner's digits arrive as "&é\"'(", so no rule on which characters it holds)."""
    text = query.strip()
    return len(text) >= 8 and " " not in text


def forget_index(doc: EventDocument) -> None:
    """Drop the loaded index and its cached file: after anonymising or erasing, the cache on
    disk would still hold the removed names (GDPR Art. 17 means every copy we made)."""
    with _INDEXES_LOCK:
        _INDEXES.pop(doc, None)
    cached = _cache_file(_cache_key(doc))
    if cached is not None:
        cached.unlink(missing_ok=True)


def store_people_index(*, doc: EventDocument) -> int:
    """Build the index of `doc` now (or check the cached one) and keep it in the cache.

    For the commands that fill an event without the window — `eventdesk demo`, `eventdesk
    import` — so that the first time the window opens the event its search is ready in a
    third of the time (the cache is read instead of the index built). Returns the number of
    people indexed.
    """
    return len(people_index(doc))


def search_people(*, doc: EventDocument, query: str, limit: int = DEFAULT_LIMIT) -> SearchResult:
    """Names, e-mail, organisation and ticket codes as typed; and, when nothing matches a query
    that looks like a code, the person whose badge or platform ticket it is (a badge's QR
    holds a signed token, not a word of the index; a scanner on another keyboard layout
    types a ticket code garbled)."""
    index = people_index(doc)
    result = index.search(query, limit=limit)
    if result.total or not looks_like_code(query):
        return result
    attendee_id = person_for_code(doc=doc, scanned=query)
    hit = index.get(attendee_id) if attendee_id is not None else None
    if hit is None or attendee_id is None:
        return result
    return SearchResult(query, [hit], 1, False, frozenset({0}), [attendee_id])


def attendees_changed(doc: EventDocument, ids: Iterable[int]) -> None:
    """Tell the index (if one is loaded) that these attendees were added, changed or deleted."""
    index = _INDEXES.get(doc)
    if index is not None:
        index.refresh(doc, ids)
