from __future__ import annotations

import pytest

from eventdesk.domain.names import PersonName, sort_key, split_full_name


@pytest.mark.parametrize(
    ("typed", "given", "family"),
    [
        ("Van de Velde, Sophie", "Sophie", "Van de Velde"),
        ("Sophie Van de Velde", "Sophie", "Van de Velde"),
        ("  Sophie   Van de  Velde ", "Sophie", "Van de Velde"),
        ("Jan de Vries", "Jan", "de Vries"),
        ("Kees 't Hart", "Kees", "'t Hart"),
        ("Ursula von der Leyen", "Ursula", "von der Leyen"),
        ("Maria dos Santos", "Maria", "dos Santos"),
        ("Lars af Klint", "Lars", "af Klint"),
        ("Anne Sofie Ødegård", "Anne Sofie", "Ødegård"),
        ("Jürgen Müller", "Jürgen", "Müller"),
        ("La Toya Jackson", "La Toya", "Jackson"),
        ("Madonna", "Madonna", ""),
        ("Dr. Jürgen Müller", "Jürgen", "Müller"),
        ("Van der Berg", "", "Van der Berg"),
        ("Müller, Jürgen, PhD", "Jürgen", "Müller"),
        ("Dupré,", "Dupré", ""),
        ("", "", ""),
    ],
)
def test_names_are_split_as_a_person_would(typed: str, given: str, family: str) -> None:
    assert split_full_name(typed) == PersonName(given, family)


def test_line_breaks_inside_a_name_cell_are_spaces() -> None:
    assert split_full_name("Sophie\nVan de Velde") == PersonName("Sophie", "Van de Velde")


def test_lists_sort_by_family_name_without_particles_and_accents() -> None:
    people = [("Jan", "van der Berg"), ("Lars", "Ødegård"), ("Anna", "Andersen"), ("Piet", "Zwart")]
    ordered = sorted(people, key=lambda p: sort_key(*p))
    assert ordered == [("Anna", "Andersen"), ("Jan", "van der Berg"), ("Lars", "Ødegård"), ("Piet", "Zwart")]
