"""A TCP proxy between a client and a server that can fail the way venue networks fail.

`FaultyLink` listens on 127.0.0.1 and forwards every connection to the target. Then:

- `stall()`: stop forwarding in both directions without closing anything, and accept new
  connections without ever connecting them: Wi-Fi gone, nothing reset. The client's kernel
  still gets its bytes acknowledged (by the proxy's), so keepalives and TCP timeouts cannot
  notice: only a timeout of the application's own does. The hardest case, on purpose.
- `cut()`: close every connection (FIN) and close new ones at once: the cable pulled at a switch.
- `reset()`: abort every connection with a TCP RST and refuse new ones the same way.
- `heal()`: forward again; connections stalled meanwhile carry on with what was buffered.

Used as a context manager, or through `url_through(url)` for a SQLAlchemy URL.
"""

from __future__ import annotations

import contextlib
import selectors
import socket
import struct
import threading
from enum import Enum

from sqlalchemy.engine import make_url


class LinkState(Enum):
    UP = "up"
    STALLED = "stalled"
    CUT = "cut"
    RESET = "reset"


class FaultyLink:
    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.05)
        self.port = self._listener.getsockname()[1]
        self._state = LinkState.UP
        self._lock = threading.Lock()
        self._pairs: list[tuple[socket.socket, socket.socket | None]] = []
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []
        self.connections_accepted = 0

    # -- faults --------------------------------------------------------------------------------

    @property
    def state(self) -> LinkState:
        return self._state

    def stall(self) -> None:
        self._state = LinkState.STALLED

    def heal(self) -> None:
        self._state = LinkState.UP

    def cut(self) -> None:
        self._state = LinkState.CUT
        self._close_all(abort=False)

    def reset(self) -> None:
        self._state = LinkState.RESET
        self._close_all(abort=True)

    # -- running -------------------------------------------------------------------------------

    def url_through(self, url: str) -> str:
        """`url` with its host and port replaced by this proxy's."""
        return make_url(url).set(host="127.0.0.1", port=self.port).render_as_string(hide_password=False)

    def start(self) -> FaultyLink:
        thread = threading.Thread(target=self._accept_loop, name="faulty-link", daemon=True)
        thread.start()
        self._threads.append(thread)
        return self

    def stop(self) -> None:
        self._stopping.set()
        self._close_all(abort=False)
        for thread in self._threads:
            thread.join(timeout=5)
        self._listener.close()

    def __enter__(self) -> FaultyLink:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _accept_loop(self) -> None:
        while not self._stopping.is_set():
            try:
                client, _ = self._listener.accept()
                _no_delay(client)
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections_accepted += 1
            state = self._state
            if state is LinkState.CUT:
                client.close()
                continue
            if state is LinkState.RESET:
                _abort(client)
                continue
            server = None
            if state is LinkState.UP:
                try:
                    server = _no_delay(socket.create_connection(self.target, timeout=5))
                except OSError:
                    _abort(client)
                    continue
            with self._lock:
                self._pairs.append((client, server))
            thread = threading.Thread(target=self._pump, args=(client, server), daemon=True)
            thread.start()
            self._threads.append(thread)

    def _pump(self, client: socket.socket, server: socket.socket | None) -> None:
        """Copy bytes both ways while the link is up; hold them while it is stalled."""
        selector = selectors.DefaultSelector()
        try:
            while not self._stopping.is_set():
                if self._state is LinkState.STALLED or server is None:
                    if self._state is LinkState.UP and server is None:
                        # Accepted while stalled: connect now that the link is back.
                        try:
                            server = _no_delay(socket.create_connection(self.target, timeout=5))
                        except OSError:
                            return
                        with self._lock:
                            self._pairs = [(c, server if c is client else s) for c, s in self._pairs]
                        continue
                    if self._state in (LinkState.CUT, LinkState.RESET):
                        return
                    self._stopping.wait(0.05)
                    continue
                if not selector.get_map():
                    try:
                        selector.register(client, selectors.EVENT_READ, server)
                        selector.register(server, selectors.EVENT_READ, client)
                    except (OSError, ValueError):  # cut() closed a socket from the test's thread
                        return
                for key, _ in selector.select(timeout=0.05):
                    if self._state is not LinkState.UP:
                        break
                    source: socket.socket = key.fileobj  # type: ignore[assignment]
                    try:
                        data = source.recv(65536)
                    except OSError:
                        return
                    if not data:
                        return
                    try:
                        key.data.sendall(data)
                    except OSError:
                        return
        finally:
            selector.close()
            if self._state is LinkState.RESET:
                _abort(client)
            else:
                with contextlib.suppress(OSError):
                    client.close()
            if server is not None:
                with contextlib.suppress(OSError):
                    server.close()

    def _close_all(self, *, abort: bool) -> None:
        with self._lock:
            pairs, self._pairs = self._pairs, []
        for client, server in pairs:
            if abort:
                _abort(client)
            else:
                with contextlib.suppress(OSError):
                    client.shutdown(socket.SHUT_RDWR)
                with contextlib.suppress(OSError):
                    client.close()
            if server is not None:
                with contextlib.suppress(OSError):
                    server.close()


def _abort(sock: socket.socket) -> None:
    """Close with RST instead of FIN (SO_LINGER with a zero timeout)."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with contextlib.suppress(OSError):
        sock.close()


def _no_delay(sock: socket.socket) -> socket.socket:
    """Forward each piece at once, as a switch does: without this, Nagle's algorithm holds a
    client's second pipelined message until the first is acknowledged, and the far end delays
    that acknowledgement by 40 ms — a stall no real network between a desk and its hub adds."""
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock
