"""Setting text in the bundled font chain within a width: shrink a little, then wrap, then cut.

Reuses the badge fonts (Noto Sans with DejaVu behind it, embedded), so names with any
European diacritic print as typed, as they do on the badge the person wears.
"""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from eventdesk.exports.badges.fonts import FontChain, SetText, bold, regular
from eventdesk.exports.badges.render import draw_set_text

ELLIPSIS = "…"

__all__ = ["FontChain", "bold", "draw", "draw_set_text", "lines_within", "regular"]


def _cut(text: str, chain: FontChain, size: float, width: float) -> SetText:
    set_text = chain.set(text)
    if set_text.width(size) <= width:
        return set_text
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
    words = text.split()
    if not words:
        return []
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if current and chain.set(candidate).width(size) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    lines.append(current)
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
