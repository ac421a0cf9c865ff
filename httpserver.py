"""The HTTP server under `policy webhook` and `policy serve`: ready for a burst, bounded for a
slow client.

Why: the standard library's `ThreadingHTTPServer` listens with a backlog of 5 and starts one
thread per connection without limit, and its per-read timeout lets a client that sends one byte
at a time hold a thread for ever. SendGrid posts its events concurrently; a burst of 200
connections lost half of them to resets. Here:

- the listen backlog is `BACKLOG` (the kernel caps it at `net.core.somaxconn`), so a burst
  waits in the kernel instead of being reset;
- at most `max_workers` requests are handled at once: the accept loop waits for a free worker,
  and meanwhile new connections wait in the backlog;
- each request (request line, headers and body) must arrive within `request_deadline` seconds
  in total, however slowly it trickles in; then the connection is closed.
"""

from __future__ import annotations

import io
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

BACKLOG = 1024
MAX_WORKERS = 32
REQUEST_DEADLINE = 30.0


class BoundedHTTPServer(ThreadingHTTPServer):
    """A threading HTTP server with a deep backlog and a fixed number of workers."""

    request_queue_size = BACKLOG
    daemon_threads = True

    def __init__(self, address: tuple[str, int], handler: Any, max_workers: int = MAX_WORKERS):
        self._workers = threading.BoundedSemaphore(max_workers)
        super().__init__(address, handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        """Hand the connection to a worker thread once a place is free. The place is freed
        exactly once: by the worker when it is done, or here when starting it fails. An
        interrupt (SIGTERM, Ctrl+C) can land inside `Thread.start` after the worker already
        ran; freeing the place twice would raise an error that the accept loop reports and
        survives, and the interrupt would be lost."""
        self._workers.acquire()
        free = _Once(self._workers.release)
        worker = threading.Thread(
            target=self._work, args=(request, client_address, free), daemon=self.daemon_threads
        )
        try:
            worker.start()
        except BaseException:
            free()
            raise

    def _work(self, request: Any, client_address: Any, free: _Once) -> None:
        try:
            self.process_request_thread(request, client_address)
        finally:
            free()


class _Once:
    """A call made at most once, whichever thread asks first."""

    def __init__(self, call: Any) -> None:
        self._call = call
        self._lock = threading.Lock()
        self._done = False

    def __call__(self) -> None:
        with self._lock:
            if self._done:
                return
            self._done = True
        self._call()


class _DeadlineReader(io.RawIOBase):
    """The connection's input, each read given only the time left before the deadline."""

    def __init__(self, connection: socket.socket, handler: DeadlineRequestHandler) -> None:
        self._connection = connection
        self._handler = handler

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        left = self._handler.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the request did not arrive in time")
        self._connection.settimeout(left)
        return self._connection.recv_into(buffer)


class DeadlineRequestHandler(BaseHTTPRequestHandler):
    """A request handler whose client has `request_deadline` seconds to send each request."""

    request_deadline = REQUEST_DEADLINE
    timeout = REQUEST_DEADLINE  # for writing the answer
    deadline = 0.0

    def setup(self) -> None:
        super().setup()
        self.rfile.close()
        size = self.rbufsize if self.rbufsize > 0 else io.DEFAULT_BUFFER_SIZE
        self.rfile = io.BufferedReader(_DeadlineReader(self.connection, self), size)

    def handle_one_request(self) -> None:
        self.deadline = time.monotonic() + self.request_deadline
        super().handle_one_request()

    def send_response(self, code: int, message: str | None = None) -> None:
        self.connection.settimeout(self.timeout)  # the answer gets its own time to be sent
        super().send_response(code, message)
