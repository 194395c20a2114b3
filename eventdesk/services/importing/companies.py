"""Rows of an exhibitor list → companies, merged on the company name.

Names are compared folded ("Galápagos NV" and "GALAPAGOS NV" are one exhibitor). As for
attendees, a company's first row in the file replaces what the event had, further rows
only fill gaps (hiring tags are combined), and empty cells never erase anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select
from sqlmodel import Session

from eventdesk.domain.changes import Entity
from eventdesk.domain.contact import InvalidEmail, normalise_email, normalise_phone
from eventdesk.domain.event import utc_now
from eventdesk.domain.names import clean_name_part
from eventdesk.domain.people import company_key, normalise_website, split_list
from eventdesk.i18n import gettext
from eventdesk.persistence.tables import Company
from eventdesk.services.importing.fields import COMPANY_FIELDS
from eventdesk.services.importing.kinds import ImportContext, ImportKind, SinkResult
from eventdesk.services.importing.report import Outcome
from eventdesk.services.importing.rows import MappedRow
from eventdesk.services.undo import bulk_update

FIELDS = (
    "name",
    "sector",
    "booth",
    "meeting_tables",
    "hiring_tags",
    "website",
    "description",
    "contact_name",
    "contact_email",
    "contact_phone",
)
MAX_TABLES = 100


@dataclass(eq=False)
class _Company:
    id: int | None
    first_line: int | None
    values: dict[str, Any]
    before: dict[str, Any] | None


class CompanySink:
    def __init__(self, session: Session, context: ImportContext) -> None:
        self.session = session
        self.context = context
        self.report = context.report
        self.companies: dict[str, _Company] = {}
        columns = [getattr(Company, f) for f in (*FIELDS, "updated_at")]
        for row in session.execute(select(Company.id, *columns)):
            values = dict(zip((*FIELDS, "updated_at"), row[1:], strict=True))
            values["hiring_tags"] = list(values["hiring_tags"] or [])
            self.companies.setdefault(
                company_key(values["name"]), _Company(row[0], None, values, dict(values))
            )

    def add(self, row: MappedRow) -> None:
        line = row.line
        name = clean_name_part(row.value("name"))
        if not name:
            self.report.add(line, Outcome.REJECTED, gettext("no company name"), row.column("name"))
            return
        incoming = self._read(row)
        incoming["name"] = name
        key = company_key(name)
        company = self.companies.get(key)
        if company is None:
            values = {
                "name": name,
                "sector": "",
                "booth": "",
                "meeting_tables": 1,
                "hiring_tags": [],
                "website": "",
                "description": "",
                "contact_name": "",
                "contact_email": "",
                "contact_phone": "",
            }
            company = self.companies[key] = _Company(None, line, values, None)
            self._merge(company, incoming, first=True)
        elif company.first_line is None:
            company.first_line = line
            self._merge(company, incoming, first=True)
        else:
            self.report.add(
                line, Outcome.MERGED, f"same company as line {company.first_line}; merged", row.column("name")
            )
            self._merge(company, incoming, first=False)

    def _read(self, row: MappedRow) -> dict[str, Any]:
        found: dict[str, Any] = {
            name: clean_name_part(row.value(name)) for name in ("sector", "booth", "contact_name")
        }
        found["description"] = row.value("description")
        found["website"] = normalise_website(row.value("website"))
        tables = row.value("meeting_tables")
        if tables:
            try:
                count = int(float(tables.replace(",", ".")))
            except ValueError:
                count = -1
            if 0 <= count <= MAX_TABLES:
                found["meeting_tables"] = count
            else:
                self.report.add(
                    row.line,
                    Outcome.WARNING,
                    f"'{tables}' is not a number of meeting tables (0 to {MAX_TABLES}); left as it was",
                    row.column("meeting_tables"),
                )
        tags: list[str] = []
        for _, text in row.values("hiring_tags"):
            tags += [t for t in split_list(text) if t.casefold() not in {x.casefold() for x in tags}]
        found["hiring_tags"] = tags
        raw_email = row.value("contact_email")
        try:
            found["contact_email"] = normalise_email(raw_email) or ""
        except InvalidEmail as exc:
            self.report.add(
                row.line,
                Outcome.WARNING,
                f"'{raw_email}' is not a valid e-mail address ({exc}); imported without it",
                row.column("contact_email"),
            )
            found["contact_email"] = ""
        phone = normalise_phone(row.value("contact_phone"), region=self.context.region)
        if not phone.normalised:
            self.report.add(
                row.line,
                Outcome.WARNING,
                f"'{phone.text}' is not a phone number that can be read; kept as typed",
                row.column("contact_phone"),
            )
        found["contact_phone"] = phone.text
        return found

    def _merge(self, company: _Company, incoming: dict[str, Any], *, first: bool) -> None:
        values = company.values
        for name, new in incoming.items():
            if new in (None, "", []) or values.get(name) == new:
                continue
            if name == "hiring_tags" and not first:
                values[name] = values[name] + [
                    t for t in new if t.casefold() not in {x.casefold() for x in values[name]}
                ]
            elif first or values.get(name) in (None, "", []):
                values[name] = new

    def finish(self) -> SinkResult:
        now = utc_now()
        creating = [c for c in self.companies.values() if c.id is None]
        if creating:
            rows = [{**c.values, "created_at": now, "updated_at": now} for c in creating]
            statement = insert(Company.__table__).returning(  # type: ignore[attr-defined]
                Company.__table__.c.id,  # type: ignore[attr-defined]
                sort_by_parameter_order=True,
            )
            ids = self.session.connection().execute(statement, rows).scalars().all()
            for company, new_id in zip(creating, ids, strict=True):
                company.id = new_id
            self.context.recorder.created(Company, ids)
        self.report.created = len(creating)
        changes = []
        for company in self.companies.values():
            if company.before is None or company.first_line is None:
                continue
            changed = {n: company.values[n] for n in FIELDS if company.values[n] != company.before[n]}
            if not changed:
                self.report.unchanged += 1
                continue
            self.report.updated += 1
            self.report.add(
                company.first_line,
                Outcome.UPDATED,
                "updated: " + ", ".join(n.replace("_", " ") for n in changed),
            )
            changed["updated_at"] = now
            changes.append((company.id, changed))
            self.context.recorder.updated(Company, company.id, company.before, changed)
        if changes:
            bulk_update(self.session.connection(), Company.__table__, changes)  # type: ignore[attr-defined]
        return SinkResult()


COMPANIES = ImportKind(
    name="companies",
    label="Companies",
    fields=COMPANY_FIELDS,
    platforms=(),
    entities=frozenset({Entity.COMPANIES}),
    start=CompanySink,
    needs_one_of=("name",),
)
