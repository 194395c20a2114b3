"""The screens of the main window, in navigation order.

To add a screen: write a module here with a `Screen` subclass (see `base.py`) and list it in
`SCREENS`. The window builds the navigation, the Ctrl+1… shortcuts and the Go menu from this
tuple. A screen's module is imported, and the screen built, only when it is first shown:
a check-in desk that loads the camera stack or a badge screen that loads reportlab must not
slow down opening an event on the dashboard.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from eventdesk.ui.screens.base import EmptyStateScreen, Screen


@dataclass(frozen=True)
class ScreenEntry:
    """One navigation entry; `target` is "module:Class" of its `Screen`, imported on first use.

    `in_kit`: the screen is shown in an exhibitor kit too (a kit is a booth: it holds no
    signing key, no ticket codes and only people who agreed to share their details).
    """

    key: str
    title: str
    icon_name: str
    target: str
    in_kit: bool = False

    def display_title(self) -> str:
        return QCoreApplication.translate("Screens", self.title)

    def load(self) -> type[Screen]:
        return _load(self.target, self.key)


@cache
def _load(target: str, key: str) -> type[Screen]:
    module_name, _, class_name = target.partition(":")
    screen_class = getattr(importlib.import_module(module_name), class_name)
    if not (isinstance(screen_class, type) and issubclass(screen_class, Screen)) or screen_class.key != key:
        raise TypeError(f"{target} is not the Screen for '{key}'")
    return screen_class


SCREENS: tuple[ScreenEntry, ...] = (
    ScreenEntry(
        "dashboard",
        QT_TRANSLATE_NOOP("Screens", "Dashboard"),
        "dashboard",
        "eventdesk.ui.screens.dashboard:DashboardScreen",
    ),
    ScreenEntry(
        "attendees",
        QT_TRANSLATE_NOOP("Screens", "Attendees"),
        "attendees",
        "eventdesk.ui.screens.attendees:AttendeesScreen",
    ),
    ScreenEntry(
        "companies",
        QT_TRANSLATE_NOOP("Screens", "Companies"),
        "companies",
        "eventdesk.ui.screens.companies:CompaniesScreen",
    ),
    ScreenEntry(
        "badges", QT_TRANSLATE_NOOP("Screens", "Badges"), "badges", "eventdesk.ui.screens.badges:BadgesScreen"
    ),
    ScreenEntry(
        "checkin",
        QT_TRANSLATE_NOOP("Screens", "Check-in"),
        "checkin",
        "eventdesk.ui.screens.checkin:CheckInScreen",
    ),
    ScreenEntry(
        "matchmaking",
        QT_TRANSLATE_NOOP("Screens", "Matchmaking"),
        "matchmaking",
        "eventdesk.ui.screens.matchmaking:MatchmakingScreen",
    ),
    ScreenEntry(
        "leads",
        QT_TRANSLATE_NOOP("Screens", "Leads"),
        "leads",
        "eventdesk.ui.screens.leads:LeadsScreen",
        in_kit=True,
    ),
)

__all__ = ["SCREENS", "EmptyStateScreen", "Screen", "ScreenEntry"]
