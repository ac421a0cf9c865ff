"""`policy webhook` and `policy serve` under bursts, slow clients and odd requests: real processes
(or real servers in a thread) on 127.0.0.1, real sockets, many clients at once."""

from __future__ import annotations

import http.client
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from notifyrepo import release_repo, subprocess_env
from publishing import SLUG, TODAY, three_releases
from test_webhook import SIGNATURE_HEADER, TIMESTAMP_HEADER, Receiver, Signer, body, event

POLICY = Path(sys.executable).with_name("policy")
BURST = 200


def burst(count: int, request) -> Counter:
    """Run `request(i)` from `count` threads released at the same instant; count the answers
    (a status, or the name of the exception a client got instead)."""
    gate = threading.Barrier(count)
    answers: list[object] = []

    def client(index: int) -> None:
        gate.wait()
        try:
            answers.append(request(index))
        except OSError as exc:
            answers.append(type(exc).__name__)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return Counter(answers)


def raw_request(port: int, data: bytes, timeout: float = 10) -> bytes:
    """Send bytes as they are; everything the server answers before closing ("" if nothing)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
        connection.sendall(data)
        connection.shutdown(socket.SHUT_WR)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    return answer


def status_of(answer: bytes) -> int | None:
    match = re.match(rb"HTTP/1\.[01] (\d{3}) ", answer)
    return int(match.group(1)) if match else None


# -- policy webhook, as a process ---------------------------------------------------------------


@pytest.fixture(scope="module")
def webhook(tmp_path_factory):
    """A `policy webhook` process with a SQLite ledger: (port, signer, ledger path)."""
    tmp_path = tmp_path_factory.mktemp("webhook")
    repo = release_repo(tmp_path / "repo")
    repo.close()
    signer = Signer()
    ledger = tmp_path / "ledger.sqlite3"
    env = subprocess_env(
        "http://127.0.0.1:9", "SG.unused", SENDGRID_WEBHOOK_PUBLIC_KEY=signer.public
    )
    command = [str(POLICY), "--repo", str(tmp_path / "repo"), "webhook", "--port", "0"]
    process = subprocess.Popen(
        [*command, "--ledger", f"sqlite:///{ledger}"], env=env, stderr=subprocess.PIPE, text=True
    )
    try:
        line = process.stderr.readline()
        match = re.match(r"Listening on http://127\.0\.0\.1:(\d+)/", line)
        assert match, line
        yield int(match.group(1)), signer, ledger
    finally:
        process.send_signal(signal.SIGTERM)
        _, rest = process.communicate(timeout=60)
    assert process.returncode == 0, rest
    assert "Traceback" not in rest


def signed_headers(signer: Signer, payload: bytes) -> dict[str, str]:
    stamp = str(int(time.time()))
    return {
        "Content-Type": "application/json",
        TIMESTAMP_HEADER: stamp,
        SIGNATURE_HEADER: signer.sign(payload, stamp),
    }


def test_a_burst_of_signed_posts_is_answered_and_recorded_in_full(webhook):
    """SendGrid posts concurrently; the standard library's backlog of 5 reset about half of
    such a burst."""
    port, signer, ledger = webhook
    payloads = [
        body(event(sg_event_id=f"event-{i}", email=f"u{i}@example.com")) for i in range(BURST)
    ]
    headers = [signed_headers(signer, p) for p in payloads]

    def post(index: int) -> int:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            connection.request("POST", "/", body=payloads[index], headers=headers[index])
            return connection.getresponse().status
        finally:
            connection.close()

    assert burst(BURST, post) == Counter({204: BURST})
    with sqlite3.connect(ledger) as database:
        assert database.execute("SELECT count(*) FROM notify_events").fetchone() == (BURST,)


@pytest.mark.parametrize(
    "length",
    [b"\xb2", "²".encode(), b"\xd9\xa3", b"-1", b"1e3", b"0x10", b"99999999999999999999999"],
    ids=["superscript-two-latin1", "superscript-two-utf8", "arabic-three", "negative",
         "exponent", "hex", "too-many-digits"],
)  # fmt: skip
def test_a_content_length_that_is_not_ascii_digits_is_400(webhook, length):
    port, _, _ = webhook
    answer = raw_request(
        port, b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: " + length + b"\r\n\r\n{}"
    )
    assert status_of(answer) == 400, answer
    assert answer.endswith(b'{"error": "the Content-Length is not a number"}')


def test_deeply_nested_json_is_400(webhook):
    port, signer, _ = webhook
    payload = b"[" * 100_000 + b"]" * 100_000
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("POST", "/", body=payload, headers=signed_headers(signer, payload))
        response = connection.getresponse()
        assert (response.status, response.read()) == (
            400,
            b'{"error": "the body is nested too deeply"}',
        )
    finally:
        connection.close()


def test_a_post_that_ends_before_its_content_length_is_400(webhook):
    port, _, _ = webhook
    answer = raw_request(port, b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n[]")
    assert status_of(answer) == 400, answer


# -- slow clients and the worker cap (a real server in a thread, with a short deadline) ---------


def trickle(port: int, stop: threading.Event, closed_after: list[float]) -> None:
    """A client sending its request one byte every 0.1 s, for as long as it is let."""
    start = time.monotonic()
    request = b"POST / HTTP/1.1\r\nHost: x\r\nX-Padding: " + b"a" * 10_000
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
            for byte in request:
                if stop.is_set():
                    return
                connection.sendall(bytes([byte]))
                time.sleep(0.1)
    except OSError:
        closed_after.append(time.monotonic() - start)


def test_a_trickling_client_is_cut_off_at_the_deadline_and_others_are_served():
    """Two slow clients hold both workers; each is cut off after the 1 s deadline although it
    never pauses for long, and a signed post waiting in the backlog is then answered."""
    receiver = Receiver(Signer(), request_deadline=1.0, max_workers=2)
    stop = threading.Event()
    closed_after: list[float] = []
    slow = [
        threading.Thread(target=trickle, args=(receiver.port, stop, closed_after)) for _ in range(2)
    ]
    try:
        for thread in slow:
            thread.start()
        time.sleep(0.3)  # both workers are now busy with the slow clients
        started = time.monotonic()
        status, _ = receiver.post(body(event()))
        waited = time.monotonic() - started
        assert status == 204
        assert 0.4 < waited < 5  # it waited in the backlog for a worker, then was answered
        for thread in slow:
            thread.join(10)
        assert len(closed_after) == 2 and all(0.9 < t < 3 for t in closed_after), closed_after
    finally:
        stop.set()
        receiver.close()


def test_a_client_that_sends_nothing_is_cut_off_at_the_deadline():
    receiver = Receiver(Signer(), request_deadline=0.5)
    try:
        with socket.create_connection(("127.0.0.1", receiver.port), timeout=10) as connection:
            started = time.monotonic()
            assert connection.recv(1024) == b""  # closed by the server
            assert time.monotonic() - started < 3
        assert receiver.post(body(event()))[0] == 204
    finally:
        receiver.close()


# -- policy serve, as a process -----------------------------------------------------------------


@pytest.fixture(scope="module")
def serve(tmp_path_factory):
    """A `policy serve` process on a free port: the port."""
    tmp_path = tmp_path_factory.mktemp("serve")
    repo = three_releases(tmp_path / "repo")
    repo.close()
    command = [str(POLICY), "--repo", str(tmp_path / "repo"), "serve", "--port", "0"]
    command += ["--out", str(tmp_path / "site"), "--as-of", TODAY.isoformat()]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)/policies/", line)
        assert match, line + process.stderr.read()
        yield int(match.group(1))
    finally:
        process.terminate()
        _, errors = process.communicate(timeout=60)
    assert "Traceback" not in errors


def test_serve_answers_a_burst_of_requests(serve):
    def get(index: int) -> int:
        connection = http.client.HTTPConnection("127.0.0.1", serve, timeout=60)
        try:
            connection.request("GET", f"/policies/{SLUG}/v1.{index % 2}.0/index.html")
            response = connection.getresponse()
            response.read()
            return response.status
        finally:
            connection.close()

    assert burst(BURST, get) == Counter({200: BURST})


@pytest.mark.parametrize(
    "path",
    [
        "/policies/" + "a" * 256,
        f"/policies/{SLUG}/" + "%C3%A9" * 128 + ".html",
        "/policies/" + "b" * 5000 + "/index.html",
        "/policies/" + "%41" * 300,
    ],
    ids=["256-bytes", "256-bytes-in-utf8", "long-folder", "encoded"],
)
def test_serve_answers_404_to_a_name_too_long_for_the_file_system(serve, path):
    connection = http.client.HTTPConnection("127.0.0.1", serve, timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        assert response.status == 404
        assert b"<html" in response.read()
    finally:
        connection.close()


def test_an_interrupt_while_a_worker_starts_stops_the_server_and_frees_the_worker(monkeypatch):
    """Phenomenon: SIGTERM (raised as KeyboardInterrupt in the accept loop) can land while a
    worker thread is being started, after the worker already ran and freed its place. Freeing
    it a second time raised an error that the standard server reports and survives, so the
    interrupt was lost and `policy webhook` went on serving. The interrupt must stop the
    server, and each place must be freed exactly once."""
    from http.server import BaseHTTPRequestHandler

    from policy.httpserver import BoundedHTTPServer

    class Quiet(BaseHTTPRequestHandler):
        def handle(self) -> None:
            pass

    server = BoundedHTTPServer(("127.0.0.1", 0), Quiet, max_workers=1)
    real_start = threading.Thread.start

    def start_then_interrupt(thread: threading.Thread) -> None:
        real_start(thread)
        thread.join()  # the worker ran to its end and freed its place
        raise KeyboardInterrupt  # then the signal arrives, still inside start()

    client = socket.create_connection(("127.0.0.1", server.server_port))
    try:
        monkeypatch.setattr(threading.Thread, "start", start_then_interrupt)
        with pytest.raises(KeyboardInterrupt):
            server._handle_request_noblock()  # one turn of the accept loop
        monkeypatch.undo()
        assert server._workers.acquire(blocking=False)  # the one place is free again
        server._workers.release()
        with pytest.raises(ValueError):
            server._workers.release()  # and was freed only once: no place was made up
    finally:
        client.close()
        server.server_close()
