"""Benchmark `policy notify`: 1,000,000 recipients from a CSV through the SendGrid stand-in.

Run by hand (not a test): `.venv/bin/python bench/notify_bench.py [--recipients N] [--runs R]`.
Generates a CSV of N distinct addresses, a policy repository with a major release, and starts
`tests/sendgrid_standin.py` as a process answering after 20 ms (`--latency`), validating one
request in 50 against SendGrid's schema. Each run sends to everyone through a fresh SQLite
ledger, then the stand-in's summary is checked (every recipient accepted exactly once). Prints
per run and as medians: wall time, recipients per second, peak RSS of the `policy` process.
`--french P` gives P % of the recipients the locale `fr` (20 by default): the run then claims
and sends one language at a time, which is what the per-language claims cost.
Targets (issue 7): <= 60 s wall and <= 200 MB peak for 1,000,000 recipients.
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
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
KEY = "SG.bench-key"


def make_repo(where: Path, concurrency: int | None) -> None:
    from gitrepo import make_repo as init
    from gitrepo import policy_text, tag_release, write_and_commit

    repo = init(where)
    body = "# Privacy Policy\n\n## Sharing\n\nWe share with {}.\n"
    path = "policies/privacy-policy.md"
    slug = "privacy-policy"
    write_and_commit(repo, path, policy_text(slug, "2026-01-01", body.format("PayPal")), "v1")
    tag_release(repo, slug, "1.0.0", "none", "2026-01-01", "First.")
    # Far ahead: a major release already in effect and never notified would be refused.
    write_and_commit(repo, path, policy_text(slug, "2099-03-01", body.format("Stripe")), "v2")
    tag_release(repo, slug, "2.0.0", "major", "2099-03-01", "Stripe.", categories=("sharing",))
    repo.close()
    if concurrency is not None:  # policy.toml in the working tree, as a user would edit it
        (where / "policy.toml").write_text(f"[notify]\nconcurrency = {concurrency}\n")


def make_csv(path: Path, count: int, french: int = 20) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write("email,name,locale,user_id\n")
        for start in range(0, count, 10000):
            out.write(
                "".join(
                    f"user{i}@example{i % 97}.com,User {i},{('fr' if i % 100 < french else 'en')},"
                    f"{i}\n"
                    for i in range(start, min(count, start + 10000))
                )
            )


def start_standin(tmp: Path, latency: float) -> tuple[subprocess.Popen, str, Path]:
    ready, summary = tmp / "ready", tmp / "summary.json"
    for stale in (ready, summary):
        stale.unlink(missing_ok=True)
    process = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "tests" / "sendgrid_standin.py"),
            "--port",
            "0",
            "--latency",
            str(latency),
            "--api-key",
            KEY,
            "--ready-file",
            str(ready),
            "--summary",
            str(summary),
        ]
    )
    for _ in range(600):
        if ready.exists() and ready.read_text().strip():
            return process, ready.read_text().strip(), summary
        time.sleep(0.05)
    process.kill()
    raise SystemExit("the stand-in did not start")


def one_run(tmp: Path, repo: Path, csv: Path, latency: float, count: int) -> dict[str, float]:
    standin, url, summary = start_standin(tmp, latency)
    ledger = tmp / f"ledger-{time.time_ns()}.sqlite3"
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env.update(SENDGRID_API_HOST=url, SENDGRID_API_KEY=KEY, no_proxy="127.0.0.1")
    command = [
        str(Path(sys.executable).with_name("policy")),
        "--repo",
        str(repo),
        "notify",
        "privacy-policy",
        "2.0.0",
        "--recipients",
        str(csv),
        "--ledger",
        f"sqlite:///{ledger}",
    ]
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    out = process.stdout.read().decode() if process.stdout else ""
    err = process.stderr.read().decode() if process.stderr else ""
    process.returncode = os.waitstatus_to_exitcode(status)
    standin.send_signal(signal.SIGTERM)
    standin.wait(60)
    if process.returncode != 0:
        raise SystemExit(f"policy notify failed ({process.returncode}):\n{out}\n{err}")
    result = json.loads(summary.read_text())
    if result.get("unique") != count or result.get("duplicates"):
        raise SystemExit(f"not exactly once: {result}")
    ledger.unlink(missing_ok=True)
    return {"wall": wall, "rate": count / wall, "rss_mb": usage.ru_maxrss / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--recipients", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--latency", type=float, default=0.02)
    parser.add_argument("--concurrency", type=int, help="[notify] concurrency (default: its own)")
    parser.add_argument("--french", type=int, default=20, help="percent of recipients in fr")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="notify-bench-") as name:
        tmp = Path(name)
        make_repo(tmp / "repo", args.concurrency)
        csv = tmp / "recipients.csv"
        make_csv(csv, args.recipients, args.french)
        runs = []
        for i in range(args.runs):
            figures = one_run(tmp, tmp / "repo", csv, args.latency, args.recipients)
            runs.append(figures)
            print(
                f"run {i + 1}: {figures['wall']:.1f} s wall, {figures['rate']:,.0f} recipients/s, "
                f"peak RSS {figures['rss_mb']:.0f} MB",
                flush=True,
            )
        wall = statistics.median(r["wall"] for r in runs)
        rate = statistics.median(r["rate"] for r in runs)
        rss = statistics.median(r["rss_mb"] for r in runs)
        verdict = "OK" if wall <= 60 and rss <= 200 else "OVER TARGET"
        print(
            f"median of {len(runs)}: {args.recipients:,} recipients in {wall:.1f} s "
            f"({rate:,.0f}/s), peak RSS {rss:.0f} MB; targets 60 s, 200 MB: {verdict}"
        )


if __name__ == "__main__":
    main()
