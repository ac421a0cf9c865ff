"""`policy webhook`: SendGrid's signed Event Webhook wired to the ledger's events table.

Verification lives in `notifier.webhook`; this module only supplies the public key (from the
environment, never from a file in the repository) and a sink that writes to the ledger.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable

from policy.errors import PolicyError
from policy.notifier import ledger as L

PUBLIC_KEY_ENV = "SENDGRID_WEBHOOK_PUBLIC_KEY"


def serve_webhook(ledger_url: str, host: str, port: int, announce: Callable[[str], None]) -> None:
    """Receive events until SIGTERM or Ctrl-C; each verified post's events go to the ledger."""
    from policy.notifier.webhook import make_server

    public_key = os.environ.get(PUBLIC_KEY_ENV, "").strip()
    if not public_key:
        raise PolicyError(
            f"the event webhook's public key is not set: put SendGrid's verification key in "
            f"the environment variable {PUBLIC_KEY_ENV}; unsigned events are never accepted"
        )
    url = ledger_url
    ledger = L.Ledger(url)
    try:
        server = make_server(host, port, public_key, ledger.add_events)
    except OSError as exc:
        ledger.close()
        raise PolicyError(f"cannot listen on {host}:{port} ({exc.strerror})") from None

    def stop(_signum, _frame) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        host_bound = server.server_address[0]
        shown = host_bound.decode() if isinstance(host_bound, bytes) else str(host_bound)
        announce(f"http://{shown}:{server.server_port}/ (ledger {L.shown_url(url)})")
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.server_close()
        ledger.close()
