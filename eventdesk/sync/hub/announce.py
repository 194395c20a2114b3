"""The hub on the LAN by mDNS/DNS-SD (`_eventdesk._tcp`), so a desk can pick it from a list.

The announcement carries what identifies the hub (event code, the event key's id, the
certificate fingerprint, address and port) and never the password: anyone on venue Wi-Fi hears
it. A desk that picks a hub from the list therefore still needs the password shown on the
host's screen (or the whole join code); the fingerprint it heard is then checked as usual.
"""

from __future__ import annotations

import socket
import time
from dataclasses import dataclass

from zeroconf import IPVersion, ServiceBrowser, ServiceInfo, ServiceListener, Zeroconf

from eventdesk.sync.join_code import DEFAULT_DATABASE, DEFAULT_USER, JoinCode

SERVICE_TYPE = "_eventdesk._tcp.local."


@dataclass(frozen=True)
class FoundHub:
    """A hub heard on the LAN: enough to show it in a list and, with its password, to join it."""

    name: str
    host: str
    port: int
    event_code: str
    event_key_id: bytes
    fingerprint: bytes

    def join_code(self, password: str) -> JoinCode:
        return JoinCode(
            host=self.host,
            port=self.port,
            database=DEFAULT_DATABASE,
            user=DEFAULT_USER,
            password=password,
            event_code=self.event_code,
            event_key_id=self.event_key_id,
            fingerprint=self.fingerprint,
        )


def service_info(code: JoinCode, *, machine: str | None = None) -> ServiceInfo:
    """The DNS-SD record for a running hub (its instance name shows the event and the laptop)."""
    machine = machine or socket.gethostname().split(".")[0] or "laptop"
    instance = f"{code.event_code} on {machine}"[:63]
    return ServiceInfo(
        SERVICE_TYPE,
        f"{instance}.{SERVICE_TYPE}",
        addresses=[socket.inet_aton(code.host)],
        port=code.port,
        properties={
            "v": "1",
            "event": code.event_code,
            "key": code.event_key_id.hex(),
            "fp": (code.fingerprint or b"").hex(),
        },
        server=f"{machine}.local.",
    )


class HubAnnouncer:
    """Registers the hub while it runs; `close()` withdraws it (desks' lists drop it at once)."""

    def __init__(self, code: JoinCode, *, interfaces: list[str] | None = None) -> None:
        self._zeroconf = Zeroconf(interfaces=interfaces or ["0.0.0.0"], ip_version=IPVersion.V4Only)
        self.info = service_info(code)
        self._zeroconf.register_service(self.info, allow_name_change=True)

    def close(self) -> None:
        self._zeroconf.unregister_service(self.info)
        self._zeroconf.close()


def _found(info: ServiceInfo) -> FoundHub | None:
    props = {k.decode(): (v or b"").decode() for k, v in info.properties.items()}
    addresses = info.parsed_addresses(IPVersion.V4Only)
    try:
        if props.get("v") != "1" or not addresses or info.port is None:
            return None
        return FoundHub(
            name=info.name.removesuffix("." + SERVICE_TYPE),
            host=addresses[0],
            port=info.port,
            event_code=props["event"],
            event_key_id=bytes.fromhex(props["key"]),
            fingerprint=bytes.fromhex(props["fp"]),
        )
    except (KeyError, ValueError):
        return None  # a record from another program using our service type: not listed


class _Collector(ServiceListener):
    def __init__(self) -> None:
        self.names: set[str] = set()

    def add_service(self, zc: Zeroconf, type_: str, name: str) -> None:
        self.names.add(name)

    def update_service(self, zc: Zeroconf, type_: str, name: str) -> None:
        self.names.add(name)

    def remove_service(self, zc: Zeroconf, type_: str, name: str) -> None:
        self.names.discard(name)


def browse_hubs(*, seconds: float = 2.0, interfaces: list[str] | None = None) -> list[FoundHub]:
    """The hubs that answer on the LAN within `seconds` (blocking: run it off the GUI thread)."""
    zc = Zeroconf(interfaces=interfaces or ["0.0.0.0"], ip_version=IPVersion.V4Only)
    try:
        collector = _Collector()
        browser = ServiceBrowser(zc, SERVICE_TYPE, collector)
        time.sleep(seconds)
        browser.cancel()
        hubs = []
        for name in sorted(collector.names):
            info = zc.get_service_info(SERVICE_TYPE, name, timeout=1000)
            found = _found(info) if info is not None else None
            if found is not None:
                hubs.append(found)
        return hubs
    finally:
        zc.close()
