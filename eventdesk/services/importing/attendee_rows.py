"""One row of an attendee file, read and checked: names split, e-mail validated, phone normalised.

Reading a row depends on nothing but the row and the file's mapping (not on the event or on
other rows), which is what lets a large import read rows in a worker process while it merges
and writes the ones before them (see `row_worker`). What a row has to say in the report is
returned with it, in the order the checks found it, and added to the report by the importer.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from operator import attrgetter

from eventdesk.domain.contact import InvalidEmail, normalise_email, normalise_phone, region_from_country
from eventdesk.domain.enums import AttendeeStatus
from eventdesk.domain.names import clean_name_part, split_full_name
from eventdesk.domain.people import (
    degree_from_text,
    folded,
    split_list,
    status_from_text,
    ticket_type_from_text,
    yes_no,
)
from eventdesk.i18n import gettext, ngettext, normalise_language
from eventdesk.services.importing.fields import CODE_PREFIX, consent_answer
from eventdesk.services.importing.report import Outcome
from eventdesk.services.importing.rows import FieldColumns, MappedRow, clean_cell

# How many distinct phone numbers a reader remembers: two generations of at least this many.
REMEMBERED_PHONES = 20_000

Note = tuple[int, Outcome, str, str]  # (line, outcome, reason, column) for the report


@dataclass(slots=True)
class Incoming:
    """One row, read and checked, before it is matched to a person."""

    line: int
    given_name: str
    family_name: str
    email: str | None
    email_from_buyer: bool
    phone: str
    organisation: str
    job_title: str
    degree: str
    field_of_work: str
    interests: list[str] | None
    ticket_type: str | None
    status: str | None
    consent: bool | None
    codes: list[tuple[str, str]]
    exhibitor_company: str
    language: str = ""

    @property
    def name_key(self) -> str:
        return name_key(self.given_name, self.family_name)


Read = tuple[Incoming | None, list[Note]]
Packed = tuple[tuple[object, ...] | None, list[Note]]  # a Read as it crosses between processes


def name_key(given: str, family: str) -> str:
    """How two names are compared: folded, so "Müller" is "MULLER"."""
    return " ".join(p for p in (folded(given), folded(family)) if p)


def given_family(full: str) -> tuple[str, str]:
    split = split_full_name(full)
    return split.given, split.family


_VALUES = attrgetter(*(f.name for f in fields(Incoming)))


def pack(read: Read) -> Packed:
    """Plain tuples pickle at a third of the cost of the dataclass."""
    incoming, notes = read
    return (None if incoming is None else _VALUES(incoming)), notes


def unpack(packed: Packed) -> Read:
    values, notes = packed
    return (None if values is None else Incoming(*values)), notes  # type: ignore[arg-type]


@dataclass(frozen=True)
class ReadSettings:
    """How the rows of one file are read. `platform_key` names ticket codes from columns of no
    platform of their own; `unnamed_rows` says what a ticket without a name or e-mail is
    ("skip": not yet assigned to anyone; "buyer": the buyer's own); `region` reads phone
    numbers written without a country code."""

    fields: FieldColumns
    platform_key: str
    unnamed_rows: str
    region: str


class RowReader:
    def __init__(self, settings: ReadSettings) -> None:
        self.settings = settings
        self.fields = settings.fields
        self.code_columns = [
            (name[len(CODE_PREFIX) :] if name.startswith(CODE_PREFIX) else settings.platform_key, column)
            for name in self.fields.code_fields
            for column in self.fields.columns[name]
        ]
        self.has_code_lists = "codes" in self.fields.columns
        self._phones: dict[tuple[str, str], tuple[str, bool]] = {}
        self._older_phones: dict[tuple[str, str], tuple[str, bool]] = {}

    def read_cells(self, rows: list[tuple[int, list[str]]]) -> list[Packed]:
        """Rows given as (line, cells), as a worker process receives them."""
        return [pack(self.read(MappedRow(line, cells, self.fields))) for line, cells in rows]

    def read(self, row: MappedRow) -> Read:
        notes: list[Note] = []
        return self._read(row, notes), notes

    def _read(self, row: MappedRow, notes: list[Note]) -> Incoming | None:
        line = row.line
        if row.extra_cells():
            notes.append(
                (
                    line,
                    Outcome.WARNING,
                    gettext("the row has more cells than there are column headers; extra cells ignored"),
                    "",
                )
            )
        addon = row.value("addon_to")
        if addon:
            notes.append(
                (
                    line,
                    Outcome.SKIPPED,
                    gettext("add-on to position {position}, not a person", position=addon),
                    row.column("addon_to"),
                )
            )
            return None
        guests = row.value("guests")
        if guests.isdigit() and int(guests) > 0:
            notes.append(
                (
                    line,
                    Outcome.WARNING,
                    ngettext(
                        "{n} unnamed guest of this person was not imported (no name)",
                        "{n} unnamed guests of this person were not imported (no names)",
                        int(guests),
                    ),
                    row.column("guests"),
                )
            )
        given, family = clean_name_part(row.value("given_name")), clean_name_part(row.value("family_name"))
        if not (given or family):
            given, family = given_family(row.value("full_name"))
        email = self._email(row, "email", notes)
        from_buyer = is_buyer = False
        if not (given or family or email) and not row.any_mapped():
            notes.append(
                (
                    line,
                    Outcome.SKIPPED,
                    gettext("nothing in the imported columns (only ignored columns are filled)"),
                    "",
                )
            )
            return None
        if not (given or family or email):
            if self.settings.unnamed_rows == "skip":
                notes.append(
                    (
                        line,
                        Outcome.SKIPPED,
                        gettext("ticket not assigned to anyone yet (no name, no e-mail)"),
                        "",
                    )
                )
                return None
            given, family = given_family(row.value("buyer_name"))
            is_buyer = True
        if email is None and row.value("buyer_email"):
            email = self._email(row, "buyer_email", notes)
            from_buyer = email is not None
        if not (given or family or email):
            notes.append(
                (line, Outcome.REJECTED, gettext("no name and no e-mail address: nobody to import"), "")
            )
            return None
        phone_text = row.value("phone")
        if not phone_text and row.value("buyer_phone"):
            # The order's phone is the buyer's: theirs only if this ticket is the buyer's own
            # (same name as the order, or no name of its own), not a colleague's on the order.
            buyer = row.value("buyer_name")
            same_name = bool(buyer) and name_key(given, family) == name_key(*given_family(buyer))
            if is_buyer or same_name or (from_buyer and not row.has("buyer_name")):
                phone_text = row.value("buyer_phone")
        region = region_from_country(row.value("country")) or self.settings.region
        phone, readable = self._phone(phone_text, region) if phone_text else ("", True)
        if not readable:
            notes.append(
                (
                    line,
                    Outcome.WARNING,
                    gettext("'{phone}' is not a phone number that can be read; kept as typed", phone=phone),
                    row.column("phone") or row.column("buyer_phone"),
                )
            )
        return Incoming(
            line=line,
            given_name=given,
            family_name=family,
            email=email,
            email_from_buyer=from_buyer,
            phone=phone,
            organisation=clean_name_part(row.value("organisation")),
            job_title=clean_name_part(row.value("job_title")),
            degree=degree_from_text(row.value("degree")),
            field_of_work=clean_name_part(row.value("field_of_work")),
            interests=self._interests(row),
            ticket_type=self._ticket_type(row),
            status=self._status(row, notes),
            consent=consent_answer(row.value("consent")) if row.has("consent") else None,
            codes=self._codes(row),
            exhibitor_company=clean_name_part(row.value("exhibitor_company")),
            language=self._language(row, notes),
        )

    def _phone(self, text: str, region: str) -> tuple[str, bool]:
        """`normalise_phone`, once per distinct number: an order's phone repeats on every ticket."""
        key = (text, region)
        answer = self._phones.get(key) or self._older_phones.get(key)
        if answer is None:
            phone = normalise_phone(text, region=region)
            answer = (phone.text, phone.normalised)
            if len(self._phones) >= REMEMBERED_PHONES:
                self._older_phones, self._phones = self._phones, {}
            self._phones[key] = answer
        return answer

    def _email(self, row: MappedRow, field_name: str, notes: list[Note]) -> str | None:
        raw = row.value(field_name)
        try:
            return normalise_email(raw)
        except InvalidEmail as exc:
            notes.append(
                (
                    row.line,
                    Outcome.WARNING,
                    gettext(
                        "'{value}' is not a valid e-mail address ({problem}); imported without it",
                        value=raw,
                        problem=exc,
                    ),
                    row.column(field_name),
                )
            )
            return None

    def _language(self, row: MappedRow, notes: list[Note]) -> str:
        text = row.value("language")
        if not text:
            return ""
        code = normalise_language(text)
        if code is None:
            notes.append(
                (
                    row.line,
                    Outcome.WARNING,
                    gettext(
                        "'{value}' is not a language eventdesk prints in (en, nl, fr, de, da, sv); "
                        "the event's language is used",
                        value=text,
                    ),
                    row.column("language"),
                )
            )
            return ""
        return code

    def _interests(self, row: MappedRow) -> list[str] | None:
        if not row.has("interests"):
            return None
        found: list[str] = []
        for label, text in row.values("interests"):
            answer = yes_no(text)
            # A checkbox grid exports one column per topic with yes/no in it.
            items = [label] if answer is True else [] if answer is False else split_list(text)
            found.extend(i for i in items if i.casefold() not in {f.casefold() for f in found})
        return found

    def _ticket_type(self, row: MappedRow) -> str | None:
        if not row.has("ticket"):
            return None
        text = " ".join(value for _, value in row.values("ticket"))
        return ticket_type_from_text(text).value if text else None

    def _status(self, row: MappedRow, notes: list[Note]) -> str | None:
        status: str | None = None
        for label, text in row.values("status"):
            value, waiting = status_from_text(text)
            if value is AttendeeStatus.CANCELLED:
                if waiting:
                    notes.append(
                        (
                            row.line,
                            Outcome.WARNING,
                            gettext("'{value}': not a confirmed place; imported as cancelled", value=text),
                            label,
                        )
                    )
                return AttendeeStatus.CANCELLED.value
            if value is not None:
                status = value.value
        void = row.value("void")
        if void and yes_no(void) is not False:
            return AttendeeStatus.CANCELLED.value
        if status is None and row.has("void"):
            status = AttendeeStatus.REGISTERED.value
        return status

    def _codes(self, row: MappedRow) -> list[tuple[str, str]]:
        codes: list[tuple[str, str]] = []
        cells, labels = row.cells, len(row.cells)
        for platform, column in self.code_columns:
            if column < labels:
                text = clean_cell(cells[column])
                if text and (platform, text) not in codes:
                    codes.append((platform, text))
        listed = row.value("codes") if self.has_code_lists else ""
        for item in split_list(listed.replace(",", ";")) if listed else ():
            platform, sep, code = item.partition(":")
            pair = (
                (platform.strip(), code.strip())
                if sep and code and "/" not in platform
                else (self.settings.platform_key, item)
            )
            if pair not in codes:
                codes.append(pair)
        return codes
