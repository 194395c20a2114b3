"""What an event is before it is stored: the rules a new event must satisfy."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from eventdesk.domain.errors import ValidationError
from eventdesk.i18n import DEFAULT_LANGUAGE, gettext, normalise_language

DEFAULT_TIMEZONE = "Europe/Amsterdam"


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError(
            gettext("Unknown time zone '{name}'; use a name such as Europe/Amsterdam.", name=name)
        ) from exc


def timezone_names() -> list[str]:
    """Region/City names only: abbreviations like CET are ambiguous about summer time."""
    return sorted(n for n in available_timezones() if "/" in n and not n.startswith(("Etc/", "SystemV/")))


@dataclass(frozen=True)
class EventDraft:
    """A new event as the person typed it; times are local wall-clock times in `timezone`."""

    name: str
    venue: str
    starts_local: datetime
    ends_local: datetime
    timezone: str = DEFAULT_TIMEZONE
    language: str = DEFAULT_LANGUAGE
    """What badges and schedules print in for someone without a language of their own."""

    def validated(self) -> EventDraft:
        name = self.name.strip()
        if not name:
            raise ValidationError(gettext("The event needs a name."))
        if len(name) > 200:
            raise ValidationError(gettext("The event name is longer than 200 characters."))
        zone(self.timezone)
        if self.ends_local <= self.starts_local:
            raise ValidationError(
                gettext(
                    "The event ends ({ends}) before it starts ({starts}).",
                    ends=f"{self.ends_local:%Y-%m-%d %H:%M}",
                    starts=f"{self.starts_local:%Y-%m-%d %H:%M}",
                )
            )
        return EventDraft(
            name,
            self.venue.strip(),
            self.starts_local,
            self.ends_local,
            self.timezone,
            normalise_language(self.language) or DEFAULT_LANGUAGE,
        )

    @property
    def starts_utc(self) -> datetime:
        return to_utc(self.starts_local, self.timezone)

    @property
    def ends_utc(self) -> datetime:
        return to_utc(self.ends_local, self.timezone)


def to_utc(local: datetime, timezone: str) -> datetime:
    """Aware UTC; a naive `local` is read as wall-clock time in `timezone`."""
    aware = local if local.tzinfo else local.replace(tzinfo=zone(timezone))
    return aware.astimezone(UTC)


def to_local(moment: datetime, timezone: str) -> datetime:
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(zone(timezone))


def utc_now() -> datetime:
    return datetime.now(UTC)
