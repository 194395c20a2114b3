"""The app's own vocabulary (interest tags, degrees) reads in the reader's language and is
recognised in it on import; what people typed stays as they typed it."""

from __future__ import annotations

from eventdesk.domain.enums import Degree, degree_label
from eventdesk.domain.taxonomy import tag_from_text, tag_label
from eventdesk.i18n import using_language


def test_interest_tags_are_shown_in_the_language_and_stored_by_key() -> None:
    with using_language("de"):
        assert tag_label("regulatory-affairs") == "Zulassungswesen"
        assert tag_label("atmp") == "Zell- und Gentherapie (ATMP)"
    with using_language("da"):
        assert tag_label("pharmacovigilance") == "Lægemiddelovervågning"
    assert tag_label("regulatory-affairs") == "Regulatory affairs"
    assert tag_label("a-tag-from-a-newer-version") == "a-tag-from-a-newer-version"


def test_a_list_in_french_or_swedish_names_the_tags_in_its_own_words() -> None:
    assert tag_from_text("Affaires réglementaires") == "regulatory-affairs"
    assert tag_from_text("Hälsoekonomi och marknadstillträde") == "health-economics"
    assert tag_from_text("Bio-informatica") == "bioinformatics"


def test_degrees_keep_their_titles_and_translate_the_word() -> None:
    with using_language("fr"):
        assert degree_label(Degree.OTHER.value) == "Autre"
        assert degree_label("PhD") == "PhD"
        assert degree_label("Licence") == "Licence", "a degree this version does not know stays as stored"
