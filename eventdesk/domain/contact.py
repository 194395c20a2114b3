"""E-mail addresses and phone numbers as people type them into forms.

E-mails are checked for syntax only (email-validator with `check_deliverability=False`):
an event laptop is often offline and a DNS lookup per attendee would make an import of
thousands of rows take minutes. Phone numbers become E.164 (phonenumbers) when they can be
read; numbers written without a country code are read in the event's country, which is
taken from the event's time zone (the tz database says which country a zone belongs to).
"""

from __future__ import annotations

import contextlib
import functools
import importlib.resources
import re
from dataclasses import dataclass

import phonenumbers
from email_validator import EmailNotValidError, validate_email

DEFAULT_REGION = "NL"

# What forms put in an e-mail column when there is none (Microsoft Forms writes
# "anonymous" for responses collected without sign-in).
_NO_EMAIL = frozenset({"", "anonymous", "anoniem", "n/a", "na", "none", "-", "--", "geen", "keine", "aucun"})
_MAILTO = re.compile(r"^mailto:", re.IGNORECASE)
_ANGLE = re.compile(r"<([^<>]+@[^<>]+)>")
# A plain ASCII dot-atom address: everything email-validator accepts locally without
# needing its Unicode rules. Such addresses only need their domain checked, and domains
# repeat across an attendee list (gmail.com, the company's own domain), so that check is
# cached; anything else goes through the full validator.
_SIMPLE_LOCAL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")
_LOCAL_PART_MAX = 64
_EMAIL_MAX = 254
_EXCEL_NUMBER = re.compile(r"\d{6,15}\.0")


class InvalidEmail(ValueError):
    """The text is not an e-mail address; `str()` says why in one sentence."""


@dataclass(frozen=True)
class Phone:
    """A phone number: `text` is E.164 when `normalised`, else the cleaned original."""

    text: str
    normalised: bool


def is_blank_email(text: str | None) -> bool:
    return (text or "").strip().casefold() in _NO_EMAIL


@functools.lru_cache(maxsize=8192)
def _checked_domain(domain: str) -> str:
    """The normalised domain, or InvalidEmail; cached because domains repeat."""
    try:
        return validate_email(f"postmaster@{domain}", check_deliverability=False).domain
    except EmailNotValidError as exc:
        raise InvalidEmail(str(exc)) from None


def normalise_email(text: str | None) -> str | None:
    """The address as email-validator normalises it, None when the cell is empty.

    Raises InvalidEmail with the validator's reason for anything that is not an address.
    """
    raw = (text or "").strip()
    if is_blank_email(raw):
        return None
    # The checks for the rare forms only where they can match: this runs for every row.
    angle = _ANGLE.search(raw) if "<" in raw else None
    if angle:
        raw = angle.group(1).strip()
    raw = (_MAILTO.sub("", raw) if ":" in raw else raw).strip()
    local, at, domain = raw.rpartition("@")
    if (
        at
        and raw.isascii()
        and len(raw) <= _EMAIL_MAX
        and len(local) <= _LOCAL_PART_MAX
        and _SIMPLE_LOCAL.match(local)
        and domain
    ):
        return f"{local}@{_checked_domain(domain)}"
    try:
        return validate_email(raw, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise InvalidEmail(str(exc)) from None


def _excel_number_text(text: str) -> str:
    """Undo what Excel does to a phone number stored as a number ("31612345678.0")."""
    if _EXCEL_NUMBER.fullmatch(text):
        return text[:-2]
    return text


def normalise_phone(text: str | None, *, region: str = DEFAULT_REGION) -> Phone:
    """E.164 when phonenumbers can read the number as possible, else the text as typed.

    Only possibility (length and prefix) is checked, not validity: new number ranges
    appear faster than any library's metadata, and a wrong rejection loses a contact.
    """
    cleaned = " ".join((text or "").split())
    if not cleaned:
        return Phone("", True)
    candidate = _excel_number_text(cleaned)
    if candidate.startswith("00"):
        candidate = "+" + candidate[2:]
    try:
        number = phonenumbers.parse(candidate, region)
    except phonenumbers.NumberParseException:
        return Phone(cleaned, False)
    if not phonenumbers.is_possible_number(number):
        # A spreadsheet that stored "+44 7700 900123" as a number dropped the "+"; accept
        # the international reading only if it is a valid number, not merely possible.
        if candidate.isdigit() and not candidate.startswith("0"):
            with contextlib.suppress(phonenumbers.NumberParseException):
                number = phonenumbers.parse("+" + candidate, None)
                if phonenumbers.is_valid_number(number):
                    return Phone(
                        phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), True
                    )
        return Phone(cleaned, False)
    return Phone(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), True)


@functools.cache
def _zone_countries() -> dict[str, str]:
    table = importlib.resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text("utf-8")
    countries: dict[str, str] = {}
    for line in table.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) >= 3:
            countries[fields[2]] = fields[0]
    return countries


@functools.cache
def _country_names() -> dict[str, str]:
    """Folded country names in every language phonenumbers knows → ISO region code."""
    from phonenumbers.geodata.locale import LOCALE_DATA

    from eventdesk.domain.text import fold

    names: dict[str, str] = {}
    for region, by_language in LOCALE_DATA.items():
        if len(region) != 2:
            continue
        names.setdefault(region.casefold(), region)
        for name in by_language.values():
            if not name.startswith("*"):
                names.setdefault(fold(name), region)
    return names


@functools.lru_cache(maxsize=1024)
def region_from_country(text: str | None) -> str | None:
    """ "BE", "Belgium", "België" or "Belgique" → "BE"; None when it is not a country.

    ISO codes are answered without loading the country names (phonenumbers' geodata takes
    most of a second to import).
    """
    from eventdesk.domain.text import fold

    cleaned = (text or "").strip()
    if len(cleaned) == 2 and cleaned.upper() in phonenumbers.SUPPORTED_REGIONS:
        return cleaned.upper()
    key = fold(cleaned)
    return _country_names().get(key) if key else None


def region_for_timezone(timezone: str | None) -> str:
    """The ISO country of a tz zone ("Europe/Copenhagen" → "DK"), NL when unknown."""
    if not timezone:
        return DEFAULT_REGION
    return _zone_countries().get(timezone, DEFAULT_REGION)
