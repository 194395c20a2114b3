"""Long names fit: shrink to a floor, then two lines, never clipped; options survive settings."""

from __future__ import annotations

import pytest

from eventdesk.exports.badges.layouts import all_layouts, get_layout
from eventdesk.exports.badges.options import DEFAULT_BAND_COLOURS, BadgeOptions
from eventdesk.exports.badges.render import BadgeData, BadgeNotes, BadgeRenderer, fit_text
from eventdesk.exports.fonts import bold, regular

LONG_PEOPLE = [
    BadgeData(
        1,
        1,
        "Maximiliane-Konstanze",
        "von Wolfeschlegelsteinhausen-Bergerdorff",
        "Boehringer Ingelheim",
        "visitor",
    ),
    BadgeData(2, 1, "Wolfeschlegelsteinhausenbergerdorffvoralternwarengewissenhaft", "Sr.", "X", "visitor"),
    BadgeData(
        3, 1, "Nguyễn Thị Minh Khai Hoàng", "Trần Phạm", "Đại học Quốc gia Thành phố Hồ Chí Minh", "speaker"
    ),
    BadgeData(
        4, 1, "Αλεξάνδρα-Παναγιώτα", "Παπαδοπούλου-Καραγιάννη", "Εθνικό Καποδιστριακό Πανεπιστήμιο", "press"
    ),
    BadgeData(5, 1, "Jo", "Li", "", "visitor"),
]


def test_a_slightly_long_name_shrinks_on_one_line():
    width = regular().set("Bartholomew").width(20) * 0.9
    fitted = fit_text("Bartholomew", regular(), preferred=20, floor=12, width=width)
    assert len(fitted.lines) == 1
    assert 12 <= fitted.size < 20


def test_a_name_too_long_for_the_floor_wraps_onto_two_lines_at_a_break():
    text = "Maximiliane-Konstanze Alexandrina"
    width = regular().set(text).width(20) * 0.45
    fitted = fit_text(text, bold(), preferred=20, floor=14, width=width)
    assert len(fitted.lines) == 2
    assert ["".join(chunk for _, chunk in line.runs) for line in fitted.lines] == [
        "Maximiliane-Konstanze",
        "Alexandrina",
    ]
    assert all(line.width(fitted.size) <= width + 0.01 for line in fitted.lines)


@pytest.mark.parametrize("name", list(all_layouts()))
def test_no_name_is_ever_wider_or_taller_than_its_box(name):
    renderer = BadgeRenderer(
        layout=get_layout(name), options=BadgeOptions(layout=name), event_name="E", logo=None
    )
    box = renderer.geometry.text
    for person in LONG_PEOPLE:
        parts = renderer.text_parts(person, BadgeNotes(person.attendee_id))
        for part in parts:
            for line in part.lines:
                assert line.width(part.size) <= box.w + 0.01, (name, person.given_name)
        assert sum(part.height for part in parts) <= box.h + 0.01
        # Every character of the name is printed (split across lines at most, never dropped).
        printed = "".join(chunk for part in parts for line in part.lines for _, chunk in line.runs)
        assert (
            printed.replace("-", "")
            .replace(" ", "")
            .startswith(person.given_name.replace("-", "").replace(" ", ""))
        )


def test_options_round_trip_through_a_settings_dict_and_forgive_junk():
    options = BadgeOptions(
        layout="cr80", show_logo=False, given_name_pt=30, band_colours={"press": "#000000"}
    )
    assert BadgeOptions.from_dict(options.to_dict()) == options
    junk = {"layout": 7, "show_logo": "yes", "given_name_pt": -3, "band_colours": {"press": "red"}, "zzz": 1}
    restored = BadgeOptions.from_dict(junk)
    assert restored == BadgeOptions()
    assert restored.band_colour("press") == DEFAULT_BAND_COLOURS["press"]
    assert BadgeOptions.from_dict(None) == BadgeOptions()
