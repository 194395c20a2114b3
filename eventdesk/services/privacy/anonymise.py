"""Anonymising a whole event after its retention date: only the report figures stay.

Irreversible by design (GDPR Art. 5(1)(e) and 17): the undo history is dropped, the
people search cache deleted and, on SQLite, the file rewritten so that neither the file
nor its WAL or journal holds a removed byte — `secure_delete` zeroes freed cells, VACUUM
rebuilds every page, and a TRUNCATE checkpoint empties the WAL. The `.before-upgrade`
backup beside the file holds everything as it was, so it goes too. On PostgreSQL the
rows are updated and the tables rewritten with VACUUM FULL (dead row versions are gone
from the tables; the server's own WAL archive, if one is kept, is the operator's to purge).
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, select, update

from eventdesk.domain.changes import Changes, Entity
from eventdesk.domain.errors import EventdeskError, ValidationError
from eventdesk.domain.event import utc_now
from eventdesk.domain.progress import NO_PROGRESS, Progress
from eventdesk.i18n import _, ngettext
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import (
    Attendee,
    Company,
    Event,
    ExportAudit,
    ExternalCode,
    Lead,
    Meeting,
    Scan,
)
from eventdesk.services.export_audit import ExportKind
from eventdesk.services.hub_only import refuse_at_desk
from eventdesk.services.privacy.figures import ReportFigures, report_figures

CONFIRMATION_WORD = "ANONYMISE"

# What goes: every column that says who a person is or what they or staff wrote about them.
ATTENDEE_CLEARED = {
    "given_name": "",
    "family_name": "",
    "email": None,
    "email_key": None,
    "phone": "",
    "organisation": "",
    "job_title": "",
    "degree": "",
    "field_of_work": "",
    "interests": [],
    "search_text": "",
}
COMPANY_CONTACT_CLEARED = {"contact_name": "", "contact_email": "", "contact_phone": ""}
TABLES_REWRITTEN = ("attendee", "company", "scan", "lead", "meeting", "external_code", "export_audit")


class AnonymiseError(EventdeskError):
    pass


@dataclass(frozen=True)
class Anonymised:
    people: int
    company_contacts: int
    scans: int
    leads: int
    figures: ReportFigures
    disk_clean: bool
    removed_backup: Path | None

    @property
    def summary(self) -> str:
        return _(
            "Anonymised {people}, {contacts}, {scans} and {leads}; the report figures are kept.",
            people=ngettext("{n} person", "{n} people", self.people),
            contacts=ngettext("{n} company contact", "{n} company contacts", self.company_contacts),
            scans=ngettext("{n} scan", "{n} scans", self.scans),
            leads=ngettext("{n} lead", "{n} leads", self.leads),
        )


def anonymise_event(
    *, doc: EventDocument, confirmation: str, progress: Progress = NO_PROGRESS
) -> tuple[Anonymised, Changes]:
    """Remove every personal field of the event; `confirmation` must be the typed word."""
    if confirmation.strip().upper() != CONFIRMATION_WORD:
        raise ValidationError(
            _("Type {word} to confirm; anonymising cannot be undone.", word=CONFIRMATION_WORD)
        )
    with doc.session() as session:
        refuse_at_desk(session)
    progress.report(0, 4, _("Removing personal data"))
    with doc.session() as session:
        kit = session.execute(select(Event.id)).first()
        if kit is None:
            raise AnonymiseError(_("This document holds no event."))
        people = session.execute(update(Attendee).values(**ATTENDEE_CLEARED)).rowcount
        session.execute(delete(ExternalCode))
        contacts = session.execute(
            update(Company)
            .where(
                (Company.contact_name != "") | (Company.contact_email != "") | (Company.contact_phone != "")
            )
            .values(**COMPANY_CONTACT_CLEARED)
        ).rowcount
        scans = session.execute(update(Scan).values(scanned_text="", reason="", reason_message=None)).rowcount
        leads = session.execute(update(Lead).values(notes="", tags=[], staff="")).rowcount
        session.execute(update(Meeting).values(note=""))
        session.execute(
            update(ExportAudit).where(ExportAudit.kind == ExportKind.PERSON.value).values(file_name="")
        )
        session.execute(update(Event).values(anonymised_at=utc_now()))
    progress.report(1, 4, _("Dropping undo history and caches"))
    _forget_copies_in_memory(doc)
    progress.report(2, 4, _("Rewriting the file"))
    removed_backup = None
    if doc.is_sqlite:
        clean = _scrub_sqlite(doc)
        removed_backup = _remove_backup(doc)
    else:
        clean = _vacuum_postgres(doc)
    progress.report(4, 4, "Anonymised")
    result = Anonymised(people, contacts, scans, leads, report_figures(doc=doc), clean, removed_backup)
    changes = Changes.of(
        Entity.EVENT,
        Entity.ATTENDEES,
        Entity.COMPANIES,
        Entity.SCANS,
        Entity.LEADS,
        Entity.MEETINGS,
        summary=result.summary,
    )
    return result, changes


def _forget_copies_in_memory(doc: EventDocument) -> None:
    from eventdesk.services.search import forget_index
    from eventdesk.services.undo import history

    history(doc).clear()
    forget_index(doc)


def _scrub_sqlite(doc: EventDocument) -> bool:
    """True when the file and its WAL hold no old page (no other connection was reading)."""
    assert doc.path is not None
    doc.engine.dispose()  # our pooled connections would hold the WAL open
    conn = sqlite3.connect(doc.path, timeout=10)
    try:
        conn.execute("PRAGMA secure_delete=ON")
        conn.execute("VACUUM")
        busy, _log, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        conn.close()
    return busy == 0


def scrub_sqlite_file(doc: EventDocument) -> bool:
    """The same rewrite after erasing one person (their old values may sit in free pages)."""
    return _scrub_sqlite(doc) if doc.is_sqlite else _vacuum_postgres(doc)


def _remove_backup(doc: EventDocument) -> Path | None:
    assert doc.path is not None
    backup = doc.path.with_name(f"{doc.path.name}.before-upgrade")
    if not backup.exists():
        return None
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{backup}{suffix}").unlink()
    return backup


def _vacuum_postgres(doc: EventDocument) -> bool:
    with doc.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        for table in TABLES_REWRITTEN:
            conn.exec_driver_sql(f'VACUUM (FULL, ANALYZE) "{table}"')
    return True
