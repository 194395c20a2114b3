"""The fields a column can be imported into, and the header words that suggest each one.

A file from an unknown source (a registration form in Dutch, an Excel list a partner made)
gets a proposed mapping from these synonyms in English, Dutch, French, German, Danish and
Swedish; the person checks it in the wizard (or passes `--mapping`) before anything is
written. Headers are compared folded ("E-mailadres" is "e mailadres"), and a header that
is a whole question ("What is your first name?") matches on the longest synonym inside it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from eventdesk.domain.people import yes_no
from eventdesk.domain.text import fold

IGNORE = None
CODE_PREFIX = "code:"


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    synonyms: tuple[str, ...] = ()
    # Several columns may feed this field (interest checkboxes, two phone columns).
    repeatable: bool = False
    # Synonyms that count only as the whole header: "Code" alone is a ticket code, the word
    # "code" inside "I agree to the Code of Conduct" is not.
    whole_only: tuple[str, ...] = ()
    # Phrases that rule the field out wherever they stand in the header ("promo code",
    # "zip code" hold a code synonym's words and are never ticket codes).
    not_in: tuple[str, ...] = ()


def header_key(header: str) -> str:
    """A header compared the way people mean it: case, accents and punctuation ignored."""
    return fold(header.replace("_", " ").replace("#", " number ")).replace(".", " ").strip()


def _keys(words: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(header_key(w) for w in words))


ATTENDEE_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "full_name",
        "Full name (split into given and family name)",
        _keys(
            [
                "name",
                "full name",
                "attendee name",
                "your name",
                "participant",
                "participant name",
                "naam",
                "volledige naam",
                "uw naam",
                "deelnemer",
                "nom complet",
                "votre nom",
                "vollständiger name",
                "ihr name",
                "navn",
                "fulde navn",
                "namn",
                "fullständigt namn",
            ]
        ),
    ),
    FieldSpec(
        "given_name",
        "Given name",
        _keys(
            [
                "first name",
                "firstname",
                "given name",
                "forename",
                "voornaam",
                "roepnaam",
                "prénom",
                "vorname",
                "fornavn",
                "förnamn",
                "tilltalsnamn",
            ]
        ),
    ),
    FieldSpec(
        "family_name",
        "Family name",
        _keys(
            [
                "last name",
                "lastname",
                "surname",
                "family name",
                "achternaam",
                "familienaam",
                "nom de famille",
                "nom",
                "nachname",
                "familienname",
                "efternavn",
                "efternamn",
            ]
        ),
    ),
    FieldSpec(
        "email",
        "E-mail",
        _keys(
            [
                "email",
                "e-mail",
                "email address",
                "e-mail address",
                "mail",
                "e-mailadres",
                "emailadres",
                "mailadres",
                "courriel",
                "adresse e-mail",
                "adresse email",
                "e-mail-adresse",
                "e-mailadresse",
                "e-post",
                "e-postadresse",
                "e-postadress",
                "attendee email",
            ]
        ),
    ),
    FieldSpec(
        "buyer_email", "Buyer's e-mail (used when the person has none)", _keys(["buyer email", "order email"])
    ),
    FieldSpec(
        "buyer_name", "Buyer's name (used when the ticket has no name)", _keys(["buyer name", "order name"])
    ),
    FieldSpec(
        "phone",
        "Phone",
        _keys(
            [
                "phone",
                "phone number",
                "telephone",
                "mobile",
                "mobile phone",
                "mobile number",
                "cell phone",
                "telefoon",
                "telefoonnummer",
                "mobiel",
                "mobiel nummer",
                "gsm",
                "téléphone",
                "portable",
                "telefon",
                "telefonnummer",
                "handy",
                "mobil",
                "mobilnummer",
                "mobiltelefon",
            ]
        ),
        repeatable=True,
    ),
    FieldSpec(
        "country",
        "Country (for reading phone numbers written without +)",
        _keys(["country", "home country", "country of residence", "land", "woonland", "pays", "wohnland"]),
    ),
    FieldSpec("buyer_phone", "Buyer's phone (used when the buyer is the person)", _keys(["buyer phone"])),
    FieldSpec(
        "organisation",
        "Organisation",
        _keys(
            [
                "organisation",
                "organization",
                "company",
                "company name",
                "employer",
                "university",
                "institution",
                "affiliation",
                "bedrijf",
                "bedrijfsnaam",
                "organisatie",
                "werkgever",
                "instelling",
                "universiteit",
                "entreprise",
                "société",
                "organisme",
                "employeur",
                "firma",
                "unternehmen",
                "arbeitgeber",
                "virksomhed",
                "arbejdsgiver",
                "företag",
                "arbetsgivare",
                "organisation name",
            ]
        ),
    ),
    FieldSpec(
        "job_title",
        "Job title",
        _keys(
            [
                "job title",
                "jobtitle",
                "position",
                "job",
                "function",
                "role",
                "functie",
                "functietitel",
                "rol",
                "poste",
                "fonction",
                "berufsbezeichnung",
                "stelle",
                "stilling",
                "stillingsbetegnelse",
                "befattning",
                "jobbtitel",
            ]
        ),
    ),
    FieldSpec(
        "degree",
        "Degree",
        _keys(
            [
                "degree",
                "highest degree",
                "education level",
                "level of education",
                "opleidingsniveau",
                "hoogst genoten opleiding",
                "diplôme",
                "niveau d'études",
                "abschluss",
                "höchster abschluss",
                "uddannelsesniveau",
                "uddannelse",
                "utbildningsnivå",
                "examen",
            ]
        ),
    ),
    FieldSpec(
        "field_of_work",
        "Field of work",
        _keys(
            [
                "field",
                "field of work",
                "field of study",
                "discipline",
                "expertise",
                "area of expertise",
                "vakgebied",
                "studierichting",
                "domaine",
                "fachgebiet",
                "fachrichtung",
                "fagområde",
                "ämnesområde",
            ]
        ),
    ),
    FieldSpec(
        "interests",
        "Interests",
        _keys(
            [
                "interests",
                "interested in",
                "topics",
                "onderwerpen",
                "themen",
                "sujets",
                "emner",
                "ämnen",
                "interesses",
                "interessen",
                "intérêts",
                "centres d'intérêt",
                "interesser",
                "intressen",
            ]
        ),
        repeatable=True,
    ),
    FieldSpec(
        "ticket",
        "Ticket (type of ticket)",
        _keys(
            [
                "ticket type",
                "ticket",
                "ticket name",
                "product",
                "registration type",
                "tickettype",
                "soort ticket",
                "type ticket",
                "billet",
                "type de billet",
                "ticketart",
                "billettype",
                "biljettyp",
            ]
        ),
        repeatable=True,
    ),
    FieldSpec(
        "status",
        "Status (cancelled, refunded, declined … become cancelled)",
        _keys(["status", "attendee status", "order status", "rsvp", "approval status", "statut", "aanwezig"]),
        repeatable=True,
    ),
    FieldSpec("void", "Void (yes = cancelled)", _keys(["void", "void status", "voided", "cancelled"])),
    FieldSpec(
        "consent",
        "Consent to share contact details",
        _keys(
            [
                "consent",
                "consent to share",
                "share contact details",
                "share my details",
                "share my details with exhibitors",
                "share my contact details",
                "gdpr",
                "toestemming",
                "einwilligung",
                "consentement",
                "samtykke",
                "samtycke",
            ]
        ),
        not_in=_keys(["newsletter", "nieuwsbrief", "photo", "photos", "foto", "fotos", "code of conduct"]),
    ),
    FieldSpec(
        "code",
        "Ticket code / barcode",
        _keys(
            [
                "barcode",
                "barcode number",
                "ticket code",
                "ticket number",
                "ticket id",
                "ticket reference",
                "ticket secret",
                "order code",
                "booking reference",
                "registration code",
                "registration number",
                "qr code",
                "ticketnummer",
                "ticketcode",
                "code",
            ]
        ),
        repeatable=True,
        whole_only=_keys(["code"]),
        not_in=_keys(
            [
                "code of conduct",
                "gedragscode",
                "promo code",
                "promotion code",
                "promotional code",
                "discount code",
                "voucher code",
                "coupon code",
                "access code",
                "referral code",
                "zip code",
                "postal code",
                "post code",
                "postcode",
                "postcode",
                "code postal",
                "postleitzahl",
                "country code",
                "area code",
                "dress code",
                "source code",
            ]
        ),
    ),
    FieldSpec("codes", "Ticket codes as platform:code; …", _keys(["external codes", "ticket codes"])),
    FieldSpec(
        "exhibitor_company", "Exhibiting company (staff are linked to it)", _keys(["exhibitor company"])
    ),
    FieldSpec("addon_to", "Add-on to (rows with a value are not people)", _keys(["add-on to position id"])),
    FieldSpec("guests", "Unnamed guests (reported, not imported)", _keys(["guests"])),
    FieldSpec(
        "language",
        "Language for what is printed (en, nl, fr, de, da, sv)",
        _keys(
            [
                "language",
                "preferred language",
                "taal",
                "voorkeurstaal",
                "langue",
                "langue préférée",
                "sprache",
                "bevorzugte sprache",
                "sprog",
                "foretrukket sprog",
                "språk",
                "föredraget språk",
            ]
        ),
    ),
)

COMPANY_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "name",
        "Company name",
        _keys(
            [
                "name",
                "company",
                "company name",
                "organisation",
                "organization",
                "exhibitor",
                "bedrijf",
                "bedrijfsnaam",
                "organisatie",
                "standhouder",
                "entreprise",
                "exposant",
                "société",
                "firma",
                "unternehmen",
                "aussteller",
                "virksomhed",
                "udstiller",
                "företag",
                "utställare",
            ]
        ),
    ),
    FieldSpec(
        "sector",
        "Sector",
        _keys(["sector", "industry", "branche", "secteur", "industrie", "bransch", "segment"]),
    ),
    FieldSpec(
        "booth",
        "Booth",
        _keys(["booth", "booth number", "stand", "stand number", "standnummer", "standplaats", "monter"]),
    ),
    FieldSpec(
        "meeting_tables",
        "Meeting tables",
        _keys(
            [
                "meeting tables",
                "tables",
                "number of tables",
                "tafels",
                "aantal tafels",
                "tables de rendez-vous",
            ]
        ),
    ),
    FieldSpec(
        "hiring_tags",
        "Hiring for (tags)",
        _keys(
            [
                "hiring tags",
                "hiring",
                "hiring for",
                "vacancies",
                "looking for",
                "tags",
                "vacatures",
                "recrutement",
                "stellenangebote",
                "ledige stillinger",
                "lediga tjänster",
            ]
        ),
        repeatable=True,
    ),
    FieldSpec(
        "website",
        "Website",
        _keys(["website", "web site", "url", "homepage", "site web", "webside", "webbplats"]),
    ),
    FieldSpec(
        "description",
        "Description",
        _keys(
            ["description", "about", "profile", "omschrijving", "beschrijving", "beschreibung", "beskrivelse"]
        ),
    ),
    FieldSpec(
        "contact_name",
        "Contact person",
        _keys(
            [
                "contact",
                "contact name",
                "contact person",
                "contactpersoon",
                "personne de contact",
                "ansprechpartner",
            ]
        ),
    ),
    FieldSpec(
        "contact_email",
        "Contact e-mail",
        _keys(["contact email", "contact e-mail", "email", "e-mail", "e-mailadres", "courriel", "e-post"]),
    ),
    FieldSpec(
        "contact_phone",
        "Contact phone",
        _keys(["contact phone", "phone", "telephone", "telefoon", "téléphone", "telefon"]),
    ),
)


def _phrase_in(phrase: str, key: str) -> bool:
    """A synonym found as whole words: "ticket code" in "your ticket code", never "code"
    in "postcode" (a substring of a word) — headers are questions, not identifiers."""
    return f" {phrase} " in f" {key} "


def header_score(key: str, spec: FieldSpec) -> int:
    """How well a folded header names a field: 1000+ for an exact synonym, the synonym's
    length when it stands inside the header as words, 0 when the field does not fit."""
    if any(_phrase_in(phrase, key) for phrase in spec.not_in):
        return 0
    best = 0
    for synonym in spec.synonyms:
        if key == synonym:
            best = max(best, 1000 + len(synonym))
        elif len(synonym) >= 4 and synonym not in spec.whole_only and _phrase_in(synonym, key):
            best = max(best, len(synonym))
    if spec.name == "consent":
        best = max(best, consent_score(key))
    return best


def guess_fields(headers: Sequence[str], fields: Sequence[FieldSpec]) -> list[str | None]:
    """A proposed field for each header; None where nothing fits or the field is taken.

    An exact synonym beats a synonym found inside a longer header, a longer synonym beats a
    shorter one ("company name" is an organisation, not a name), and each field that takes
    one column goes to the best-matching one, leftmost on a tie. This looks at headers only:
    `roles.checked_mapping` then tests each guess against the column's values.
    """
    candidates: list[tuple[int, int, str]] = []  # (score, column, field)
    for column, header in enumerate(headers):
        key = header_key(header)
        if not key:
            continue
        for spec in fields:
            best = header_score(key, spec)
            if best:
                candidates.append((best, column, spec.name))
    repeatable = {spec.name for spec in fields if spec.repeatable}
    chosen: list[str | None] = [None] * len(headers)
    taken: set[str] = set()
    for _score, column, name in sorted(candidates, key=lambda c: (-c[0], c[1])):
        if chosen[column] is not None or (name in taken and name not in repeatable):
            continue
        chosen[column] = name
        taken.add(name)
    return chosen


# Consent questions as registration forms word them: an agreeing verb and what is shared
# with whom, in the six languages of the synonyms ("I agree that my contact details may be
# shared with exhibiting companies", "Ik ga akkoord dat mijn gegevens gedeeld worden met
# standhouders", "J'accepte que mes coordonnées soient transmises aux exposants", "Ich bin
# einverstanden, dass meine Daten an Aussteller weitergegeben werden", "Jeg giver samtykke
# til at mine oplysninger deles med udstillere", "Jag samtycker till att mina uppgifter
# delas med utställare"). Both are needed: "I agree to the Code of Conduct" agrees to
# something else, and "Exhibitors you want to meet" shares nothing.
_AGREEING = re.compile(
    r"\b(i agree|agree|consent|consents|i accept|accept|allow|opt in|permission|ok to|happy to|"
    r"ik ga akkoord|akkoord|toestemming|ik geef toestemming|ik sta toe|"
    r"j accepte|j autorise|accepte|autorise|consentement|d accord|"
    r"ich bin einverstanden|einverstanden|einwilligung|ich willige|zustimmung|ich stimme|"
    r"jeg giver samtykke|samtykke|samtykker|jeg accepterer|accepterer|"
    r"jag samtycker|samtycker|samtycke|jag godkanner|godkanner|medgivande)\b"
)
_SHARING = re.compile(
    r"\b(shar\w*|pass\w* on|exhibitor\w*|exhibiting|partner\w*|sponsor\w*|compan\w*|recruiter\w*|"
    r"contact details|my details|my data|"
    r"del\w*|gedeeld|standhouder\w*|bedrijven|doorgegeven|gegevens|contactgegevens|"
    r"partag\w*|transmi\w*|communiqu\w*|exposant\w*|entreprises|coordonnees|donnees|"
    r"weiterge\w*|weitergabe|aussteller\w*|unternehmen|daten|kontaktdaten|"
    r"udstiller\w*|virksomheder|oplysninger|kontaktoplysninger|videregive\w*|"
    r"utstallare|foretag|uppgifter|kontaktuppgifter|vidarebefordra\w*)\b"
)
_SHARE_WITH = re.compile(
    r"\b(share|sharing|shared|delen|partager|teilen|dele|dela)\b.*\b(exhibitor\w*|partner\w*|"
    r"compan\w*|standhouder\w*|exposant\w*|aussteller\w*|udstiller\w*|utstallare)\b"
)
_NOT_CONSENT = re.compile(
    r"\b(code of conduct|terms|conditions|voorwaarden|newsletter|nieuwsbrief|photo\w*|foto\w*)\b"
)


def consent_score(key: str) -> int:
    """A header that asks for consent to share details with exhibitors, scored like a
    synonym found inside it (so an exact "Consent" header still wins)."""
    if _NOT_CONSENT.search(key):
        return 0
    if (_AGREEING.search(key) and _SHARING.search(key)) or _SHARE_WITH.search(key):
        return 30
    return 0


def looks_like_consent(header: str) -> bool:
    """True for a header that names consent to share contact details (flagged if unmapped)."""
    key = header_key(header)
    spec = next(s for s in ATTENDEE_FIELDS if s.name == "consent")
    return header_score(key, spec) > 0


_TICKED = frozenset(
    {"checked", "ticked", "selected", "on", "y", "aangevinkt", "coche", "angekreuzt", "afkrydset"}
)
_UNTICKED = frozenset({"unchecked", "not checked", "off", "niet aangevinkt", "non coche", "nicht angekreuzt"})
_YES_START = ("yes", "ja", "oui", "i agree", "i accept", "j accepte", "jeg giver", "ik ga akkoord", "ich bin")
_NO_START = ("no", "nee", "nein", "nej", "non", "i do not", "i don t", "je refuse", "ik ga niet")


@functools.lru_cache(maxsize=1024)
def consent_answer(text: str) -> bool | None:
    """A consent cell as forms write it: yes/no words in six languages, 1/0, x, "checked",
    or the ticked box's own label ("I agree", "Ja, ik ga akkoord"); empty is no answer.
    Words are matched whole ("Norway" is not a "no"): a misread column must fail the check."""
    answer = yes_no(text)
    if answer is not None:
        return answer
    key = fold(text)
    if key in _TICKED:
        return True
    if key in _UNTICKED:
        return False
    if any(key == w or key.startswith(w + " ") for w in _NO_START):
        return False
    if any(key == w or key.startswith(w + " ") for w in _YES_START) or looks_like_consent(text):
        return True
    return None


def field_names(fields: Sequence[FieldSpec]) -> set[str]:
    return {spec.name for spec in fields}


def is_known_field(name: str, fields: Sequence[FieldSpec]) -> bool:
    return name in field_names(fields) or (name.startswith(CODE_PREFIX) and "code" in field_names(fields))
