"""What a person can change about badges, as one value the settings file can hold.

`BadgeOptions` travels as a plain dict (settings.BADGE_OPTIONS); reading it back forgives
missing or malformed entries — an old or hand-edited settings file must never stop printing.
Sizes of 0 mean "automatic for the badge size", so one set of options suits a CR80 card and
an A6 badge alike.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from eventdesk.domain.enums import TicketType
from eventdesk.exports.badges.layouts import DEFAULT_LAYOUT

# Distinct in hue *and* lightness, so that a greyscale printer still tells them apart.
DEFAULT_BAND_COLOURS = {
    TicketType.VISITOR.value: "#1565C0",
    TicketType.EXHIBITOR.value: "#2E7D32",
    TicketType.SPEAKER.value: "#6A1B9A",
    TicketType.ORGANISER.value: "#C62828",
    TicketType.PRESS.value: "#F9A825",
}
FALLBACK_BAND_COLOUR = "#546E7A"
_HEX = re.compile(r"#[0-9A-Fa-f]{6}")


@dataclass(frozen=True)
class BadgeOptions:
    layout: str = DEFAULT_LAYOUT
    show_event_name: bool = True
    show_logo: bool = True
    show_family_name: bool = True
    show_organisation: bool = True
    show_role_band: bool = True
    crop_marks: bool | None = None  # None: the layout's own default
    given_name_pt: float = 0.0
    family_name_pt: float = 0.0
    organisation_pt: float = 0.0
    event_name_pt: float = 0.0
    min_name_pt: float = 0.0  # the floor a long name shrinks to before it wraps
    text_colour: str = "#111111"
    band_colours: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_BAND_COLOURS))
    logo_path: str = ""  # empty: the event's own logo, if it has one

    def band_colour(self, ticket_type: str) -> str:
        return self.band_colours.get(ticket_type) or DEFAULT_BAND_COLOURS.get(
            ticket_type, FALLBACK_BAND_COLOUR
        )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> BadgeOptions:
        defaults = cls()
        values: dict[str, Any] = {}
        for spec in fields(cls):
            default = getattr(defaults, spec.name)
            value = (data or {}).get(spec.name, default)
            values[spec.name] = _coerce(spec.name, value, default)
        return cls(**values)


def _coerce(name: str, value: Any, default: Any) -> Any:
    if name == "crop_marks":
        return value if value is None or isinstance(value, bool) else default
    if isinstance(default, bool):
        return value if isinstance(value, bool) else default
    if isinstance(default, float):
        return float(value) if isinstance(value, int | float) and 0 <= value <= 400 else default
    if name == "band_colours":
        if not isinstance(value, dict):
            return default
        valid = {str(k): v for k, v in value.items() if isinstance(v, str) and _HEX.fullmatch(v)}
        return valid or default
    if name == "text_colour":
        return value if isinstance(value, str) and _HEX.fullmatch(value) else default
    return value if isinstance(value, str) else default
