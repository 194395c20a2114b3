"""Layout geometry: every preset keeps its QR scannable and its parts apart."""

from __future__ import annotations

import itertools

import pytest
import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.lib.units import mm

from eventdesk.domain.signing import new_key_pair
from eventdesk.domain.tokens import encode_token
from eventdesk.exports.badges.layouts import all_layouts, get_layout, layout_listing
from eventdesk.exports.badges.options import BadgeOptions
from eventdesk.exports.badges.qr import MAX_VERSION, qr_modules, qr_version
from eventdesk.exports.badges.render import Box, badge_geometry

LAYOUTS = list(all_layouts())
KEYS = new_key_pair()
# The longest token an event of up to 1.6 million attendees and 35 reprints each produces.
LONGEST = encode_token(event_code="7KQ2XM", serial=36**4 - 1, version=35, private_key=KEYS.private_raw)


def overlaps(a: Box, b: Box) -> bool:
    return a.x < b.x + b.w and b.x < a.x + a.w and a.y < b.y + b.h and b.y < a.y + a.h


def test_the_presets_the_issue_asks_for_are_there():
    sizes = {layout.badge_mm for layout in all_layouts().values()}
    for size in [
        (105, 148),
        (148, 105),
        (74, 105),
        (85.6, 54),
        (101.6, 76.2),
        (62, 100),
        (54, 90),
        (82, 101.5),
    ]:
        assert size in sizes, size
    sheets = {(s.page_mm, s.columns * s.rows, s.badge_mm) for s in all_layouts().values() if s.is_sheet}
    assert ((210, 297), 4, (105, 148)) in sheets
    assert ((210, 297), 8, (105, 74)) in sheets
    assert ((210, 297), 10, (90, 54)) in sheets
    assert ((210, 297), 8, (90, 60)) in sheets
    assert any(page == (215.9, 279.4) for page, _, _ in sheets)
    fold = get_layout("fold-over-82x203")
    assert fold.page_mm == (82, 203) and fold.badges_per_page == 1
    assert [slot.upside_down for slot in fold.slots()] == [True, False]


def test_the_layout_listing_names_every_layout_with_its_size():
    listing = layout_listing()
    for name in all_layouts():
        assert name in listing
    assert "85.6 × 54 mm, one per page" in listing
    assert "10 × 90 × 54 mm on a 210 × 297 mm page" in listing


def test_tokens_stay_within_qr_version_8_even_for_huge_events():
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M)
    code.add_data(LONGEST)
    code.make(fit=True)
    assert code.version == qr_version(len(LONGEST)) <= MAX_VERSION
    assert len(qr_modules(LONGEST)) == 17 + 4 * code.version


@pytest.mark.parametrize("name", LAYOUTS)
@pytest.mark.parametrize("fields", ["all", "bare"])
def test_modules_are_at_least_half_a_millimetre_and_parts_do_not_collide(name, fields):
    layout = get_layout(name)
    options = BadgeOptions(layout=name)
    if fields == "bare":
        options = BadgeOptions(layout=name, show_event_name=False, show_logo=False, show_role_band=False)
    g = badge_geometry(layout, options)
    # Even the largest symbol the format allows keeps 0.5 mm modules; real tokens do better.
    assert g.module_size(MAX_VERSION) >= 0.5 * mm
    assert g.module_size(qr_version(len(LONGEST))) >= 0.64 * mm
    parts = [b for b in (g.header, g.band, g.qr, g.text) if b is not None]
    for part in parts:
        assert part.x >= g.margin - 0.01 and part.x + part.w <= g.width - g.margin + 0.01
        assert part.y >= g.margin - 0.01 and part.top <= g.height - g.margin + 0.01
        assert part.w > 0 and part.h > 0
    for a, b in itertools.combinations(parts, 2):
        assert not overlaps(a, b), (a, b)


@pytest.mark.parametrize("name", LAYOUTS)
def test_badges_of_a_sheet_lie_on_the_page_without_overlapping(name):
    layout = get_layout(name)
    page_w, page_h = layout.page_size
    boxes = [Box(s.x, s.y, layout.width, layout.height) for s in layout.slots()]
    for box in boxes:
        assert box.x >= -0.01 and box.x + box.w <= page_w + 0.01
        assert box.y >= -0.01 and box.top <= page_h + 0.01
    for a, b in itertools.combinations(boxes, 2):
        shrunk = Box(a.x + 0.01, a.y + 0.01, a.w - 0.02, a.h - 0.02)
        assert not overlaps(shrunk, b)
