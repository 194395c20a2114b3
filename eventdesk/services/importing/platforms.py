"""The exports of ticket shops and form tools, recognised from their headers alone.

Each platform lists the headers that identify it and the fields its known columns go to;
columns it does not know (the organiser's own questions) are then proposed from the
synonyms in `fields`, exactly as for an unknown file. Layouts follow each platform's
export as documented or as its source code writes it:

- Eventbrite attendee report (US "Order #", UK "Order no." spellings).
- pretix "Order data" → "Order positions" sheet: the order's e-mail is the buyer's; the
  attendee's own columns come after "Attendee name"; "Company" appears twice (the
  attendee's after "Attendee email", the invoice address's before "Invoice address name").
- pretix check-in list CSV, with or without the "Paid" and "Secret" columns.
- Google Forms and Microsoft Forms responses, Luma guest lists, Tito tickets, Meetup RSVPs.
- eventdesk's own attendee export, so that a list can go out to Excel and come back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from eventdesk.services.importing.fields import header_key


def _k(*headers: str) -> frozenset[str]:
    return frozenset(header_key(h) for h in headers)


@dataclass(frozen=True)
class Platform:
    key: str
    label: str
    # Every group must be present (any one header of a group).
    required: tuple[frozenset[str], ...]
    columns: dict[str, str]
    # Rows with nobody's name or e-mail on the ticket: "buyer" (the ticket is the buyer's,
    # as pretix shows it) or "skip" (an unassigned ticket, as in Tito).
    unnamed_rows: str = "buyer"
    # Adjusts the mapping where the same header means different things by position.
    resolve: Callable[[Sequence[str], list[str | None]], list[str | None]] | None = field(
        default=None, compare=False
    )

    def matches(self, keys: set[str]) -> bool:
        return all(group & keys for group in self.required)

    def score(self, keys: Sequence[str]) -> int:
        known = {header_key(h) for h in self.columns}
        return sum(1 for key in keys if key in known)

    def map_headers(self, headers: Sequence[str]) -> list[str | None]:
        columns = {header_key(h): f for h, f in self.columns.items()}
        mapped = [columns.get(header_key(h)) for h in headers]
        return self.resolve(headers, mapped) if self.resolve else mapped


# Fields a platform sets to "nothing": known columns that must not be guessed into a field.
SKIP = "-"


def _pretix_positions_resolve(headers: Sequence[str], mapped: list[str | None]) -> list[str | None]:
    keys = [header_key(h) for h in headers]
    company = header_key("Company")
    positions = [i for i, key in enumerate(keys) if key == company]
    if len(positions) < 2:
        return mapped
    invoice = next(
        (i for i in positions if i + 1 < len(keys) and keys[i + 1].startswith("invoice address")), None
    )
    for i in positions:
        mapped[i] = SKIP if i == invoice else "organisation"
    organisation = [i for i in positions if mapped[i] == "organisation"]
    for i in organisation[1:]:
        mapped[i] = SKIP
    return mapped


def _eventbrite_resolve(headers: Sequence[str], mapped: list[str | None]) -> list[str | None]:
    """The attendee number identifies a ticket only when the report has no barcode column:
    the barcode is what the door scans, and it is as stable as the number."""
    if "code:eventbrite" in mapped:
        return [SKIP if field == "code:eventbrite-attendee" else field for field in mapped]
    return mapped


EVENTBRITE = Platform(
    key="eventbrite",
    label="Eventbrite attendee report",
    required=(_k("Order #", "Order no."), _k("First Name"), _k("Last Name"), _k("Ticket Type")),
    columns={
        "Order #": SKIP,
        "Order no.": SKIP,
        "Order Date": SKIP,
        "First Name": "given_name",
        "Last Name": "family_name",
        "Email": "email",
        "Email Address": "email",
        "Buyer Email": "buyer_email",
        "Buyer First Name": SKIP,
        "Buyer Last Name": SKIP,
        "Quantity": SKIP,
        "Price Tier": SKIP,
        "Ticket Type": "ticket",
        "Attendee #": "code:eventbrite-attendee",
        "Attendee no.": "code:eventbrite-attendee",
        "Barcode #": "code:eventbrite",
        "Barcode no.": "code:eventbrite",
        "Group": SKIP,
        "Order Type": SKIP,
        "Currency": SKIP,
        "Total Paid": SKIP,
        "Fees Paid": SKIP,
        "Eventbrite Fees": SKIP,
        "Eventbrite Payment Processing": SKIP,
        "Attendee Status": "status",
        "Order Status": "status",
        "Company": "organisation",
        "Job Title": "job_title",
        "Home Country": "country",
        "Cell Phone": "phone",
        "Mobile Phone": "phone",
        "Work Phone": "phone",
        "Home Phone": "phone",
    },
    resolve=_eventbrite_resolve,
)

PRETIX_POSITIONS = Platform(
    key="pretix",
    label="pretix order data (order positions)",
    required=(_k("Order code"), _k("Position ID"), _k("Product"), _k("Attendee name", "Attendee email")),
    columns={
        "Event slug": SKIP,
        "Order code": SKIP,
        "Position ID": SKIP,
        "Status": "status",
        "Email": "buyer_email",
        "Phone number": "buyer_phone",
        "Order date": SKIP,
        "Order time": SKIP,
        "Product": "ticket",
        "Variation": "ticket",
        "Price": SKIP,
        "Tax rate": SKIP,
        "Tax rule": SKIP,
        "Tax value": SKIP,
        "Attendee name": "full_name",
        "Attendee name: Title": SKIP,
        "Attendee name: Salutation": SKIP,
        "Attendee name: Given name": "given_name",
        "Attendee name: First name": "given_name",
        "Attendee name: Family name": "family_name",
        "Attendee name: Last name": "family_name",
        "Attendee name: Surname": "family_name",
        "Attendee email": "email",
        "Company": "organisation",
        "Address": SKIP,
        "ZIP code": SKIP,
        "City": SKIP,
        "Country": SKIP,
        "State": SKIP,
        "Voucher": SKIP,
        "Pseudonymization ID": SKIP,
        "Ticket secret": "code:pretix",
        "Secret": "code:pretix",
        "Seat ID": SKIP,
        "Seat name": SKIP,
        "Seat zone": SKIP,
        "Seat row": SKIP,
        "Seat number": SKIP,
        "Order comment": SKIP,
        "Follow-up date": SKIP,
        "Invoice address name": "buyer_name",
        "Invoice address name: Title": SKIP,
        "Invoice address name: Given name": SKIP,
        "Invoice address name: Family name": SKIP,
        "VAT ID": SKIP,
        "Sales channel": SKIP,
        "Order locale": SKIP,
        "E-mail address verified": SKIP,
        "Add-on to position ID": "addon_to",
        "Payment providers": SKIP,
        "Position order link": SKIP,
        "Start date": SKIP,
        "End date": SKIP,
        "Date": SKIP,
    },
    resolve=_pretix_positions_resolve,
)

PRETIX_CHECKIN = Platform(
    key="pretix",
    label="pretix check-in list",
    required=(_k("Order code"), _k("Attendee name", "Name"), _k("Checked in")),
    columns={
        "Order code": SKIP,
        "Attendee name": "full_name",
        "Name": "full_name",
        "Attendee name: Title": SKIP,
        "Attendee name: Salutation": SKIP,
        "Attendee name: Given name": "given_name",
        "Attendee name: First name": "given_name",
        "Attendee name: Family name": "family_name",
        "Attendee name: Last name": "family_name",
        "Product": "ticket",
        "Price": SKIP,
        "Checked in": SKIP,
        "Checked out": SKIP,
        "Automatically checked in": SKIP,
        "Paid": SKIP,
        "Secret": "code:pretix",
        "E-mail": "email",
        "Email": "email",
        "Phone number": "phone",
        "Company": "organisation",
        "Voucher code": SKIP,
        "Order date": SKIP,
        "Order time": SKIP,
        "Requires special attention": SKIP,
        "Comment": SKIP,
        "Seat ID": SKIP,
        "Seat name": SKIP,
        "Seat zone": SKIP,
        "Seat row": SKIP,
        "Seat number": SKIP,
        "Blocked": SKIP,
        "Valid from": SKIP,
        "Valid until": SKIP,
        "Address": SKIP,
        "ZIP code": SKIP,
        "City": SKIP,
        "Country": SKIP,
        "State": SKIP,
        "Date": SKIP,
        "Start date": SKIP,
        "End date": SKIP,
    },
)

GOOGLE_FORMS = Platform(
    key="google-forms",
    label="Google Forms responses",
    required=(_k("Timestamp", "Tijdstempel", "Zeitstempel", "Horodateur", "Tidsstempel", "Tidstämpel"),),
    columns={
        "Timestamp": SKIP,
        "Tijdstempel": SKIP,
        "Zeitstempel": SKIP,
        "Horodateur": SKIP,
        "Tidsstempel": SKIP,
        "Tidstämpel": SKIP,
        "Email address": "email",
        "E-mailadres": "email",
        "E-Mail-Adresse": "email",
        "Adresse e-mail": "email",
        "E-mailadresse": "email",
        "E-postadress": "email",
        "Score": SKIP,
    },
)

MICROSOFT_FORMS = Platform(
    key="microsoft-forms",
    label="Microsoft Forms responses",
    required=(
        _k("ID"),
        _k("Start time", "Begintijd", "Startzeit", "Heure de début", "Starttidspunkt", "Starttid"),
        _k("Completion time", "Tijd van voltooien", "Fertigstellungszeit", "Heure de fin", "Sluttidspunkt"),
    ),
    columns={
        "ID": SKIP,
        "Start time": SKIP,
        "Begintijd": SKIP,
        "Startzeit": SKIP,
        "Heure de début": SKIP,
        "Completion time": SKIP,
        "Tijd van voltooien": SKIP,
        "Fertigstellungszeit": SKIP,
        "Heure de fin": SKIP,
        "Last modified time": SKIP,
        # The respondent's sign-in, not necessarily the person registered: a fallback.
        "Email": "buyer_email",
        "E-mail": "buyer_email",
        "Name": "buyer_name",
        "Naam": "buyer_name",
    },
)

LUMA = Platform(
    key="luma",
    label="Luma guest list",
    required=(_k("api_id"), _k("approval_status")),
    columns={
        "api_id": "code:luma",
        "name": "full_name",
        "first_name": "given_name",
        "last_name": "family_name",
        "email": "email",
        "phone_number": "phone",
        "created_at": SKIP,
        "approval_status": "status",
        "custom_source": SKIP,
        "checked_in_at": SKIP,
        "eth_address": SKIP,
        "solana_address": SKIP,
        "qr_code_url": "code:luma-qr",
        "amount": SKIP,
        "amount_tax": SKIP,
        "amount_discount": SKIP,
        "currency": SKIP,
        "coupon_code": SKIP,
        "ticket_type_id": SKIP,
        "ticket_name": "ticket",
    },
)

TITO = Platform(
    key="tito",
    label="Tito tickets",
    required=(_k("Ticket Reference"), _k("Ticket Email", "Ticket First Name", "Ticket Full Name")),
    columns={
        "Ticket Created Date": SKIP,
        "Ticket Last Updated Date": SKIP,
        "Ticket": "ticket",
        "Ticket Full Name": "full_name",
        "Ticket First Name": "given_name",
        "Ticket Last Name": "family_name",
        "Ticket Email": "email",
        "Ticket Company Name": "organisation",
        "Ticket Phone Number": "phone",
        "Event": SKIP,
        "Void": "void",
        "Void Status": "void",
        "Discount Status": SKIP,
        "Ticket Price": SKIP,
        "Discount Code": SKIP,
        "Ticket Reference": "code:tito",
        "Tags": SKIP,
        "Unique Ticket URL": SKIP,
        "Unique Order URL": SKIP,
        "Order Reference": SKIP,
        "Order Name": "buyer_name",
        "Order Email": "buyer_email",
        "Order Company Name": SKIP,
        "Order Phone Number": "buyer_phone",
        "Order Discount Code": SKIP,
        "Order Ip": SKIP,
        "Order Created Date": SKIP,
        "Order Completed Date": SKIP,
        "Payment Reference": SKIP,
    },
    unnamed_rows="skip",
)

MEETUP = Platform(
    key="meetup",
    label="Meetup RSVP list",
    required=(_k("User ID"), _k("RSVP")),
    columns={
        "Name": "full_name",
        "User ID": "code:meetup",
        "Title": SKIP,
        "Event Host": SKIP,
        "RSVP": "status",
        "Guests": "guests",
        "RSVPed on": SKIP,
        "Joined Group on": SKIP,
        "URL of Member Profile": SKIP,
    },
    unnamed_rows="skip",
)

EVENTDESK = Platform(
    key="eventdesk",
    label="eventdesk attendee export",
    required=(_k("Given name"), _k("Family name"), _k("External codes")),
    columns={
        "ID": SKIP,
        "Given name": "given_name",
        "Family name": "family_name",
        "E-mail": "email",
        "Phone": "phone",
        "Organisation": "organisation",
        "Job title": "job_title",
        "Degree": "degree",
        "Field of work": "field_of_work",
        "Interests": "interests",
        "Ticket type": "ticket",
        "Status": "status",
        "Consent to share": "consent",
        "Exhibitor company": "exhibitor_company",
        "Checked in": SKIP,
        "External codes": "codes",
        "Badge version": SKIP,
        "Created": SKIP,
        "Updated": SKIP,
    },
)

ATTENDEE_PLATFORMS: tuple[Platform, ...] = (
    EVENTDESK,
    EVENTBRITE,
    PRETIX_POSITIONS,
    PRETIX_CHECKIN,
    LUMA,
    TITO,
    MEETUP,
    MICROSOFT_FORMS,
    GOOGLE_FORMS,
)


def recognise(headers: Sequence[str], platforms: Sequence[Platform]) -> Platform | None:
    """The platform whose identifying headers are all present, the best-covered one first."""
    keys = [header_key(h) for h in headers]
    matching = [p for p in platforms if p.matches(set(keys))]
    if not matching:
        return None
    return max(matching, key=lambda p: (p.score(keys), -platforms.index(p)))
