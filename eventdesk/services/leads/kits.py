"""Exhibitor kits: a small event document a company takes to its booth, and merging it back.

A kit is an ordinary `.eventdesk` file, so eventdesk opens it like any event, but it holds
only what the company may have:

* the event row with the public key and *no signing key* (badges verify, none can be made);
* the company's own row, its staff, its meetings and its leads so far;
* of every other attendee who still holds a ticket, what `domain.sharing.shown_to` lets the
  company see: of those who agreed to share their details with exhibitors (`consent_share`)
  name, organisation, job title, e-mail, phone, degree, field, interests (and ticket type);
  of its meeting partners who did not agree, the same without e-mail and phone. No ticket
  codes, no check-in log, no badge prints, no registration status or times, no other company.

Nothing of anyone else is written, not even their id: a badge serial is the attendee id,
pseudonymous personal data under the GDPR. A meeting with someone who cancelled is left out
too (it would name them by id). Who goes in is decided by `kit_contents`, which the make-kit
dialog counts from, so what it announces is what the kit holds. The file is built from
inserts only (no deletes), so no freed page can hold a trace of anyone.

Merging brings the kit's leads back, matched by their UUID, so merging a kit twice (or a
newer copy of it) adds nothing twice.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Table, insert, select
from sqlmodel import Session, SQLModel

from eventdesk.domain.changes import Changes, Entity
from eventdesk.domain.errors import EventFileError, ValidationError
from eventdesk.domain.event import utc_now
from eventdesk.domain.people import attendee_search_text
from eventdesk.domain.progress import NO_PROGRESS, Progress
from eventdesk.domain.sharing import Shown
from eventdesk.i18n import _, ngettext
from eventdesk.i18n.values import Count
from eventdesk.persistence.document import FILE_SUFFIX, EventDocument
from eventdesk.persistence.tables import (
    Attendee,
    Company,
    Event,
    KitInfo,
    Lead,
    MatchmakingSetup,
    Meeting,
    ScheduleRun,
)
from eventdesk.services.export_audit import ExportKind, audit_export
from eventdesk.services.leads.booth import clean_tags, sync_meeting_leads
from eventdesk.services.leads.kit_contents import KitCounts, kit_contents
from eventdesk.services.leads.kit_info import KitSummary, kit_info, kit_summary
from eventdesk.services.undo import StepRecorder, history

__all__ = [
    "KitCounts",
    "KitMade",
    "KitMerged",
    "KitSummary",
    "MergeReport",
    "NotAKitError",
    "kit_info",
    "make_kit",
    "merge_kits",
]

BATCH = 2_000
# What an exhibitor may see of a person who agreed to share it, plus what links the row.
EXHIBITOR_FIELDS = (
    "id",
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
    "consent_share",
    "email_key",
)


class NotAKitError(EventFileError):
    """A file given as an exhibitor kit is an event, but not a kit."""


@dataclass(frozen=True)
class KitMade:
    path: Path
    company_name: str
    counts: KitCounts

    @property
    def summary(self) -> str:
        """The same lines the make-kit dialog showed before (`KitCounts.lines`)."""
        heading = _("Kit for {company}:", company=self.company_name)
        return "\n".join([heading, *(f"• {line}" for line in self.counts.lines())])


@dataclass(frozen=True)
class KitMerged:
    path: Path
    company_id: int
    company_name: str
    added: int
    updated: int
    unchanged: int


@dataclass(frozen=True)
class MergeReport:
    kits: tuple[KitMerged, ...]
    changes: Changes

    @property
    def summary(self) -> str:
        lines = [
            _(
                "{file} ({company}): {added} new, {updated} updated, {unchanged} unchanged",
                file=k.path.name,
                company=k.company_name,
                added=Count(k.added),
                updated=Count(k.updated),
                unchanged=Count(k.unchanged),
            )
            for k in self.kits
        ]
        return "\n".join(lines)


def _table(model: type[SQLModel]) -> Table:
    return model.__table__  # type: ignore[attr-defined]


def _rows(session: Session, model: type[SQLModel], *where: Any) -> list[dict[str, Any]]:
    return [dict(row) for row in session.execute(select(_table(model)).where(*where)).mappings()]


def _batches(rows: Sequence[dict[str, Any]]) -> Iterable[Sequence[dict[str, Any]]]:
    for start in range(0, len(rows), BATCH):
        yield rows[start : start + BATCH]


def _kit_path(target: str | os.PathLike[str]) -> Path:
    path = Path(target).expanduser()
    return path if path.suffix == FILE_SUFFIX else path.with_name(path.name + FILE_SUFFIX)


def _exhibitor_row(row: dict[str, Any], company_id: int, shown: Shown) -> dict[str, Any]:
    """The person as the company may see them (`domain.sharing.shown_to`): a meeting partner
    who did not agree to share keeps name and profile, and loses e-mail and phone."""
    kept = {name: row[name] for name in EXHIBITOR_FIELDS}
    if not shown.contact:
        kept.update(email=None, phone="", email_key=None)
    # Another company's staff member is here only as a person; their company is not.
    kept["company_id"] = row["company_id"] if row["company_id"] == company_id else None
    kept["interests"] = list(row["interests"] or ())
    # The organiser's search text also holds ticket codes: rebuild it from what is kept.
    kept["search_text"] = attendee_search_text(
        given_name=row["given_name"],
        family_name=row["family_name"],
        email=kept["email"],
        organisation=row["organisation"],
    )
    return kept


def _kit_lead(row: dict[str, Any], in_kit: set[int]) -> dict[str, Any]:
    """A lead as the kit may hold it: a person who did not agree becomes an anonymous visit.

    Its notes stay behind too (they may name the person); the UUID travels, so merging the
    kit back finds the organiser's lead again instead of adding a second one.
    """
    if row["attendee_id"] is None or row["attendee_id"] in in_kit:
        return row
    return {**row, "attendee_id": None, "notes": ""}


def make_kit(
    *,
    doc: EventDocument,
    company_id: int,
    path: str | os.PathLike[str],
    overwrite: bool = False,
    progress: Progress = NO_PROGRESS,
) -> KitMade:
    """Write the company's kit to `path` (a new `.eventdesk` file); the event is not changed
    except that meetings marked attended become leads first, so that they travel too."""
    target = _kit_path(path)
    if doc.path is not None and target.resolve() == Path(doc.display_location).resolve():
        raise EventFileError("A kit cannot replace the event it is made from; choose another file name.")
    with doc.session() as session:
        if kit_summary(session) is not None:
            raise ValidationError("This is an exhibitor kit; make kits from the organiser's event.")
        company = session.get(Company, company_id)
        if company is None:
            raise ValidationError(f"There is no company #{company_id} in this event.")
    sync_meeting_leads(doc=doc, company_id=company_id)
    progress.report(0, 4, _("Reading the event"))
    with doc.session() as session:
        event = _rows(session, Event)[0]
        event["signing_key"] = None
        company_row = _rows(session, Company, Company.id == company_id)[0]
        contents = kit_contents(session, company_id)
        people = [
            _exhibitor_row(r, company_id, contents.shown[r["id"]])
            for r in _rows(session, Attendee, Attendee.id.in_(list(contents.shown)))  # type: ignore[union-attr]
        ]
        kept_meetings = _rows(session, Meeting, Meeting.id.in_(list(contents.meetings)))  # type: ignore[union-attr]
        leads = [
            _kit_lead(lead, set(contents.shown))
            for lead in _rows(session, Lead, Lead.company_id == company_id)
        ]
        setup = _rows(session, MatchmakingSetup)
        runs = _rows(session, ScheduleRun)
        latest_run = [max(runs, key=lambda r: r["version"])] if runs else []
    progress.report(1, 4, _("Writing the kit"))
    kit = EventDocument.create_empty(target, overwrite=overwrite)
    try:
        with kit.session() as session:
            for model, rows in (
                (Event, [event]),
                (Company, [company_row]),
                (Attendee, people),
                (Meeting, kept_meetings),
                (Lead, leads),
                (MatchmakingSetup, setup),
                (ScheduleRun, latest_run),
            ):
                for batch in _batches(rows):
                    session.execute(insert(_table(model)), list(batch))
                    progress.check()
            session.add(KitInfo(company_id=company_id, source_event_code=event["code"], made_at=utc_now()))
        progress.report(3, 4, _("Finishing the kit"))
    except BaseException:
        kit.discard_new()
        raise
    kit.commit_new().close()
    audit_export(
        doc=doc, kind=ExportKind.KIT, path=target, attendee_ids=list(contents.shown), company_id=company_id
    )
    progress.report(4, 4, _("Kit written"))
    return KitMade(path=target, company_name=company_row["name"], counts=contents.counts)


# -- merging kits back ------------------------------------------------------------------------


@dataclass(frozen=True)
class _LoadedKit:
    path: Path
    company_id: int
    leads: list[dict[str, Any]]


def _load_kit(path: Path, *, event_code: str, public_key: bytes) -> _LoadedKit:
    if not path.exists():
        raise EventFileError(f"There is no kit file at {path}.")
    kit = EventDocument.open(path)
    try:
        with kit.session() as session:
            info = session.execute(select(KitInfo)).scalars().first()
            if info is None:
                raise NotAKitError(
                    f"{path} is an event, not an exhibitor kit (it was not made with “leads kit”); "
                    "nothing was merged."
                )
            event = session.execute(select(Event.name, Event.code, Event.public_key)).one()
            if info.source_event_code != event_code or event.public_key != public_key:
                raise ValidationError(
                    f"{path} is a kit of “{event.name}” (event code {info.source_event_code}), "
                    f"not of this event ({event_code}); nothing was merged."
                )
            leads = _rows(session, Lead, Lead.company_id == info.company_id)
            return _LoadedKit(path, info.company_id, leads)
    finally:
        kit.close()


def merge_kits(
    *, doc: EventDocument, paths: Sequence[str | os.PathLike[str]], progress: Progress = NO_PROGRESS
) -> MergeReport:
    """Bring the leads of exhibitor kits into the organiser's event, all kits or none.

    Every kit is read and checked before anything is written, so a wrong file among several
    leaves the event as it was. A lead already merged (same UUID) is combined with what the
    event holds: the later rating wins, notes and tags are joined, visits and times widened;
    merging the same kit again changes nothing.
    """
    if not paths:
        raise ValidationError("Name at least one kit file to merge.")
    with doc.session() as session:
        if kit_summary(session) is not None:
            raise ValidationError("This is an exhibitor kit; merge kits into the organiser's event.")
        event = session.execute(select(Event.code, Event.public_key)).one()
    loaded: list[_LoadedKit] = []
    for n, raw in enumerate(paths):
        progress.report(n, len(paths) * 2, f"Reading {Path(raw).name}")
        loaded.append(_load_kit(Path(raw).expanduser(), event_code=event.code, public_key=event.public_key))
    recorder = StepRecorder("Merge exhibitor kits", Entity.LEADS)
    merged: list[KitMerged] = []
    with doc.session() as session:
        for n, kit in enumerate(loaded):
            company = session.get(Company, kit.company_id)
            if company is None:
                raise ValidationError(
                    f"{kit.path} is a kit for company #{kit.company_id}, which is no longer in this event; "
                    "nothing was merged."
                )
            progress.report(len(paths) + n, len(paths) * 2, f"Merging {kit.path.name}")
            counts = {"added": 0, "updated": 0, "unchanged": 0}
            for row in kit.leads:
                counts[_merge_lead(session, row, recorder)] += 1
                session.flush()
            merged.append(KitMerged(kit.path, kit.company_id, company.name, **counts))
    history(doc).push(recorder.step())
    added = sum(k.added for k in merged)
    updated = sum(k.updated for k in merged)
    return MergeReport(
        tuple(merged),
        Changes.of(
            Entity.LEADS,
            summary=ngettext("{n} kit merged", "{n} kits merged", len(merged))
            + ": "
            + ngettext("{n} new lead", "{n} new leads", added)
            + ", "
            + ngettext("{n} lead updated", "{n} leads updated", updated),
        ),
    )


_COMBINED = ("staff", "rating", "notes", "tags", "visits", "captured_at", "last_seen_at", "updated_at")


def _merge_lead(session: Session, row: dict[str, Any], recorder: StepRecorder) -> str:
    attendee_id = row["attendee_id"]
    if attendee_id is not None and session.get(Attendee, attendee_id) is None:
        attendee_id = None  # removed from the event since the kit was made: keep the visit
    existing = session.get(Lead, row["id"])
    if existing is None and attendee_id is not None:
        existing = session.execute(
            select(Lead).where(Lead.company_id == row["company_id"], Lead.attendee_id == attendee_id)
        ).scalar_one_or_none()
    if existing is None:
        session.add(Lead(**{**row, "attendee_id": attendee_id, "tags": list(row["tags"] or ())}))
        recorder.created(Lead, [row["id"]])
        return "added"
    before = {name: _plain(getattr(existing, name)) for name in _COMBINED}
    kit_is_newer = row["updated_at"] > existing.updated_at
    if kit_is_newer:
        existing.staff = row["staff"] or existing.staff
        existing.rating = row["rating"] or existing.rating
    existing.notes = _joined_notes(existing.notes, row["notes"])
    existing.tags = list(clean_tags([*(existing.tags or ()), *(row["tags"] or ())]))
    existing.visits = max(existing.visits, row["visits"])
    existing.captured_at = min(existing.captured_at, row["captured_at"])
    existing.last_seen_at = max(existing.last_seen_at, row["last_seen_at"])
    existing.updated_at = max(existing.updated_at, row["updated_at"])
    after = {name: _plain(getattr(existing, name)) for name in _COMBINED}
    if after == before:
        return "unchanged"
    recorder.updated(Lead, existing.id, before, after)
    return "updated"


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, list) else value


def _joined_notes(ours: str, theirs: str) -> str:
    """Both sides' notes, without repeating one that the other already contains (so that a
    second merge of the same kit leaves the notes as the first one made them)."""
    ours, theirs = ours.strip(), theirs.strip()
    if not theirs or theirs in ours:
        return ours
    if not ours or ours in theirs:
        return theirs
    return f"{ours}\n{theirs}"
