"""Fixtures for window tests: a main window on isolated settings, closed cleanly afterwards."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from eventdesk.settings import Settings
from eventdesk.ui.context import EventContext
from eventdesk.ui.dialog_buttons import install_dialog_button_guard
from eventdesk.ui.dialog_fit import install_dialog_fit
from eventdesk.ui.main_window import MainWindow
from eventdesk.ui.translator import switch_language
from eventdesk.ui.wheel_guard import install_wheel_guard
from eventdesk.ui.worker import cancel_all_and_wait
from tests.ui.helpers import open_in


@pytest.fixture(autouse=True)
def _no_background_job_outlives_its_test(qtbot: QtBot) -> Iterator[None]:
    """A job still running in the thread pool when a test's widgets are deleted could paint on,
    or report to, objects that are gone. Depending on `qtbot` makes this teardown run before
    qtbot closes the test's widgets."""
    yield
    cancel_all_and_wait()


@pytest.fixture(autouse=True)
def _wheel_guard(qapp: object) -> None:
    """Window tests run with the app-wide input guards, as `create_application` installs them."""
    from PySide6.QtWidgets import QApplication

    assert isinstance(qapp, QApplication)
    install_wheel_guard(qapp)
    install_dialog_button_guard(qapp)
    install_dialog_fit(qapp)


@pytest.fixture
def context() -> Iterator[EventContext]:
    ctx = EventContext(Settings())
    yield ctx
    cancel_all_and_wait()
    ctx.close_document()


@pytest.fixture
def window(qtbot: QtBot, context: EventContext, tmp_path: Path) -> MainWindow:
    main = MainWindow(context, demo_folder=tmp_path / "data" / "demo")
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main


@pytest.fixture
def in_language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    """The app in the language a test is parametrised with (indirect), English again after."""
    switch_language(request.param, qapp)
    yield request.param
    switch_language("en", qapp)


@pytest.fixture
def translated_window(
    in_language: str, qtbot: QtBot, tmp_path: Path, event_path: Path
) -> Iterator[MainWindow]:
    """The main window in `in_language` at 1366×768 on the test module's `event_path`: the
    smallest screen a desk laptop has, where a longer translation is first cut off."""
    context = EventContext(Settings())
    main = MainWindow(context, demo_folder=tmp_path / "demo")
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.show()
    qtbot.waitExposed(main)
    open_in(main, qtbot, event_path)
    yield main
    cancel_all_and_wait()
    context.close_document()
