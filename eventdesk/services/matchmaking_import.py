"""Importing matchmaking wishes and availability windows from CSV, all or nothing.

Wishes: columns `attendee` (e-mail or id) and `company` (name or id), then any of `score`
(a number ≥ 0), `rank` (1 = first choice), `side` (attendee|company: whose wish it is) and
`must` / `never` (yes/no). Availability: `attendee` *or* `company`, `from` and `to` (HH:MM
on the matchmaking day, or a full date and time), in the event's time zone.

A wish file names people and companies; one unknown name means the file does not fit this
event (an old export, another fair), and importing the rest would quietly drop someone's
wishes. So every row is checked first, every rejected row is reported with its line and
column, and if any is rejected nothing is written. Re-importing a file changes nothing: a
wish is keyed by (attendee, company, side), and the windows in a file replace the windows
of each person or company it names.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path

from charset_normalizer import from_bytes
from sqlalchemy import delete, select
from sqlmodel import Session

from eventdesk.domain.enums import AttendeeStatus, TicketType
from eventdesk.domain.errors import EventdeskError
from eventdesk.domain.event import to_utc
from eventdesk.domain.matchmaking.scoring import Side
from eventdesk.domain.text import email_key, fold
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Attendee, Availability, Company, Wish
from eventdesk.services.checkin import display_name
from eventdesk.services.matchmaking import matchmaking_settings

MAX_BYTES = 50 * 1024 * 1024

WISH_COLUMNS: dict[str, tuple[str, ...]] = {
    "attendee": ("attendee", "attendee email", "attendee e mail", "email", "e mail", "attendee id", "person"),
    "company": ("company", "company name", "company id", "exhibitor", "organisation", "organization"),
    "score": ("score", "points", "weight"),
    "rank": ("rank", "ranking", "priority", "choice"),
    "side": ("side", "whose", "wish of"),
    "must": ("must", "must meet"),
    "never": ("never", "never meet", "exclude", "conflict"),
}
AVAILABILITY_COLUMNS: dict[str, tuple[str, ...]] = {
    "attendee": WISH_COLUMNS["attendee"],
    "company": WISH_COLUMNS["company"],
    "from": ("from", "available from", "start", "starts"),
    "to": ("to", "available to", "until", "end", "ends"),
}
_YES = {"1", "y", "yes", "true", "x", "ja", "oui", "must", "never"}
_NO = {"", "0", "n", "no", "false", "nee", "non"}


class MatchmakingImportError(EventdeskError):
    """The file was refused; `report` lists every rejected row."""

    def __init__(self, message: str, report: ImportSummary | None = None) -> None:
        super().__init__(message)
        self.report = report


@dataclass(frozen=True)
class RejectedRow:
    line: int
    column: str
    value: str
    reason: str

    @property
    def message(self) -> str:
        where = f"line {self.line}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.reason}"


@dataclass
class ImportSummary:
    file: str
    kind: str
    dry_run: bool = False
    rows_read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.rejected

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["rejected"] = [asdict(r) for r in self.rejected]
        return data


# -- reading the file -----------------------------------------------------------------------


def _decode(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise MatchmakingImportError(f"There is no file at {path}.") from None
    except OSError as exc:
        raise MatchmakingImportError(f"{path} cannot be read: {exc.strerror}.") from None
    if len(raw) > MAX_BYTES:
        raise MatchmakingImportError(
            f"{path} is larger than {MAX_BYTES // 2**20} MB; is it really a wish list?"
        )
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise MatchmakingImportError(f"{path} is not a text file; save it as CSV.")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = from_bytes(raw, cp_isolation=["utf_16", "cp1252", "iso8859_15", "cp850"]).best()
        if best is None:
            raise MatchmakingImportError(
                f"{path} is not readable text in a known encoding; save it as UTF-8."
            ) from None
        return str(best)


def _rows(
    path: Path, columns: dict[str, tuple[str, ...]], required: Callable[[set[str]], str | None]
) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, {field: cell}) for each non-empty row; headers matched case- and accent-free."""
    text = _decode(path)
    if not text.strip():
        raise MatchmakingImportError(f"{path} is empty.")
    sample = text[:8192]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    header = next(reader)
    wanted = {syn: name for name, synonyms in columns.items() for syn in synonyms}
    positions: dict[str, int] = {}
    for n, cell in enumerate(header):
        name = wanted.get(fold(cell).replace("_", " "))
        if name and name not in positions:
            positions[name] = n
    problem = required(set(positions))
    if problem:
        found = ", ".join(f"'{h}'" for h in header if h.strip()) or "none"
        raise MatchmakingImportError(f"{path}: {problem} (the columns found are {found}).")
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        yield line, {name: (row[i].strip() if i < len(row) else "") for name, i in positions.items()}


# -- who is who -----------------------------------------------------------------------------


@dataclass
class _Directory:
    """Attendees by id and e-mail, companies by id and folded name, for naming rows."""

    people: dict[int, tuple[str, bool]]
    """id → (name, takes part in matchmaking)"""
    by_email: dict[str, int]
    companies: dict[int, str]
    by_name: dict[str, list[int]]

    @classmethod
    def load(cls, session: Session) -> _Directory:
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
            key = email_key(text)
            found = self.by_email.get(key or "")
            if found is None:
                return None, f"no attendee has the e-mail '{text}'"
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


def _flag(text: str) -> bool | None:
    value = fold(text)
    if value in _YES:
        return True
    if value in _NO:
        return False
    return None


# -- wishes ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _WishRow:
    line: int
    attendee: int
    company: int
    side: str
    score: float | None
    rank: int | None
    must: bool
    never: bool


def _need_wish_columns(found: set[str]) -> str | None:
    missing = [c for c in ("attendee", "company") if c not in found]
    if missing:
        return f"a wish file needs the column{'s' if len(missing) > 1 else ''} {' and '.join(missing)}"
    return None


def _parse_wish(line: int, cells: dict[str, str], who: _Directory, out: list[RejectedRow]) -> _WishRow | None:
    before = len(out)

    def reject(column: str, reason: str) -> None:
        out.append(RejectedRow(line, column, cells.get(column, ""), reason))

    attendee, why = who.attendee(cells.get("attendee", ""))
    if attendee is None:
        reject("attendee", why)
    company, why = who.company(cells.get("company", ""))
    if company is None:
        reject("company", why)
    side = fold(cells.get("side", "")) or Side.ATTENDEE.value
    if side not in (Side.ATTENDEE.value, Side.COMPANY.value):
        reject("side", f"'{cells['side']}' is neither attendee nor company")
    score: float | None = None
    if cells.get("score"):
        try:
            score = float(cells["score"].replace(",", "."))
        except ValueError:
            score = -1.0
        if not score >= 0:
            reject("score", f"'{cells['score']}' is not a number ≥ 0")
    rank: int | None = None
    if cells.get("rank"):
        text = cells["rank"]
        if not text.isdigit() or int(text) < 1:
            reject("rank", f"'{text}' is not a rank (1 = first choice)")
        else:
            rank = int(text)
    flags = {}
    for column in ("must", "never"):
        value = _flag(cells.get(column, ""))
        if value is None:
            reject(column, f"'{cells[column]}' is not yes or no")
        flags[column] = bool(value)
    if flags["must"] and flags["never"]:
        reject("never", "a pair cannot be both must-meet and never-meet")
    if len(out) > before or attendee is None or company is None:
        return None
    return _WishRow(line, attendee, company, side, score, rank, flags["must"], flags["never"])


def import_wishes(*, doc: EventDocument, path: str | Path, dry_run: bool = False) -> ImportSummary:
    """Wishes, ranks, scores, must- and never-pairs; refused whole if any row is wrong."""
    path = Path(path)
    summary = ImportSummary(file=str(path), kind="wishes", dry_run=dry_run)
    settings = matchmaking_settings(doc=doc)
    with doc.session() as session:
        who = _Directory.load(session)
        parsed: dict[tuple[int, int, str], _WishRow] = {}
        for line, cells in _rows(path, WISH_COLUMNS, _need_wish_columns):
            summary.rows_read += 1
            row = _parse_wish(line, cells, who, summary.rejected)
            if row is not None:
                parsed[(row.attendee, row.company, row.side)] = row
        existing = {(w.attendee_id, w.company_id, w.side): w for w in session.execute(select(Wish)).scalars()}
        _check_must_counts(parsed, existing, who, settings.max_meetings, settings.slot_count, summary)
        _refuse_if_rejected(summary, path)
        for key, row in parsed.items():
            values = dict(score=row.score, rank=row.rank, must=row.must, never=row.never)
            old = existing.get(key)
            if old is None:
                summary.created += 1
                session.add(Wish(attendee_id=row.attendee, company_id=row.company, side=row.side, **values))
            elif all(getattr(old, k) == v for k, v in values.items()):
                summary.unchanged += 1
            else:
                summary.updated += 1
                for k, v in values.items():
                    setattr(old, k, v)
        if dry_run:
            session.rollback()
    return summary


def _check_must_counts(
    parsed: dict[tuple[int, int, str], _WishRow],
    existing: dict[tuple[int, int, str], Wish],
    who: _Directory,
    max_meetings: int,
    slots: int,
    summary: ImportSummary,
) -> None:
    """More must-meet companies than a person can have meetings: no schedule could hold them."""
    must: dict[int, set[int]] = defaultdict(set)
    for (a, c, _side), w in existing.items():
        if w.must and (a, c, _side) not in parsed:
            must[a].add(c)
    last_line: dict[int, int] = {}
    for row in parsed.values():
        if row.must:
            must[row.attendee].add(row.company)
            last_line[row.attendee] = max(last_line.get(row.attendee, 0), row.line)
    limit = min(max_meetings, slots)
    for attendee, companies in sorted(must.items()):
        if len(companies) > limit and attendee in last_line:
            summary.rejected.append(
                RejectedRow(
                    last_line[attendee],
                    "must",
                    "yes",
                    f"{who.people[attendee][0]} would have {len(companies)} must-meet companies, but the "
                    f"setup allows {limit} meetings per person",
                )
            )


def _refuse_if_rejected(summary: ImportSummary, path: Path) -> None:
    if summary.rejected:
        summary.rejected.sort(key=lambda r: (r.line, r.column))
        first = summary.rejected[0]
        more = len(summary.rejected) - 1
        tail = f" (and {more} more rejected row{'s' if more != 1 else ''})" if more else ""
        raise MatchmakingImportError(
            f"{path.name}, {first.message}{tail}; nothing was imported.", report=summary
        )


# -- availability ---------------------------------------------------------------------------


def _need_availability_columns(found: set[str]) -> str | None:
    if "attendee" not in found and "company" not in found:
        return "an availability file needs an attendee or a company column"
    missing = [c for c in ("from", "to") if c not in found]
    if missing:
        return (
            f"an availability file needs the column{'s' if len(missing) > 1 else ''} {' and '.join(missing)}"
        )
    return None


def _moment(text: str, day: date, timezone: str) -> datetime | None:
    text = text.strip()
    try:
        if len(text) <= 5:
            hh, mm = text.replace(".", ":").split(":")
            local = datetime.combine(day, time(int(hh), int(mm)))
        else:
            local = datetime.fromisoformat(text)
    except ValueError:
        return None
    return to_utc(local, timezone)


def import_availability(*, doc: EventDocument, path: str | Path, dry_run: bool = False) -> ImportSummary:
    """Windows of availability; those in the file replace the named person's or company's."""
    path = Path(path)
    summary = ImportSummary(file=str(path), kind="availability", dry_run=dry_run)
    settings = matchmaking_settings(doc=doc)
    day = settings.first_start.date()
    timezone = str(settings.first_start.tzinfo)
    windows: list[Availability] = []
    with doc.session() as session:
        who = _Directory.load(session)
        for line, cells in _rows(path, AVAILABILITY_COLUMNS, _need_availability_columns):
            summary.rows_read += 1
            window = _parse_window(line, cells, who, day, timezone, summary.rejected)
            if window is not None:
                windows.append(window)
        _refuse_if_rejected(summary, path)
        people = {w.attendee_id for w in windows if w.attendee_id is not None}
        firms = {w.company_id for w in windows if w.company_id is not None}
        if people:
            summary.updated += len(
                set(
                    session.execute(
                        select(Availability.attendee_id).where(Availability.attendee_id.in_(people))
                    ).scalars()
                )
            )
            session.execute(delete(Availability).where(Availability.attendee_id.in_(people)))
        if firms:
            summary.updated += len(
                set(
                    session.execute(
                        select(Availability.company_id).where(Availability.company_id.in_(firms))
                    ).scalars()
                )
            )
            session.execute(delete(Availability).where(Availability.company_id.in_(firms)))
        summary.created = len(windows)
        session.add_all(windows)
        if dry_run:
            session.rollback()
    return summary


def _parse_window(
    line: int, cells: dict[str, str], who: _Directory, day: date, timezone: str, out: list[RejectedRow]
) -> Availability | None:
    before = len(out)
    attendee = company = None
    if cells.get("attendee"):
        attendee, why = who.attendee(cells["attendee"])
        if attendee is None:
            out.append(RejectedRow(line, "attendee", cells["attendee"], why))
    elif cells.get("company"):
        company, why = who.company(cells["company"])
        if company is None:
            out.append(RejectedRow(line, "company", cells["company"], why))
    else:
        out.append(RejectedRow(line, "attendee", "", "neither an attendee nor a company is given"))
    start = _moment(cells.get("from", ""), day, timezone)
    end = _moment(cells.get("to", ""), day, timezone)
    for column, value in (("from", start), ("to", end)):
        if value is None:
            out.append(
                RejectedRow(
                    line, column, cells.get(column, ""), f"'{cells.get(column, '')}' is not a time (HH:MM)"
                )
            )
    if start is not None and end is not None and end <= start:
        out.append(
            RejectedRow(line, "to", cells["to"], f"the window ends before it starts ({cells['from']})")
        )
    if len(out) > before or start is None or end is None:
        return None
    return Availability(
        attendee_id=attendee,
        company_id=company,
        available_from=start.astimezone(UTC),
        available_to=end.astimezone(UTC),
    )
