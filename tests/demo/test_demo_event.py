"""Planning a demo fair in memory: names, numbers and shares, before anything is stored."""

from __future__ import annotations

import random
from collections import Counter

import phonenumbers
import pytest

from eventdesk.demo.event import plan_demo, role_counts, staff_counts
from eventdesk.demo.people import (
    CULTURES,
    REGIONS,
    SHOWCASE,
    AddressBook,
    PersonName,
    Weighted,
    make_name,
)
from eventdesk.domain.errors import Cancelled
from eventdesk.domain.progress import Progress


def test_plans_of_one_seed_are_equal_and_other_seeds_differ() -> None:
    first = plan_demo(attendees=500, companies=15, seed=9)
    again = plan_demo(attendees=500, companies=15, seed=9)
    other = plan_demo(attendees=500, companies=15, seed=10)
    assert first == again
    assert [a.email for a in first.attendees] != [a.email for a in other.attendees]


def test_showcase_names_are_in_every_fair_of_a_few_dozen_people() -> None:
    plan = plan_demo(attendees=60, companies=3, seed=1)
    names = {(a.name.given, a.name.family) for a in plan.attendees}
    assert {(n.given, n.family) for n in SHOWCASE} <= names


@pytest.mark.parametrize("region", sorted(REGIONS))
def test_every_region_dials_valid_mobile_numbers(region: str) -> None:
    rng = random.Random(region)
    spec = REGIONS[region]
    for prefix, digits in spec.mobile:
        for _ in range(50):
            number = phonenumbers.parse(
                f"+{spec.calling_code}{prefix}{rng.randrange(10 ** (digits - 1), 10**digits)}"
            )
            assert phonenumbers.is_valid_number(number)
            assert phonenumbers.region_code_for_number(number) == spec.country


def test_gendered_family_names_follow_the_person() -> None:
    rng = random.Random(3)
    polish = [make_name(rng, CULTURES["PL"]) for _ in range(400)]
    assert any(p.female and p.family.endswith("ska") for p in polish)
    assert not any(p.female and p.family.endswith("ski") for p in polish)
    assert not any(not p.female and p.family.endswith("ska") for p in polish)
    greek = [make_name(rng, CULTURES["GR"]) for _ in range(400)]
    assert not any(not p.female and p.family_latin.endswith("poulou") for p in greek)


def test_names_in_other_scripts_carry_a_latin_spelling_for_mail() -> None:
    rng = random.Random(8)
    for culture in ("GR", "UA"):
        people = [make_name(rng, CULTURES[culture]) for _ in range(300)]
        native = [p for p in people if p.given != p.given_latin]
        assert native and len(native) < len(people)
        assert all(p.given_latin.isascii() and p.family_latin.isascii() for p in people)


def test_addresses_are_unique_ascii_and_made_from_the_name() -> None:
    book = AddressBook()
    rng = random.Random(1)
    name = PersonName("Kjersti", "Ødegård", "Kjersti", "Ødegård", "NO", True)
    addresses = [book.personal(rng, name, "uio.no", formal=True) for _ in range(5)]
    assert addresses[0] == "kjersti.odegard@uio.no"
    assert len(set(addresses)) == 5
    long = PersonName(*(["Maria-Magdalena Alexandrina", "van Oldenbarnevelt-Wittelsbach"] * 2), "NL", True)
    address = book.personal(rng, long, "gmail.com", formal=True)
    assert address == "maria-magdalena.vanoldenbarnevelt-wittelsbach@gmail.com"
    assert address.isascii()


def test_staff_are_shared_out_fairly_when_there_are_few_attendees() -> None:
    assert staff_counts([3, 5, 2], budget=100) == [3, 5, 2]
    assert staff_counts([3, 5, 2], budget=6) == [2, 2, 2]
    assert staff_counts([3, 5, 2], budget=2) == [1, 1, 0]
    assert staff_counts([4, 4], budget=0) == [0, 0]


def test_every_ticket_type_once_twenty_people_are_not_staff() -> None:
    small = role_counts(30, staff=10)
    assert len(small) == 5 and all(small.values())
    assert sum(role_counts(50_000, staff=160).values()) == 50_000
    assert role_counts(10, staff=2) == {"visitor": 8, "exhibitor": 2}


def test_weighted_choices_follow_their_weights() -> None:
    pick = Weighted((("a", 70), ("b", 25), ("c", 5)))
    rng = random.Random(0)
    counts = Counter(pick.pick(rng) for _ in range(20_000))
    assert 0.67 < counts["a"] / 20_000 < 0.73
    assert 0.03 < counts["c"] / 20_000 < 0.07


def test_planning_can_be_cancelled_between_batches() -> None:
    reports: list[int] = []
    progress = Progress(
        lambda done, total, message: reports.append(done), is_cancelled=lambda: len(reports) > 2
    )
    with pytest.raises(Cancelled):
        plan_demo(attendees=20_000, companies=5, seed=1, progress=progress)
    assert len(reports) == 3
