"""Setting text in the bundled font chain within a width: wrap at spaces, then cut with "…".

Reuses the badge fonts (Noto Sans with DejaVu behind it, embedded), so names with any
European diacritic print as typed, as they do on the badge the person wears.

Splitting text into font runs and measuring it is most of the cost of a 2,000-page batch,
and most strings repeat (headers, company names, the stamp), so runs and widths are cached
per (font chain, text). Widths scale linearly with the size and runs are context-free, so a
line's width is the sum of its words' and spaces' widths.
"""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from eventdesk.exports.badges.render import draw_set_text
from eventdesk.exports.fonts import FontChain, SetText, bold, regular

ELLIPSIS = "…"
_CACHE_LIMIT = 50_000

__all__ = ["FontChain", "bold", "draw", "draw_set_text", "lines_within", "regular"]

_runs: dict[tuple[int, str], SetText] = {}
_widths: dict[tuple[int, str], float] = {}


def set_text(chain: FontChain, text: str) -> SetText:
    key = (id(chain), text)
    found = _runs.get(key)
    if found is None:
        if len(_runs) > _CACHE_LIMIT:
            _runs.clear()
        found = _runs[key] = chain.set(text)
    return found


def width_of(chain: FontChain, text: str, size: float) -> float:
    key = (id(chain), text)
    found = _widths.get(key)
    if found is None:
        if len(_widths) > _CACHE_LIMIT:
            _widths.clear()
        found = _widths[key] = set_text(chain, text).width(1.0)
    return found * size


def _cut(text: str, chain: FontChain, size: float, width: float) -> SetText:
    if width_of(chain, text, size) <= width:
        return set_text(chain, text)
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if chain.set(text[:middle].rstrip() + ELLIPSIS).width(size) <= width:
            low = middle
        else:
            high = middle - 1
    return chain.set(text[:low].rstrip() + ELLIPSIS)


def lines_within(text: str, chain: FontChain, size: float, width: float, max_lines: int = 1) -> list[SetText]:
    """Word-wrapped lines no wider than `width`; the last one cut with an ellipsis if needed."""
    if not text.strip():
        return []
    if max_lines == 1 or width_of(chain, text, size) <= width:
        return [_cut(" ".join(text.split()), chain, size, width)]
    space = width_of(chain, " ", size)
    lines: list[str] = []
    current: list[str] = []
    used = 0.0
    for word in text.split():
        word_width = width_of(chain, word, size)
        if current and used + space + word_width > width:
            lines.append(" ".join(current))
            current, used = [word], word_width
        else:
            used += (space if current else 0.0) + word_width
            current.append(word)
    lines.append(" ".join(current))
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], " ".join(lines[max_lines - 1 :])]
    return [_cut(line, chain, size, width) for line in lines]


def draw(
    canvas: Canvas,
    text: str,
    x: float,
    y: float,
    *,
    size: float,
    width: float,
    chain: FontChain | None = None,
    max_lines: int = 1,
    leading: float = 1.2,
) -> int:
    """Draw from the baseline `y` downwards; returns the number of lines used."""
    lines = lines_within(text, chain or regular(), size, width, max_lines)
    for n, line in enumerate(lines):
        draw_set_text(canvas, line, x, y - n * size * leading, size)
    return len(lines)
