"""Stop means stop: SIGINT and SIGTERM end a send quickly, exactly, and resumably.

The first signal sets a flag that every worker checks before each request: no new request
starts, the ones in flight get `GRACE` seconds to come back (their answers are recorded), and
the run ends with a report that says how many were accepted and how many were not sent. The
ledger stays exact whatever happens: a batch whose answer did not come back stays `in_flight`,
which the next run settles (cancel and resend, or `uncertain`). A second signal exits at once.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator

GRACE = 6.0
"""Seconds the requests in flight get to finish after the first signal (the process exits
within 10 s of it: the rest is writing the report)."""

NAMES: dict[int, str] = {signal.SIGINT: "SIGINT (Ctrl-C)", signal.SIGTERM: "SIGTERM"}


class Stop:
    """A flag raised by a signal (or by a worker that hit an error the whole run shares)."""

    def __init__(self) -> None:
        self.event = threading.Event()
        self.signum: int | None = None
        self.at: float | None = None

    def is_set(self) -> bool:
        return self.event.is_set()

    def set(self, signum: int | None = None) -> None:
        if signum is not None and self.signum is None:
            self.signum = signum
            self.at = time.monotonic()
        self.event.set()

    def wait(self, seconds: float) -> bool:
        """Sleep up to `seconds`, waking at once when the flag is raised; True if raised."""
        return self.event.wait(max(0.0, seconds))

    @property
    def by_signal(self) -> bool:
        return self.signum is not None

    @property
    def signal_name(self) -> str:
        return NAMES.get(self.signum, f"signal {self.signum}") if self.signum else ""

    @property
    def exit_code(self) -> int:
        """128 + the signal's number: 130 for SIGINT, 143 for SIGTERM (the shell's convention)."""
        return 128 + self.signum if self.signum else 1

    def deadline(self) -> float | None:
        """When the requests still in flight stop being waited for (monotonic clock)."""
        return None if self.at is None else self.at + GRACE


@contextlib.contextmanager
def stop_on_signals(say: Callable[[str], None]) -> Iterator[Stop]:
    """While inside, SIGINT and SIGTERM raise the returned flag; a second one exits at once
    with 128 + its number. `say` tells the person what happens (it must be signal-safe)."""
    stop = Stop()

    def handle(signum: int, _frame: object) -> None:
        if stop.by_signal:
            say(
                f"Stopped at once by a second {NAMES.get(signum, 'signal')}: batches still in "
                "flight stay in the ledger; the next run settles them.\n"
            )
            os._exit(128 + signum)
        stop.set(signum)
        say(
            f"Stopping ({NAMES.get(signum, 'signal')}): no new request; waiting up to "
            f"{GRACE:g} s for those in flight. Press Ctrl-C again to stop at once.\n"
        )

    if threading.current_thread() is not threading.main_thread():
        yield stop  # signals reach the main thread only; a caller there does its own
        return
    previous = {s: signal.signal(s, handle) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stop
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
