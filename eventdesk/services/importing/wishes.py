"""Rows of a wish list → matchmaking wishes: ranks, scores, must-meet and never-meet pairs.

Columns: `attendee` (e-mail or id), `company` (name or id), then any of `score` (a number
≥ 0), `rank` (1 = first choice), `side` (attendee|company: an attendee's wish or a company's
shortlist) and `must` / `never` (yes/no). A wish is keyed by (attendee, company, side), so
importing a file twice changes nothing and a newer file updates ranks and scores.

Unlike a list of people, a wish file only makes sense whole: one unknown e-mail or company
means the file belongs to another event or an old export, and importing the rest would
quietly drop someone's wishes. So every row is checked, every rejected row is reported with
its line and column, and if any is rejected `finish` refuses the file — the import's
transaction rolls back and nothing is written.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlmodel import Session

from eventdesk.domain.changes import Entity
from eventdesk.domain.enums import AttendeeStatus, TicketType
from eventdesk.domain.errors import EventdeskError
from eventdesk.domain.matchmaking.scoring import Side
from eventdesk.domain.text import email_key, fold
from eventdesk.i18n import gettext
from eventdesk.persistence.tables import Attendee, Company, MatchmakingSetup, Wish
from eventdesk.services.door.checkin import display_name
from eventdesk.services.importing.fields import FieldSpec, header_key
from eventdesk.services.importing.kinds import ImportContext, ImportKind, SinkResult
from eventdesk.services.importing.report import ImportReport, Outcome, ReportEntry
from eventdesk.services.importing.rows import MappedRow
from eventdesk.services.matchmaking.plan import DEFAULT_MAX_MEETINGS, DEFAULT_SLOTS

_YES = {"1", "y", "yes", "true", "x", "ja", "oui", "must", "never"}
_NO = {"", "0", "n", "no", "false", "nee", "non"}


def header_keys(*words: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(header_key(w) for w in words))


ATTENDEE_FIELD = FieldSpec(
    "attendee",
    "Attendee (e-mail or id)",
    header_keys(
        "attendee",
        "attendee email",
        "attendee e-mail",
        "email",
        "e-mail",
        "attendee id",
        "person",
        "deelnemer",
    ),
)
COMPANY_FIELD = FieldSpec(
    "company",
    "Company (name or id)",
    header_keys(
        "company", "company name", "company id", "exhibitor", "organisation", "organization", "bedrijf"
    ),
)
WISH_FIELDS: tuple[FieldSpec, ...] = (
    ATTENDEE_FIELD,
    COMPANY_FIELD,
    FieldSpec("score", "Score (≥ 0)", header_keys("score", "points", "weight", "match score")),
    FieldSpec(
        "rank", "Rank (1 = first choice)", header_keys("rank", "ranking", "priority", "choice", "voorkeur")
    ),
    FieldSpec("side", "Whose wish (attendee or company)", header_keys("side", "whose", "wish of")),
    FieldSpec("must", "Must meet (yes/no)", header_keys("must", "must meet")),
    FieldSpec("never", "Never meet (yes/no)", header_keys("never", "never meet", "exclude", "conflict")),
)


class MatchmakingImportError(EventdeskError):
    """The file was refused; `report` lists every rejected row with its line and column."""

    def __init__(self, message: str, report: ImportReport | None = None) -> None:
        super().__init__(message)
        self.report = report


def flag(text: str) -> bool | None:
    value = fold(text)
    if value in _YES:
        return True
    if value in _NO:
        return False
    return None


@dataclass
class Directory:
    """Attendees by id and e-mail, companies by id and folded name: who a row names."""

    people: dict[int, tuple[str, bool]]
    """id → (name, takes part in matchmaking)"""
    by_email: dict[str, int]
    companies: dict[int, str]
    by_name: dict[str, list[int]]

    @classmethod
    def load(cls, session: Session) -> Directory:
        people: dict[int, tuple[str, bool]] = {}
        by_email: dict[str, int] = {}
        for row in session.execute(
            select(
                Attendee.id,
                Attendee.given_name,
                Attendee.family_name,
                Attendee.organisation,
                Attendee.email_key,
                Attendee.ticket_type,
                Attendee.status,
                Attendee.company_id,
            )
        ):
            eligible = (
                row.ticket_type == TicketType.VISITOR.value
                and row.status == AttendeeStatus.REGISTERED.value
                and row.company_id is None
            )
            people[row.id] = (display_name(row.given_name, row.family_name, row.organisation), eligible)
            if row.email_key:
                by_email.setdefault(row.email_key, row.id)
        companies: dict[int, str] = {}
        by_name: dict[str, list[int]] = defaultdict(list)
        for cid, name in session.execute(select(Company.id, Company.name)):
            companies[cid] = name
            by_name[fold(name)].append(cid)
        return cls(people, by_email, companies, by_name)

    def attendee(self, text: str) -> tuple[int | None, str]:
        if not text:
            return None, "the attendee is missing"
        if text.isdigit():
            if int(text) not in self.people:
                return None, f"there is no attendee with id {text}"
            found = int(text)
        else:
            found_by_mail = self.by_email.get(email_key(text) or "")
            if found_by_mail is None:
                return None, f"no attendee has the e-mail '{text}'"
            found = found_by_mail
        name, eligible = self.people[found]
        if not eligible:
            return None, f"{name} is not a registered visitor, so takes no part in matchmaking"
        return found, ""

    def company(self, text: str) -> tuple[int | None, str]:
        if not text:
            return None, "the company is missing"
        if text.isdigit() and int(text) in self.companies:
            return int(text), ""
        matches = self.by_name.get(fold(text), [])
        if not matches:
            return None, f"there is no company called '{text}'"
        if len(matches) > 1:
            return None, f"{len(matches)} companies are called '{text}'; use the company's id"
        return matches[0], ""


def reject_cell(report: ImportReport, row: MappedRow, field: str, reason: str, *, first: bool) -> None:
    """A row counts once as rejected, but every bad cell of it is reported."""
    if first:
        report.add(row.line, Outcome.REJECTED, reason, row.column(field))
    else:
        report.entries.append(ReportEntry(row.line, Outcome.REJECTED, reason, row.column(field)))


def refuse_if_rejected(report: ImportReport, file_name: str) -> None:
    rejected = sorted((e for e in report.entries if e.outcome is Outcome.REJECTED), key=lambda e: e.line)
    if rejected:
        first = rejected[0]
        where = f"line {first.line}" + (f", column {first.column}" if first.column else "")
        more = len(rejected) - 1
        tail = f" (and {more} more rejected row{'s' if more != 1 else ''})" if more else ""
        raise MatchmakingImportError(
            f"{file_name}, {where}: {first.reason}{tail}; nothing was imported.", report
        )


def require_columns(row: MappedRow, *names: str, what: str) -> None:
    missing = [n for n in names if not row.fields.columns.get(n)]
    if missing:
        raise MatchmakingImportError(
            f"{what} needs the column{'s' if len(missing) > 1 else ''} {' and '.join(missing)}; "
            "choose it in the mapping step (or pass --mapping)."
        )


@dataclass(frozen=True)
class _Row:
    line: int
    attendee: int
    company: int
    side: str
    score: float | None
    rank: int | None
    must: bool
    never: bool


class WishSink:
    def __init__(self, session: Session, context: ImportContext) -> None:
        self.session = session
        self.context = context
        self.report = context.report
        self.who = Directory.load(session)
        self.rows: dict[tuple[int, int, str], _Row] = {}
        self.checked = False

    def add(self, row: MappedRow) -> None:
        if not self.checked:
            require_columns(row, "attendee", "company", what="A wish file")
            self.checked = True
        parsed = self._parse(row)
        if parsed is None:
            return
        key = (parsed.attendee, parsed.company, parsed.side)
        earlier = self.rows.get(key)
        if earlier is not None:
            self.report.add(
                row.line,
                Outcome.MERGED,
                gettext("same wish as line {line}; this row wins", line=earlier.line),
            )
        self.rows[key] = parsed

    def _parse(self, row: MappedRow) -> _Row | None:
        rejected = 0

        def reject(field: str, reason: str) -> None:
            nonlocal rejected
            rejected += 1
            reject_cell(self.report, row, field, reason, first=rejected == 1)

        attendee, why = self.who.attendee(row.value("attendee"))
        if attendee is None:
            reject("attendee", why)
        company, why = self.who.company(row.value("company"))
        if company is None:
            reject("company", why)
        side = fold(row.value("side")) or Side.ATTENDEE.value
        if side not in (Side.ATTENDEE.value, Side.COMPANY.value):
            reject("side", f"'{row.value('side')}' is neither attendee nor company")
        score: float | None = None
        if row.value("score"):
            try:
                score = float(row.value("score").replace(",", "."))
            except ValueError:
                score = -1.0
            if not score >= 0:
                reject("score", f"'{row.value('score')}' is not a number ≥ 0")
        rank: int | None = None
        if row.value("rank"):
            text = row.value("rank")
            if not text.isdigit() or int(text) < 1:
                reject("rank", f"'{text}' is not a rank (1 = first choice)")
            else:
                rank = int(text)
        flags = {}
        for name in ("must", "never"):
            value = flag(row.value(name))
            if value is None:
                reject(name, f"'{row.value(name)}' is not yes or no")
            flags[name] = bool(value)
        if flags["must"] and flags["never"]:
            reject("never", "a pair cannot be both must-meet and never-meet")
        if rejected or attendee is None or company is None:
            return None
        return _Row(row.line, attendee, company, side, score, rank, flags["must"], flags["never"])

    def _check_must_counts(self, existing: dict[tuple[int, int, str], Wish]) -> None:
        """More must-meet companies than a person can have meetings: no schedule holds them."""
        setup = self.session.execute(select(MatchmakingSetup)).scalars().first()
        limit = (
            min(setup.max_meetings, setup.slot_count) if setup else min(DEFAULT_MAX_MEETINGS, DEFAULT_SLOTS)
        )
        must: dict[int, set[int]] = defaultdict(set)
        for key, wish in existing.items():
            if wish.must and key not in self.rows:
                must[key[0]].add(key[1])
        last_line: dict[int, int] = {}
        for row in self.rows.values():
            if row.must:
                must[row.attendee].add(row.company)
                last_line[row.attendee] = max(last_line.get(row.attendee, 0), row.line)
        for attendee, companies in sorted(must.items()):
            if len(companies) > limit and attendee in last_line:
                self.report.add(
                    last_line[attendee],
                    Outcome.REJECTED,
                    f"{self.who.people[attendee][0]} would have {len(companies)} must-meet companies, "
                    f"but the setup allows {limit} meetings per person",
                    "must",
                )

    def finish(self) -> SinkResult:
        existing = {
            (w.attendee_id, w.company_id, w.side): w for w in self.session.execute(select(Wish)).scalars()
        }
        self._check_must_counts(existing)
        refuse_if_rejected(self.report, self.context.path.name)
        created = []
        for key, row in self.rows.items():
            values = {"score": row.score, "rank": row.rank, "must": row.must, "never": row.never}
            old = existing.get(key)
            if old is None:
                wish = Wish(attendee_id=row.attendee, company_id=row.company, side=row.side, **values)
                self.session.add(wish)
                created.append(wish)
            elif all(getattr(old, k) == v for k, v in values.items()):
                self.report.unchanged += 1
            else:
                self.report.updated += 1
                before = {k: getattr(old, k) for k in values}
                for k, v in values.items():
                    setattr(old, k, v)
                self.context.recorder.updated(Wish, old.id, before, values)
        self.session.flush()
        self.report.created = len(created)
        self.context.recorder.created(Wish, [w.id for w in created])
        return SinkResult()


WISHES = ImportKind(
    name="wishes",
    label="Matchmaking wishes",
    fields=WISH_FIELDS,
    platforms=(),
    entities=frozenset({Entity.MEETINGS}),
    start=WishSink,
    needs_one_of=("attendee", "company"),
)
