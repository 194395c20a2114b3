"""Meeting slots from a setup: first start, meeting length, gap, and breaks to skip.

A slot that would run into a break starts when the break ends instead, so lunch never cuts
a meeting in half and the printed schedule shows the break where it really is.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from itertools import pairwise

from eventdesk.domain.errors import ValidationError
from eventdesk.domain.matchmaking.model import Break, Slot

MAX_SLOTS = 96


def build_slots(
    *, first_start: datetime, minutes: int, gap: int, count: int, breaks: Sequence[Break] = ()
) -> tuple[Slot, ...]:
    if first_start.tzinfo is None:
        raise ValueError("slot times must be aware datetimes")
    if count < 1:
        raise ValidationError("The schedule needs at least one slot.")
    if count > MAX_SLOTS:
        raise ValidationError(f"{count} slots is more than the {MAX_SLOTS} one day can hold.")
    if minutes < 1:
        raise ValidationError(f"A meeting must last at least one minute, not {minutes}.")
    if gap < 0:
        raise ValidationError(
            f"A gap of {gap} minutes between meetings would make slots overlap; use 0 or more."
        )
    ordered = check_breaks(breaks)
    length, pause = timedelta(minutes=minutes), timedelta(minutes=gap)
    slots: list[Slot] = []
    start = first_start
    while len(slots) < count:
        clash = next((b for b in ordered if start < b.end and b.start < start + length), None)
        if clash is not None:
            start = clash.end
            continue
        slots.append(Slot(len(slots), start, start + length))
        start = start + length + pause
    last = slots[-1]
    if last.end.date() != first_start.date():
        raise ValidationError(
            f"{count} slots of {minutes} minutes from {first_start:%H:%M} run past midnight; "
            "use fewer or shorter slots."
        )
    return tuple(slots)


def check_breaks(breaks: Sequence[Break]) -> list[Break]:
    ordered = sorted(breaks, key=lambda b: b.start)
    for b in ordered:
        if b.end <= b.start:
            raise ValidationError(
                f"The break '{b.label}' ends ({b.end:%H:%M}) before it starts ({b.start:%H:%M})."
            )
    for first, second in pairwise(ordered):
        if second.start < first.end:
            raise ValidationError(
                f"The breaks '{first.label}' ({first.start:%H:%M}–{first.end:%H:%M}) and "
                f"'{second.label}' ({second.start:%H:%M}–{second.end:%H:%M}) overlap."
            )
    return ordered


def check_slots(slots: Sequence[Slot]) -> None:
    """Slots given one by one (an imported plan) must be in order and must not overlap."""
    for n, slot in enumerate(slots):
        if slot.index != n:
            raise ValidationError(
                f"Slot {n + 1} is numbered {slot.index + 1}; slots must be numbered in order."
            )
        if slot.end <= slot.start:
            raise ValidationError(f"Slot {n + 1} ({slot.label}) ends before it starts.")
    for first, second in pairwise(slots):
        if second.start < first.end:
            raise ValidationError(
                f"Slots {first.index + 1} ({first.label}) and {second.index + 1} ({second.label}) overlap."
            )


def unavailable_slots(slots: Sequence[Slot], windows: Sequence[tuple[datetime, datetime]]) -> frozenset[int]:
    """Slots not wholly inside one of the windows; no windows at all means always available."""
    if not windows:
        return frozenset()
    return frozenset(
        s.index for s in slots if not any(start <= s.start and s.end <= end for start, end in windows)
    )
