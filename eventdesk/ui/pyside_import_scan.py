"""PySide6's per-import source scan, made cheap.

From PySide6 6.4 on (PYSIDE-2029), every module imported after PySide6 is scanned once to
learn whether it uses PySide (for the optional `from __feature__ import snake_case`): the
upstream check calls `inspect.getsource(module)`, which resolves the source file, reads and
decodes it and splits it into lines in `linecache` — for each of the ~900 modules the main
window pulls in (SQLAlchemy, SQLModel, pydantic, eventdesk itself). That was about 0.15 s of
CPU of every start, a third of eventdesk's budget over a bare window. The question asked
is only whether the text "PySide6" occurs in the module's source, so for a plain `.py` file
this asks it of the file's bytes; anything else (no file, bytecode only, a frozen bundle's
archive) still goes to PySide's own check, so the answers are the same.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import PySide6.QtCore  # noqa: F401  (installs the scan this module replaces)

_FEATURE_MODULE = "shibokensupport.feature"


def install() -> bool:
    """Replace the scan once; False where this PySide6 has none (older or newer internals)."""
    feature = sys.modules.get(_FEATURE_MODULE)
    upstream = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(upstream) or getattr(upstream, "reads_bytes", False):
        return False
    feature._mod_uses_pyside = _reading_bytes(upstream)  # type: ignore[attr-defined]
    return True


def _reading_bytes(upstream: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                return b"PySide6" in Path(path).read_bytes()
            except OSError:
                pass
        return upstream(module)

    uses_pyside.reads_bytes = True  # type: ignore[attr-defined]
    return uses_pyside
