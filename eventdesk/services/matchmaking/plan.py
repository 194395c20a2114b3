"""Matchmaking use cases: the setup, reading the problem from the event, generating and
re-planning the schedule (hand edits: `matchmaking_edits`; the grid: `matchmaking_view`).

Who takes part: registered visitors who gave interests or have wishes; exhibitor staff
(attendees linked to a company), speakers, press and organisers do not. Every company takes
part with its `meeting_tables` (or the setup's override); a company with none simply gets
no meetings, unless someone must meet it, which is refused with a message.

Generation reads the event, solves outside any transaction, then writes the setup (with the
command-line overrides, which the setup keeps), the meetings and a new `ScheduleRun` in one
transaction: a refused or cancelled run leaves the event as it was. A meeting that is the
same (pair, slot, table) as before keeps its `printed_at`, so re-printing knows what people
already hold.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import delete, func, select
from sqlmodel import Session

from eventdesk.domain.changes import Changes, Entity
from eventdesk.domain.enums import AttendeeStatus, TicketType
from eventdesk.domain.errors import ValidationError
from eventdesk.domain.event import to_local, utc_now
from eventdesk.domain.matchmaking.model import (
    AttendeeSpec,
    Break,
    CompanySpec,
    Meeting,
    MeetingStatus,
    Objective,
    Problem,
    Slot,
    to_score,
)
from eventdesk.domain.matchmaking.replan import ChangeKind, MeetingChange, replan
from eventdesk.domain.matchmaking.scoring import (
    ScoreMode,
    Side,
    TagRule,
    Weights,
    WishSpec,
    score_pairs,
    shared_tags,
)
from eventdesk.domain.matchmaking.slots import build_slots, unavailable_slots
from eventdesk.domain.matchmaking.solver import Outcome, solve
from eventdesk.domain.matchmaking.validator import validate
from eventdesk.domain.progress import NO_PROGRESS, Progress
from eventdesk.domain.taxonomy import tag_from_text, tag_label
from eventdesk.domain.text import fold
from eventdesk.i18n import N_, _
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import (
    Attendee,
    Availability,
    Company,
    Event,
    MatchmakingSetup,
    ScheduleRun,
    Wish,
)
from eventdesk.persistence.tables import Meeting as MeetingRow
from eventdesk.services.door.attendance import checked_in_ids
from eventdesk.services.door.checkin import display_name

DEFAULT_MINUTES = 15
DEFAULT_GAP = 5
DEFAULT_SLOTS = 16
DEFAULT_MAX_MEETINGS = 6
DEFAULT_CANDIDATES = 15


def normalise_tag(text: str) -> str:
    """Tags compare by their taxonomy key, so "Cell & gene therapy" meets "atmp"."""
    return tag_from_text(text) or fold(text)


# -- the setup ------------------------------------------------------------------------------


@dataclass(frozen=True)
class MatchmakingSettings:
    """The setup as the screen edits it: local wall-clock times in the event's time zone."""

    first_start: datetime
    meeting_minutes: int = DEFAULT_MINUTES
    gap_minutes: int = DEFAULT_GAP
    slot_count: int = DEFAULT_SLOTS
    breaks: tuple[Break, ...] = ()
    max_meetings: int = DEFAULT_MAX_MEETINGS
    tables_override: int | None = None
    tags_only: tuple[str, ...] = ()
    tags_ignored: tuple[str, ...] = ()
    weights: Weights = field(default_factory=Weights)
    objective: Objective = Objective.FAIR
    score_mode: ScoreMode = ScoreMode.COMBINED
    candidates_per_attendee: int = DEFAULT_CANDIDATES
    seed: int = 0

    def slots(self) -> tuple[Slot, ...]:
        return build_slots(
            first_start=self.first_start,
            minutes=self.meeting_minutes,
            gap=self.gap_minutes,
            count=self.slot_count,
            breaks=self.breaks,
        )

    def tag_rule(self) -> TagRule:
        return TagRule(
            only=frozenset(normalise_tag(t) for t in self.tags_only),
            ignored=frozenset(normalise_tag(t) for t in self.tags_ignored),
        )

    def validated(self) -> MatchmakingSettings:
        self.slots()
        if self.max_meetings < 1:
            raise ValidationError(
                _(
                    "The maximum number of meetings per person is {count}; use 1 or more.",
                    count=self.max_meetings,
                )
            )
        if self.tables_override is not None and self.tables_override < 1:
            raise ValidationError(
                _(
                    "The setup gives every company {count} meeting tables; use 1 or more, "
                    "or leave it empty to use each company's own tables.",
                    count=self.tables_override,
                )
            )
        if self.candidates_per_attendee < 1:
            raise ValidationError(_("Each person needs at least one candidate company."))
        if any(w < 0 for w in self.weights.as_dict().values()):
            raise ValidationError(_("Score weights cannot be negative."))
        return self


@dataclass(frozen=True)
class SetupOverrides:
    """What `eventdesk schedule` options change; None leaves the setup's value."""

    objective: Objective | None = None
    score_mode: ScoreMode | None = None
    slot_count: int | None = None
    start: time | None = None
    meeting_minutes: int | None = None
    gap_minutes: int | None = None
    tables: int | None = None
    max_meetings: int | None = None

    def applied(self, settings: MatchmakingSettings) -> MatchmakingSettings:
        first_start = settings.first_start
        if self.start is not None:
            first_start = first_start.replace(hour=self.start.hour, minute=self.start.minute, second=0)
        return replace(
            settings,
            first_start=first_start,
            objective=self.objective or settings.objective,
            score_mode=self.score_mode or settings.score_mode,
            slot_count=_pick(self.slot_count, settings.slot_count),
            meeting_minutes=_pick(self.meeting_minutes, settings.meeting_minutes),
            gap_minutes=_pick(self.gap_minutes, settings.gap_minutes),
            tables_override=_pick(self.tables, settings.tables_override),
            max_meetings=_pick(self.max_meetings, settings.max_meetings),
        )


def _pick(value: int | None, default: int | None) -> int | None:
    return default if value is None else value


def _event(session: Session) -> Event:
    return session.execute(select(Event)).scalar_one()


def _default_settings(event: Event) -> MatchmakingSettings:
    start = to_local(event.starts_at, event.timezone)
    first = (start + timedelta(hours=1)).replace(minute=0, second=0, microsecond=0)
    return MatchmakingSettings(first_start=first)


def _settings_from_row(row: MatchmakingSetup, timezone: str) -> MatchmakingSettings:
    breaks = tuple(
        Break(
            to_local(datetime.fromisoformat(b["start"]), timezone),
            to_local(datetime.fromisoformat(b["end"]), timezone),
            b.get("label", "Break"),
        )
        for b in row.breaks
    )
    return MatchmakingSettings(
        first_start=to_local(row.first_start, timezone),
        meeting_minutes=row.meeting_minutes,
        gap_minutes=row.gap_minutes,
        slot_count=row.slot_count,
        breaks=breaks,
        max_meetings=row.max_meetings,
        tables_override=row.tables_override,
        tags_only=tuple(row.tags_only),
        tags_ignored=tuple(row.tags_ignored),
        weights=Weights.from_dict(row.weights),
        objective=Objective(row.objective),
        score_mode=ScoreMode(row.score_mode),
        candidates_per_attendee=row.candidates_per_attendee,
        seed=row.seed,
    )


def _load_settings(session: Session) -> tuple[Event, MatchmakingSettings]:
    event = _event(session)
    row = session.execute(select(MatchmakingSetup)).scalars().first()
    return event, (_settings_from_row(row, event.timezone) if row else _default_settings(event))


def _store_settings(session: Session, settings: MatchmakingSettings) -> None:
    row = session.execute(select(MatchmakingSetup)).scalars().first()
    if row is None:
        row = MatchmakingSetup(first_start=settings.first_start.astimezone(UTC))
        session.add(row)
    row.first_start = settings.first_start.astimezone(UTC)
    row.meeting_minutes = settings.meeting_minutes
    row.gap_minutes = settings.gap_minutes
    row.slot_count = settings.slot_count
    row.breaks = [
        {
            "start": b.start.astimezone(UTC).isoformat(),
            "end": b.end.astimezone(UTC).isoformat(),
            "label": b.label,
        }
        for b in settings.breaks
    ]
    row.max_meetings = settings.max_meetings
    row.tables_override = settings.tables_override
    row.tags_only = list(settings.tags_only)
    row.tags_ignored = list(settings.tags_ignored)
    row.weights = settings.weights.as_dict()
    row.objective = settings.objective.value
    row.score_mode = settings.score_mode.value
    row.candidates_per_attendee = settings.candidates_per_attendee
    row.seed = settings.seed
    row.updated_at = utc_now()


def matchmaking_settings(*, doc: EventDocument) -> MatchmakingSettings:
    """The stored setup, or sensible defaults (16 × 15 min from an hour after doors open)."""
    with doc.session() as session:
        return _load_settings(session)[1]


def save_settings(*, doc: EventDocument, settings: MatchmakingSettings) -> Changes:
    settings = settings.validated()
    with doc.session() as session:
        _store_settings(session, settings)
    return Changes.of(Entity.MEETINGS, summary=_("Matchmaking setup saved"))


# -- the problem, read from the event ------------------------------------------------------


@dataclass(frozen=True)
class Participant:
    id: int
    name: str
    email: str
    degree: str
    field_of_work: str
    interests: tuple[str, ...]


@dataclass(frozen=True)
class Exhibitor:
    id: int
    name: str
    booth: str
    tables: int
    hiring_tags: tuple[str, ...]


@dataclass(frozen=True)
class LoadedProblem:
    """The solver's problem with the facts about people that printouts and reports need."""

    event: Event
    settings: MatchmakingSettings
    problem: Problem
    people: dict[int, Participant]
    companies: dict[int, Exhibitor]
    left_out: int = 0
    """Registered visitors with no interests and no wishes: nothing to match them on, so
    they are not scheduled; the setup and every report say how many (issue 12)."""

    def why(self, attendee: int, company: int) -> list[str]:
        """The shared interests, as labels, that made this pair a match."""
        person, firm = self.people.get(attendee), self.companies.get(company)
        if person is None or firm is None:
            return []
        keys = shared_tags(
            person.interests, firm.hiring_tags, normalise=normalise_tag, rule=self.settings.tag_rule()
        )
        return [tag_label(normalise_tag(k)) for k in keys]


def _participants(session: Session) -> tuple[dict[int, Participant], int]:
    """Registered visitors with interests or wishes, and how many without either were left out."""
    rows = session.execute(
        select(
            Attendee.id,
            Attendee.given_name,
            Attendee.family_name,
            Attendee.organisation,
            Attendee.email,
            Attendee.degree,
            Attendee.field_of_work,
            Attendee.interests,
        ).where(
            Attendee.status == AttendeeStatus.REGISTERED.value,
            Attendee.ticket_type == TicketType.VISITOR.value,
            Attendee.company_id.is_(None),
        )
    ).all()
    wished = set(session.execute(select(Wish.attendee_id).distinct()).scalars())
    return {
        r.id: Participant(
            r.id,
            display_name(r.given_name, r.family_name, r.organisation),
            r.email or "",
            r.degree,
            r.field_of_work,
            tuple(r.interests or ()),
        )
        for r in rows
        if r.interests or r.id in wished
    }, sum(1 for r in rows if not r.interests and r.id not in wished)


def _exhibitors(session: Session, tables_override: int | None) -> dict[int, Exhibitor]:
    rows = session.execute(
        select(Company.id, Company.name, Company.booth, Company.meeting_tables, Company.hiring_tags)
    ).all()
    return {
        r.id: Exhibitor(
            r.id,
            r.name,
            r.booth,
            r.meeting_tables if tables_override is None else tables_override,
            tuple(r.hiring_tags or ()),
        )
        for r in rows
    }


def _windows(session: Session, timezone: str) -> tuple[dict[int, list], dict[int, list]]:
    people: dict[int, list[tuple[datetime, datetime]]] = defaultdict(list)
    firms: dict[int, list[tuple[datetime, datetime]]] = defaultdict(list)
    for row in session.execute(select(Availability)).scalars():
        window = (to_local(row.available_from, timezone), to_local(row.available_to, timezone))
        if row.attendee_id is not None:
            people[row.attendee_id].append(window)
        elif row.company_id is not None:
            firms[row.company_id].append(window)
    return people, firms


def _wishes(session: Session) -> list[WishSpec]:
    return [
        WishSpec(w.attendee_id, w.company_id, Side(w.side), w.score, w.rank, w.must, w.never)
        for w in session.execute(select(Wish).order_by(Wish.id)).scalars()
    ]


def current_meeting_rows(session: Session) -> list[MeetingRow]:
    return list(session.execute(select(MeetingRow).order_by(MeetingRow.slot_index, MeetingRow.id)).scalars())


def meeting_of(row: MeetingRow, points: int | None = None) -> Meeting:
    return Meeting(
        row.slot_index,
        row.company_id,
        row.table_number,
        row.attendee_id,
        round(row.score * 100) if points is None else points,
        row.locked,
    )


def meeting_row(
    m: Meeting, slots: Sequence[Slot], *, now: datetime, kept: MeetingRow | None = None
) -> MeetingRow:
    """The stored row of a planned meeting; `kept` (the same meeting in the schedule it
    replaces) hands on its print date, the exhibitor's tick and note."""
    return MeetingRow(
        attendee_id=m.attendee,
        company_id=m.company,
        table_number=m.table,
        slot_index=m.slot,
        starts_at=slots[m.slot].start.astimezone(UTC),
        ends_at=slots[m.slot].end.astimezone(UTC),
        score=to_score(m.points),
        locked=m.locked,
        printed_at=kept.printed_at if kept else None,
        status=kept.status if kept else MeetingStatus.SCHEDULED.value,
        note=kept.note if kept else "",
        updated_at=now,
    )


def load_problem(
    session: Session, settings: MatchmakingSettings | None = None, *, score: bool = True
) -> LoadedProblem:
    """Everything the solver needs; `score=False` skips scoring (hand edits only need rules)."""
    event, stored = _load_settings(session)
    settings = (settings or stored).validated()
    slots = settings.slots()
    people, left_out = _participants(session)
    companies = _exhibitors(session, settings.tables_override)
    person_windows, firm_windows = _windows(session, event.timezone)
    wishes = _wishes(session)
    rows = current_meeting_rows(session)
    # People who left the matchmaking (cancelled, turned exhibitor) still show in the
    # schedule until it is re-planned: keep those with meetings, without new candidates.
    for row in rows:
        if row.attendee_id not in people:
            extra = session.get(Attendee, row.attendee_id)
            if extra is not None:
                people[row.attendee_id] = Participant(
                    extra.id or 0,
                    display_name(extra.given_name, extra.family_name, extra.organisation),
                    extra.email or "",
                    extra.degree,
                    extra.field_of_work,
                    (),
                )
    if score:
        scoring = score_pairs(
            interests={a: p.interests for a, p in people.items()},
            hiring={c: f.hiring_tags for c, f in companies.items()},
            wishes=wishes,
            weights=settings.weights,
            mode=settings.score_mode,
            rule=settings.tag_rule(),
            normalise=normalise_tag,
            candidates_per_attendee=settings.candidates_per_attendee,
        )
        points, must, never = scoring.points, scoring.must, scoring.never
    else:
        points = {(r.attendee_id, r.company_id): round(r.score * 100) for r in rows}
        must = frozenset((w.attendee, w.company) for w in wishes if w.must)
        never = frozenset((w.attendee, w.company) for w in wishes if w.never)
    problem = Problem(
        slots=slots,
        attendees={
            a: AttendeeSpec(a, p.name, unavailable_slots(slots, person_windows.get(a, [])))
            for a, p in people.items()
        },
        companies={
            c: CompanySpec(c, f.name, f.tables, unavailable_slots(slots, firm_windows.get(c, [])))
            for c, f in companies.items()
        },
        points=points,
        max_meetings=settings.max_meetings,
        must=frozenset(p for p in must if p[0] in people and p[1] in companies),
        never=frozenset(never),
        locks=tuple(meeting_of(r, points.get((r.attendee_id, r.company_id))) for r in rows if r.locked),
        breaks=settings.breaks,
    )
    return LoadedProblem(event, settings, problem, people, companies, left_out)


# -- generating -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ScheduleReport:
    """What a generation or re-plan reports; `as_dict` is the `--json` output."""

    version: int
    kind: str
    generated_at: datetime
    objective: str
    score_mode: str
    participants: int
    companies: int
    slots: int
    meetings: int
    total_score: float
    objective_value: float
    """For `total` the score; for `fair` the score plus each person's stepped bonuses."""
    upper_bound: float
    """A proven upper bound on `objective_value` over every schedule the setup allows."""
    quality_percent: float
    optimal: bool
    score_bound: float
    """For `total` the proven bound on the score; for `fair` the score of the bound's pairs."""
    people_by_meetings: dict[int, int]
    table_slots: int
    table_utilisation_percent: float
    unplaced: int
    seconds: float
    best_possible_score: float | None = None
    """A proven upper bound on the total score of any schedule this setup allows (None in
    reports stored before it was measured)."""
    left_out: int = 0
    """Registered visitors not scheduled because they have no interests and no wishes."""

    # -- the figures in the organiser's terms (the window and `schedule --json` show these) --

    @property
    def people_with_meetings(self) -> int:
        return sum(people for meetings, people in self.people_by_meetings.items() if meetings > 0)

    @property
    def people_without_meetings(self) -> int:
        return self.people_by_meetings.get(0, 0)

    @property
    def score_percent(self) -> float | None:
        """The total score as a share of the best possible score."""
        best = self.best_possible_score
        if best is None:
            return None
        return 100.0 if best <= 0 else round(100 * self.total_score / best, 1)

    @property
    def certified(self) -> str:
        """What "certified" means for this schedule, in one sentence ("" when it is not)."""
        if not self.optimal:
            return ""
        if self.objective == Objective.TOTAL.value:
            return N_("No schedule this setup allows has a higher total score.")
        return N_(
            "No schedule this setup allows is fairer: none gives more people a first meeting, "
            "then a second, and so on, and then a higher total score."
        )

    def figures(self) -> dict[str, object]:
        """The figures as the Result shows them, by name (the `--json` "figures" object)."""
        return {
            "meetings": self.meetings,
            "people_with_meetings": self.people_with_meetings,
            "people_without_meetings": self.people_without_meetings,
            "participants": self.participants,
            "total_score": self.total_score,
            "best_possible_score": self.best_possible_score,
            "score_percent": self.score_percent,
            "certified": self.optimal,
            "certified_means": self.certified,
            "table_utilisation_percent": self.table_utilisation_percent,
            "table_slots": self.table_slots,
            "unplaced": self.unplaced,
            "left_out": self.left_out,
            "seconds": self.seconds,
        }

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["generated_at"] = self.generated_at.isoformat()
        data["people_by_meetings"] = {str(k): v for k, v in self.people_by_meetings.items()}
        data["figures"] = self.figures()
        return data


def _report(
    loaded: LoadedProblem, outcome: Outcome, *, version: int, kind: str, at: datetime
) -> ScheduleReport:
    return ScheduleReport(
        version=version,
        kind=kind,
        generated_at=at,
        objective=outcome.objective.value,
        score_mode=loaded.settings.score_mode.value,
        participants=len(loaded.problem.attendees),
        companies=sum(1 for c in loaded.problem.companies.values() if c.tables > 0),
        slots=len(loaded.problem.slots),
        meetings=len(outcome.meetings),
        total_score=to_score(outcome.total_points),
        objective_value=to_score(outcome.objective_value),
        upper_bound=to_score(outcome.objective_bound),
        quality_percent=round(100 * outcome.quality, 3),
        optimal=outcome.optimal,
        score_bound=to_score(outcome.bound_points),
        people_by_meetings=outcome.people_by_meetings,
        table_slots=outcome.table_slots,
        table_utilisation_percent=round(100 * outcome.utilisation, 1),
        unplaced=outcome.unplaced,
        seconds=round(outcome.seconds, 3),
        best_possible_score=to_score(outcome.score_bound_points),
        left_out=loaded.left_out,
    )


def _write_schedule(
    session: Session,
    loaded: LoadedProblem,
    meetings: Sequence[Meeting],
    *,
    keep_from: Sequence[MeetingRow],
) -> None:
    """Replace the meetings; one that did not change keeps its print date, status and note."""
    previous = {(r.slot_index, r.company_id, r.table_number, r.attendee_id): r for r in keep_from}
    session.execute(delete(MeetingRow))
    slots = loaded.problem.slots
    now = utc_now()
    for m in meetings:
        kept = previous.get((m.slot, m.company, m.table, m.attendee))
        session.add(meeting_row(m, slots, now=now, kept=kept))


def _next_version(session: Session) -> int:
    return int(session.execute(select(func.coalesce(func.max(ScheduleRun.version), 0))).scalar_one()) + 1


def _check_schedule(loaded: LoadedProblem, meetings: Iterable[Meeting]) -> None:
    """The independent validator on every schedule before it is saved: a failure is a bug."""
    problems = validate(loaded.problem, meetings)
    if problems:
        raise RuntimeError(f"the solver produced an invalid schedule: {problems[0].message}")


def generate_schedule(
    *, doc: EventDocument, overrides: SetupOverrides | None = None, progress: Progress = NO_PROGRESS
) -> ScheduleReport:
    """A new schedule version; the setup keeps the overrides. Nothing is saved on failure."""
    with doc.session() as session:
        _event_row, stored = _load_settings(session)
        settings = (overrides.applied(stored) if overrides else stored).validated()
        loaded = load_problem(session, settings)
        previous = current_meeting_rows(session)
        session.expunge_all()
    outcome = solve(loaded.problem, objective=settings.objective, seed=settings.seed, progress=progress)
    _check_schedule(loaded, outcome.meetings)
    progress.check()
    with doc.session() as session:
        version = _next_version(session)
        at = utc_now()
        report = _report(loaded, outcome, version=version, kind="generated", at=at)
        _store_settings(session, settings)
        _write_schedule(session, loaded, outcome.meetings, keep_from=previous)
        session.add(_run(report))
    return report


def _run(report: ScheduleReport) -> ScheduleRun:
    return ScheduleRun(
        version=report.version,
        kind=report.kind,
        generated_at=report.generated_at,
        objective=report.objective,
        score_mode=report.score_mode,
        figures=report.as_dict(),
    )


def latest_report(*, doc: EventDocument) -> ScheduleReport | None:
    """The figures of the current schedule version, as they were reported."""
    with doc.session() as session:
        run = session.execute(select(ScheduleRun).order_by(ScheduleRun.version.desc())).scalars().first()
        if run is None:
            return None
        data = dict(run.figures)
        data["generated_at"] = run.generated_at
        data["people_by_meetings"] = {int(k): v for k, v in data["people_by_meetings"].items()}
        known = {f.name for f in fields(ScheduleReport)}
        return ScheduleReport(**{k: v for k, v in data.items() if k in known})


# -- re-planning ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ChangeLine:
    """One change of a re-plan, as the screen lists it."""

    kind: ChangeKind
    attendee: str
    company: str
    before: str
    after: str
    reason: str


@dataclass(frozen=True)
class ReplanReport:
    report: ScheduleReport
    changes: tuple[ChangeLine, ...]
    kept: int
    checked_in: int

    def count(self, kind: ChangeKind) -> int:
        return sum(1 for c in self.changes if c.kind is kind)


def _place_label(problem: Problem, m: Meeting | None) -> str:
    if m is None:
        return ""
    return f"{problem.slot_label(m.slot)}, table {m.table}"


@dataclass(frozen=True)
class ReplanPlan:
    """A re-plan computed but not saved yet: the screen lists its changes first, and only
    `apply_replan` writes it — if the schedule is still the one it was computed from."""

    preview: ReplanReport
    based_on: tuple[tuple[int, int, int, int, int, bool], ...]
    """(id, attendee, company, slot, table, locked) of every meeting it was computed from."""
    meetings: tuple[Meeting, ...] = field(repr=False)
    loaded: LoadedProblem = field(repr=False, compare=False)
    outcome: Outcome = field(repr=False, compare=False)


def _fingerprint(rows: Sequence[MeetingRow]) -> tuple[tuple[int, int, int, int, int, bool], ...]:
    return tuple(
        sorted((r.id or 0, r.attendee_id, r.company_id, r.slot_index, r.table_number, r.locked) for r in rows)
    )


def plan_replan(
    *,
    doc: EventDocument,
    now: datetime | None = None,
    keep_unprinted: bool = True,
    progress: Progress = NO_PROGRESS,
) -> ReplanPlan:
    """Compute a re-plan with only checked-in people; locked, printed and begun meetings stay
    (fewest changes). Nothing is saved: `apply_replan` does that."""
    moment = now or utc_now()
    with doc.session() as session:
        loaded = load_problem(session)
        rows = current_meeting_rows(session)
        present = frozenset(checked_in_ids(session=session))
        version = _next_version(session)
        session.expunge_all()
    if not rows:
        raise ValidationError(_("There is no schedule to re-plan yet; generate one first."))
    problem = loaded.problem
    current = [meeting_of(r, problem.points.get((r.attendee_id, r.company_id))) for r in rows]
    printed = frozenset((r.attendee_id, r.company_id) for r in rows if r.printed_at is not None)
    started = sum(1 for s in problem.slots if s.start <= to_local(moment, loaded.event.timezone))
    result = replan(
        problem,
        current,
        present=present,
        printed=printed,
        started_slots=started,
        keep_unprinted=keep_unprinted,
        objective=loaded.settings.objective,
        seed=loaded.settings.seed,
        progress=progress,
    )
    rules = replace(problem, locks=tuple(m for m in current if m.locked))
    rules = replace(rules, must=frozenset(p for p in rules.must if p[0] in present))
    problems = validate(rules, result.outcome.meetings)
    if problems:
        raise RuntimeError(f"re-planning produced an invalid schedule: {problems[0].message}")
    progress.check()
    report = _report(loaded, result.outcome, version=version, kind="replanned", at=utc_now())
    lines = tuple(_change_line(problem, c) for c in result.changes)
    preview = ReplanReport(report, lines, result.kept, len(present & set(problem.attendees)))
    return ReplanPlan(preview, _fingerprint(rows), tuple(result.outcome.meetings), loaded, result.outcome)


def apply_replan(*, doc: EventDocument, plan: ReplanPlan) -> ReplanReport:
    """Save a computed re-plan as the next schedule version; refused (nothing saved) when the
    schedule was edited, re-planned or generated since the plan was computed."""
    with doc.session() as session:
        rows = current_meeting_rows(session)
        if _fingerprint(rows) != plan.based_on:
            raise ValidationError(
                _("The schedule changed while the re-plan was being shown; nothing was saved, re-plan again.")
            )
        for row in rows:
            session.expunge(row)  # read below for print dates and ticks, after the rows are deleted
        version = _next_version(session)
        report = replace(plan.preview.report, version=version, generated_at=utc_now())
        _write_schedule(session, plan.loaded, plan.meetings, keep_from=rows)
        session.add(_run(report))
    return replace(plan.preview, report=report)


def replan_schedule(
    *,
    doc: EventDocument,
    now: datetime | None = None,
    keep_unprinted: bool = True,
    progress: Progress = NO_PROGRESS,
) -> ReplanReport:
    """Only checked-in people; locked, printed and begun meetings stay (fewest changes)."""
    plan = plan_replan(doc=doc, now=now, keep_unprinted=keep_unprinted, progress=progress)
    return apply_replan(doc=doc, plan=plan)


def _change_line(problem: Problem, change: MeetingChange) -> ChangeLine:
    a, c = change.pair
    return ChangeLine(
        change.kind,
        problem.attendee_name(a),
        problem.company_name(c),
        _place_label(problem, change.before),
        _place_label(problem, change.after),
        change.reason,
    )


def checked_in_participants(*, doc: EventDocument) -> int:
    """How many matchmaking participants are inside: what a re-plan would work with."""
    with doc.session() as session:
        people, _left_out = _participants(session)
        return len(checked_in_ids(session=session) & set(people))
