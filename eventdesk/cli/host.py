"""`eventdesk host EVENT`: serve an event to other desks from this laptop until Ctrl+C.

Starts the managed hub (a PostgreSQL eventdesk runs, TLS on the LAN, a generated password),
announces it by mDNS, and prints the join code as text and as a QR code a desk can scan from
the terminal. Ctrl+C (or SIGTERM from a service manager) stops it and writes the event back
into its file, so the file is complete and current again.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from pathlib import Path

from eventdesk.i18n import _
from eventdesk.sync.join_code import format_fingerprint


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "host", help="serve an event to other desks on this network (until Ctrl+C)"
    )
    parser.add_argument("event", metavar="EVENT", help="the .eventdesk file to serve")
    parser.add_argument(
        "--server",
        metavar="URL",
        help="copy the event onto this existing PostgreSQL (an empty database), print the join code, exit",
    )
    parser.add_argument("--listen", default="0.0.0.0", metavar="ADDRESS", help="address to listen on")
    parser.add_argument("--port", type=int, default=None, help="LAN port (default: 54320, or any free one)")
    parser.add_argument("--address", default=None, help="address desks use (default: this LAN address)")
    parser.add_argument("--no-announce", action="store_true", help="do not announce the hub by mDNS")
    parser.add_argument(
        "--allow-printing",
        action="store_true",
        help="joining desks may print badges (get the signing key)",
    )
    parser.add_argument("--json", action="store_true", help="print the join code as one JSON line")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.server:
        return _onto_server(args)
    from eventdesk.sync.hub.server import ManagedHub

    hub = ManagedHub(
        Path(args.event),
        listen_host=args.listen,
        port=args.port,
        advertised_host=args.address,
        may_print_badges=args.allow_printing,
    )
    stop = threading.Event()
    previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
    code = hub.start()
    announcer = None
    try:
        if not args.no_announce:
            from eventdesk.sync.hub.announce import HubAnnouncer

            announcer = HubAnnouncer(code)
        _show(code, hub, as_json=args.json)
        seen: dict[str, int] = {}
        while not stop.wait(1.0):
            desks = hub.connected_desks()
            if set(desks) != set(seen) and not args.json:
                print(
                    _(
                        "Desks connected: {count} ({names})",
                        count=len(desks),
                        names=", ".join(sorted(desks)) or _("none"),
                    ),
                    flush=True,
                )
            seen = desks
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        if announcer is not None:
            announcer.close()
        print(_("Stopping the hub and writing the event back into its file…"), file=sys.stderr, flush=True)
        path = hub.stop()
    print(_("The hub has stopped; {path} is complete and current.", path=path), file=sys.stderr, flush=True)
    return 0


def _onto_server(args: argparse.Namespace) -> int:
    from eventdesk.sync.hub.existing import host_on_server

    code = host_on_server(Path(args.event), args.server, may_print_badges=args.allow_printing)
    if args.json:
        print(
            json.dumps(
                {
                    "join_code": code.encode(),
                    "host": code.host,
                    "port": code.port,
                    "database": code.database,
                    "event": code.event_code,
                    "fingerprint": format_fingerprint(code.fingerprint) if code.fingerprint else None,
                    "expires_at": code.expires_at.isoformat() if code.expires_at else None,
                }
            )
        )
        return 0
    print(
        _(
            "Event {event} copied onto {server}. On each desk run:",
            event=code.event_code,
            server=f"{code.host}:{code.port}/{code.database}",
        )
    )
    print("  " + _("eventdesk join CODE -o desk.eventdesk   with this code:") + "\n")
    print(f"  {code.encode()}\n")
    return 0


def _show(code, hub, *, as_json: bool) -> None:  # type: ignore[no-untyped-def]
    if as_json:
        print(
            json.dumps(
                {
                    "join_code": code.encode(),
                    "host": code.host,
                    "port": code.port,
                    "event": code.event_code,
                    "fingerprint": format_fingerprint(code.fingerprint),
                    "expires_at": code.expires_at.isoformat() if code.expires_at else None,
                    "resumed": hub.resumed,
                }
            ),
            flush=True,
        )
        return
    import qrcode

    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2)
    qr.add_data(code.qr_text())
    qr.print_ascii(invert=True)
    if hub.resumed:
        print(_("The hub did not stop cleanly last time; it serves the copy it kept (newer than the file)."))
    print(
        _(
            "Hosting event {event} at {address}. On each desk: File › Join an event…,",
            event=code.event_code,
            address=f"{code.host}:{code.port}",
        )
    )
    print(
        _("scan the QR code above, or run:  eventdesk join CODE -o desk.eventdesk   with this code:") + "\n"
    )
    print(f"  {code.encode()}\n")
    print(_("Certificate SHA-256 {fingerprint}", fingerprint=format_fingerprint(code.fingerprint)))
    print(_("Press Ctrl+C to stop hosting (the event file is brought up to date)."), flush=True)
