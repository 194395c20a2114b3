"""The core's translations: plural forms per language, named placeholders, a message in two languages."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from eventdesk.i18n import (
    Message,
    current_language,
    gettext,
    message,
    ngettext,
    normalise_language,
    pgettext,
    resolve_language,
    set_language,
    using_language,
)
from eventdesk.i18n.formats import first_weekday, format_date, format_time, format_weekday_date
from eventdesk.i18n.values import Count, DayMonth

SCHEDULE = ("{n} meeting", "{n} meetings")


@pytest.mark.parametrize(
    ("language", "counts"),
    [
        # French uses the singular for 0 and 1; the others only for 1.
        ("fr", {0: "0 entretien", 1: "1 entretien", 2: "2 entretiens"}),
        ("nl", {0: "0 gesprekken", 1: "1 gesprek", 2: "2 gesprekken"}),
        ("de", {0: "0 Gespräche", 1: "1 Gespräch", 2: "2 Gespräche"}),
        ("da", {0: "0 samtaler", 1: "1 samtale", 2: "2 samtaler"}),
        ("sv", {0: "0 samtal", 1: "1 samtal", 2: "2 samtal"}),
        ("en", {0: "0 meetings", 1: "1 meeting", 2: "2 meetings"}),
    ],
)
def test_plural_forms_follow_each_language(language: str, counts: dict[int, str]) -> None:
    with using_language(language):
        assert {n: ngettext(*SCHEDULE, n) for n in counts} == counts


def test_counts_are_grouped_as_the_language_groups_thousands() -> None:
    with using_language("de"):
        assert ngettext(*SCHEDULE, 12345) == "12.345 Gespräche"
    with using_language("fr"):
        assert ngettext(*SCHEDULE, 12345) == "12\u202f345 entretiens"
    assert gettext("There is no attendee #{id} in this event.", id=12345).endswith("#12345 in this event.")


def test_placeholders_are_filled_after_translation_and_may_move() -> None:
    with using_language("de"):
        text = gettext("Already checked in at {time} at desk “{desk}”.", time=time(9, 5), desk="Tür B")
    assert text == "Bereits eingelassen um 09:05 am Schalter „Tür B“."


def test_context_tells_apart_one_english_word() -> None:
    with using_language("fr"):
        assert pgettext("import outcome", "created") == "créé"
        assert pgettext("ticket type", "Visitor") == "Visiteur"


def test_one_message_in_two_languages_and_its_source_for_the_log() -> None:
    why = message(
        "This badge was replaced by a reprint on {day} at {time}; ask for the new badge.",
        day=DayMonth(date(2026, 12, 7)),
        time=time(14, 5),
    )
    assert why.render("da") == (
        "Dette badge blev erstattet af en genudskrivning den 7. dec. kl. 14:05; spørg efter det nye badge."
    )
    assert why.render("fr").startswith("Ce badge a été remplacé par une réimpression le 7 déc. à 14:05")
    assert why.source().startswith("This badge was replaced by a reprint on 7 Dec at 14:05")
    assert Message("{n} meeting", plural="{n} meetings", n=1).render("fr") == "1 entretien"


def test_a_language_holds_only_inside_its_block() -> None:
    before = current_language()
    with using_language("sv"):
        assert current_language() == "sv"
        with using_language(None):
            assert current_language() == "sv"
    assert current_language() == before


def test_names_and_codes_people_write_for_a_language() -> None:
    for written, code in [
        ("fr_BE.UTF-8", "fr"),
        ("nl-BE", "nl"),
        ("Dansk", "da"),
        ("Néerlandais", "nl"),
        ("Sprache: ", None),
        ("Svenska", "sv"),
        ("Deutsch", "de"),
        ("", None),
        ("klingon", None),
    ]:
        assert normalise_language(written) == code, written


def test_the_run_language_comes_from_flag_then_environment_then_setting_then_system(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LANGUAGE", "")
    monkeypatch.setenv("LC_ALL", "")
    monkeypatch.setenv("LC_MESSAGES", "")
    monkeypatch.setenv("LANG", "sv_SE.UTF-8")
    monkeypatch.delenv("EVENTDESK_LANG", raising=False)
    assert resolve_language() == "sv"
    assert resolve_language(preferred="de") == "de"
    monkeypatch.setenv("EVENTDESK_LANG", "nl")
    assert resolve_language(preferred="de") == "nl"
    assert resolve_language("fr", preferred="de") == "fr"


def test_dates_as_each_language_writes_them() -> None:
    day = date(2026, 12, 7)
    assert format_date(day, "nl") == "7 december 2026"
    assert format_date(day, "fr") == "7 décembre 2026"
    assert format_date(day, "da") == "7. december 2026"
    assert format_date(day, "de") == "7. Dezember 2026"
    assert format_date(day, "en") == "7 December 2026"
    assert format_weekday_date(day, "sv") == "måndag 7 december 2026"
    assert format_time(datetime(2026, 12, 7, 14, 5), "en") == "14:05"
    assert {first_weekday(code) for code in ("en", "nl", "fr", "de", "da", "sv")} == {0}  # Monday
    assert str(Count(1500)) == "Count(n=1500)"


def test_the_default_language_is_settable_for_the_process() -> None:
    try:
        assert set_language("Français") == "fr"
        assert gettext("Welcome.") == "Bienvenue."
    finally:
        set_language("en")
    assert gettext("Welcome.") == "Welcome."
