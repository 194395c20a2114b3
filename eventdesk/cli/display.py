"""Is there a screen to open the window on? Asked before Qt is, because Qt's answer is an abort.

Without a display, Qt's xcb plugin prints a dozen lines about plugins and ends the process
with SIGABRT (exit code 134), which a volunteer on an SSH session or a container cannot act
on. This module looks first (Linux and the BSDs only: Windows and macOS always have a screen)
and says in one sentence what is missing and how to work without a window.
"""

from __future__ import annotations

import os
import re
import socket
import sys

from eventdesk.domain.errors import EventdeskError

HEADLESS_PLATFORMS = {"offscreen", "minimal", "vnc", "eglfs", "linuxfb", "vkkhrdisplay"}
HOW_TO_RUN_HEADLESS = (
    "run eventdesk on a desktop, or work without a window through its commands "
    "(`eventdesk --help`; for example `eventdesk stats EVENT` or `eventdesk checkin EVENT CODE`)"
)


def _x_server_answers(display: str) -> bool:
    """A local X display (":0", "unix:1.0") answers when its socket accepts a connection."""
    match = re.fullmatch(r"(?:unix)?:(\d+)(?:\.\d+)?", display)
    if match is None:
        return True  # host:N over TCP, or a launchd path: let Qt try
    number = match.group(1)
    for address in (f"\0/tmp/.X11-unix/X{number}", f"/tmp/.X11-unix/X{number}"):
        probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        probe.settimeout(1.0)
        try:
            probe.connect(address)
            return True
        except OSError:
            continue
        finally:
            probe.close()
    return False


def missing_display(environ: dict[str, str] | None = None, platform: str | None = None) -> str | None:
    """One sentence saying why the window cannot open here, or None when it can."""
    env = os.environ if environ is None else environ
    system = sys.platform if platform is None else platform
    if system.startswith(("win", "darwin", "cygwin")):
        return None
    chosen = env.get("QT_QPA_PLATFORM", "").split(":", 1)[0].strip().lower()
    if chosen in HEADLESS_PLATFORMS:
        return None
    if chosen == "wayland" or (not chosen and env.get("WAYLAND_DISPLAY")):
        if env.get("WAYLAND_DISPLAY") or chosen != "wayland":
            return None
        return (
            "No display was found (WAYLAND_DISPLAY is not set), so the window cannot open: "
            f"{HOW_TO_RUN_HEADLESS}."
        )
    display = env.get("DISPLAY", "")
    if not display:
        return (
            "No display was found (DISPLAY and WAYLAND_DISPLAY are not set), so the window cannot open: "
            f"{HOW_TO_RUN_HEADLESS}."
        )
    if not _x_server_answers(display):
        return f"No X server answers at DISPLAY={display}, so the window cannot open: {HOW_TO_RUN_HEADLESS}."
    return None


def require_display() -> None:
    """Raise the one-sentence error (exit code 2) before the window is attempted without a screen."""
    reason = missing_display()
    if reason is not None:
        raise NoDisplayError(reason)


class NoDisplayError(EventdeskError):
    """The desktop app was asked for where no window can open."""
