"""The desk's verdict sounds, so a busy desk can keep its eyes on the queue.

QtMultimedia is loaded on first use and may be missing pieces on a bare Linux machine (it
links against PulseAudio); the desk then stays silent rather than refusing to start.
"""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QObject, QUrl

from eventdesk.paths import resource
from eventdesk.settings import SOUNDS_ENABLED, Settings

SOUND_FILES = {"admitted": "admitted.wav", "already": "already.wav", "refused": "refused.wav"}


class VerdictSounds(QObject):
    """Plays the sound of a verdict look ("admitted", "already", "refused") unless muted."""

    def __init__(self, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self._effects: dict[str, Any] | None = None
        self.last_sound = ""
        """The last sound asked for (kept for tests; a machine without audio stays silent)."""
        self.unavailable_reason = ""

    @property
    def enabled(self) -> bool:
        return bool(self.settings.get(SOUNDS_ENABLED))

    def set_enabled(self, enabled: bool) -> None:
        self.settings.set(SOUNDS_ENABLED, bool(enabled))

    def _load(self) -> dict[str, Any]:
        if self._effects is not None:
            return self._effects
        self._effects = {}
        try:
            from PySide6.QtMultimedia import QSoundEffect
        except ImportError as error:  # a machine without the audio libraries Qt links to
            self.unavailable_reason = str(error)
            print(f"eventdesk: verdict sounds are off: {error}", file=sys.stderr)
            return self._effects
        for look, name in SOUND_FILES.items():
            effect = QSoundEffect(self)
            effect.setSource(QUrl.fromLocalFile(str(resource("sounds", name))))
            effect.setVolume(0.8)
            self._effects[look] = effect
        return self._effects

    def play(self, look: str) -> None:
        """Start the sound and return at once; an undo or the idle panel make no sound."""
        if not self.enabled or look not in SOUND_FILES:
            return
        self.last_sound = look
        effect = self._load().get(look)
        if effect is not None:
            effect.play()
