"""The vocabulary of life-science careers that attendees, companies and filters share.

Attendees pick interest tags and companies pick hiring tags from ONE list, so that
matchmaking can score a pair by the tags they have in common and the UI can offer the same
filter on both screens. Tags are stored by their `key` (stable, ASCII, readable in CSV and
JSON exports); the `label` is what people see and may be reworded without touching data.
Imports meet free text ("Cell & gene therapy", "RA", "QA / QC"), hence `tag_from_text`.

The list follows what employers in the Benelux and Medicon Valley recruit for (see the
domain notes in shared/seeds): AI and data, personalised medicine, start-ups, regulatory
affairs, sustainability, ATMPs, collaborative R&D, digital health, and PhDs moving into
consultancy, policy and business development; biomanufacturing for the Danish hub.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from eventdesk.domain.text import fold
from eventdesk.i18n import C_, pgettext, translations
from eventdesk.i18n.languages import DEFAULT_LANGUAGE, LANGUAGES


@dataclass(frozen=True)
class Tag:
    key: str
    label: str
    aliases: tuple[str, ...] = ()


INTEREST_TAGS: tuple[Tag, ...] = (
    Tag("bioinformatics", C_("interest", "Bioinformatics"), ("computational biology", "genomics data")),
    Tag(
        "ai-data-science",
        C_("interest", "AI and data science"),
        ("ai", "machine learning", "data science", "big data"),
    ),
    Tag(
        "regulatory-affairs", C_("interest", "Regulatory affairs"), ("ra", "regulatory", "regulatory science")
    ),
    Tag(
        "clinical-operations",
        C_("interest", "Clinical operations"),
        ("clinical trials", "clinical research", "clinops"),
    ),
    Tag(
        "qa-qc",
        C_("interest", "QA/QC"),
        ("qa", "qc", "quality assurance", "quality control", "gmp compliance"),
    ),
    Tag(
        "bioprocess",
        C_("interest", "Bioprocess and biomanufacturing"),
        ("biomanufacturing", "bioprocessing", "bioprocess", "usp dsp", "manufacturing"),
    ),
    Tag(
        "atmp",
        C_("interest", "Cell and gene therapy (ATMP)"),
        ("atmp", "cell and gene therapy", "cell & gene therapy", "gene therapy", "cell therapy"),
    ),
    Tag(
        "personalised-medicine",
        C_("interest", "Personalised medicine"),
        ("personalized medicine", "precision medicine"),
    ),
    Tag(
        "digital-health",
        C_("interest", "Digital health"),
        ("telemedicine", "health informatics", "e-health", "ehealth"),
    ),
    Tag("medical-affairs", C_("interest", "Medical affairs"), ("msl", "medical science liaison")),
    Tag("business-development", C_("interest", "Business development"), ("bd", "licensing", "bizdev")),
    Tag("drug-discovery", C_("interest", "Drug discovery"), ("discovery research", "target discovery")),
    Tag("medicinal-chemistry", C_("interest", "Medicinal chemistry"), ("med chem", "medchem")),
    Tag("pharmacovigilance", C_("interest", "Pharmacovigilance"), ("pv", "drug safety")),
    Tag(
        "health-economics",
        C_("interest", "Health economics and market access"),
        ("heor", "market access", "health economics"),
    ),
    Tag("lab-automation", C_("interest", "Lab automation"), ("laboratory automation", "robotics")),
    Tag("sustainability", C_("interest", "Sustainability in biomedicine"), ("sustainability", "green lab")),
    Tag("diagnostics", C_("interest", "Diagnostics and IVD"), ("diagnostics", "ivd", "in vitro diagnostics")),
    Tag("medical-devices", C_("interest", "Medical devices"), ("medtech", "medical technology", "mdr")),
    Tag(
        "industrial-biotech",
        C_("interest", "Industrial biotechnology"),
        ("fermentation", "enzymes", "food biotech"),
    ),
    Tag(
        "translational-research",
        C_("interest", "Translational research"),
        ("preclinical research", "biomarkers"),
    ),
    Tag(
        "project-management",
        C_("interest", "R&D project management"),
        ("project management", "alliance management"),
    ),
    Tag(
        "consultancy-policy",
        C_("interest", "Consultancy and science policy"),
        ("consultancy", "consulting", "policy"),
    ),
    Tag(
        "entrepreneurship",
        C_("interest", "Start-ups and entrepreneurship"),
        ("start-ups", "startups", "entrepreneurship"),
    ),
    Tag("science-communication", C_("interest", "Science communication"), ("scicomm", "medical writing")),
)
TAGS_BY_KEY: dict[str, Tag] = {tag.key: tag for tag in INTEREST_TAGS}
TAG_KEYS: tuple[str, ...] = tuple(TAGS_BY_KEY)

# Companies hire from the same list that attendees are interested in: a match is an overlap.
HIRING_TAGS: tuple[Tag, ...] = INTEREST_TAGS


def tag_label(key: str) -> str:
    """What to show for a stored tag; a tag this version does not know is shown as stored."""
    tag = TAGS_BY_KEY.get(key)
    return pgettext("interest", tag.label) if tag else key


@cache
def _tag_lookup() -> dict[str, str]:
    lookup: dict[str, str] = {}
    for tag in INTEREST_TAGS:
        for text in (tag.key, tag.label, *tag.aliases):
            lookup.setdefault(fold(text), tag.key)
    # A Dutch or Danish list names the tags in its own words ("Regelgeving", "Bioinformatik").
    for language in (code for code in LANGUAGES if code != DEFAULT_LANGUAGE):
        catalogue = translations(language)
        for tag in INTEREST_TAGS:
            lookup.setdefault(fold(catalogue.pgettext("interest", tag.label)), tag.key)
    return lookup


def tag_from_text(text: str) -> str | None:
    """The tag key that a typed or imported label means, ignoring case, accents and punctuation."""
    return _tag_lookup().get(fold(text))


@dataclass(frozen=True)
class FieldOfWork:
    """A discipline someone trained in; `related` are the tags such people tend to pick."""

    label: str
    related: tuple[str, ...] = field(default=())


FIELDS_OF_WORK: tuple[FieldOfWork, ...] = (
    FieldOfWork("Molecular biology", ("drug-discovery", "atmp", "translational-research", "lab-automation")),
    FieldOfWork("Biochemistry", ("drug-discovery", "bioprocess", "qa-qc", "industrial-biotech")),
    FieldOfWork("Biotechnology", ("bioprocess", "industrial-biotech", "atmp", "entrepreneurship")),
    FieldOfWork(
        "Bioinformatics and computational biology",
        ("bioinformatics", "ai-data-science", "personalised-medicine", "drug-discovery"),
    ),
    FieldOfWork(
        "Pharmacology and toxicology",
        ("drug-discovery", "pharmacovigilance", "regulatory-affairs", "translational-research"),
    ),
    FieldOfWork(
        "Pharmaceutical sciences", ("regulatory-affairs", "qa-qc", "medicinal-chemistry", "bioprocess")
    ),
    FieldOfWork("Immunology", ("atmp", "translational-research", "drug-discovery", "personalised-medicine")),
    FieldOfWork(
        "Oncology", ("personalised-medicine", "clinical-operations", "translational-research", "atmp")
    ),
    FieldOfWork("Neuroscience", ("translational-research", "drug-discovery", "digital-health")),
    FieldOfWork("Genetics and genomics", ("bioinformatics", "personalised-medicine", "atmp", "diagnostics")),
    FieldOfWork("Microbiology", ("industrial-biotech", "qa-qc", "diagnostics", "sustainability")),
    FieldOfWork("Chemistry", ("medicinal-chemistry", "drug-discovery", "qa-qc", "lab-automation")),
    FieldOfWork(
        "Chemical and bioprocess engineering",
        ("bioprocess", "industrial-biotech", "lab-automation", "sustainability", "qa-qc"),
    ),
    FieldOfWork(
        "Biomedical engineering", ("medical-devices", "digital-health", "lab-automation", "diagnostics")
    ),
    FieldOfWork(
        "Medicine", ("clinical-operations", "medical-affairs", "pharmacovigilance", "personalised-medicine")
    ),
    FieldOfWork(
        "Epidemiology and public health",
        ("health-economics", "clinical-operations", "digital-health", "consultancy-policy"),
    ),
    FieldOfWork("Data science", ("ai-data-science", "bioinformatics", "digital-health", "health-economics")),
    FieldOfWork(
        "Business and economics",
        ("business-development", "health-economics", "consultancy-policy", "entrepreneurship"),
    ),
    FieldOfWork(
        "Law and regulatory science", ("regulatory-affairs", "consultancy-policy", "pharmacovigilance")
    ),
    FieldOfWork("Food and nutrition science", ("industrial-biotech", "sustainability", "qa-qc")),
)
FIELD_LABELS: tuple[str, ...] = tuple(f.label for f in FIELDS_OF_WORK)


@dataclass(frozen=True)
class Sector:
    """What kind of organisation an exhibitor is; `typical_tags` are what such firms hire for."""

    key: str
    label: str
    typical_tags: tuple[str, ...]


SECTORS: tuple[Sector, ...] = (
    Sector(
        "pharma",
        "Pharma",
        (
            "regulatory-affairs",
            "clinical-operations",
            "medical-affairs",
            "pharmacovigilance",
            "drug-discovery",
            "medicinal-chemistry",
            "health-economics",
            "qa-qc",
            "business-development",
        ),
    ),
    Sector(
        "biotech",
        "Biotech start-up",
        (
            "drug-discovery",
            "atmp",
            "bioinformatics",
            "translational-research",
            "entrepreneurship",
            "business-development",
            "ai-data-science",
            "industrial-biotech",
        ),
    ),
    Sector(
        "cro",
        "CRO",
        (
            "clinical-operations",
            "pharmacovigilance",
            "regulatory-affairs",
            "ai-data-science",
            "medical-affairs",
            "project-management",
        ),
    ),
    Sector(
        "cdmo",
        "CDMO",
        ("bioprocess", "qa-qc", "atmp", "lab-automation", "project-management", "regulatory-affairs"),
    ),
    Sector(
        "medtech",
        "Medtech",
        ("medical-devices", "regulatory-affairs", "qa-qc", "digital-health", "clinical-operations"),
    ),
    Sector(
        "diagnostics",
        "Diagnostics",
        (
            "diagnostics",
            "personalised-medicine",
            "bioinformatics",
            "lab-automation",
            "qa-qc",
            "regulatory-affairs",
        ),
    ),
    Sector(
        "regulator",
        "Regulator",
        (
            "regulatory-affairs",
            "pharmacovigilance",
            "health-economics",
            "consultancy-policy",
            "clinical-operations",
        ),
    ),
    Sector(
        "digital-health",
        "Digital health",
        ("digital-health", "ai-data-science", "medical-devices", "entrepreneurship", "health-economics"),
    ),
    Sector(
        "consultancy",
        "Consultancy",
        (
            "consultancy-policy",
            "regulatory-affairs",
            "health-economics",
            "business-development",
            "project-management",
        ),
    ),
)
SECTORS_BY_KEY: dict[str, Sector] = {sector.key: sector for sector in SECTORS}


def sector_label(key: str) -> str:
    sector = SECTORS_BY_KEY.get(key)
    return sector.label if sector else key
