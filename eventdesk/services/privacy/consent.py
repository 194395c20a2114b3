"""Where a person's consent to share their details with exhibitors came from, in words.

GDPR Art. 7(1): the organiser must be able to show that a person consented. The stored
origin is short and machine-made ("import:FILE:COLUMN", "walk-in:DESK", "edit"); the
attendee dialog and the person's own export show it as a sentence.
"""

from __future__ import annotations

from eventdesk.i18n import _


def describe_consent_origin(origin: str) -> str:
    """'import:attendees.csv:Share with exhibitors' → a sentence a person understands."""
    kind, _sep, rest = origin.partition(":")
    if kind == "import":
        file_name, _sep, column = rest.partition(":")
        if column:
            return _("imported from column “{column}” of {file}", column=column, file=file_name)
        return _("imported from {file}", file=file_name)
    if kind == "walk-in":
        return _("given at the walk-in registration at desk “{desk}”", desk=rest)
    if kind == "edit":
        return (
            _("set by hand by the organiser at {where}", where=rest)
            if rest
            else _("set by hand by the organiser")
        )
    if kind == "kiosk":
        return _("given at the self-service kiosk “{kiosk}”", kiosk=rest)
    return origin or _("not recorded (registered before eventdesk kept it)")
