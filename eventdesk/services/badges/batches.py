"""Badges as use cases: choose who, make one PDF, remember what was printed, reprint to revoke.

The PDF is written next to its destination as `NAME.part` and renamed only once every badge
is drawn *and* the print records are ready to commit, inside the same transaction: a
cancelled or failed batch leaves neither a half-written PDF at the path nor badges marked
as printed that never were. A reprint bumps `Attendee.badge_version`; the door then refuses
the older badge and says when it was replaced (the first print of the newer version).
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import Select, func, insert, select, update
from sqlmodel import Session

from eventdesk.domain.changes import Changes, Entity
from eventdesk.domain.enums import AttendeeStatus, TicketType
from eventdesk.domain.event import utc_now
from eventdesk.domain.progress import NO_PROGRESS, Progress
from eventdesk.domain.text import fold
from eventdesk.exports.badges.batch import SigningEvent, pdf_bytes, write_badge_pdf
from eventdesk.exports.badges.errors import BadgeError
from eventdesk.exports.badges.layouts import BadgeLayout, all_layouts, get_layout
from eventdesk.exports.badges.options import BadgeOptions
from eventdesk.exports.badges.preview import render_badge_png
from eventdesk.exports.badges.render import BadgeData
from eventdesk.i18n import ngettext
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.leftovers import remove_part
from eventdesk.persistence.tables import Attendee, BadgePrint, Company, Event
from eventdesk.services.export_audit import ExportKind, record_export
from eventdesk.services.privacy.keys import KeyUnavailable, signing_seed
from eventdesk.settings import BADGE_OPTIONS, Settings

__all__ = [
    "BadgeBatchResult",
    "BadgeError",
    "BadgeNote",
    "BadgeOptions",
    "BadgeSelection",
    "BadgeSummary",
    "badge_options",
    "badge_pdf_bytes",
    "badge_replaced_at",
    "badge_summary",
    "count_badges",
    "create_badge_pdf",
    "layouts",
    "record_badges_printed",
    "render_badge_preview",
    "store_badge_options",
]


@dataclass(frozen=True)
class BadgeSelection:
    """Who gets a badge; the filters combine (all of them must hold). Cancelled tickets never do."""

    only_unprinted: bool = False
    ticket_type: str | None = None
    company_id: int | None = None
    attendee_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class BadgeNote:
    attendee_id: int
    name: str
    message: str


@dataclass(frozen=True)
class BadgeBatchResult:
    output: Path | None  # None when nothing matched and no file was written
    badges: int
    pages: int
    layout: str
    reprinted: int
    notes: tuple[BadgeNote, ...]
    seconds: float
    bytes_written: int
    processes: int
    changes: Changes = field(default_factory=Changes)

    @property
    def badges_per_second(self) -> float:
        return self.badges / self.seconds if self.seconds else 0.0


EVERYONE = BadgeSelection()
DEFAULT_OPTIONS = BadgeOptions()


def layouts() -> list[BadgeLayout]:
    return list(all_layouts().values())


# -- settings -----------------------------------------------------------------------------


def badge_options(*, settings: Settings) -> BadgeOptions:
    return BadgeOptions.from_dict(settings.get(BADGE_OPTIONS))


def store_badge_options(*, settings: Settings, options: BadgeOptions) -> None:
    get_layout(options.layout)  # refuse to remember a layout that does not exist
    settings.set(BADGE_OPTIONS, options.to_dict())


# -- reading the event ----------------------------------------------------------------------


def _signing_event(session: Session) -> SigningEvent:
    event = session.execute(select(Event)).scalar_one()
    if event.signing_key is None:
        raise BadgeError(
            "This copy of the event has no signing key (it is a door or exhibitor kit); "
            "print badges from the organiser's event file."
        )
    try:
        seed = signing_seed(session)
    except KeyUnavailable as exc:
        raise BadgeError(str(exc)) from exc
    assert seed is not None
    return SigningEvent(
        name=event.name,
        code=event.code,
        private_key=seed,
        logo=event.logo,
        language=event.language or "en",
    )


def _display_name(attendee: Attendee) -> str:
    name = " ".join(p for p in (attendee.given_name.strip(), attendee.family_name.strip()) if p)
    return name or attendee.organisation.strip() or f"attendee #{attendee.id}"


def _selection_query(session: Session, selection: BadgeSelection, query: Select) -> Select:
    """`query` narrowed to `selection` (cancelled tickets not yet left out); refuses unknown filters."""
    if selection.attendee_ids:
        wanted = set(selection.attendee_ids)
        query = query.where(Attendee.id.in_(wanted))  # type: ignore[union-attr]
    if selection.ticket_type:
        try:
            TicketType(selection.ticket_type)
        except ValueError:
            known = ", ".join(t.value for t in TicketType)
            raise BadgeError(f"Unknown ticket type '{selection.ticket_type}'; use one of: {known}.") from None
        query = query.where(Attendee.ticket_type == selection.ticket_type)
    if selection.company_id is not None:
        if session.get(Company, selection.company_id) is None:
            raise BadgeError(f"There is no company with id {selection.company_id} in this event.")
        query = query.where(Attendee.company_id == selection.company_id)
    if selection.only_unprinted:
        printed = select(BadgePrint.id).where(
            BadgePrint.attendee_id == Attendee.id, BadgePrint.version == Attendee.badge_version
        )
        query = query.where(~printed.exists())
    return query


def _select_attendees(session: Session, selection: BadgeSelection) -> tuple[list[Attendee], list[BadgeNote]]:
    skipped: list[BadgeNote] = []
    query = _selection_query(session, selection, select(Attendee))
    attendees = list(session.execute(query).scalars())
    if selection.attendee_ids:
        missing = sorted(set(selection.attendee_ids) - {a.id for a in attendees})
        # An id filtered out by another criterion is fine; an id that does not exist is a typo.
        existing = set(session.execute(select(Attendee.id).where(Attendee.id.in_(missing))).scalars())  # type: ignore[union-attr]
        unknown = [i for i in missing if i not in existing]
        if unknown:
            listed = ", ".join(str(i) for i in unknown)
            raise BadgeError(f"There is no attendee with id {listed} in this event.")
    kept = []
    for attendee in attendees:
        if attendee.status == AttendeeStatus.CANCELLED.value:
            if selection.attendee_ids:
                skipped.append(
                    BadgeNote(attendee.id or 0, _display_name(attendee), "Ticket cancelled: no badge.")
                )
            continue
        kept.append(attendee)
    kept.sort(key=lambda a: (fold(a.family_name) or fold(a.organisation), fold(a.given_name), a.id))
    return kept, skipped


def count_badges(*, doc: EventDocument, selection: BadgeSelection) -> int:
    """How many badges `selection` makes right now: the Badges screen shows it as people choose."""
    # Counted in SQL: loading 50,000 attendees to count them takes seconds.
    query = (
        select(func.count()).select_from(Attendee).where(Attendee.status != AttendeeStatus.CANCELLED.value)
    )
    with doc.session() as session:
        return session.execute(_selection_query(session, selection, query)).scalar_one()


def _badge_data(attendees: Iterable[Attendee], *, reprint: bool, language: str = "en") -> list[BadgeData]:
    return [
        BadgeData(
            attendee_id=a.id or 0,
            version=a.badge_version + 1 if reprint else a.badge_version,
            given_name=a.given_name,
            family_name=a.family_name,
            organisation=a.organisation,
            ticket_type=a.ticket_type,
            language=a.language or language,
        )
        for a in attendees
    ]


# -- recording ----------------------------------------------------------------------------


def _record(session: Session, printed: Sequence[tuple[int, int]], layout: str) -> int:
    """Insert print records and raise badge versions to what was printed; returns how many rose."""
    now = utc_now()
    raised = 0
    by_version: dict[int, list[int]] = {}
    for attendee_id, version in printed:
        by_version.setdefault(version, []).append(attendee_id)
    for version, ids in by_version.items():
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            result = session.execute(
                update(Attendee)
                .where(Attendee.id.in_(chunk), Attendee.badge_version < version)  # type: ignore[union-attr]
                .values(badge_version=version, updated_at=now)
            )
            raised += result.rowcount or 0
    if printed:
        session.execute(
            insert(BadgePrint),
            [{"attendee_id": a, "version": v, "printed_at": now, "layout": layout} for a, v in printed],
        )
    return raised


def record_badges_printed(*, doc: EventDocument, printed: Sequence[tuple[int, int]], layout: str) -> Changes:
    """Remember badges printed outside `create_badge_pdf` (the UI's print-one-badge path).

    `printed` holds (attendee id, version) pairs; a version above the attendee's current one
    (a reprint made with `badge_pdf_bytes(reprint=True)`) becomes current and revokes the old.
    """
    with doc.session() as session:
        raised = _record(session, printed, layout)
    entities = (Entity.BADGES, Entity.ATTENDEES) if raised else (Entity.BADGES,)
    return Changes.of(*entities, summary=ngettext("{n} badge printed", "{n} badges printed", len(printed)))


# -- making PDFs ----------------------------------------------------------------------------


def _check_output(output: Path) -> None:
    if output.is_dir():
        raise BadgeError(f"{output} is a folder; give a file name for the badge PDF.")
    if not output.parent.is_dir():
        raise BadgeError(f"Cannot write {output}: the folder {output.parent} does not exist.")
    if not os.access(output.parent, os.W_OK) or (output.exists() and not os.access(output, os.W_OK)):
        raise BadgeError(f"Cannot write {output}: permission denied.")


def create_badge_pdf(
    *,
    doc: EventDocument,
    output: str | os.PathLike[str],
    selection: BadgeSelection = EVERYONE,
    options: BadgeOptions = DEFAULT_OPTIONS,
    reprint: bool = False,
    progress: Progress = NO_PROGRESS,
    processes: int | None = None,
) -> BadgeBatchResult:
    """One PDF with a badge for everyone selected, recorded as printed; all or nothing.

    `reprint` gives each selected attendee a new badge version, which revokes the badge they
    hold. When nobody matches, nothing is written and the result says 0 badges.
    """
    started = time.perf_counter()
    target = Path(output).expanduser()
    layout = get_layout(options.layout)
    _check_output(target)
    with doc.session() as session:
        event = _signing_event(session)
        attendees, skipped = _select_attendees(session, selection)
    badges = _badge_data(attendees, reprint=reprint, language=event.language)
    # A batch killed while saving left its part; this run of the same job owns it.
    remove_part(target.with_name(target.name + ".part"))
    if not badges:
        return BadgeBatchResult(
            None, 0, 0, layout.name, 0, tuple(skipped), time.perf_counter() - started, 0, 0
        )
    names = {a.id: _display_name(a) for a in attendees}
    part = target.with_name(target.name + ".part")
    renamed = False
    try:
        drawn = write_badge_pdf(
            output=part, badges=badges, event=event, options=options, progress=progress, processes=processes
        )
        progress.check()
        with doc.session() as session:
            raised = _record(session, [(b.attendee_id, b.version) for b in badges], layout.name)
            record_export(
                session, kind=ExportKind.BADGES, path=target, attendee_ids=[b.attendee_id for b in badges]
            )
            # Renamed inside the transaction: if the rename fails nothing is recorded, and if
            # the commit fails after it the file is removed again below.
            part.replace(target)
            renamed = True
    except BaseException as exc:
        _remove(part)
        if renamed:
            _remove(target)
        if isinstance(exc, OSError):
            raise BadgeError(f"Cannot write {target}: {exc.strerror or exc}.") from exc
        raise
    notes = tuple(skipped) + tuple(
        BadgeNote(n.attendee_id, names.get(n.attendee_id, ""), message)
        for n in drawn.notes
        for message in n.messages
    )
    entities = (Entity.BADGES, Entity.ATTENDEES) if raised else (Entity.BADGES,)
    summary = ngettext(
        "{n} badge written to {file}", "{n} badges written to {file}", len(badges), file=target.name
    )
    return BadgeBatchResult(
        output=target,
        badges=len(badges),
        pages=drawn.pages,
        layout=layout.name,
        reprinted=raised,
        notes=notes,
        seconds=time.perf_counter() - started,
        bytes_written=target.stat().st_size,
        processes=drawn.processes,
        changes=Changes.of(*entities, summary=summary),
    )


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def badge_pdf_bytes(
    *,
    doc: EventDocument,
    attendee_ids: Sequence[int],
    options: BadgeOptions = DEFAULT_OPTIONS,
    reprint: bool = False,
) -> tuple[bytes, list[tuple[int, int]]]:
    """Badges for a few people as PDF bytes, for printing through the system dialog.

    Nothing is recorded: after the print job is accepted the UI calls
    `record_badges_printed` with the returned (attendee id, version) pairs, so a print
    dialog cancelled after a reprint does not revoke the badge the person still holds.
    """
    with doc.session() as session:
        event = _signing_event(session)
        attendees, _ = _select_attendees(session, BadgeSelection(attendee_ids=tuple(attendee_ids)))
    badges = _badge_data(attendees, reprint=reprint, language=event.language)
    if not badges:
        raise BadgeError("None of the chosen attendees can have a badge (their tickets are cancelled).")
    data = pdf_bytes(badges=badges, event=event, options=options, processes=1)
    return data, [(b.attendee_id, b.version) for b in badges]


def render_badge_preview(
    *,
    doc: EventDocument,
    options: BadgeOptions,
    attendee_id: int | None = None,
    dpi: float = 110,
) -> bytes:
    """PNG of one real attendee's badge with `options`, for the settings dialog's live preview.

    Without `attendee_id`, the registered attendee with the longest name is shown: the badge
    most likely to reveal a size that is too large.
    """
    with doc.session() as session:
        event = _signing_event(session)
        if attendee_id is not None:
            attendee = session.get(Attendee, attendee_id)
            if attendee is None:
                raise BadgeError(f"There is no attendee with id {attendee_id} in this event.")
        else:
            length = func.length(Attendee.given_name) + func.length(Attendee.family_name)
            attendee = session.execute(
                select(Attendee)
                .where(Attendee.status == AttendeeStatus.REGISTERED.value)
                .order_by(length.desc(), Attendee.id)
                .limit(1)
            ).scalar_one_or_none()
    if attendee is None:
        sample = BadgeData(0, 1, "Maria", "Jansen", "Example Biotech B.V.", TicketType.VISITOR.value)
    else:
        sample = _badge_data([attendee], reprint=False, language=event.language)[0]
    if sample.attendee_id == 0:
        sample = BadgeData(
            1, 1, sample.given_name, sample.family_name, sample.organisation, sample.ticket_type
        )
    return render_badge_png(badge=sample, event=event, options=options, dpi=dpi)


# -- what the desk and the Badges screen ask ----------------------------------------------


def badge_replaced_at(*, session: Session, attendee_id: int, version: int) -> datetime | None:
    """When badge `version` was replaced by a reprint: the first print of any newer version.

    Takes the caller's session because the check-in desk asks while logging the scan.
    """
    return session.execute(
        select(func.min(BadgePrint.printed_at)).where(
            BadgePrint.attendee_id == attendee_id, BadgePrint.version > version
        )
    ).scalar_one_or_none()


@dataclass(frozen=True)
class BadgeSummary:
    registered: int
    printed: int  # registered attendees whose current badge version has been printed
    reprinted: int  # registered attendees on a badge version above 1

    @property
    def unprinted(self) -> int:
        return self.registered - self.printed


def badge_summary(*, doc: EventDocument) -> BadgeSummary:
    registered = Attendee.status == AttendeeStatus.REGISTERED.value
    printed = (
        select(BadgePrint.id)
        .where(BadgePrint.attendee_id == Attendee.id, BadgePrint.version == Attendee.badge_version)
        .exists()
    )
    with doc.session() as session:
        count = session.execute(select(func.count()).select_from(Attendee).where(registered)).scalar_one()
        done = session.execute(
            select(func.count()).select_from(Attendee).where(registered, printed)
        ).scalar_one()
        again = session.execute(
            select(func.count()).select_from(Attendee).where(registered, Attendee.badge_version > 1)
        ).scalar_one()
    return BadgeSummary(registered=count, printed=done, reprinted=again)
