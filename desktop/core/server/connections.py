"""Connections before they are requests (issue 27): uvicorn's h11 protocol with deadlines and
caps, so that clients that never finish their headers (slowloris) cannot hold the engine's file
descriptors, which the private channel shares.

- A request's line and headers must arrive within HEADER_TIMEOUT_S of the connection (or of its
  first byte, on a kept-alive connection); a body may pause at most BODY_IDLE_S between chunks.
  No key is needed to open a connection, so these hold before any key is checked.
- One client address may hold at most PER_CLIENT connections at once: one more is closed at
  once, before it reads anything. The public port as a whole holds at most `max_connections`
  (run.py sizes it from the open-file limit, which it raises to the hard limit first): when a
  new connection would pass that, the oldest connection still waiting for its headers is
  closed to make room (a client that sends its request at once always gets in; a flood of
  unfinished ones only pushes itself out). The private channel (a Unix socket) has no client
  address and no per-client cap.
"""
from __future__ import annotations

import asyncio
import collections
import logging
import resource

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

log = logging.getLogger("ember.server")

HEADER_TIMEOUT_S = 10.0
BODY_IDLE_S = 30.0
PER_CLIENT = 32


def raise_open_file_limit() -> int:
    """The soft open-file limit raised to the hard one (a desktop's soft limit is often 1024);
    the limit now in force."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = hard if hard != resource.RLIM_INFINITY else max(soft, 65536)
    if want > soft:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
            soft = want
        except (ValueError, OSError):
            pass
    return soft


def protocol_class(max_connections: int | None, *, header_timeout: float = HEADER_TIMEOUT_S,
                   body_idle: float = BODY_IDLE_S, per_client: int = PER_CLIENT):
    """An H11Protocol class for one server, with its own counts and limits."""
    open_by_client: collections.Counter = collections.Counter()
    unfinished: dict = {}        # connections waiting for their headers, oldest first

    class GuardedH11Protocol(H11Protocol):
        _timer: asyncio.TimerHandle | None = None
        _peer: str | None = None
        _counted = False

        def connection_made(self, transport) -> None:
            super().connection_made(transport)
            self._peer = self.client[0] if self.client else None
            if self._peer is not None:
                open_by_client[self._peer] += 1
                self._counted = True
            if self._peer is not None and open_by_client[self._peer] > per_client:
                log.warning("connection from %s refused: it holds %d already", self._peer,
                            per_client)
                transport.abort()
                return
            if max_connections is not None and len(self.connections) > max_connections:
                oldest = next(iter(unfinished), None)
                if oldest is None:
                    log.warning("connection from %s refused: the port holds %d connections",
                                self._peer, max_connections)
                    transport.abort()
                    return
                oldest._expired(why="the port is full and it had not sent its request")
            unfinished[self] = None
            self._arm(header_timeout)

        def connection_lost(self, exc) -> None:
            self._disarm()
            unfinished.pop(self, None)
            if self._counted:
                open_by_client[self._peer] -= 1
                if open_by_client[self._peer] <= 0:
                    del open_by_client[self._peer]
                self._counted = False
            super().connection_lost(exc)

        def data_received(self, data: bytes) -> None:
            super().data_received(data)
            state = self.conn.their_state
            if state is h11.SEND_BODY:
                self._arm(body_idle)          # the body may pause, but not for long
            elif state is h11.IDLE:
                if self._timer is None and self.conn.trailing_data[0]:
                    self._arm(header_timeout)  # the next request's headers began: a deadline
                    unfinished[self] = None
                return
            else:
                self._disarm()
            unfinished.pop(self, None)

        def _arm(self, seconds: float) -> None:
            self._disarm()
            self._timer = self.loop.call_later(seconds, self._expired)

        def _disarm(self) -> None:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None

        def _expired(self, why: str = "its request did not arrive in time") -> None:
            self._timer = None
            unfinished.pop(self, None)
            if self.conn.their_state in (h11.IDLE, h11.SEND_BODY) and not self.transport.is_closing():
                log.warning("connection from %s closed: %s", self._peer or "the private channel",
                            why)
                self.transport.abort()

    return GuardedH11Protocol
