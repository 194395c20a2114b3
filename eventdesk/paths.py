"""Where bundled data lives, in a source checkout, an installed wheel and the frozen app.

Resources and migrations sit at the top of the repository (`resources/`, `db/`); the wheel
force-includes them as `eventdesk/_resources` and `eventdesk/_db`, and PyInstaller puts them
beside the executable. One lookup keeps every caller independent of how it was installed.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _candidates(name: str) -> list[Path]:
    found = [_PACKAGE_DIR / f"_{name}", _PACKAGE_DIR.parent / name]
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        found.insert(0, Path(frozen_root) / name)
    return found


@cache
def data_dir(name: str) -> Path:
    """The folder `resources` or `db`, wherever this install keeps it."""
    for candidate in _candidates(name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"eventdesk is installed without its '{name}' folder")


def resource(*parts: str) -> Path:
    return data_dir("resources").joinpath(*parts)


def migrations_dir() -> Path:
    return data_dir("db")
