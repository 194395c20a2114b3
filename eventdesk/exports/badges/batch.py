"""A batch of badges as one PDF: signing and QR encoding spread over processes, drawing in one.

Signing a token and encoding its QR is pure-Python work that does not depend on the page,
so worker processes do it in chunks while this process draws. Drawing stays in one process
so that the whole document shares one set of font subsets and one copy of each form (a PDF
merged from halves would embed every font twice). Workers are *spawned*, not forked:
forking a process that runs Qt threads can deadlock.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Generator, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import BinaryIO

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from reportlab import rl_config
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from eventdesk.domain.progress import NO_PROGRESS, Progress
from eventdesk.domain.tokens import sign_header, token_header
from eventdesk.exports.badges.layouts import BadgeLayout, get_layout
from eventdesk.exports.badges.options import BadgeOptions
from eventdesk.exports.badges.qr import QrPath, qr_path
from eventdesk.exports.badges.render import BadgeData, BadgeNotes, BadgeRenderer, load_logo
from eventdesk.exports.fonts import register_fonts
from eventdesk.exports.pdf_common import pdf_canvas
from eventdesk.parent_watch import exit_when_parent_dies

CHUNK = 250
# Below this many badges, starting worker processes costs more than it saves.
PARALLEL_FROM = 600


@dataclass(frozen=True)
class SigningEvent:
    """The event as badges need it: its name and logo, and the key that signs the tokens."""

    name: str
    code: str
    private_key: bytes
    logo: bytes | None = None
    language: str = "en"
    """What a badge prints for someone without a language of their own."""


@dataclass
class BatchResult:
    badges: int
    pages: int
    processes: int
    notes: list[BadgeNotes] = field(default_factory=list)


def _qr_chunk(event_code: str, private_key: bytes, items: list[tuple[int, int]]) -> list[QrPath]:
    key = Ed25519PrivateKey.from_private_bytes(private_key)
    return [
        qr_path(sign_header(token_header(event_code=event_code, serial=serial, version=version), key))
        for serial, version in items
    ]


def _qr_paths(
    event: SigningEvent, badges: Sequence[BadgeData], processes: int
) -> Generator[QrPath, None, None]:
    """QR paths in the order of `badges`, computed ahead by `processes` workers (1: inline)."""
    items = [(b.attendee_id, b.version) for b in badges]
    if processes <= 1:
        for start in range(0, len(items), CHUNK):
            yield from _qr_chunk(event.code, event.private_key, items[start : start + CHUNK])
        return
    with ProcessPoolExecutor(
        max_workers=processes, mp_context=get_context("spawn"), initializer=exit_when_parent_dies
    ) as pool:
        pending: deque[Future[list[QrPath]]] = deque()
        starts = iter(range(0, len(items), CHUNK))

        def submit_next() -> None:
            start = next(starts, None)
            if start is not None:
                pending.append(
                    pool.submit(_qr_chunk, event.code, event.private_key, items[start : start + CHUNK])
                )

        for _ in range(2 * processes):
            submit_next()
        try:
            while pending:
                chunk = pending.popleft().result()
                submit_next()
                yield from chunk
        finally:
            for future in pending:
                future.cancel()


_BINARY_STREAMS = threading.Lock()


@contextlib.contextmanager
def _binary_streams() -> Iterator[None]:
    """Write streams as binary deflate, without reportlab's default ASCII85 armour.

    ASCII85 made PDFs survive 7-bit mail in the 1990s; today it costs a quarter more bytes
    and about an eighth of a batch's drawing time. reportlab only has a global switch, so it
    is flipped for the length of one batch (batches take turns) and put back afterwards.
    """
    with _BINARY_STREAMS:
        saved = rl_config.useA85
        rl_config.useA85 = 0
        try:
            yield
        finally:
            rl_config.useA85 = saved


def choose_processes(count: int, requested: int | None) -> int:
    if requested is not None:
        return max(1, requested)
    if getattr(sys, "frozen", False):
        # A spawned worker of a frozen app re-runs the app unless its entry point calls
        # multiprocessing.freeze_support(); one process is slower but always right.
        return 1
    return 1 if count < PARALLEL_FROM else max(1, min(os.cpu_count() or 1, 4))


def _crop_marks(canvas: Canvas, layout: BadgeLayout) -> None:
    """Cut lines marked in the page margin only, so no mark is left on a trimmed badge."""
    page_w, page_h = layout.page_size
    slots = layout.slots()
    xs = sorted({round(s.x, 2) for s in slots} | {round(s.x + layout.width, 2) for s in slots})
    ys = sorted({round(s.y, 2) for s in slots} | {round(s.y + layout.height, 2) for s in slots})
    left, right, bottom, top = xs[0], xs[-1], ys[0], ys[-1]
    offset, length = 1.5 * mm, min(6 * mm, left - 2 * mm, bottom - 2 * mm)
    canvas.saveState()
    canvas.setLineWidth(0.3)
    canvas.setStrokeGray(0.25)
    for x in xs:
        canvas.line(x, top + offset, x, min(page_h, top + offset + length))
        canvas.line(x, bottom - offset, x, max(0, bottom - offset - length))
    for y in ys:
        canvas.line(left - offset, y, max(0, left - offset - length), y)
        canvas.line(right + offset, y, min(page_w, right + offset + length), y)
    canvas.restoreState()


def _fold_marks(canvas: Canvas, layout: BadgeLayout) -> None:
    page_w, page_h = layout.page_size
    canvas.saveState()
    canvas.setLineWidth(0.3)
    canvas.setStrokeGray(0.4)
    canvas.line(0, page_h / 2, 2.5 * mm, page_h / 2)
    canvas.line(page_w - 2.5 * mm, page_h / 2, page_w, page_h / 2)
    canvas.restoreState()


def write_badge_pdf(
    *,
    output: Path | BinaryIO,
    badges: Sequence[BadgeData],
    event: SigningEvent,
    options: BadgeOptions,
    progress: Progress = NO_PROGRESS,
    processes: int | None = None,
    logo_source: str = "of the event",
    layout: BadgeLayout | None = None,
) -> BatchResult:
    """Draw every badge into one PDF at `output` (a path or a binary file object).

    Nothing is written to a path until every badge is drawn: reportlab assembles the document
    in memory and writes it in `save()`, so a cancelled batch leaves no file behind. Callers
    writing to a final path should still write to a temporary name and rename (a full disk).
    """
    with _binary_streams():
        return _draw_batch(output, badges, event, options, progress, processes, logo_source, layout)


def _draw_batch(
    output: Path | BinaryIO,
    badges: Sequence[BadgeData],
    event: SigningEvent,
    options: BadgeOptions,
    progress: Progress,
    processes: int | None,
    logo_source: str,
    layout: BadgeLayout | None,
) -> BatchResult:
    layout = layout or get_layout(options.layout)
    register_fonts()
    logo = None
    if options.show_logo:
        if options.logo_path:
            path = Path(options.logo_path).expanduser()
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise_logo_unreadable(path, exc)
            logo = load_logo(data, str(path))
        elif event.logo:
            logo = load_logo(event.logo, logo_source)
    renderer = BadgeRenderer(layout=layout, options=options, event_name=event.name, logo=logo)
    target = str(output) if isinstance(output, Path) else output
    canvas = pdf_canvas(target, page_size=layout.page_size, title=f"Badges — {event.name}", font_size=10)
    crop = options.crop_marks if options.crop_marks is not None else layout.crop_marks
    crop = crop and layout.crop_marks_fit()
    slots = layout.slots()
    per_page = layout.badges_per_page
    used = choose_processes(len(badges), processes)
    result = BatchResult(badges=len(badges), pages=0, processes=used)
    total = len(badges)
    progress.report(0, total, "Drawing badges")
    last_report = time.monotonic()
    paths = _qr_paths(event, badges, used)
    try:
        for index, (badge, qr) in enumerate(zip(badges, paths, strict=False)):
            position = index % per_page
            if position == 0:
                if index:
                    canvas.showPage()
                result.pages += 1
                if crop:
                    _crop_marks(canvas, layout)
                if layout.fold_over:
                    _fold_marks(canvas, layout)
            targets = slots if layout.fold_over else [slots[position]]
            notes = None
            for slot in targets:
                notes = renderer.draw(canvas, badge, qr, slot.x, slot.y, slot.upside_down)
            if notes is not None and notes.messages:
                result.notes.append(notes)
            now = time.monotonic()
            if now - last_report > 0.1:
                progress.report(index + 1, total, "Drawing badges")
                last_report = now
    finally:
        paths.close()  # stops the workers at once when the batch is cancelled
    progress.report(total, total, "Writing the PDF")
    canvas.save()
    return result


def raise_logo_unreadable(path: Path, exc: OSError) -> None:
    from eventdesk.exports.badges.errors import BadgeError

    raise BadgeError(f"The logo {path} cannot be read: {exc.strerror or exc}.") from exc


def pdf_bytes(**kwargs: object) -> bytes:
    """`write_badge_pdf` into memory: for previews and printing one badge."""
    buffer = io.BytesIO()
    write_badge_pdf(output=buffer, **kwargs)  # type: ignore[arg-type]
    return buffer.getvalue()
