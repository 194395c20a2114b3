"""Writes the desk's three verdict sounds: `python resources/sounds/make_sounds.py`.

Short, distinct by shape as well as pitch (so they are told apart in a noisy hall and by
people who do not hear high tones well): a rising two-tone for admitted, a double beep for
"already checked in", a low buzz for every refusal. 16-bit mono PCM at 44.1 kHz, the format
QSoundEffect plays everywhere without a decoder.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 44_100
HERE = Path(__file__).resolve().parent


def tone(hz: float, ms: int, *, volume: float = 0.45, harmonics: int = 1) -> list[float]:
    count = RATE * ms // 1000
    fade = min(count // 4, RATE * 8 // 1000)  # 8 ms ramps: no clicks at the edges
    samples = []
    for n in range(count):
        value = sum(math.sin(2 * math.pi * hz * k * n / RATE) / k for k in range(1, 2 * harmonics, 2))
        envelope = min(1.0, n / fade, (count - n) / fade) if fade else 1.0
        samples.append(volume * envelope * value)
    return samples


def silence(ms: int) -> list[float]:
    return [0.0] * (RATE * ms // 1000)


def write(name: str, samples: list[float]) -> None:
    peak = max(1.0, max(abs(s) for s in samples))
    frames = b"".join(struct.pack("<h", round(32767 * s / peak)) for s in samples)
    with wave.open(str(HERE / name), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(frames)


def main() -> None:
    write("admitted.wav", tone(880, 90) + tone(1318.5, 140))
    write("already.wav", tone(660, 90) + silence(70) + tone(660, 90))
    write("refused.wav", tone(155, 420, volume=0.4, harmonics=4))


if __name__ == "__main__":
    main()
