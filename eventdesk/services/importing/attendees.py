"""Rows of a ticket export or a form → attendees: normalised, matched, merged, stored.

Matching, in order: a ticket code the event already knows (the shop's barcode or secret is
the most reliable identity: it survives a changed e-mail or a ticket handed to a colleague);
then the e-mail together with the name, case-insensitively and folded ("Müller" is
"MULLER"); then, for rows with neither, the same name among people without an e-mail (so
importing the same form twice does not double anyone). One weak field never decides:

- within one file, rows with different names are different people even when they share an
  e-mail (a group order's buyer address on every ticket, a lab's shared inbox, a couple)
  or a ticket code; each is created and the report notes "shares an e-mail with line N";
- across imports, an e-mail the event knows under another name, with no ticket code to
  tell, is a question only a person can answer (`report.SamePersonQuestion`): the wizard
  asks (keep both / same person, `ImportContext.same_person`), headless it is imported as
  another person with a warning. A missing name on either side is no contradiction: an
  "Email;Phone" update file still updates the person.

Merging: the file is the newer export, so on a person's first row its non-empty cells
replace what the event had; further rows of the same person only fill gaps (first row
wins within a file, so that importing the same file twice is a no-op). A person is
cancelled only if every one of their rows says so. Empty cells never erase anything.

Rows are processed in batches that are written within the import's single transaction, so
memory stays bounded by the batch while duplicates across batches are still found. How one
row is read and checked is `attendee_rows`; on a large file a worker process does that for
the rows ahead (`row_worker`) while this one matches, merges and writes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, select, update
from sqlmodel import Session

from eventdesk.domain.changes import Entity
from eventdesk.domain.enums import AttendeeStatus, TicketType
from eventdesk.domain.event import utc_now
from eventdesk.domain.people import attendee_search_text, company_key
from eventdesk.domain.text import email_key
from eventdesk.i18n import N_, gettext, ngettext
from eventdesk.persistence.tables import Attendee, Company, ExternalCode, Wish
from eventdesk.services.importing.attendee_rows import Incoming, ReadSettings, RowReader, name_key
from eventdesk.services.importing.fields import ATTENDEE_FIELDS
from eventdesk.services.importing.kinds import ImportContext, ImportKind, SinkResult
from eventdesk.services.importing.platforms import ATTENDEE_PLATFORMS
from eventdesk.services.importing.report import Outcome, SamePersonQuestion
from eventdesk.services.importing.row_worker import RowWorker
from eventdesk.services.importing.rows import MappedRow
from eventdesk.services.undo import bulk_update

BATCH = 1000
GENERIC_CODE_PLATFORM = "import"

# Columns an import may change, in the order they are compared and reported.
MERGED = (
    "given_name",
    "family_name",
    "email",
    "phone",
    "organisation",
    "job_title",
    "degree",
    "field_of_work",
    "interests",
    "ticket_type",
    "status",
    "consent_share",
    "company_id",
    "language",
)
DERIVED = ("email_key", "search_text")
_TEXT_FIELDS = ("phone", "organisation", "job_title", "degree", "field_of_work", "language")
_LABELS = {
    "given_name": N_("given name"),
    "family_name": N_("family name"),
    "email": N_("e-mail"),
    "phone": N_("phone"),
    "organisation": N_("organisation"),
    "job_title": N_("job title"),
    "degree": N_("degree"),
    "field_of_work": N_("field of work"),
    "interests": N_("interests"),
    "ticket_type": N_("ticket type"),
    "status": N_("status"),
    "consent_share": N_("consent"),
    "company_id": N_("company"),
    "language": N_("language"),
}


@dataclass(slots=True, eq=False)
class Person:
    """Someone this import has touched.

    `values` holds the columns an import may change while the person's rows are being
    merged; it is dropped once written and read back if a later row needs it. For people
    the event already had, `before` is how they were (for undo and the report) and `db`
    what the database holds now.
    """

    id: int | None
    first_line: int
    values: dict[str, Any] | None
    existing: bool = False
    before: dict[str, Any] | None = None
    db: dict[str, Any] | None = None
    codes: set[tuple[str, str]] = field(default_factory=set)
    codes_before: frozenset[tuple[str, str]] = frozenset()
    new_codes: list[tuple[str, str]] = field(default_factory=list)
    any_registered: bool = False
    queued: bool = False
    written: bool = False
    # A registered visitor with no interests, as last written: matchmaking leaves them out
    # unless they have wishes (`matchmaking.plan._participants`), and the report says so.
    no_interests: bool = False
    # A row of this file said yes or no to sharing with exhibitors: the consent's origin is it.
    consent_given: bool = False


@dataclass(slots=True, eq=False)
class Known:
    """A person the import can match against: in the event already, or met in this file."""

    id: int | None
    given: str
    family: str
    email_key: str | None
    person: Person | None = None
    codes: set[tuple[str, str]] = field(default_factory=set)
    _name_key: str | None = None

    @property
    def name_key(self) -> str:
        """Folded on first use: most people are matched by code or e-mail and never need it."""
        if self._name_key is None:
            self._name_key = name_key(self.given, self.family)
        return self._name_key


class AttendeeSink:
    def __init__(self, session: Session, context: ImportContext) -> None:
        self.session = session
        self.context = context
        self.report = context.report
        self.platform_key = context.platform.key if context.platform else GENERIC_CODE_PLATFORM
        self.unnamed_rows = context.platform.unnamed_rows if context.platform else "buyer"
        self.by_email: defaultdict[str, list[Known]] = defaultdict(list)
        self.by_code: dict[tuple[str, str], Known] = {}
        self.by_name: defaultdict[str, list[Known]] = defaultdict(list)
        self.by_id: dict[int, Known] = {}
        self.companies: dict[str, int] = {}
        self.touched: list[Person] = []
        self.pending: list[Person] = []
        self.merges: list[tuple[Person, Incoming, bool]] = []
        self.pending_rows = 0
        self.created_ids: list[int] = []
        self.code_ids: list[int] = []
        # SQLite gives ids of a bulk insert back one statement per row (its RETURNING order
        # is not guaranteed), so there the import numbers new rows itself, inside its own
        # write transaction; PostgreSQL returns them in bulk.
        self.own_ids = session.get_bind().dialect.name == "sqlite"
        self.next_id: dict[str, int] = {}
        self.rows: RowWorker | None = None
        self.consent_origin: str | None = None
        self._load_event()

    # -- what the event holds ---------------------------------------------------------------

    def _load_event(self) -> None:
        known_by_id = self.by_id
        rows = self.session.connection().execute(
            select(Attendee.id, Attendee.email_key, Attendee.given_name, Attendee.family_name)
        )
        for attendee_id, key, given, family in rows:
            known = Known(attendee_id, given, family, key)
            known_by_id[attendee_id] = known
            self._index(known)
        for platform, code, attendee_id in self.session.connection().execute(
            select(ExternalCode.platform, ExternalCode.code, ExternalCode.attendee_id)
        ):
            known = known_by_id.get(attendee_id)
            if known is not None:
                self.by_code[(platform, code)] = known
                known.codes.add((platform, code))
        for company_id, name in self.session.execute(select(Company.id, Company.name)):
            self.companies.setdefault(company_key(name), company_id)

    def _index(self, known: Known) -> None:
        if known.email_key:
            self.by_email[known.email_key].append(known)
        elif known.name_key:
            self.by_name[known.name_key].append(known)

    def _unindex(self, known: Known) -> None:
        if known.email_key:
            if known in self.by_email.get(known.email_key, ()):
                self.by_email[known.email_key].remove(known)
        elif known in self.by_name.get(known.name_key, ()):
            self.by_name[known.name_key].remove(known)

    # -- one row ----------------------------------------------------------------------------

    def ahead(self, rows: Sequence[MappedRow]) -> None:
        """Rows `add` gets soon: a worker process may read them meanwhile (see row_worker)."""
        if rows:
            self._rows(rows[0]).ahead(rows)

    def close(self) -> None:
        if self.rows is not None:
            self.rows.close()

    def _rows(self, row: MappedRow) -> RowWorker:
        if self.rows is None:
            settings = ReadSettings(row.fields, self.platform_key, self.unnamed_rows, self.context.region)
            self.rows = RowWorker(RowReader(settings))
        return self.rows

    def add(self, row: MappedRow) -> None:
        incoming, notes = self._rows(row).read(row)
        for line, outcome, reason, column in notes:
            self.report.add(line, outcome, reason, column)
        if incoming is None:
            return
        known, why = self._match(incoming)
        if known is None:
            person = Person(None, incoming.line, _new_values(incoming, self.companies))
            person.any_registered = incoming.status in (None, AttendeeStatus.REGISTERED.value)
            known = Known(None, incoming.given_name, incoming.family_name, email_key(incoming.email), person)
            self._index(known)
            self.touched.append(person)
        elif known.person is None:
            person = Person(known.id, incoming.line, None, existing=True)
            person.codes = set(known.codes)
            person.codes_before = frozenset(known.codes)
            known.person = person
            self.touched.append(person)
            self.merges.append((person, incoming, True))
            self._track_email(known, incoming, first=True)
        else:
            person = known.person
            self.report.add(
                incoming.line,
                Outcome.MERGED,
                # TRANSLATORS: {why} is "same e-mail and name", "same ticket code …" or similar.
                gettext("{why} as line {line}; merged into one person", why=why, line=person.first_line),
                group=why,
                name=" ".join(p for p in (incoming.given_name, incoming.family_name) if p),
            )
            self.merges.append((person, incoming, False))
            self._track_email(known, incoming, first=False)
        self._add_codes(known, incoming)
        if incoming.consent is not None:
            person.consent_given = True
            if self.consent_origin is None:
                labels = [row.fields.labels[c] for c in row.fields.columns.get("consent", ())]
                self.consent_origin = f"import:{self.context.path.name}:{', '.join(labels)}"
        if not person.queued:
            person.queued = True
            self.pending.append(person)
        self.pending_rows += 1
        if self.pending_rows >= BATCH:
            self._flush()

    def _track_email(self, known: Known, incoming: Incoming, *, first: bool) -> None:
        """Keep the e-mail index as `_merge` will leave the person, before it runs."""
        if not incoming.email:
            return
        replaces = first and not incoming.email_from_buyer
        if known.email_key and not replaces:
            return
        key = email_key(incoming.email)
        if key != known.email_key:
            self._unindex(known)
            known.email_key = key
            self._index(known)

    # -- matching and merging ---------------------------------------------------------------

    def _match(self, incoming: Incoming) -> tuple[Known | None, str]:
        """The person a row is, and why (the merge group of the review page); None: a new person."""
        chosen = self.context.same_person.get(incoming.line)
        if chosen is not None and chosen in self.by_id:
            return self.by_id[chosen], gettext("you said: the same person")
        for code in incoming.codes:
            known = self.by_code.get(code)
            if known is None:
                continue
            if known.person is not None and not _same_name(known, incoming):
                # Seen under another name in this very file: a misread column or a re-used
                # code, never a reason to lose a person (`_add_codes` warns about the code).
                self._note(
                    incoming,
                    gettext(
                        "shares ticket code {code} with line {line}",
                        code=code[1],
                        line=known.person.first_line,
                    ),
                )
                continue
            return known, gettext("same ticket code {code}", code=code[1])
        key = email_key(incoming.email)
        if key:
            candidates = self.by_email.get(key, [])
            same = [k for k in candidates if _same_name(k, incoming)]
            if same:
                if incoming.email_from_buyer:
                    return same[0], gettext("same buyer e-mail and name")
                return same[0], gettext("same e-mail and name")
            if candidates:
                self._another_name(incoming, candidates)
            return None, ""
        wanted = "" if incoming.codes else incoming.name_key
        if wanted:
            candidates = self.by_name.get(wanted, [])
            if len(candidates) == 1:
                return candidates[0], gettext("same name (no e-mail)")
        return None, ""

    def _another_name(self, incoming: Incoming, candidates: list[Known]) -> None:
        """A row whose e-mail is someone else's by name: a note when that someone is in
        this file (a group order), a question when the event had them from before."""
        in_file = [k for k in candidates if k.person is not None]
        if in_file:
            first = min(k.person.first_line for k in in_file if k.person is not None)
            if incoming.email_from_buyer:
                text = gettext(
                    "shares the order's e-mail with line {line}; a different name, so another person",
                    line=first,
                )
            else:
                text = gettext(
                    "shares an e-mail with line {line}; a different name, so another person", line=first
                )
            self._note(incoming, text)
            return
        earlier = [k for k in candidates if k.id is not None and not (incoming.codes and k.codes)]
        if incoming.email_from_buyer or not earlier:
            # A buyer's address, or two tickets with codes of their own: two people.
            self._note(
                incoming, gettext("shares an e-mail with someone already in the event under another name")
            )
            return
        known = min(earlier, key=lambda k: k.id or 0)
        existing = " ".join(p for p in (known.given, known.family) if p)
        name = " ".join(p for p in (incoming.given_name, incoming.family_name) if p)
        self.report.questions.append(
            SamePersonQuestion(incoming.line, name, incoming.email or "", known.id or 0, existing)
        )
        self.report.add(
            incoming.line,
            Outcome.WARNING,
            gettext(
                "{email} belongs to {existing}, already in the event under another name; imported as "
                "another person ({name}). If they are the same person, say so in the import wizard or "
                "correct the name and import again",
                email=incoming.email,
                existing=existing,
                name=name,
            ),
        )

    def _note(self, incoming: Incoming, text: str) -> None:
        self.report.add(incoming.line, Outcome.NOTE, text)

    def _load_values(self, people: list[Person]) -> None:
        """Read the current columns of people whose rows are about to be merged, in bulk."""
        names = (*MERGED, *DERIVED, "updated_at")
        by_id = {p.id: p for p in people}
        for row in self._current(names, list(by_id)):
            values = dict(zip(names, row[1:], strict=True))
            values["interests"] = list(values["interests"] or [])
            person = by_id[row[0]]
            person.values = values
            if person.existing and person.before is None:
                # `db` shares `before` until something is written (most re-imports change nobody).
                person.before = person.db = dict(values)

    def _current(self, names: tuple[str, ...], ids: list[int]) -> Iterator[Sequence[Any]]:
        """(id, *names) of these attendees as the database holds them, in batches."""
        connection = self.session.connection()
        if not self.own_ids:
            columns = [getattr(Attendee, c) for c in names]
            for start in range(0, len(ids), BATCH):
                batch = ids[start : start + BATCH]
                yield from connection.execute(select(Attendee.id, *columns).where(Attendee.id.in_(batch)))
            return
        # On SQLite straight from the driver, with SQLAlchemy's own converters for each column
        # (JSON, booleans, datetimes), as `_insert` writes: its statement and row handling
        # would cost more than the reading, which a re-import does for every person.
        table, dialect = Attendee.__table__, connection.dialect  # type: ignore[attr-defined]
        converters = [
            (i, convert)
            for i, name in enumerate(names, start=1)
            if (convert := table.c[name].type.dialect_impl(dialect).result_processor(dialect, None))
            is not None
        ]
        columns = ", ".join(f'"{name}"' for name in ("id", *names))
        for start in range(0, len(ids), BATCH):
            batch = ids[start : start + BATCH]
            marks = ", ".join("?" for _ in batch)
            query = f'SELECT {columns} FROM "{table.name}" WHERE id IN ({marks})'
            for found in connection.exec_driver_sql(query, tuple(batch)):
                row = list(found)
                for i, convert in converters:
                    row[i] = convert(row[i])
                yield row

    def _merge(self, person: Person, incoming: Incoming, *, first: bool) -> None:
        """First row of a person in this file: its cells win. Later rows: fill gaps only."""
        values = person.values
        assert values is not None

        def put(name: str, new: Any) -> None:
            if new in (None, "", []) or values.get(name) == new:
                return
            if first or values.get(name) in (None, "", []):
                values[name] = new

        put("given_name", incoming.given_name)
        put("family_name", incoming.family_name)
        if incoming.email and not (incoming.email_from_buyer and values.get("email")):
            put("email", incoming.email)
        for name in _TEXT_FIELDS:
            put(name, getattr(incoming, name))
        if incoming.interests:
            if first:
                put("interests", incoming.interests)
            else:
                merged = list(values["interests"])
                merged += [
                    i for i in incoming.interests if i.casefold() not in {m.casefold() for m in merged}
                ]
                values["interests"] = merged
        if first:
            put("ticket_type", incoming.ticket_type)
            if incoming.consent is not None:
                values["consent_share"] = incoming.consent
            if incoming.status is not None:
                values["status"] = incoming.status
        if incoming.status == AttendeeStatus.REGISTERED.value:
            person.any_registered = True
        if person.any_registered:
            values["status"] = AttendeeStatus.REGISTERED.value
        company_id = _company_for(incoming, values, self.companies)
        if company_id is not None and (first or values.get("company_id") is None):
            values["company_id"] = company_id

    def _add_codes(self, known: Known, incoming: Incoming) -> None:
        person = known.person
        assert person is not None
        for code in incoming.codes:
            owner = self.by_code.get(code)
            if owner is None:
                self.by_code[code] = known
                known.codes.add(code)
                person.codes.add(code)
                person.new_codes.append(code)
            elif owner is not known:
                self.report.add(
                    incoming.line,
                    Outcome.WARNING,
                    gettext(
                        "ticket code {code} ({platform}) already belongs to someone else; "
                        "not added to this person",
                        code=code[1],
                        platform=code[0],
                    ),
                )

    # -- writing ----------------------------------------------------------------------------

    def _flush(self) -> None:
        """Merge the batch's rows into their people and write them (one transaction)."""
        self._load_values([p for p in self.pending if p.values is None])
        for person, incoming, first in self.merges:
            self._merge(person, incoming, first=first)
        self.merges = []
        now = utc_now()
        creating = [p for p in self.pending if p.id is None]
        if creating:
            rows = [
                {
                    **p.values,
                    **_derived(p.values, p.codes),
                    "badge_version": 1,
                    "created_at": now,
                    "updated_at": now,
                }  # type: ignore[dict-item]
                for p in creating
            ]
            for person, new_id in zip(creating, self._insert(Attendee, rows), strict=True):
                person.id = new_id
                self.created_ids.append(new_id)
        just_created = {id(p) for p in creating}
        changes: list[tuple[int, dict[str, Any]]] = []
        for person in self.pending:
            if id(person) in just_created:
                continue
            values = person.values
            assert values is not None and person.id is not None
            if not person.existing:
                changes.append((person.id, {**values, **_derived(values, person.codes)}))
                continue
            assert person.before is not None and person.db is not None
            unchanged = person.codes == person.codes_before and all(
                _equal(values[n], person.before.get(n)) for n in MERGED
            )
            if unchanged and not person.written:
                continue  # the usual case of a re-import: nothing to compare or write
            target = {name: values[name] for name in MERGED} | _derived(values, person.codes)
            if unchanged:
                # Changed and changed back within the file: leave the row as it was.
                target = {n: person.before.get(n) for n in target}
            target["updated_at"] = person.before["updated_at"] if unchanged else now
            diff = {n: v for n, v in target.items() if not _equal(v, person.db.get(n))}
            if diff:
                changes.append((person.id, diff))
                if person.db is person.before:
                    person.db = dict(person.before)
                person.db.update(diff)
                person.written = True
        if changes:
            bulk_update(self.session.connection(), Attendee.__table__, changes)  # type: ignore[attr-defined]
        code_rows = [
            {"attendee_id": p.id, "platform": platform, "code": code}
            for p in self.pending
            for platform, code in p.new_codes
        ]
        if code_rows:
            self.code_ids.extend(self._insert(ExternalCode, code_rows))
        for person in self.pending:
            values = person.values
            assert values is not None
            person.no_interests = (
                not values["interests"]
                and values["status"] == AttendeeStatus.REGISTERED.value
                and values["ticket_type"] == TicketType.VISITOR.value
                and values["company_id"] is None
            )
            person.new_codes = []
            person.queued = False
            person.values = None
        self.pending = []
        self.pending_rows = 0

    def _insert(self, model: type[Attendee] | type[ExternalCode], rows: list[dict[str, Any]]) -> list[int]:
        """Insert rows and return their new ids, in order."""
        table = model.__table__  # type: ignore[attr-defined]
        connection = self.session.connection()
        if not self.own_ids:
            statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
            return list(connection.execute(statement, rows).scalars().all())
        first = self.next_id.get(table.name)
        if first is None:
            # The first row goes in the ordinary way: that write takes SQLite's write lock,
            # so no other desk can add a row (and take an id) until this import commits.
            first = connection.execute(insert(table).returning(table.c.id), rows[0]).scalar_one()
            self.next_id[table.name] = first + 1
            return [first, *self._insert(model, rows[1:])] if len(rows) > 1 else [first]
        ids = list(range(first, first + len(rows)))
        self.next_id[table.name] = first + len(rows)
        # Straight to the driver's executemany, with SQLAlchemy's own converters for each
        # column (JSON, datetimes): its per-row parameter handling would cost more than the
        # validation of the rows themselves.
        names = ["id", *rows[0]]
        dialect = connection.dialect
        converters = [
            (i, _remembering(convert))
            for i, name in enumerate(names)
            if (convert := table.c[name].type.dialect_impl(dialect).bind_processor(dialect)) is not None
        ]
        values = []
        for row, new_id in zip(rows, ids, strict=True):
            value = [new_id, *row.values()]
            for i, convert in converters:
                value[i] = convert(value[i])
            values.append(tuple(value))
        columns = ", ".join(f'"{name}"' for name in names)
        marks = ", ".join("?" for _ in names)
        connection.exec_driver_sql(f'INSERT INTO "{table.name}" ({columns}) VALUES ({marks})', values)
        return ids

    def finish(self) -> SinkResult:
        self._flush()
        report, recorder = self.report, self.context.recorder
        recorder.created(Attendee, self.created_ids)
        recorder.created(ExternalCode, self.code_ids)
        report.created = len(self.created_ids)
        updated_ids: set[int] = set()
        for person in self.touched:
            if person.before is None or person.db is None:
                continue
            if not person.written and person.codes == person.codes_before:
                report.unchanged += 1
                continue
            changed = [n for n in MERGED if not _equal(person.db.get(n), person.before.get(n))]
            codes_added = len(person.codes - person.codes_before)
            if changed or codes_added:
                report.updated += 1
                updated_ids.add(person.id)  # type: ignore[arg-type]
                what = ", ".join(gettext(_LABELS[n]) for n in changed)
                if codes_added:
                    added = ngettext("{n} ticket code added", "{n} ticket codes added", codes_added)
                    what = ", ".join(filter(None, [what, added]))
                report.add(person.first_line, Outcome.UPDATED, gettext("updated: {what}", what=what))
            else:
                report.unchanged += 1
            keys = [*MERGED, *DERIVED, "updated_at"]
            recorder.updated(
                Attendee,
                person.id,
                {k: person.before.get(k) for k in keys},
                {k: person.db.get(k) for k in keys},
            )
        report.matchmaking_left_out = self._left_out_of_matchmaking()
        self._record_consent_origin()
        return SinkResult(attendee_ids=set(self.created_ids) | updated_ids)

    def _record_consent_origin(self) -> None:
        """Which file and column each consent came from (GDPR Art. 7(1): the organiser must be
        able to show it); one statement per chunk, after the rows are written."""
        ids = [p.id for p in self.touched if p.consent_given and p.id is not None]
        if self.consent_origin is None or not ids:
            return
        now = utc_now()
        for start in range(0, len(ids), 500):
            self.session.execute(
                update(Attendee)
                .where(
                    Attendee.id.in_(ids[start : start + 500]),  # type: ignore[union-attr]
                    # The same file again changes nothing (nor the time consent was recorded).
                    Attendee.consent_origin != self.consent_origin,
                )
                .values(consent_origin=self.consent_origin, consent_at=now)
            )

    def _left_out_of_matchmaking(self) -> int:
        """This import's visitors the matchmaking cannot place: no interests and no wishes."""
        without = {p.id for p in self.touched if p.no_interests}
        if not without:
            return 0
        wished = set(self.session.connection().execute(select(Wish.attendee_id).distinct()).scalars())
        return len(without - wished)


def _same_name(known: Known, incoming: Incoming) -> bool:
    """Names that do not contradict each other: equal when folded, or one of them missing
    (an e-mail-only update row, a ticket not yet personalised)."""
    theirs, ours = known.name_key, incoming.name_key
    return not theirs or not ours or theirs == ours


def _remembering(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A column converter that reuses its last answer for the same object: a batch shares
    one timestamp and mostly empty interest lists, so most conversions are repeats."""
    last: list[Any] = [object(), None]

    def converted(value: Any) -> Any:
        if value is last[0] or (value == [] and last[0] == []):
            return last[1]
        last[0], last[1] = value, convert(value)
        return last[1]

    return converted


def _equal(a: Any, b: Any) -> bool:
    if isinstance(a, list) or isinstance(b, list):
        return list(a or []) == list(b or [])
    return bool(a == b)


def _derived(values: dict[str, Any], codes: set[tuple[str, str]]) -> dict[str, Any]:
    return {
        "email_key": email_key(values.get("email")),
        "search_text": attendee_search_text(
            given_name=values["given_name"],
            family_name=values["family_name"],
            email=values.get("email"),
            organisation=values["organisation"],
            codes=[code for _, code in sorted(codes)],
        ),
    }


def _new_values(incoming: Incoming, companies: dict[str, int]) -> dict[str, Any]:
    values: dict[str, Any] = {
        "given_name": incoming.given_name,
        "family_name": incoming.family_name,
        "email": incoming.email,
        "phone": incoming.phone,
        "organisation": incoming.organisation,
        "job_title": incoming.job_title,
        "degree": incoming.degree,
        "field_of_work": incoming.field_of_work,
        "interests": list(incoming.interests or []),
        "ticket_type": incoming.ticket_type or TicketType.VISITOR.value,
        "status": incoming.status or AttendeeStatus.REGISTERED.value,
        "consent_share": bool(incoming.consent),
        "company_id": None,
        "language": incoming.language,
    }
    values["company_id"] = _company_for(incoming, values, companies)
    return values


def _company_for(incoming: Incoming, values: dict[str, Any], companies: dict[str, int]) -> int | None:
    """Exhibitor staff are linked to their company by its name."""
    if incoming.exhibitor_company:
        return companies.get(company_key(incoming.exhibitor_company))
    if values.get("ticket_type") == TicketType.EXHIBITOR.value and values.get("organisation"):
        return companies.get(company_key(values["organisation"]))
    return None


ATTENDEES = ImportKind(
    name="attendees",
    label="Attendees",
    fields=ATTENDEE_FIELDS,
    platforms=ATTENDEE_PLATFORMS,
    entities=frozenset({Entity.ATTENDEES}),
    start=AttendeeSink,
    needs_one_of=("full_name", "given_name", "family_name", "email", "buyer_email"),
)
