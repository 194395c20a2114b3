"""PySide6's scan of every imported module gives the same answers when it reads bytes."""

from __future__ import annotations

import inspect
import sys
from types import ModuleType

import eventdesk.ui.main_window  # noqa: F401  (everything the window imports is scanned)
from eventdesk.ui import pyside_import_scan


def _upstream_answer(module: ModuleType) -> bool:
    """What shibokensupport.feature._mod_uses_pyside answers (PySide6 6.4 and later)."""
    try:
        return "PySide6" in inspect.getsource(module)
    except (TypeError, OSError, SyntaxError):
        return False


def test_the_scan_is_replaced_once() -> None:
    feature = sys.modules["shibokensupport.feature"]
    assert getattr(feature._mod_uses_pyside, "reads_bytes", False)
    assert pyside_import_scan.install() is False, "installing again would wrap the wrapper"


def test_every_loaded_module_gets_the_answer_pyside_would_give() -> None:
    uses_pyside = sys.modules["shibokensupport.feature"]._mod_uses_pyside
    modules = [m for m in list(sys.modules.values()) if isinstance(getattr(m, "__file__", None), str)]
    assert len(modules) > 300
    answers = {module.__name__: uses_pyside(module) for module in modules}
    assert answers == {module.__name__: _upstream_answer(module) for module in modules}
    assert answers["eventdesk.ui.main_window"] is True
    assert answers["sqlalchemy"] is False
