"""The hub's mDNS announcement is heard on loopback, carries no password, and goes away."""

from __future__ import annotations

import dataclasses

from eventdesk.sync.hub.announce import HubAnnouncer, browse_hubs, service_info
from tests.sync.test_join_code import make_code

LOOPBACK = ["127.0.0.1"]


def test_a_desk_hears_the_announced_hub_and_can_join_it_with_the_password():
    code = dataclasses.replace(make_code(), host="127.0.0.1", expires_at=None)
    announcer = HubAnnouncer(code, interfaces=LOOPBACK)
    try:
        (found,) = [h for h in browse_hubs(seconds=1.5, interfaces=LOOPBACK) if h.port == code.port]
    finally:
        announcer.close()
    assert (found.host, found.event_code, found.fingerprint) == ("127.0.0.1", "LSCD27", code.fingerprint)
    assert found.join_code(code.password) == code
    assert not [h for h in browse_hubs(seconds=1.0, interfaces=LOOPBACK) if h.port == code.port]


def test_the_announcement_never_carries_the_password():
    code = dataclasses.replace(make_code(), host="192.168.178.23")
    info = service_info(code, machine="orga-laptop")
    assert info.name.startswith("LSCD27 on orga-laptop.")
    assert code.password.encode() not in b"".join(info.properties.values())
    assert code.password.encode() not in info.text
