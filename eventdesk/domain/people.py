"""What a person and a company must be before they are stored, and how words map to values.

Imports and edit dialogs share these rules so that a person typed in by hand and one read
from a ticket shop's export end up alike: same e-mail normalisation, same phone format, same
search text, and the same reading of status words in six languages.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from eventdesk.domain.contact import InvalidEmail, normalise_email, normalise_phone
from eventdesk.domain.enums import AttendeeStatus, Degree, TicketType
from eventdesk.domain.errors import ValidationError
from eventdesk.domain.names import clean_name_part
from eventdesk.domain.text import fold
from eventdesk.i18n import gettext, normalise_language

# Folded words that mean "this ticket does not get in". Platforms say it in their own way
# (Eventbrite "Not Attending", Luma "declined", Tito "void", Meetup RSVP "No") and forms
# answer in the visitor's language.
_CANCELLED_WORDS = frozenset(
    {
        "cancelled",
        "canceled",
        "cancelled by attendee",
        "refunded",
        "refund",
        "void",
        "voided",
        "declined",
        "not going",
        "not attending",
        "no",
        "nee",
        "nein",
        "non",
        "nej",
        "rejected",
        "expired",
        "deleted",
        "annule",
        "annulee",
        "storniert",
        "abgesagt",
        "geannuleerd",
        "afgemeld",
        "afgelast",
        "terugbetaald",
        "aflyst",
        "annulleret",
        "avbokad",
        "avbruten",
    }
)
# Not cancelled, but not a confirmed place either; imported as cancelled with a warning so
# the door does not admit someone who never got a ticket.
_WAITING_WORDS = frozenset(
    {
        "waitlist",
        "waitlisted",
        "waiting list",
        "wait list",
        "waiting",
        "pending approval",
        "pending_approval",
        "wachtlijst",
        "warteliste",
        "liste d attente",
        "venteliste",
        "vantelista",
    }
)

_YES_WORDS = frozenset(
    {"yes", "y", "ja", "j", "oui", "si", "true", "1", "x", "agree", "agreed", "akkoord", "ok"}
)
_NO_WORDS = frozenset({"no", "n", "nee", "nein", "non", "nej", "false", "0", "disagree"})

# Ticket names as shops and organisers write them, by the kind of ticket they are.
_TICKET_KEYWORDS: tuple[tuple[TicketType, tuple[str, ...]], ...] = (
    (
        TicketType.EXHIBITOR,
        ("exhibitor", "exposant", "standhouder", "aussteller", "udstiller", "booth", "stand"),
    ),
    (TicketType.SPEAKER, ("speaker", "spreker", "sprecher", "referent", "intervenant", "talare", "keynote")),
    (TicketType.PRESS, ("press", "pers", "presse", "media", "journalist")),
    (
        TicketType.ORGANISER,
        (
            "organiser",
            "organizer",
            "organisator",
            "organisateur",
            "crew",
            "staff",
            "volunteer",
            "vrijwilliger",
        ),
    ),
)

_DEGREE_PATTERNS: tuple[tuple[Degree, re.Pattern[str]], ...] = (
    (Degree.POSTDOC, re.compile(r"\bpost ?doc")),
    (Degree.PHD, re.compile(r"\b(phd|ph d|doctorate|doctoral|dphil|promovendus|doktor|doctorat)\b")),
    (Degree.MD, re.compile(r"\b(md|m d|medical doctor|arts|physician)\b")),
    (Degree.MSC, re.compile(r"\b(msc|m sc|ma|master|masters|mba|meng|ir|drs|kandidat|civilingenjor)\b")),
    (Degree.BSC, re.compile(r"\b(bsc|b sc|ba|bachelor|bachelors|hbo|professionsbachelor)\b")),
)

_LIST_SPLIT = re.compile(r"\s*[,;|\n]\s*")


# The word-reading functions below are cached: an import of 50,000 rows meets the same
# handful of statuses, ticket names and answers tens of thousands of times.


_NON_WORD_ASCII = re.compile(r"[^a-z0-9_@.+]+")


def fast_fold(text: str) -> str:
    """`text.fold`, without its Unicode work for plain ASCII (e-mails, ticket codes),
    where decomposition, transliteration and case-folding change nothing but the case."""
    if text.isascii():
        return " ".join(_NON_WORD_ASCII.sub(" ", text.lower()).split())
    return fold(text)


@functools.lru_cache(maxsize=1 << 16)
def folded(text: str) -> str:
    """`text.fold`, cached for the short values that repeat (names, companies, answers)."""
    return fast_fold(text)


@functools.lru_cache(maxsize=1024)
def status_from_text(text: str | None) -> tuple[AttendeeStatus | None, bool]:
    """(status, waiting): None when the cell says nothing; waiting for waiting lists."""
    folded = fold(text or "")
    if not folded:
        return None, False
    if folded in _WAITING_WORDS or folded.replace(" ", "_") in _WAITING_WORDS:
        return AttendeeStatus.CANCELLED, True
    if folded in _CANCELLED_WORDS or folded.startswith(("cancel", "refund", "void", "declin")):
        return AttendeeStatus.CANCELLED, False
    return AttendeeStatus.REGISTERED, False


@functools.lru_cache(maxsize=1024)
def yes_no(text: str | None) -> bool | None:
    if (text or "").strip() in {"✓", "✔", "☑", "✅"}:
        return True
    folded = fold(text or "")
    if not folded:
        return None
    if folded in _YES_WORDS or folded.startswith(("yes", "ja ", "oui", "i agree", "ik ga akkoord")):
        return True
    if folded in _NO_WORDS or folded.startswith(("no ", "nee", "nein", "non ", "nej")):
        return False
    return None


@functools.lru_cache(maxsize=1024)
def ticket_type_from_text(text: str | None) -> TicketType:
    """The kind of ticket a shop's ticket name describes; visitor unless it says otherwise."""
    folded = fold(text or "")
    for value in TicketType:
        if folded == value.value:
            return value
    for ticket_type, words in _TICKET_KEYWORDS:
        if any(re.search(rf"\b{word}", folded) for word in words):
            return ticket_type
    return TicketType.VISITOR


@functools.lru_cache(maxsize=1024)
def degree_from_text(text: str | None) -> str:
    """A Degree value for the words people use for their degree; "" when not said."""
    folded = fold(text or "").replace(".", " ")
    if not folded:
        return ""
    for value in Degree:
        if folded == fold(value.value):
            return value.value
    for degree, pattern in _DEGREE_PATTERNS:
        if pattern.search(folded):
            return degree.value
    return Degree.OTHER.value


def split_list(text: str | None) -> list[str]:
    """Tags typed into one cell, split on , ; | or line breaks, duplicates dropped."""
    seen: dict[str, str] = {}
    for item in _LIST_SPLIT.split(text or ""):
        item = " ".join(item.split())
        if item and item.casefold() not in seen:
            seen[item.casefold()] = item
    return list(seen.values())


def attendee_search_text(
    *, given_name: str, family_name: str, email: str | None, organisation: str, codes: Iterable[str] = ()
) -> str:
    """The folded text the people search runs over; stored on the attendee row.

    Equal to `text.search_text` of the same parts; names and organisations repeat, so their
    folding is cached.
    """
    parts = [folded(given_name), folded(family_name), fast_fold(email or ""), folded(organisation)]
    parts += [fast_fold(code) for code in codes]
    return " ".join(p for p in parts if p)


# -- drafts: what an edit dialog or an import hands to the services --------------------------


class InvalidField(ValidationError):
    """A rule one field of a draft breaks; `field` names it (a draft attribute, "" for the
    whole draft) so an edit dialog can show the sentence beside that field."""

    def __init__(self, message: str, *, field: str = "") -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class AttendeeDraft:
    """An attendee as typed or imported, before it is checked and stored."""

    given_name: str = ""
    family_name: str = ""
    email: str | None = None
    phone: str = ""
    organisation: str = ""
    job_title: str = ""
    degree: str = ""
    field_of_work: str = ""
    interests: Sequence[str] = field(default_factory=tuple)
    ticket_type: str = TicketType.VISITOR.value
    status: str = AttendeeStatus.REGISTERED.value
    consent_share: bool = False
    company_id: int | None = None
    language: str = ""
    """What is printed for this person (badge, schedule) is in this language; empty: the event's."""

    @property
    def called(self) -> str:
        """What a title or a question calls the person: their name, else their e-mail (a stored
        person has one of the two); empty for a blank draft."""
        return " ".join(p for p in (self.given_name, self.family_name) if p) or self.email or ""

    def validated(self, *, region: str) -> AttendeeDraft:
        """The draft cleaned and normalised, or ValidationError naming the field."""
        given, family = clean_name_part(self.given_name), clean_name_part(self.family_name)
        try:
            email = normalise_email(self.email)
        except InvalidEmail as exc:
            raise InvalidField(
                f"The e-mail address '{(self.email or '').strip()}' is not valid: {exc}", field="email"
            ) from exc
        if not (given or family or email):
            raise InvalidField("A person needs a name or an e-mail address.", field="given_name")
        if len(given) > 200 or len(family) > 200:
            long_part = "given_name" if len(given) > 200 else "family_name"
            raise InvalidField("A name is longer than 200 characters.", field=long_part)
        if self.ticket_type not in {t.value for t in TicketType}:
            raise InvalidField(f"'{self.ticket_type}' is not a ticket type.", field="ticket_type")
        if self.status not in {s.value for s in AttendeeStatus}:
            raise InvalidField(f"'{self.status}' is not an attendee status.", field="status")
        phone = normalise_phone(self.phone, region=region).text
        language = normalise_language(self.language) or ""
        if self.language.strip() and not language:
            raise InvalidField(
                gettext("'{value}' is not a language eventdesk prints in.", value=self.language),
                field="language",
            )
        return replace(
            self,
            given_name=given,
            family_name=family,
            email=email,
            phone=phone,
            organisation=clean_name_part(self.organisation),
            job_title=clean_name_part(self.job_title),
            degree=clean_name_part(self.degree),
            field_of_work=clean_name_part(self.field_of_work),
            interests=tuple(i for i in (clean_name_part(x) for x in self.interests) if i),
            language=language,
        )


@dataclass(frozen=True)
class CompanyDraft:
    """An exhibiting company as typed or imported."""

    name: str = ""
    sector: str = ""
    booth: str = ""
    meeting_tables: int = 1
    hiring_tags: Sequence[str] = field(default_factory=tuple)
    website: str = ""
    description: str = ""
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""

    def validated(self, *, region: str) -> CompanyDraft:
        name = clean_name_part(self.name)
        if not name:
            raise InvalidField("A company needs a name.", field="name")
        if len(name) > 200:
            raise InvalidField("The company name is longer than 200 characters.", field="name")
        if not 0 <= self.meeting_tables <= 100:
            raise InvalidField(
                f"A company has between 0 and 100 meeting tables, not {self.meeting_tables}.",
                field="meeting_tables",
            )
        try:
            email = normalise_email(self.contact_email) or ""
        except InvalidEmail as exc:
            raise InvalidField(
                f"The contact e-mail address '{self.contact_email.strip()}' is not valid: {exc}",
                field="contact_email",
            ) from exc
        return replace(
            self,
            name=name,
            sector=clean_name_part(self.sector),
            booth=clean_name_part(self.booth),
            hiring_tags=tuple(split_list(", ".join(self.hiring_tags))),
            website=normalise_website(self.website),
            description=self.description.strip(),
            contact_name=clean_name_part(self.contact_name),
            contact_email=email,
            contact_phone=normalise_phone(self.contact_phone, region=region).text,
        )


def normalise_website(text: str | None) -> str:
    """A clickable URL: "example.com" gets https:// so that exports and badges link."""
    site = (text or "").strip()
    if site and "://" not in site and "." in site and " " not in site:
        return f"https://{site}"
    return site


def company_key(name: str) -> str:
    """The form two company names are compared in: "Galápagos NV" is "galapagos nv"."""
    return fold(name)
