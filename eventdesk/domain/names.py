"""Splitting a person's name as it arrives from a form or a ticket shop.

Badges and alphabetical lists need a given and a family name, but many exports have a
single "Name" column. Dutch, Flemish, German, French and Scandinavian surnames start with
particles ("Van de Velde", "von Trapp", "'t Hart", "af Klint") that belong to the family
name, and spreadsheet users often write "Family, Given". Names are kept in the case they
were typed: "Van de Velde" (Flemish) and "van de Velde" (Dutch) are both right.
"""

from __future__ import annotations

from dataclasses import dataclass

from eventdesk.domain.text import fold

# Lower-cased particles that open a family name. Multi-word particles ("van der", "von
# und zu") need no entry of their own: the family name starts at the first particle.
PARTICLES = frozenset(
    {
        "van",
        "vd",
        "von",
        "vom",
        "zu",
        "zum",
        "zur",
        "de",
        "den",
        "der",
        "des",
        "del",
        "della",
        "di",
        "da",
        "das",
        "do",
        "dos",
        "du",
        "le",
        "la",
        "les",
        "ter",
        "ten",
        "te",
        "'t",
        "’t",
        "'s",
        "op",
        "in",
        "af",
        "av",
        "d'",
        "l'",
    }
)

# Forms of address that are not part of either name; dropped only from the front.
_TITLES = frozenset(
    {
        "dr",
        "prof",
        "mr",
        "mrs",
        "ms",
        "mx",
        "miss",
        "dhr",
        "mevr",
        "mw",
        "herr",
        "frau",
        "mme",
        "mlle",
        "m",
        "ir",
        "ing",
        "drs",
    }
)


@dataclass(frozen=True)
class PersonName:
    given: str
    family: str

    @property
    def full(self) -> str:
        return " ".join(part for part in (self.given, self.family) if part)


def clean_name_part(text: str | None) -> str:
    """One name part with its whitespace (including line breaks) collapsed."""
    return " ".join((text or "").split())


def _is_particle(word: str) -> bool:
    return word.casefold() in PARTICLES


def _is_title(word: str) -> bool:
    return word.casefold().rstrip(".") in _TITLES


def split_full_name(text: str | None) -> PersonName:
    """Given and family name from one "Name" cell.

    "Van de Velde, Sophie" and "Sophie Van de Velde" both give (Sophie, Van de Velde); a
    single word is a given name (people sign forms with their first name far more often
    than with their surname); without a particle the last word is the family name, so
    middle names stay with the given name ("Anne Sofie Ødegård").
    """
    cleaned = clean_name_part(text)
    if not cleaned:
        return PersonName("", "")
    if "," in cleaned:
        family, _, rest = cleaned.partition(",")
        # "Van de Velde, Sophie, PhD": what follows a second comma is a suffix.
        given = rest.split(",")[0]
        family, given = clean_name_part(family), clean_name_part(given)
        if family and given:
            return PersonName(given, family)
        cleaned = family or given
    words = cleaned.split(" ")
    while len(words) > 1 and _is_title(words[0]):
        words = words[1:]
    if len(words) == 1:
        return PersonName(words[0], "")
    if all(_is_particle(word) for word in words[:-1]):
        # "Van der Berg" alone is a family name, not a person called Van.
        return PersonName("", " ".join(words))
    # The family name starts at the first particle that is neither the first word nor the
    # last one ("La Toya Jackson" keeps "La" as a given name; "Jan de" is no surname).
    for index in range(1, len(words) - 1):
        if _is_particle(words[index]):
            return PersonName(" ".join(words[:index]), " ".join(words[index:]))
    return PersonName(" ".join(words[:-1]), words[-1])


def sort_key(given: str, family: str) -> tuple[str, str]:
    """How lists are ordered: by family name without its particles, as phone books do.

    "van der Berg" sorts under B in the Netherlands; Flemish "Van der Berg" is often under V,
    but a desk looking someone up by the name they say ("Berg") finds them either way
    through search, so one simple rule is kept.
    """
    words = family.split()
    while len(words) > 1 and _is_particle(words[0]):
        words = words[1:]
    return (fold(" ".join(words)), fold(given))


def display_name(given: str, family: str, organisation: str = "") -> str:
    """How a person is named on a screen or a list: their name, else their organisation."""
    name = " ".join(part for part in (given.strip(), family.strip()) if part)
    return name or organisation.strip() or "(no name)"
