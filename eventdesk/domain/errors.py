"""Errors a user is expected to meet, each carrying one sentence that says what and where.

The CLI prints `str(error)` without a traceback and exits non-zero; dialogs show the same text.
Anything that is *not* an `EventdeskError` is a bug and keeps its traceback.
"""

from __future__ import annotations


class EventdeskError(Exception):
    """An expected failure with a message fit to show to a person."""

    exit_code = 2


class EventFileError(EventdeskError):
    """The event document cannot be opened or written: missing, damaged, newer, not an event."""


class ValidationError(EventdeskError):
    """Input that breaks a rule of the domain (a date range, an empty name, …)."""


class Cancelled(EventdeskError):
    """The person pressed Cancel; whatever was under way has been rolled back."""

    exit_code = 130

    def __init__(self, message: str = "Cancelled; nothing was changed.") -> None:
        super().__init__(message)
