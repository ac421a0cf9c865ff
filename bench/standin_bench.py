"""Benchmark the SendGrid stand-in alone: can it keep up with 1,000,000 recipients in 60 s?

Run by hand (not a test): `.venv/bin/python bench/standin_bench.py [--requests N] [--threads K]`.
Starts `tests/sendgrid_standin.py` as a process per validation mode (full, sample, off), sends
N requests of 1,000 personalizations from K threads over loopback, and prints the median wall
time of `--runs` runs, requests per second and the time 1,000 requests (1,000,000 recipients)
would take. The stand-in's own cost is what the notifier's benchmark cannot go below.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STANDIN = ROOT / "tests" / "sendgrid_standin.py"
KEY = "SG.standin-key"


def body(request: int) -> bytes:
    return json.dumps(
        {
            "personalizations": [
                {
                    "to": [{"email": f"user{request}-{i}@example.com", "name": "A User"}],
                    "custom_args": {"release": "privacy-policy@2.0.0", "batch": str(request)},
                }
                for i in range(1000)
            ],
            "from": {"email": "privacy@example.com", "name": "Privacy"},
            "subject": "Our privacy policy changes",
            "content": [{"type": "text/plain", "value": "What changes. " * 100}],
            "mail_settings": {"bypass_unsubscribe_management": {"enable": True}},
        }
    ).encode()


def post(url: str, data: bytes) -> int:
    request = urllib.request.Request(url + "/v3/mail/send", data=data, method="POST")
    request.add_header("Authorization", f"Bearer {KEY}")
    request.add_header("Content-Type", "application/json")
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(request, timeout=60) as response:
        return response.status


def run(mode: str, requests: int, threads: int, latency: float) -> tuple[float, dict]:
    with tempfile.TemporaryDirectory() as tmp:
        ready = Path(tmp) / "url"
        process = subprocess.Popen(
            [
                sys.executable,
                str(STANDIN),
                "--latency",
                str(latency),
                "--validate",
                mode,
                "--ready-file",
                str(ready),
            ],
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "no_proxy": "127.0.0.1"},
        )
        while not ready.exists():
            time.sleep(0.05)
        url = ready.read_text(encoding="utf-8").strip()
        bodies = [body(i) for i in range(requests)]
        start = time.perf_counter()
        with ThreadPoolExecutor(threads) as pool:
            statuses = list(pool.map(lambda data: post(url, data), bodies))
        elapsed = time.perf_counter() - start
        process.send_signal(signal.SIGTERM)
        out, _ = process.communicate(timeout=60)
    assert statuses == [202] * requests, set(statuses)
    return elapsed, json.loads(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--latency", type=float, default=0.02)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    for mode in ("full", "sample", "off"):
        times = []
        for _ in range(args.runs):
            elapsed, summary = run(mode, args.requests, args.threads, args.latency)
            assert summary["accepted"] == args.requests * 1000, summary
            times.append(elapsed)
        median = statistics.median(times)
        rate = args.requests / median
        print(
            f"{mode:>6}: median {median:6.2f} s for {args.requests} requests x 1000 "
            f"({rate:6.1f} req/s, {rate * 1000:9.0f} recipients/s; 1,000,000 recipients "
            f"in {1000 / rate:5.1f} s), {args.threads} threads, latency {args.latency} s"
        )


if __name__ == "__main__":
    main()
