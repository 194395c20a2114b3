"""A message kept in a database as its source text and values, rendered when it is read.

The scan log is read at every desk, each in its own language, long after the scan: a
reason stored as the sentence the deciding desk showed would leave a French desk reading
its Danish colleague's words. Stored as JSON (the English source, its plural and context,
the values with what kind of value each is), the row renders in whichever language reads it;
the log's plain `reason` column keeps the English sentence for exports and older readers.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time
from typing import Any

from eventdesk.i18n.catalog import Message
from eventdesk.i18n.values import Count, DayMonth, Fixed


def _value(value: object) -> object:
    # Order matters: datetime is a date, bool is an int.
    if isinstance(value, bool) or value is None or isinstance(value, str | int | float):
        return value
    if isinstance(value, Count):
        return {"count": value.n}
    if isinstance(value, Fixed):
        return {"fixed": value.value, "decimals": value.decimals}
    if isinstance(value, DayMonth):
        return {"day_month": value.day.isoformat()}
    if isinstance(value, datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if isinstance(value, time):
        return {"time": value.isoformat()}
    return str(value)


def _restored(value: Any) -> object:
    if not isinstance(value, dict):
        return value
    if "count" in value:
        return Count(value["count"])
    if "fixed" in value:
        return Fixed(value["fixed"], int(value.get("decimals", 1)))
    if "day_month" in value:
        return DayMonth(date.fromisoformat(value["day_month"]))
    if "datetime" in value:
        return datetime.fromisoformat(value["datetime"])
    if "date" in value:
        return date.fromisoformat(value["date"])
    if "time" in value:
        return time.fromisoformat(value["time"])
    return str(value)


def dump_message(message: Message) -> str:
    data: dict[str, object] = {"text": message.text}
    if message.values:
        data["values"] = {key: _value(value) for key, value in message.values.items()}
    if message.plural is not None and message.n is not None:
        data["plural"], data["n"] = message.plural, message.n
    if message.context is not None:
        data["context"] = message.context
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def load_message(stored: str) -> Message | None:
    """The message `dump_message` wrote, or None for text that is not one (it is then shown as it is)."""
    try:
        data = json.loads(stored)
    except ValueError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        return None
    values = data.get("values") or {}
    return Message(
        data["text"],
        {str(key): _restored(value) for key, value in values.items()} if isinstance(values, dict) else {},
        plural=data.get("plural"),
        n=data.get("n"),
        context=data.get("context"),
    )


def shown(text: str, stored: str | None, language: str | None = None) -> str:
    """What a reader sees: the stored message in their language, else the row's text as written
    (rows from before messages were stored, and reasons a volunteer typed)."""
    message = load_message(stored) if stored else None
    return message.render(language) if message is not None else text
