"""Where a person's consent to share their details with exhibitors came from, in words.

GDPR Art. 7(1): the organiser must be able to show that a person consented. The stored
origin is short and machine-made ("import:FILE:COLUMN", "walk-in:DESK", "edit"); the
attendee dialog and the person's own export show it as a sentence.
"""

from __future__ import annotations


def describe_consent_origin(origin: str) -> str:
    """'import:attendees.csv:Share with exhibitors' → a sentence a person understands."""
    kind, _, rest = origin.partition(":")
    if kind == "import":
        file_name, _, column = rest.partition(":")
        where = f"column “{column}” of " if column else ""
        return f"imported from {where}{file_name}"
    if kind == "walk-in":
        return f"given at the walk-in registration at desk “{rest}”"
    if kind == "edit":
        return f"set by hand by the organiser{f' at {rest}' if rest else ''}"
    if kind == "kiosk":
        return f"given at the self-service kiosk “{rest}”"
    return origin or "not recorded (registered before eventdesk kept it)"
