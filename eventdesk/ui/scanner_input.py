"""Keyboard-mode (wedge) scanners: catch a scan wherever the focus is, keep it out of fields.

A USB or Bluetooth scanner types its code as keystrokes 2–10 ms apart and ends with Enter;
a person types 30 ms or more apart (100–200 ms is usual). `ScannerInput` is an application
event filter that holds back each printable key for a moment: if more keys follow at
scanner speed and the run ends in Enter, the keys never reach any widget and `scanned` is
emitted with the text; if the run turns out to be a person (a pause, a run too short, a
non-text key), the held keys are given to the widgets they were meant for, in order, so
nothing a person types is lost or reordered. The first key of a person's word therefore
arrives `max_gap_ms` late — well under what anyone notices.

`max_gap_ms` (40 ms) sits above a scanner's gaps with room for a loaded machine or a
Bluetooth link that bunches its reports, and below a person's; a run must also be at least
`min_length` keys and end in Enter, which a person's fastest rolled keys never are.

Key timing comes from the window system's event timestamp when there is one (X11 and
Windows stamp each key when it was pressed, so a busy GUI thread that delivers several
keys at once does not make a person look like a scanner); otherwise from the clock when
the event arrives.

It is a plain QObject so every place that takes scans reuses it (the check-in desk, the
kiosk, an exhibitor's booth): make one, connect `scanned`, and `attach()` it while that
context is the one in front; `detach()` when it is not.

What it never does, because each broke a desk:

- hold a key press without holding its release: a checkbox or button acts on the release of
  Space, which used to arrive before the held press (Space did not tick the walk-in's consent
  box); a held press keeps its release behind it, and both are handed over in order;
- log a scan while a modal dialog is open over the screen it serves: a field marked with
  `accept_scans()` (a staff PIN, typed fast on a keypad) gets every key as typed; elsewhere
  in the dialog a person's keys reach their field as usual and a scanner's burst is held
  back from the fields and reported as `held_scan`, so the screen can say it was not taken
  (a badge code is nobody's given name, and its Enter must not save the dialog).

A person's keys are never lost: what is held back is handed over in order, releases behind
their presses; only a run at scanner speed ending in Enter is taken (a booth's notes field
keeps taking the next visitor's badge, as the exhibitor expects).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QWidget

DEFAULT_MAX_GAP_MS = 40
DEFAULT_MIN_LENGTH = 4
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_ACCEPTS_SCANS = "eventdeskAcceptsScans"


def accept_scans(field: QWidget) -> None:
    """Let `field` take fast key runs as typing (a PIN), even while a desk scanner listens."""
    field.setProperty(_ACCEPTS_SCANS, True)


_MODIFIER_KEYS = frozenset(
    {
        Qt.Key.Key_Shift,
        Qt.Key.Key_Control,
        Qt.Key.Key_Alt,
        Qt.Key.Key_AltGr,
        Qt.Key.Key_Meta,
        Qt.Key.Key_CapsLock,
        Qt.Key.Key_NumLock,
        Qt.Key.Key_Super_L,
        Qt.Key.Key_Super_R,
    }
)


@dataclass
class _HeldKey:
    target: QWidget
    key: int
    modifiers: Qt.KeyboardModifier
    text: str
    at_ms: float
    release: bool = False


class ScannerInput(QObject):
    """Tells scanner bursts from typing; emits `scanned(text)` for each scan."""

    scanned = Signal(str)
    """The text of one scan, without its Enter; exactly as the keyboard layout delivered it."""
    held_scan = Signal(str)
    """A scan that arrived while a dialog was open over this screen: not taken, not typed."""

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        max_gap_ms: int = DEFAULT_MAX_GAP_MS,
        min_length: int = DEFAULT_MIN_LENGTH,
    ) -> None:
        super().__init__(parent)
        self.max_gap_ms = max_gap_ms
        self.min_length = min_length
        self._held: list[_HeldKey] = []
        self._replaying = False
        self._attached = False
        self._release_timer = QTimer(self)
        self._release_timer.setSingleShot(True)
        self._release_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._release_timer.timeout.connect(self.release_held_keys)
        self._home = parent if isinstance(parent, QWidget) else None

    # -- life cycle ---------------------------------------------------------------------------

    def attach(self) -> None:
        """Start listening to every key of the application."""
        app = QCoreApplication.instance()
        if app is not None and not self._attached:
            app.installEventFilter(self)
            self._attached = True

    def detach(self) -> None:
        """Stop listening; keys held back at this moment go to their widgets."""
        app = QCoreApplication.instance()
        if self._attached and app is not None:
            app.removeEventFilter(self)
        self._attached = False
        self.release_held_keys()

    @property
    def is_attached(self) -> bool:
        return self._attached

    # -- the filter ---------------------------------------------------------------------------

    def _dialog_in_front(self, target: QWidget) -> bool:
        """The keys go to a modal dialog that is not the window this scanner serves (a dialog
        opened over the desk), rather than to the desk itself."""
        window = target.window()
        home = self._home
        if home is not None and window is home.window():
            return False
        return isinstance(window, QDialog) and window.isModal()

    def _stands_aside(self, watched: QWidget) -> bool:
        """True where every key belongs to the field as typed: a PIN field."""
        return bool(watched.property(_ACCEPTS_SCANS))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Called for every event of the application: leave quickly unless it is a key press
        # (or the release of a held one) delivered to a widget (the same key also passes the
        # window first; count it once).
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease) or self._replaying:
            return False
        if not isinstance(watched, QWidget):
            return False
        assert isinstance(event, QKeyEvent)
        if kind == QEvent.Type.KeyRelease:
            return self._release(watched, event)
        key = event.key()
        if key in _MODIFIER_KEYS:
            return False
        if self._stands_aside(watched):
            self.release_held_keys()
            return False
        now = self._time_of(event)
        text = event.text()
        # Return or Enter; a scanner set up to end with a line feed sends a key Qt does not
        # name, with "\n" as its text.
        if key in _ENTER_KEYS or text in ("\r", "\n"):
            return self._enter(now)
        mods = event.modifiers()
        is_text = (
            bool(text)
            and text.isprintable()
            and not mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.MetaModifier)
        )
        if not is_text or event.isAutoRepeat():
            # Arrows, Backspace, shortcuts, a key held down: a person is at the keyboard.
            self.release_held_keys()
            return False
        presses = [item for item in self._held if not item.release]
        if presses and now - presses[-1].at_ms > self.max_gap_ms:
            self.release_held_keys()
        self._held.append(_HeldKey(watched, key, mods, text, now))
        self._release_timer.start(self.max_gap_ms)
        return True

    def _release(self, watched: QWidget, event: QKeyEvent) -> bool:
        """A release follows its press: held behind it while that press is held."""
        if event.isAutoRepeat() or not any(
            not item.release and item.key == event.key() and item.target is watched for item in self._held
        ):
            return False
        self._held.append(
            _HeldKey(
                watched, event.key(), event.modifiers(), event.text(), self._time_of(event), release=True
            )
        )
        return True

    def _enter(self, now: float) -> bool:
        held = [item for item in self._held if not item.release]
        if held and now - held[-1].at_ms <= self.max_gap_ms and len(held) >= self.min_length:
            self._held = []
            self._release_timer.stop()
            text = "".join(item.text for item in held)
            (self.held_scan if self._dialog_in_front(held[-1].target) else self.scanned).emit(text)
            return True
        self.release_held_keys()
        return False

    def _time_of(self, event: QKeyEvent) -> float:
        stamp = event.timestamp()
        return float(stamp) if stamp else time.monotonic() * 1000.0

    def release_held_keys(self) -> None:
        """Give keys held back to their widgets, in the order they were typed."""
        self._release_timer.stop()
        held, self._held = self._held, []
        if not held:
            return
        self._replaying = True
        try:
            for item in held:
                target = item.target if shiboken6.isValid(item.target) else QApplication.focusWidget()
                if target is None:
                    continue
                kind = QEvent.Type.KeyRelease if item.release else QEvent.Type.KeyPress
                QCoreApplication.sendEvent(target, QKeyEvent(kind, item.key, item.modifiers, item.text))
        finally:
            self._replaying = False
