"""A hub for desk tests: an event copied onto a real PostgreSQL (`host --server`), reached as
desks reach a managed hub — through a TLS front, and through a link that can fail the way
venue networks fail (`tests.support.fault_proxy`): stall, cut, reset. The same tests run on a
server without TLS of its own (CI's throwaway one), every desk connection pinned as in the field.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from eventdesk.domain.tokens import encode_token
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Attendee, Event
from eventdesk.sync.hub.certificate import make_certificate
from eventdesk.sync.hub.existing import host_on_server
from eventdesk.sync.hub.tls_front import TlsFront
from eventdesk.sync.join_code import JoinCode
from eventdesk.sync.replica import join
from tests.factories import EventFactory, event_seed
from tests.support.fault_proxy import FaultyLink


def badge(hub_doc: EventDocument, attendee_id: int) -> str:
    """The badge code this attendee's current badge carries."""
    with hub_doc.engine.connect() as conn:
        event = conn.execute(select(Event.code, Event.signing_key, Event.public_key)).one()
        version = conn.execute(select(Attendee.badge_version).where(Attendee.id == attendee_id)).scalar_one()
    return encode_token(
        event_code=event.code, serial=attendee_id, version=version, private_key=event_seed(event)
    )


@dataclass
class TestHub:
    code: JoinCode  # names the faulty link, so every desk connection goes through it
    url: str  # the database itself, for assertions made "as the organiser"
    front: TlsFront
    link: FaultyLink
    folder: Path

    def doc(self) -> EventDocument:
        return EventDocument.open(self.url)

    def join(self, name: str) -> Path:
        path = self.folder / f"{name.replace(' ', '-')}.eventdesk"
        return join(self.code.encode(), path, desk_name=name).path

    def badges(self, *attendee_ids: int) -> list[str]:
        """Genuine badge codes of these attendees, signed with the hub's event key."""
        hub_doc = self.doc()
        try:
            return [badge(hub_doc, n) for n in attendee_ids]
        finally:
            hub_doc.close()

    def cut(self) -> None:
        self.link.cut()

    def stop(self) -> None:
        self.link.stop()
        self.front.stop()


def start_hub(server_url: str, folder: Path, *, attendees: int = 60) -> TestHub:
    url = make_url(server_url)
    if not url.password:
        url = url.set(password="unused-by-trust")  # a join code always carries one
    certificate = make_certificate(folder, event_code="TEST")
    front = TlsFront(
        host="127.0.0.1", port=0, backend_port=url.port or 5432,
        cert=certificate.cert_path, key=certificate.key_path,
    )  # fmt: skip
    front.start()
    link = FaultyLink("127.0.0.1", front.port).start()
    event = EventFactory(folder).demo_path(attendees=attendees, companies=5, seed=3)
    through_link = url.set(host="127.0.0.1", port=link.port).render_as_string(hide_password=False)
    code = host_on_server(event, through_link)
    return TestHub(code, url.render_as_string(hide_password=False), front, link, folder)


@pytest.fixture
def hub(postgres_url: str, tmp_path: Path) -> Iterator[TestHub]:
    testing_hub = start_hub(postgres_url, tmp_path)
    try:
        yield testing_hub
    finally:
        testing_hub.stop()
