# ruff: noqa: E501 — rows of sample data read better on one line each.
"""Writes the sample import files in this folder: `python tests/data/import/make_samples.py`.

Each file follows the layout of a real platform's export (headers, column order, status
words, quoting) with fictional people whose names carry diacritics and particles, and the
defects organisers really meet: a duplicated e-mail in another case, missing and invalid
e-mails, multi-line cells, trailing empty rows, cancelled rows, add-ons, unassigned
tickets. Encodings and binary files are written byte by byte here so that the samples stay
exactly what the tests expect; the files are committed, this script documents them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).parent


def _csv_text(rows: list[list[str]], *, delimiter: str = ",", lineterminator: str = "\r\n") -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=lineterminator).writerows(rows)
    return buffer.getvalue()


def write(
    name: str, rows: list[list[str]], *, encoding: str = "utf-8", delimiter: str = ",", **kw: str
) -> None:
    (HERE / name).write_bytes(_csv_text(rows, delimiter=delimiter, **kw).encode(encoding))


EVENTBRITE_US_HEADER = [
    "Order #", "Order Date", "First Name", "Last Name", "Email", "Quantity", "Price Tier", "Ticket Type",
    "Attendee #", "Group", "Order Type", "Currency", "Total Paid", "Fees Paid", "Eventbrite Fees",
    "Eventbrite Payment Processing", "Attendee Status", "Home Address 1", "Home City", "Home Country",
    "Cell Phone", "Job Title", "Company", "Barcode #", "What is your highest degree?",
]  # fmt: skip


def eventbrite_us() -> None:
    def row(order, first, last, email, ticket, attendee, status, address, city, country, phone, job, company,
            barcode, degree):  # fmt: skip
        return [order, "2027-01-10 09:12:44+01:00", first, last, email, "1", "", ticket, attendee, "",
                "Eventbrite Completed", "EUR", "0.00", "0.00", "0.00", "0.00", status, address, city, country,
                phone, job, company, barcode, degree]  # fmt: skip

    rows = [
        EVENTBRITE_US_HEADER,
        row("4101", "Sophie", "Van de Velde", "sophie.vandevelde@example.be", "General Admission", "9101",
            "Attending", "Kerkstraat 12", "Gent", "BE", "0470 12 34 56", "Research Scientist",
            "Galápagos Demo NV", "410191010001", "Ph.D."),
        row("4102", "Lars", "Ødegård", "LARS.ODEGARD@example.dk", "General Admission", "9102",
            "Checked In", "Nørrebrogade 5", "København", "DK", "+45 20 12 34 56", "Process Engineer",
            "Novo Demo A/S", "410291020001", "Master of Science"),
        row("4103", "Jürgen", "Müller", "juergen.mueller@@example.de", "General Admission", "9103",
            "Attending", "Hauptstraße 1", "Köln", "DE", "", "Postdoc", "Universität Demo", "410391030001",
            "Postdoc"),
        row("4104", "Émilie", "Dupré", "", "Student", "9104", "Attending", "Rue de la Loi 16\nBoîte 3",
            "Bruxelles", "BE", "call me", "MSc student", "Université Libre Demo", "410491040001", "Bachelor"),
        row("4105", "Sophie", "Van de Velde", "Sophie.VanDeVelde@Example.BE", "Workshop add-on ticket",
            "9105", "Attending", "Kerkstraat 12", "Gent", "BE", "", "", "", "410591050001", ""),
        row("4106", "Mette", "Sørensen", "mette.sorensen@example.dk", "General Admission", "9106",
            "Refunded", "", "Aarhus", "DK", "", "QA Specialist", "Lundbeck Demo", "410691060001", ""),
        row("4107", "Björn", "Åkesson", "bjorn.akesson@example.se", "General Admission", "9107",
            "Not Attending", "", "Malmö", "SE", "070-123 45 67", "Data Scientist", "", "410791070001", ""),
        row("4108", "Nadia", "El Amrani", "nadia.elamrani@example.nl", "Exhibitor staff", "9108",
            "Attending", "", "Leiden", "NL", "06 12345678", "Talent Acquisition", "Novo Demo A/S",
            "410891080001", ""),
    ]  # fmt: skip
    rows += [[""] * len(EVENTBRITE_US_HEADER)] * 3
    write("eventbrite_us.csv", rows)


def eventbrite_uk_xlsx() -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Attendees"
    sheet.append(["Order no.", "Order Date", "First Name", "Last Name", "Email", "Quantity", "Ticket Type",
                  "Attendee no.", "Attendee Status", "Mobile Phone", "Job Title", "Company", "Barcode no."])  # fmt: skip
    sheet.append([5101, datetime(2027, 1, 12, 10, 30), "Siobhán", "O'Connor", "siobhan@example.ie", 1,
                  "General Admission", 6101, "Attending", 447911123456, "Clinical Scientist", "Demo Bio Ltd",
                  510161010001])  # fmt: skip
    sheet.append([5102, datetime(2027, 1, 13, 8, 5), "Zoë", "ter Horst", "zoe.terhorst@example.nl", 1,
                  "Speaker", 6102, "Attending", "+31 6 11122233", "Professor", "UMC Demo", 510261020001])  # fmt: skip
    sheet.append([5103, datetime(2027, 1, 13, 9, 0), "Ciarán", "Ó Briain", "", 1, "General Admission", 6103,
                  "Cancelled", None, None, None, 510361030001])  # fmt: skip
    sheet.append([None] * 13)
    book.save(HERE / "eventbrite_uk.xlsx")


PRETIX_POSITIONS_HEADER = [
    "Event slug", "Order code", "Position ID", "Status", "Email", "Phone number", "Order date", "Order time",
    "Product", "Variation", "Price", "Tax rate", "Tax rule", "Tax value", "Attendee name",
    "Attendee name: Given name", "Attendee name: Family name", "Attendee email", "Company", "Address",
    "ZIP code", "City", "Country", "State", "Voucher", "Pseudonymization ID", "Ticket secret", "Seat ID",
    "Seat name", "Seat zone", "Seat row", "Seat number", "Order comment", "Follow-up date",
    "What is your field of work?", "Company", "Invoice address name", "Invoice address name: Given name",
    "Invoice address name: Family name", "Address", "ZIP code", "City", "Country", "State", "VAT ID",
    "Sales channel", "Order locale", "E-mail address verified", "Add-on to position ID", "Payment providers",
]  # fmt: skip


def pretix_positions() -> None:
    def row(code, pos, status, email, product, name, given, family, attendee_email, company, secret, field,
            invoice_company, invoice_name, addon=""):  # fmt: skip
        return ["lscd27", code, pos, status, email, "+31201234567", "2027-01-05", "14:02:11", product, "",
                "0.00", "0.00", "", "0.00", name, given, family, attendee_email, company, "", "", "", "", "", "",
                f"PSEUDO{code}{pos}", secret, "", "", "", "", "", "", "", field, invoice_company, invoice_name,
                "", "", "Coolsingel 40", "3011 AD", "Rotterdam", "NL", "", "", "web", "en", "Yes", addon,
                "Bank transfer"]  # fmt: skip

    rows = [
        PRETIX_POSITIONS_HEADER,
        row("ABC12", "1", "Paid", "anna@example.nl", "Visitor ticket", "Anna de Jong", "Anna", "de Jong",
            "anna@example.nl", "Erasmus MC Demo", "s3cr3tAnna0001", "Immunology", "Erasmus MC Finance Dept",
            "Anna de Jong"),
        row("ABC12", "2", "Paid", "anna@example.nl", "Conference T-shirt", "", "", "", "", "", "s3cr3tShirt01",
            "", "Erasmus MC Finance Dept", "Anna de Jong", addon="1"),
        row("DEF34", "1", "Paid", "pieter@example.nl", "Visitor ticket", "Pieter Bakker", "Pieter", "Bakker", "",
            "Demo Pharma BV", "s3cr3tPieter01", "Regulatory affairs", "Demo Pharma BV", "Pieter Bakker"),
        row("DEF34", "2", "Paid", "pieter@example.nl", "Visitor ticket", "Fatima El Amrani", "Fatima",
            "El Amrani", "", "Demo Pharma BV", "s3cr3tFatima01", "Bioinformatics\nand data science",
            "Demo Pharma BV", "Pieter Bakker"),
        row("GHI56", "1", "Canceled", "noor@example.nl", "Visitor ticket", "Noor van 't Hof", "Noor",
            "van 't Hof", "noor@example.nl", "", "s3cr3tNoor0001", "", "", "Noor van 't Hof"),
        row("JKL78", "1", "Paid", "kees@example.nl", "Exhibitor pass", "", "", "", "", "", "s3cr3tKees0001",
            "", "Demo Diagnostics", "Kees Jansen"),
    ]  # fmt: skip
    write("pretix_order_positions.csv", rows)


def pretix_checkin_lists() -> None:
    basic = [
        ["Order code", "Attendee name", "Product", "Price", "Checked in", "Checked out", "Automatically checked in",
         "E-mail", "Phone number", "Company", "Voucher code", "Order date", "Order time",
         "Requires special attention", "Comment", "Seat ID", "Seat name", "Seat zone", "Seat row", "Seat number",
         "Blocked", "Valid from", "Valid until", "Address", "ZIP code", "City", "Country", "State"],
        ["QRS11", "Willem-Jan van den Broek", "Visitor ticket", "0.00", "", "", "No", "wj@example.nl",
         "06-98765432", "Demo Biologics", "", "2027-02-01", "10:00:00", "No", "", "", "", "", "", "", "", "",
         "", "", "", "", "", ""],
        ["TUV22", "Søren Kierkegård", "Speaker pass", "0.00", "2027-03-12 09:14", "", "No", "soren@example.dk", "",
         "DTU Demo", "", "2027-02-02", "11:00:00", "No", "", "", "", "", "", "", "", "", "", "", "", "", "", ""],
        ["TUV22", "Søren Kierkegård", "Visitor ticket", "0.00", "", "", "No", "SOREN@example.dk", "", "DTU Demo",
         "", "2027-02-02", "11:00:00", "No", "", "", "", "", "", "", "", "", "", "", "", "", "", ""],
    ]  # fmt: skip
    write("pretix_checkin_basic.csv", basic)
    detailed = [
        ["Order code", "Attendee name", "Attendee name: Given name", "Attendee name: Family name", "Product",
         "Price", "Checked in", "Checked out", "Automatically checked in", "Paid", "Secret", "E-mail",
         "Phone number", "Company", "Voucher code", "Order date", "Order time"],
        ["QRS11", "Willem-Jan van den Broek", "Willem-Jan", "van den Broek", "Visitor ticket", "0.00", "", "",
         "No", "Yes", "chk-secret-0001", "wj@example.nl", "06-98765432", "Demo Biologics", "", "2027-02-01",
         "10:00:00"],
        ["WXY33", "Hélène Lefèvre", "Hélène", "Lefèvre", "Visitor ticket", "0.00", "", "", "No", "No",
         "chk-secret-0002", "", "", "Institut Demo", "", "2027-02-03", "12:00:00"],
    ]  # fmt: skip
    write("pretix_checkin_secrets.csv", detailed)


def google_forms() -> None:
    rows = [
        ["Timestamp", "Email address", "Voornaam", "Achternaam", "Organisatie", "Functie",
         "Hoogst genoten opleiding", "Welke onderwerpen interesseren u?",
         "Ik geef toestemming om mijn gegevens te delen met standhouders"],
        ["2027/01/20 10:11:12 AM CET", "d.dewit@example.nl", "Daan", "de Wit", "Hanze Demo", "Docent",
         "Master", "Biotech, Data science", "Ja"],
        ["2027/01/20 11:00:00 AM CET", "", "Eline", "Çelik", "", "Student", "Bachelor", "Medtech", "Nee"],
        ["2027/01/21 09:30:00 AM CET", "D.DeWit@Example.NL", "Daan", "de Wit", "Hanze Demo Groningen", "",
         "", "Regulatory", "Ja"],
        ["2027/01/22 08:00:00 AM CET", "", "", "", "", "", "", "", ""],
    ]  # fmt: skip
    write("google_forms.csv", rows, lineterminator="\n")


MS_FORMS_HEADER = ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time", "First name",
                   "Last name", "Company", "Job title", "Would you like a 1:1 meeting?"]  # fmt: skip
MS_FORMS_ROWS = [
    [1, "1/15/27 9:01:02", "1/15/27 9:03:40", "anonymous", "", "", "Ana", "Lúcia dos Santos", "Demo Vaccines",
     "Scientist", "Yes"],
    [2, "1/15/27 9:05:00", "1/15/27 9:07:12", "k.nowak@example.pl", "Krzysztof Nowak", "", "", "", "",
     "Engineer", "No"],
    [3, "1/15/27 9:10:00", "1/15/27 9:12:00", "anonymous", "", "", "Ingrid", "Bergström", "Karolinska Demo",
     "PhD candidate\nCell biology", "Yes"],
]  # fmt: skip


def microsoft_forms() -> None:
    rows = [MS_FORMS_HEADER, *[[str(v) for v in r] for r in MS_FORMS_ROWS]]
    write("microsoft_forms.csv", rows, encoding="utf-8-sig")
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Form1"
    sheet.append(MS_FORMS_HEADER)
    for values in MS_FORMS_ROWS:
        sheet.append(values)
    book.save(HERE / "microsoft_forms.xlsx")


def luma() -> None:
    header = ["api_id", "name", "first_name", "last_name", "email", "phone_number", "created_at",
              "approval_status", "custom_source", "checked_in_at", "eth_address", "solana_address", "qr_code_url",
              "amount", "amount_tax", "amount_discount", "currency", "coupon_code", "ticket_type_id", "ticket_name",
              "What is your field?"]  # fmt: skip

    def row(api, name, first, last, email, phone, status, ticket, field):  # fmt: skip
        return [api, name, first, last, email, phone, "2027-01-02T10:00:00.000Z", status, "", "", "", "",
                f"https://lu.ma/check-in/evt-demo?pk={api}", "", "", "", "", "", "evtticktype-1", ticket, field]  # fmt: skip

    rows = [
        header,
        row("gst-aaa111", "Mathilde Lambert", "Mathilde", "Lambert", "mathilde@example.fr", "+33 6 12 34 56 78",
            "approved", "Standard", "Immuno-oncology"),
        row("gst-bbb222", "Ravi Krishnan", "Ravi", "Krishnan", "ravi@example.in", "", "declined", "Standard", ""),
        row("gst-ccc333", "Ólafur Jónsson", "Ólafur", "Jónsson", "olafur@example.is", "", "waitlist", "Standard",
            ""),
        row("gst-ddd444", "Chloé Martin", "", "", "chloe.martin@example.fr", "", "approved", "Press", ""),
    ]  # fmt: skip
    write("luma_guests.csv", rows, lineterminator="\n")


def tito() -> None:
    header = ["Ticket Created Date", "Ticket Last Updated Date", "Ticket", "Ticket Full Name", "Ticket First Name",
              "Ticket Last Name", "Ticket Email", "Ticket Company Name", "Ticket Phone Number", "Event",
              "Void Status", "Discount Status", "Ticket Price", "Discount Code", "Ticket Reference", "Tags",
              "Unique Ticket URL", "Unique Order URL", "Order Reference", "Order Name", "Order Email",
              "Order Company Name", "Order Phone Number"]  # fmt: skip

    def row(ticket, full, first, last, email, company, void, ref, order, order_name, order_email):  # fmt: skip
        return ["2027-01-03 12:00:00 +0100", "2027-01-03 12:00:00 +0100", ticket, full, first, last, email,
                company, "", "Life Science Career Day", void, "", "0.00", "", ref, "",
                f"https://ti.to/tickets/{ref}", f"https://ti.to/orders/{order}", order, order_name, order_email,
                "", ""]  # fmt: skip

    rows = [
        header,
        row("Early Bird", "Jan-Willem Smit", "Jan-Willem", "Smit", "jw.smit@example.nl", "Demo CRO", "", "ABCD-1",
            "ABCD", "Jan-Willem Smit", "jw.smit@example.nl"),
        row("Early Bird", "", "", "", "", "", "", "ABCD-2", "ABCD", "Jan-Willem Smit", "jw.smit@example.nl"),
        row("Exhibitor", "Greta Lindqvist", "Greta", "Lindqvist", "greta@example.se", "Demo Medtech AB", "",
            "EFGH-1", "EFGH", "Greta Lindqvist", "greta@example.se"),
        row("Early Bird", "Tomás Ruiz", "Tomás", "Ruiz", "tomas@example.es", "", "void", "IJKL-1", "IJKL",
            "Tomás Ruiz", "tomas@example.es"),
    ]  # fmt: skip
    write("tito_tickets.csv", rows)


def meetup() -> None:
    rows = [
        ["Name", "User ID", "Title", "Event Host", "RSVP", "Guests", "RSVPed on", "Joined Group on",
         "URL of Member Profile"],
        ["Aoife Kelly", "user 301", "", "No", "Yes", "0", "2027-01-05", "2025-03-01",
         "https://www.meetup.com/members/301/"],
        ["Henrik Ström", "user 302", "", "No", "No", "0", "2027-01-06", "2025-04-01",
         "https://www.meetup.com/members/302/"],
        ["Dilan Yıldız", "user 303", "", "No", "Yes", "2", "2027-01-07", "2025-05-01",
         "https://www.meetup.com/members/303/"],
    ]  # fmt: skip
    write("meetup_rsvps.csv", rows)


def encodings() -> None:
    rows = [
        ["Voornaam", "Achternaam", "E-mailadres", "Telefoon", "Bedrijf"],
        ["Anaïs", "Verhoeven", "anais@example.be", "0470 11 22 33", "Demo Biotech"],
        ["Søren", "Ødegaard", "soren.o@example.dk", "", "Øresund Demo"],
        ["Jürgen", "Groß", "j.gross@example.de", "", "Müller & Söhne Demo"],
    ]
    write("excel_nl_cp1252.csv", rows, encoding="cp1252", delimiter=";")
    text = _csv_text(rows, delimiter="\t")
    (HERE / "unicode_text_utf16.txt").write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    (HERE / "utf8_bom.csv").write_bytes(_csv_text(rows).encode("utf-8-sig"))
    good = _csv_text(rows[:3], delimiter=";").encode("utf-8")
    bad = _csv_text([["Joëlle", "Dupré", "joelle@example.fr", "", "Demo"]], delimiter=";").encode("cp1252")
    (HERE / "mixed_encodings.csv").write_bytes(good + bad)


def bad_files() -> None:
    (HERE / "empty.csv").write_bytes(b"")
    (HERE / "headers_only.csv").write_bytes(b"First Name,Last Name,Email\r\n")
    (HERE / "binary.csv").write_bytes(bytes(range(256)) * 8)


def companies() -> None:
    rows = [
        ["Company", "Sector", "Booth", "Meeting tables", "Hiring for", "Website", "Contact person",
         "Contact e-mail", "Telefoon"],
        ["Galápagos Demo NV", "Biotech", "A12", "2", "R&D; QA | Clinical ops", "galapagos-demo.example",
         "Ilse Peeters", "ilse@galapagos-demo.example", "+32 9 123 45 67"],
        ["Novo Demo A/S", "Pharma", "B03", "3", "CMC, Data science", "https://novo-demo.example",
         "Mads Holm", "mads@@novo-demo.example", ""],
        ["GALAPAGOS DEMO NV", "", "", "", "Regulatory", "", "", "", ""],
        ["", "Medtech", "C01", "1", "", "", "", "", ""],
        ["Øresund Diagnostics Demo", "Diagnostics", "C02", "many", "Sales", "", "", "", ""],
    ]  # fmt: skip
    write("companies.csv", rows)


# -- identity: the same seven people in every platform's layout (issue 12) -----------------------
#
# Each file has (a) a yes/no question whose header holds the word "code", (b) a group order:
# the buyer's address on three tickets with three names, (c) two people called Sophie Martin
# with their own addresses, (d) a consent question in Dutch, French, German or Danish with
# that language's answers. Every one of them must come out as a person of their own.

IDENTITY_PEOPLE = [
    # given, family, e-mail, consent answer index (into the file's yes/no pair), order
    ("Anna", "Jansen", "team@lab.nl", 0, "GRP1"),
    ("Bram", "de Vries", "team@lab.nl", 1, "GRP1"),
    ("Chloé", "Dubois", "team@lab.nl", 0, "GRP1"),
    ("Sophie", "Martin", "sophie.martin@example.fr", 0, "SOL1"),
    ("Sophie", "Martin", "s.martin@example.be", 1, "SOL2"),
    ("Lars", "Ødegård", "lars@example.dk", 0, "LAR1"),
    ("Nadia", "El Amrani", "nadia@example.ma", 1, "NAD1"),
]
IDENTITY_CONSENT = (True, False, True, True, False, True, False)
CONSENT_NL = "Ik ga akkoord dat mijn contactgegevens gedeeld worden met standhouders"
CONSENT_FR = "J'accepte que mes coordonnées soient transmises aux exposants"
CONSENT_DE = "Ich bin einverstanden, dass meine Kontaktdaten an Aussteller weitergegeben werden"
CONSENT_DA = "Jeg giver samtykke til at mine kontaktoplysninger deles med udstillere"


def identity_samples() -> None:
    folder = HERE / "identity"
    folder.mkdir(exist_ok=True)
    people = list(enumerate(IDENTITY_PEOPLE, start=1))

    def out(name: str, rows: list[list[str]]) -> None:
        (folder / name).write_bytes(_csv_text(rows).encode("utf-8"))

    # The code-like question is answered Yes by most, as real ones are.
    def promo(n: int) -> str:
        return "No" if n == 4 else "Yes"

    out("eventdesk.csv", [
        ["ID", "Given name", "Family name", "E-mail", "Organisation", "Ticket type", "Status", "Consent to share",
         "External codes", "Promo code used"],
        *[[str(n), g, f, e, "", "Visitor", "Registered", ("yes", "no")[c], f"import:ED-{n:03}", promo(n)]
          for n, (g, f, e, c, _o) in people],
    ])  # fmt: skip
    out("eventbrite.csv", [
        ["Order #", "Order Date", "First Name", "Last Name", "Email", "Quantity", "Ticket Type", "Attendee #",
         "Attendee Status", "Barcode #", "Promo code used", CONSENT_NL],
        *[[f"90{o[-1]}{o[:3]}", "2027-01-10 09:12:44+01:00", g, f, e, "1", "General Admission",
           f"77{n:04}", "Attending", f"41099{n:07}", promo(n), ("Ja", "Nee")[c]]
          for n, (g, f, e, c, o) in people],
    ])  # fmt: skip
    out("pretix_positions.csv", [
        ["Event slug", "Order code", "Position ID", "Status", "Email", "Product", "Attendee name",
         "Attendee name: Given name", "Attendee name: Family name", "Attendee email", "Ticket secret",
         "Did you use a discount code?", CONSENT_FR],
        *[["lscd27", o, str(n), "Paid", e, "Visitor ticket", f"{g} {f}", g, f, e, f"sec{n:04}identity",
           promo(n), ("Oui", "Non")[c]]
          for n, (g, f, e, c, o) in people],
    ])  # fmt: skip
    out("pretix_checkin.csv", [
        ["Order code", "Attendee name", "Product", "Checked in", "Paid", "Secret", "E-mail",
         "Code of conduct accepted", CONSENT_DE],
        *[[o, f"{g} {f}", "Visitor ticket", "", "Yes", f"chk{n:04}identity", e, promo(n), ("Ja", "Nein")[c]]
          for n, (g, f, e, c, o) in people],
    ])  # fmt: skip
    out("luma.csv", [
        ["api_id", "name", "first_name", "last_name", "email", "created_at", "approval_status", "ticket_name",
         "Do you have an access code?", CONSENT_DA],
        *[[f"gst-id{n:04}", f"{g} {f}", g, f, e, "2027-01-02T10:00:00.000Z", "approved", "Standard",
           promo(n), ("Ja", "Nej")[c]]
          for n, (g, f, e, c, _o) in people],
    ])  # fmt: skip
    out("tito.csv", [
        ["Ticket Created Date", "Ticket", "Ticket Full Name", "Ticket First Name", "Ticket Last Name",
         "Ticket Email", "Event", "Void Status", "Ticket Reference", "Order Reference", "Order Name",
         "Order Email", "I agree to the Code of Conduct", CONSENT_NL],
        *[["2027-01-03 12:00:00 +0100", "Early Bird", f"{g} {f}", g, f, e, "Life Science Career Day", "",
           f"{o}-{n}", o, "Anna Jansen" if o == "GRP1" else f"{g} {f}", e, "Yes", ("x", "")[c]]
          for n, (g, f, e, c, o) in people],
    ])  # fmt: skip
    # Meetup shares no member's address; organisers ask for one as an RSVP question, and a lab's
    # members RSVP with the lab's shared inbox.
    out("meetup.csv", [
        ["Name", "User ID", "Title", "Event Host", "RSVP", "Guests", "RSVPed on", "Promo code used",
         "Which e-mail address should we send your schedule to?", CONSENT_FR],
        *[[f"{g} {f}", f"user {500 + n}", "", "No", "Yes", "0", "2027-01-05", promo(n), e, ("oui", "non")[c]]
          for n, (g, f, e, c, _o) in people],
    ])  # fmt: skip
    out("microsoft_forms.csv", [
        ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time", "First name", "Last name",
         "E-mail address", "Postcode check done?", CONSENT_DE],
        *[[str(n), "1/15/27 9:01:02", "1/15/27 9:03:40", "anonymous", "", "", g, f, e, promo(n),
           ("I agree", "No")[c]]
          for n, (g, f, e, c, _o) in people],
    ])  # fmt: skip
    identity_workbooks(folder, people, promo)
    out("google_forms.csv", [
        ["Timestamp", "Email address", "First name", "Last name", "Promo code used", CONSENT_DA],
        *[["2027/01/20 10:11:12 AM CET", e, g, f, promo(n), ("checked", "false")[c]]
          for n, (g, f, e, c, _o) in people],
    ])  # fmt: skip


def identity_workbooks(folder: Path, people: list[tuple[int, tuple[str, str, str, int, str]]],
                       promo: Callable[[int], str]) -> None:  # fmt: skip
    """The layouts that are downloaded as XLSX as often as CSV, as those tools write them: the
    order date a date, Eventbrite's attendee and barcode numbers numbers, empty cells absent."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Attendees"
    sheet.append(["Order #", "Order Date", "First Name", "Last Name", "Email", "Quantity", "Ticket Type",
                  "Attendee #", "Attendee Status", "Barcode #", "Promo code used", CONSENT_NL])  # fmt: skip
    for n, (g, f, e, c, o) in people:
        sheet.append([f"90{o[-1]}{o[:3]}", datetime(2027, 1, 10, 9, 12, 44), g, f, e, 1, "General Admission",
                      770000 + n, "Attending", 410990000000 + n, promo(n), ("Ja", "Nee")[c]])  # fmt: skip
    book.save(folder / "eventbrite.xlsx")

    book = Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    sheet.append(["ID", "Start time", "Completion time", "Email", "Name", "Last modified time", "First name",
                  "Last name", "E-mail address", "Postcode check done?", CONSENT_DE])  # fmt: skip
    for n, (g, f, e, c, _o) in people:
        sheet.append([n, datetime(2027, 1, 15, 9, 1, 2), datetime(2027, 1, 15, 9, 3, 40), "anonymous", None,
                      None, g, f, e, promo(n), ("I agree", "No")[c]])  # fmt: skip
    book.save(folder / "microsoft_forms.xlsx")


if __name__ == "__main__":
    eventbrite_us()
    eventbrite_uk_xlsx()
    pretix_positions()
    pretix_checkin_lists()
    google_forms()
    microsoft_forms()
    luma()
    tito()
    meetup()
    encodings()
    bad_files()
    companies()
    identity_samples()
