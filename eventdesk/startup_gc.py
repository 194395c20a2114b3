"""Python's cyclic garbage collector held off while the desktop app starts.

Starting the window on an event creates about 170,000 objects that live as long as the app:
modules, classes, SQLAlchemy's and pydantic's metadata, Qt wrappers. The collector, which
runs whenever allocations outnumber frees by 700, went over them about 250 times before the
first paint, twice over the whole heap: 0.13 s of CPU, an eighth of the start, to find some
1,100 unreachable objects. So the GUI's entry points `hold()` it before the app is imported,
and the window `release()`s it as soon as it is usable: what exists then is frozen (moved to
the permanent generation, which no later collection walks, so the collector's pauses stay
short while a desk scans all day) and collection resumes for what the event's work makes.
The few cycles left by the start stay in memory, a few hundred kilobytes.

Qt-free and outside the layers: the command line holds, the composition root releases.
"""

from __future__ import annotations

import gc

_held = False


def hold() -> None:
    """Stop automatic collection until `release()` (a no-op where it is already off)."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def release() -> None:
    """Freeze what the start made and collect again; only undoes a `hold()`, once."""
    global _held
    if _held:
        _held = False
        gc.freeze()
        gc.enable()
