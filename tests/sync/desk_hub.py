"""A hub for desk tests: an event copied onto the test PostgreSQL (`host --server`), reached
through a TLS front as desks reach a managed hub, so the same tests run on a server without
TLS (CI's throwaway one) and every desk connection is pinned as in the field."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from eventdesk.persistence.document import EventDocument
from eventdesk.sync.hub.certificate import make_certificate
from eventdesk.sync.hub.existing import host_on_server
from eventdesk.sync.hub.tls_front import TlsFront
from eventdesk.sync.join_code import JoinCode
from eventdesk.sync.replica import join
from tests.factories import EventFactory


@dataclass
class TestHub:
    code: JoinCode
    url: str  # the database itself, for assertions made "as the organiser"
    front: TlsFront
    folder: Path

    def cut(self) -> None:
        """The hub's port goes away (the host's laptop left the network)."""
        self.front.stop()
        self.front_stopped = True

    front_stopped: bool = False

    def doc(self) -> EventDocument:
        return EventDocument.open(self.url)

    def join(self, name: str) -> Path:
        return join(
            self.code.encode(), self.folder / f"{name.replace(' ', '-')}.eventdesk", desk_name=name
        ).path


@pytest.fixture
def hub(postgres_url: str, tmp_path: Path) -> Iterator[TestHub]:
    url = make_url(postgres_url)
    if not url.password:
        url = url.set(password="unused-by-trust")  # a join code always carries one
    certificate = make_certificate(tmp_path, event_code="TEST")
    front = TlsFront(
        host="127.0.0.1", port=0, backend_port=url.port or 5432,
        cert=certificate.cert_path, key=certificate.key_path,
    )  # fmt: skip
    front.start()
    event = EventFactory(tmp_path).demo_path(attendees=60, companies=5, seed=3)
    through_front = url.set(host="127.0.0.1", port=front.port).render_as_string(hide_password=False)
    code = host_on_server(event, through_front)
    testing_hub = TestHub(code, url.render_as_string(hide_password=False), front, tmp_path)
    try:
        yield testing_hub
    finally:
        if not testing_hub.front_stopped:
            front.stop()
