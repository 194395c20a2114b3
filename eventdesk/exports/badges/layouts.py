"""Badge layouts: the card, label and sheet sizes people really print on.

The presets are data (`resources/badge_layouts/presets.json`) so that a new label stock is
one JSON entry, not code. A layout places one or more badge *slots* on a page; the badge
content itself does not know whether it lands on a card printer or on an A4 sheet.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from reportlab.lib.units import mm

from eventdesk.exports.badges.errors import BadgeError
from eventdesk.i18n import gettext
from eventdesk.paths import resource

# Crop marks need room outside the badges; a sheet filled edge to edge is cut along the page.
CROP_MARK_MIN_MARGIN_MM = 3.0


@dataclass(frozen=True)
class Slot:
    """Where one badge goes on its page: lower-left corner in points, and whether it is upside down."""

    x: float
    y: float
    upside_down: bool = False


@dataclass(frozen=True)
class BadgeLayout:
    name: str
    title: str
    badge_mm: tuple[float, float]
    page_mm: tuple[float, float]
    columns: int = 1
    rows: int = 1
    gap_mm: tuple[float, float] = (0.0, 0.0)
    fold_over: bool = False
    crop_marks: bool = False

    @property
    def width(self) -> float:
        return self.badge_mm[0] * mm

    @property
    def height(self) -> float:
        return self.badge_mm[1] * mm

    @property
    def page_size(self) -> tuple[float, float]:
        return (self.page_mm[0] * mm, self.page_mm[1] * mm)

    @property
    def badges_per_page(self) -> int:
        """Different badges on one page: a fold-over page holds one badge twice."""
        return 1 if self.fold_over else self.columns * self.rows

    @property
    def is_sheet(self) -> bool:
        return self.page_mm != self.badge_mm

    def _grid_origin(self) -> tuple[float, float]:
        grid_w = self.columns * self.badge_mm[0] + (self.columns - 1) * self.gap_mm[0]
        grid_h = self.rows * self.badge_mm[1] + (self.rows - 1) * self.gap_mm[1]
        return ((self.page_mm[0] - grid_w) / 2, (self.page_mm[1] - grid_h) / 2)

    def slots(self) -> list[Slot]:
        """Slots in reading order (left to right, top to bottom), in page points."""
        left, bottom = self._grid_origin()
        found = []
        for row in range(self.rows):
            for col in range(self.columns):
                x = left + col * (self.badge_mm[0] + self.gap_mm[0])
                y = bottom + (self.rows - 1 - row) * (self.badge_mm[1] + self.gap_mm[1])
                # Folded over along the middle, the upper half is the back: printed upside
                # down, it reads the right way up when the badge hangs from the fold.
                found.append(Slot(x * mm, y * mm, upside_down=self.fold_over and row == 0))
        return found

    def crop_marks_fit(self) -> bool:
        left, bottom = self._grid_origin()
        return min(left, bottom) >= CROP_MARK_MIN_MARGIN_MM

    def display_title(self) -> str:
        """The title in the current language (the presets' titles are in the catalogue)."""
        return gettext(self.title)

    def describe(self) -> str:
        """Size and paper in the current language ("105 × 148 mm, one per page")."""
        w, h = self.badge_mm
        size = f"{w:g} × {h:g} mm"
        page = f"{self.page_mm[0]:g} × {self.page_mm[1]:g} mm"
        if self.fold_over:
            return gettext("{size}, folded from {page}", size=size, page=page)
        if self.is_sheet:
            return gettext(
                "{count} × {size} on a {page} page", count=self.columns * self.rows, size=size, page=page
            )
        return gettext("{size}, one per page", size=size)


def _from_json(entry: dict) -> BadgeLayout:
    badge = tuple(float(v) for v in entry["badge_mm"])
    page = tuple(float(v) for v in entry.get("page_mm", badge))
    gap = tuple(float(v) for v in entry.get("gap_mm", (0, 0)))
    return BadgeLayout(
        name=str(entry["name"]),
        title=str(entry["title"]),
        badge_mm=(badge[0], badge[1]),
        page_mm=(page[0], page[1]),
        columns=int(entry.get("columns", 1)),
        rows=int(entry.get("rows", 1)),
        gap_mm=(gap[0], gap[1]),
        fold_over=bool(entry.get("fold_over", False)),
        crop_marks=bool(entry.get("crop_marks", False)),
    )


@cache
def all_layouts() -> dict[str, BadgeLayout]:
    data = json.loads(resource("badge_layouts", "presets.json").read_text("utf-8"))
    return {layout.name: layout for layout in map(_from_json, data["layouts"])}


DEFAULT_LAYOUT = "a6-portrait"


def get_layout(name: str) -> BadgeLayout:
    try:
        return all_layouts()[name]
    except KeyError:
        known = ", ".join(all_layouts())
        raise BadgeError(f"Unknown badge layout '{name}'; choose one of: {known}.") from None


def layout_listing() -> str:
    """The text of `eventdesk badges --list-layouts`: name, what it is, and its size."""
    layouts = list(all_layouts().values())
    width = max(len(layout.name) for layout in layouts)
    return "\n".join(f"{layout.name:<{width}}  {layout.title} — {layout.describe()}" for layout in layouts)
