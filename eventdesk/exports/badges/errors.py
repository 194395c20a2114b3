"""The one error kind badge output raises, so the UI and CLI can show its sentence as is."""

from __future__ import annotations

from eventdesk.domain.errors import EventdeskError


class BadgeError(EventdeskError):
    """A badge cannot be made: unknown layout, unusable logo, output that cannot be written."""
