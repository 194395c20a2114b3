"""Made-up exhibitors for demo events: fictional firms that sound like the region's.

Names join a regional place word to a sector word ("Scheldt Biologics", "Øresund Gene
Therapeutics", "Maaspoort CRO"), so they read as plausible Benelux or Medicon Valley firms
without naming a real one. Regulators are a short list of invented agencies.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache

from eventdesk.demo.people import words
from eventdesk.domain.taxonomy import SECTORS, SECTORS_BY_KEY, TAG_KEYS
from eventdesk.domain.text import fold

PLACE_WORDS: dict[str, tuple[str, ...]] = {
    "benelux": words(
        "Scheldt, Maaspoort, Polder, Zeeland, Kempen, Brabant, Rijnland, Dijle, Leie, Veluwe, Amstel, "
        "Wadden, Duinrand, Ardenne, Meuse, Lowlands, Delta, Zwin, Peel, Hageland, Westhoek, Singel, "
        "Vecht, Linge, Demer, Nete, Gaume, Ourthe, Sauer, Alzette, Eems, Dommel, Berkel, Geul, Lesse"
    ),
    "medicon": words(
        "Øresund, Nordvik, Kattegat, Skåne, Hven, Sund, Limfjord, Fyn, Møn, Falster, Bornholm, Kullen, "
        "Ven, Amager, Furesø, Gudenå, Skagerrak, Storebælt, Lillebælt, Mols, Stevns, Hallands, "
        "Söderåsen, Vombsjön, Ringsjö, Kivik, Dragør, Esrum, Arresø, Tisvilde, Helgenæs, Sejerø, Omø, "
        "Læsø, Anholt"
    ),
}

SECTOR_WORDS: dict[str, tuple[str, ...]] = {
    "pharma": ("Pharma", "Pharmaceuticals", "Therapeutics", "Medicines", "Life Sciences"),
    "biotech": words(
        "Biologics, Bioscience, Gene Therapeutics, Cell Therapeutics, Antibodies, Peptides, Genomics, "
        "RNA Therapeutics, Immunotherapies, Biotech, Enzymes"
    ),
    "cro": ("CRO", "Clinical Research", "Trials", "Clinical", "Research Partners"),
    "cdmo": ("Biomanufacturing", "CDMO", "Bioprocessing", "Biologics Manufacturing", "Cell Factory"),
    "medtech": ("Medical", "MedTech", "Surgical", "Devices", "Implants"),
    "diagnostics": ("Diagnostics", "Dx", "Assays", "Pathology", "Molecular Diagnostics"),
    "digital-health": ("Health", "Digital Health", "Health Analytics", "Care Technologies", "Health AI"),
    "consultancy": ("Consulting", "Advisory", "Life Science Consultants", "Regulatory Consulting"),
}

REGULATORS: dict[str, tuple[tuple[str, str], ...]] = {
    "benelux": (
        ("Lowlands Medicines Evaluation Office", "lmeo.eu"),
        ("North Sea Agency for Health Products", "nsahp.eu"),
        ("Benelux Health Technology Assessment Board", "bhtab.eu"),
    ),
    "medicon": (
        ("Øresund Medicines and Devices Authority", "omda.eu"),
        ("Nordic Board for Medicines Assessment", "nbma.eu"),
        ("Kattegat Health Technology Council", "khtc.eu"),
    ),
}

LEGAL_FORMS: dict[str, tuple[str, ...]] = {
    "NL": ("B.V.",),
    "BE": ("NV", "BV", "SRL"),
    "LU": ("S.A.",),
    "DK": ("A/S", "ApS"),
    "SE": ("AB",),
    "NO": ("AS",),
    "DE": ("GmbH", "AG"),
    "FR": ("SAS",),
}

# Where exhibitors are based, by the fair's area: region keys of eventdesk.demo.people.
COMPANY_REGIONS: dict[str, tuple[tuple[str, float], ...]] = {
    "benelux": (
        ("NL", 45),
        ("BE-nl", 25),
        ("BE-fr", 10),
        ("DE", 8),
        ("FR", 5),
        ("LU", 3),
        ("DK", 2),
        ("SE", 2),
    ),
    "medicon": (("DK", 52), ("SE", 30), ("NO", 5), ("DE", 5), ("NL", 4), ("BE-nl", 2), ("FR", 2)),
}

EMPLOYER_TLDS: dict[str, tuple[str, ...]] = {
    "benelux": ("com", "eu", "nl", "nl", "be", "be"),
    "medicon": ("com", "eu", "dk", "dk", "se", "se"),
}

SECTOR_SHARES: tuple[tuple[str, float], ...] = (
    ("pharma", 14),
    ("biotech", 28),
    ("cro", 12),
    ("cdmo", 12),
    ("medtech", 10),
    ("diagnostics", 10),
    ("digital-health", 8),
    ("consultancy", 6),
)

AREAS = words(
    "oncology, rare diseases, immunology, neurology, cardiometabolic diseases, ophthalmology, "
    "infectious diseases, dermatology, women's health, haematology"
)
MODALITIES = words(
    "AAV gene therapies, CAR-T cell therapies, bispecific antibodies, mRNA vaccines, "
    "peptide therapeutics, small molecules, antibody–drug conjugates, microbiome therapeutics, "
    "industrial enzymes, plasmid DNA and viral vectors"
)
DEVICES = words(
    "minimally invasive surgical tools, wearable ECG monitors, implantable drug-delivery pumps, "
    "smart inhalers, robotic lab pipetting systems"
)
ASSAYS = words(
    "liquid-biopsy assays, point-of-care PCR tests, companion diagnostics, digital pathology software, "
    "multiplex immunoassays"
)
PRODUCTS = words(
    "remote-monitoring software, AI-assisted triage software, clinical-trial recruitment software, "
    "telemedicine software, patient-reported outcome apps"
)
SERVICES = words(
    "regulatory strategy, market access and pricing, GMP compliance, clinical development planning, "
    "due diligence for investors, pharmacovigilance outsourcing"
)

DESCRIPTIONS: dict[str, tuple[str, ...]] = {
    "pharma": (
        "{name} develops and markets medicines for {area} across Europe from its headquarters in {city}.",
        "{name} is a specialty pharma company in {area}, with development and commercial teams in {city}.",
    ),
    "biotech": (
        "{name} is a spin-off from {university} developing {modality} for {area}; its labs are in {city}.",
        "{name} is a venture-backed start-up in {city} building {modality} for {area}.",
    ),
    "cro": (
        "{name} runs phase I–III trials in {area} in {n} European countries from its base in {city}.",
        "{name} is a full-service CRO with a clinical pharmacology unit in {city}.",
    ),
    "cdmo": (
        "{name} develops processes for, and manufactures, {modality} under GMP at its {city} site.",
        "{name} offers process development and clinical-to-commercial manufacturing of {modality}.",
    ),
    "medtech": (
        "{name} designs {device} and is taking its next product through the EU MDR.",
        "{name} makes {device} in {city} and sells them to hospitals in {n} countries.",
    ),
    "diagnostics": (
        "{name} develops {assay} for {area}, certified under the IVDR.",
        "{name} brings {assay} from its {city} lab to hospital laboratories across Europe.",
    ),
    "regulator": (
        "{name} assesses medicines and medical devices and gives developers scientific advice.",
        "{name} evaluates the evidence for new therapies in {area} and advises on access.",
    ),
    "digital-health": (
        "{name} builds {product} used by hospitals in {n} countries.",
        "{name} is a scale-up in {city} making {product} for care teams in {area}.",
    ),
    "consultancy": (
        "{name} helps life-science companies with {service} from offices in {city}.",
        "{name} advises biotech and pharma clients on {service}.",
    ),
}


@dataclass(slots=True)
class DemoCompany:
    name: str
    sector: str
    region: str
    domain: str
    booth: str
    meeting_tables: int
    hiring_tags: list[str]
    description: str
    website: str
    wanted_staff: int
    signed_up_at: datetime | None = None
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    staff: list[int] = field(default_factory=list)


def slug(name: str) -> str:
    """The name as a domain label: ASCII, no spaces ("Øresund Gene" → "oresundgene")."""
    return "".join(fold(name).replace(".", " ").split())


@cache
def _country_of(region: str) -> str:
    return region.split("-")[0]


def booth_labels(count: int, rng: random.Random) -> list[str]:
    """Distinct booth labels such as "A12", spread over as many halls as the count needs."""
    per_hall = 30
    halls = max(2, -(-count * 5 // 4) // per_hall + 1)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    letters = [alphabet[i] if i < 26 else alphabet[i // 26 - 1] + alphabet[i % 26] for i in range(halls)]
    grid = [f"{letter}{number}" for letter in letters for number in range(1, per_hall + 1)]
    return rng.sample(grid, count)


def _sectors(rng: random.Random, count: int) -> list[str]:
    """Every sector once (one regulator) before the usual mix, so small fairs are varied too."""
    first = [s.key for s in SECTORS]
    rng.shuffle(first)
    keys = tuple(k for k, _ in SECTOR_SHARES)
    weights = tuple(w for _, w in SECTOR_SHARES)
    rest = rng.choices(keys, weights, k=max(0, count - len(first)))
    return (first + rest)[:count]


def make_company_names(rng: random.Random, area: str, sectors: list[str], taken: set[str]) -> list[str]:
    """Unique names; once place and sector words run short, a second place word is added."""
    places = PLACE_WORDS[area]
    regulators = list(REGULATORS[area])
    names: list[str] = []
    for sector in sectors:
        if sector == "regulator" and regulators:
            name = regulators.pop(0)[0]
        else:
            words = SECTOR_WORDS.get(sector, SECTOR_WORDS["consultancy"])
            attempt = 0
            while True:
                name = f"{rng.choice(places)} {rng.choice(words)}"
                if attempt > 20:
                    name = f"{rng.choice(places)}-{name}"
                attempt += 1
                if name.casefold() not in taken:
                    break
        taken.add(name.casefold())
        names.append(name)
    return names


def make_companies(
    rng: random.Random, *, count: int, area: str, universities: list[str], cities: dict[str, tuple[str, ...]]
) -> list[DemoCompany]:
    """`count` exhibitors of the fair's area; `cities` maps region keys to their towns."""
    sectors = _sectors(rng, count)
    names = make_company_names(rng, area, sectors, set())
    booths = booth_labels(count, rng)
    region_keys = tuple(k for k, _ in COMPANY_REGIONS[area])
    region_weights = tuple(w for _, w in COMPANY_REGIONS[area])
    regulator_domains = dict(REGULATORS[area])
    companies: list[DemoCompany] = []
    for name, sector, booth in zip(names, sectors, booths, strict=True):
        region = rng.choices(region_keys, region_weights)[0]
        country = _country_of(region)
        if name in regulator_domains:
            domain = regulator_domains[name]
        else:
            tld = rng.choices((country.lower(), "com", "eu"), (65, 25, 10))[0]
            domain = f"{slug(name)}.{tld}"
            if rng.random() < 0.15 and country in LEGAL_FORMS:
                name = f"{name} {rng.choice(LEGAL_FORMS[country])}"
        typical = SECTORS_BY_KEY[sector].typical_tags
        tags: list[str] = []
        for _ in range(rng.randint(2, 5)):
            tag = rng.choice(typical) if rng.random() < 0.9 else rng.choice(TAG_KEYS)
            if tag not in tags:
                tags.append(tag)
        template = rng.choice(DESCRIPTIONS[sector])
        description = template.format(
            name=name,
            area=rng.choice(AREAS),
            city=rng.choice(cities[region]),
            university=rng.choice(universities),
            modality=rng.choice(MODALITIES),
            device=rng.choice(DEVICES),
            assay=rng.choice(ASSAYS),
            product=rng.choice(PRODUCTS),
            service=rng.choice(SERVICES),
            n=rng.randint(3, 14),
        )
        companies.append(
            DemoCompany(
                name=name,
                sector=sector,
                region=region,
                domain=domain,
                booth=booth,
                meeting_tables=rng.choices((1, 2, 3), (50, 35, 15))[0],
                hiring_tags=tags,
                description=description,
                website=f"https://www.{domain}",
                wanted_staff=rng.randint(2, 6),
            )
        )
    return companies


def make_employers(rng: random.Random, *, count: int, area: str, taken: set[str]) -> list[tuple[str, str]]:
    """Other firms that visitors work at today: (name, e-mail domain), none of them exhibiting."""
    sectors = rng.choices(tuple(k for k, _ in SECTOR_SHARES), tuple(w for _, w in SECTOR_SHARES), k=count)
    names = make_company_names(rng, area, sectors, taken)
    tlds = EMPLOYER_TLDS[area]
    return [(name, f"{slug(name)}.{rng.choice(tlds)}") for name in names]
