"""The one factory for test events: small, realistic, deterministic for a seed."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from eventdesk.domain.event import EventDraft
from eventdesk.persistence.document import EventDocument
from eventdesk.services.demo import DemoSpec, generate_demo
from eventdesk.services.events import create_event

DEFAULT_DRAFT = EventDraft(
    name="Life Science Career Day Utrecht",
    venue="Jaarbeurs, Utrecht",
    starts_local=datetime(2027, 3, 12, 9, 0),
    ends_local=datetime(2027, 3, 12, 17, 30),
)


class EventFactory:
    """Makes event documents under one test's tmp folder; each call gets a new file."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._count = 0

    def _next_path(self, stem: str) -> Path:
        self._count += 1
        return self.folder / f"{stem}-{self._count}.eventdesk"

    def empty(self, draft: EventDraft = DEFAULT_DRAFT) -> EventDocument:
        return create_event(target=self._next_path("empty"), draft=draft)

    def demo(self, *, attendees: int = 300, companies: int = 40, seed: int = 7) -> EventDocument:
        spec = DemoSpec(attendees=attendees, companies=companies, seed=seed)
        return generate_demo(target=self._next_path("demo"), spec=spec)

    def demo_path(self, **kwargs: int) -> Path:
        doc = self.demo(**kwargs)
        doc.close()
        return Path(doc.display_location)


def event_seed(event: object) -> bytes:
    """The raw signing seed of an `Event` row, which the file keeps sealed (privacy.keys)."""
    from eventdesk.services.privacy.keys import unseal

    stored = event.signing_key  # type: ignore[attr-defined]
    assert stored is not None, "this document has no signing key (a kit?)"
    return unseal(stored, event.public_key)  # type: ignore[attr-defined]
