#!/bin/sh
# The README's first command: `sh scripts/setup-demo.sh` in a fresh checkout installs eventdesk
# in .venv and starts it on a demo event (400 attendees, 40 companies).
#
# Why a script and not a line of `sudo apt-get … && …`: a fresh container or VM is often root
# with no sudo installed ("sudo: command not found"), a person's laptop is a user with sudo,
# and a fresh container also has no apt package lists yet. This picks the right way to run
# apt-get, installs only what is missing, and says in one sentence what to do when neither
# root nor sudo is available. Plain POSIX sh: a fresh Debian/Ubuntu has no bash guarantee.
set -eu
cd "$(dirname "$0")/.."

# What Qt's xcb window system, its fonts and the camera/sound stack (QtMultimedia links
# PulseAudio) load at run time; PySide6's wheels do not ship them. python3-venv brings
# python3 itself on a machine that has none.
PACKAGES="python3-venv libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libx11-xcb1 libxkbcommon-x11-0 libegl1 libgl1
libglib2.0-0 libfontconfig1 fonts-dejavu-core libdbus-1-3 libpulse0"

if [ "$(id -u)" = 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    SUDO="none"
fi

missing=""
if command -v dpkg-query >/dev/null 2>&1; then
    for package in $PACKAGES; do
        # Ubuntu 24.04 renamed some libraries (libglib2.0-0t64); either name will do.
        if ! dpkg-query -W -f='${Status}\n' "$package" "${package}t64" 2>/dev/null | grep -q 'install ok installed'; then
            missing="$missing $package"
        fi
    done
    if [ -n "$missing" ]; then
        if [ "$SUDO" = none ]; then
            echo "setup-demo: these Debian packages are missing and this user can neither use sudo nor is root; ask an administrator to install them:$missing" >&2
            exit 1
        fi
        echo "Installing Debian packages:$missing"
        # `env` sets the variable for apt-get whether or not sudo runs it (sudo drops most of
        # the environment); a fresh container has no package lists until `apt-get update`.
        $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
        # shellcheck disable=SC2086  # the package list is meant to split into words
        $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing
    fi
else
    echo "setup-demo: not a Debian or Ubuntu system; install Python 3.11+ with venv and Qt's xcb libraries yourself, then rerun." >&2
    command -v python3 >/dev/null 2>&1 || exit 1
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e .

if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}${QT_QPA_PLATFORM:-}" ] && [ "$(uname -s)" = Linux ]; then
    # A container or an SSH session: write the event, and say how to open it where a screen is.
    .venv/bin/eventdesk demo demo.eventdesk --force
    echo "No display here (DISPLAY and WAYLAND_DISPLAY are unset): open the demo on a desktop with .venv/bin/eventdesk open demo.eventdesk"
    exit 0
fi
exec .venv/bin/eventdesk demo demo.eventdesk --force --open
