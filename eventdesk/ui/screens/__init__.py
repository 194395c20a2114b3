"""The screens of the main window, in navigation order.

To add a screen: write a module here with a `Screen` subclass (see `base.py`) and list its
class in `SCREENS`. The window builds the navigation, the Ctrl+1… shortcuts and the Go menu
from this tuple, and constructs a screen only when it is first shown.
"""

from __future__ import annotations

from eventdesk.ui.screens.attendees import AttendeesScreen
from eventdesk.ui.screens.badges import BadgesScreen
from eventdesk.ui.screens.base import EmptyStateScreen, Screen
from eventdesk.ui.screens.checkin import CheckInScreen
from eventdesk.ui.screens.companies import CompaniesScreen
from eventdesk.ui.screens.dashboard import DashboardScreen
from eventdesk.ui.screens.leads import LeadsScreen
from eventdesk.ui.screens.matchmaking import MatchmakingScreen

SCREENS: tuple[type[Screen], ...] = (
    DashboardScreen,
    AttendeesScreen,
    CompaniesScreen,
    BadgesScreen,
    CheckInScreen,
    MatchmakingScreen,
    LeadsScreen,
)

__all__ = ["SCREENS", "EmptyStateScreen", "Screen"]
