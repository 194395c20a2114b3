"""The shared vocabulary of interests, hiring tags, fields and sectors."""

from __future__ import annotations

import re

import pytest

from eventdesk.domain.taxonomy import (
    FIELDS_OF_WORK,
    HIRING_TAGS,
    INTEREST_TAGS,
    SECTORS,
    TAGS_BY_KEY,
    sector_label,
    tag_from_text,
    tag_label,
)


def test_keys_are_unique_stable_ascii_slugs() -> None:
    keys = [tag.key for tag in INTEREST_TAGS]
    assert len(keys) == len(set(keys))
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", key) for key in keys)
    assert len({tag.label for tag in INTEREST_TAGS}) == len(keys)


def test_the_domain_areas_people_ask_about_are_covered() -> None:
    labels = {tag.label for tag in INTEREST_TAGS}
    for wanted in (
        "Bioinformatics",
        "AI and data science",
        "Regulatory affairs",
        "Clinical operations",
        "QA/QC",
        "Bioprocess and biomanufacturing",
        "Cell and gene therapy (ATMP)",
        "Personalised medicine",
        "Digital health",
        "Medical affairs",
        "Business development",
        "Sustainability in biomedicine",
    ):
        assert wanted in labels


def test_companies_hire_from_the_list_attendees_pick_from() -> None:
    assert HIRING_TAGS is INTEREST_TAGS
    for field in FIELDS_OF_WORK:
        assert set(field.related) <= set(TAGS_BY_KEY), field.label
    for sector in SECTORS:
        assert set(sector.typical_tags) <= set(TAGS_BY_KEY), sector.key
    assert {s.key for s in SECTORS} >= {"pharma", "biotech", "cro", "cdmo", "regulator", "consultancy"}


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("Regulatory Affairs", "regulatory-affairs"),
        ("QA / QC", "qa-qc"),
        ("cell & gene therapy", "atmp"),
        ("ATMP", "atmp"),
        ("Personalized medicine", "personalised-medicine"),
        ("machine learning", "ai-data-science"),
        ("bioprocess-and-biomanufacturing", "bioprocess"),
        ("Underwater basket weaving", None),
    ],
)
def test_typed_or_imported_labels_find_their_tag(typed: str, key: str | None) -> None:
    assert tag_from_text(typed) == key


def test_unknown_stored_values_are_shown_as_stored() -> None:
    assert tag_label("atmp") == "Cell and gene therapy (ATMP)"
    assert tag_label("from-a-newer-version") == "from-a-newer-version"
    assert sector_label("cdmo") == "CDMO"
    assert sector_label("space") == "space"
