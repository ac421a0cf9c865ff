"""`policy notify` and `policy audit` end to end: a real repository, a real SQLite ledger and the
SendGrid stand-in as a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3

import pytest
from click.testing import CliRunner
from gitrepo import write, write_and_commit
from notifyrepo import SLUG, add_major, addresses, release_repo, standin_env, write_csv
from sendgrid_standin import SendGridStandIn

from policy.cli import main

KEY = "SG.test-secret-key-0123456789"


def run(*args: str):
    return CliRunner().invoke(main, list(args), prog_name="policy", terminal_width=80)


@pytest.fixture
def repo(tmp_path):
    return release_repo(tmp_path / "repo")


@pytest.fixture
def standin(monkeypatch):
    with SendGridStandIn(api_key=KEY) as server:
        for name, value in standin_env(server.url, KEY).items():
            monkeypatch.setenv(name, value)
        monkeypatch.delenv("POLICY_LEDGER_URL", raising=False)
        yield server


def notify(repo, *args: str):
    return run("--repo", repo.working_tree_dir, "notify", SLUG, *args)


def mail_requests(standin):
    return [r for r in standin.requests if r.path == "/v3/mail/send"]


def report_lines(result) -> list[str]:
    return result.output.splitlines()


def test_sends_each_recipient_exactly_once_one_personalization_each(repo, standin, tmp_path):
    emails = addresses(2500)
    source = write_csv(tmp_path / "r.csv", [*emails, "USER7@Example.com", "not-an-address"])
    result = notify(repo, "2.0.0", "--recipients", str(source))
    assert result.exit_code == 0, result.output
    assert result.output == (
        "privacy-policy 2.0.0 (major): notice sent\n"
        "  recipients read                        2502\n"
        "  sent now                               2500\n"
        "  already sent earlier                   0\n"
        "  sent by other runs meanwhile           0\n"
        "  invalid (never sent)                   1\n"
        "  already in the ledger (repeated rows)  1\n"
        "  suppressed (dropped by SendGrid)       0\n"
        "  failed (left pending, run again)       0\n"
        "  uncertain                              0\n"
        "    invalid address: 1\n"
    )
    assert standin.deliveries() == {email: 1 for email in emails}
    bodies = [r.json for r in mail_requests(standin)]
    assert sorted(len(b["personalizations"]) for b in bodies) == [500, 1000, 1000]
    for body in bodies:
        for personalization in body["personalizations"]:
            assert len(personalization["to"]) == 1  # nobody sees another address
            assert "cc" not in personalization and "bcc" not in personalization
        assert body["mail_settings"] == {"bypass_unsubscribe_management": {"enable": True}}
        assert set(body["custom_args"]) == {"policy_release", "policy_batch"}
        assert body["custom_args"]["policy_release"] == "privacy-policy@2.0.0"
        assert body["custom_args"]["policy_batch"] == body["batch_id"]
    assert len({b["batch_id"] for b in bodies}) == 3  # each request its own batch
    assert all(a.recipients == (a.email,) for a in standin.accepted)


def test_send_at_is_ahead_by_the_send_delay(repo, standin, tmp_path):
    import time

    source = write_csv(tmp_path / "r.csv", addresses(3))
    before = time.time()
    assert notify(repo, "2.0.0", "--recipients", str(source)).exit_code == 0
    send_at = mail_requests(standin)[0].json["send_at"]
    assert before + 900 - 1 <= send_at <= time.time() + 900


def test_without_version_the_major_release_before_a_minor_one_is_sent(repo, standin, tmp_path):
    source = write_csv(tmp_path / "r.csv", addresses(3))
    result = notify(repo, "--recipients", str(source))
    assert result.exit_code == 0, result.output
    assert report_lines(result)[0] == "privacy-policy 2.0.0 (major): notice sent"
    assert standin.deliveries() == {email: 1 for email in addresses(3)}
    assert {a.custom_args["policy_release"] for a in standin.accepted} == {"privacy-policy@2.0.0"}
    again = notify(repo, "--recipients", str(source))
    assert again.exit_code == 0
    today = dt.date.today().isoformat()
    assert again.output == (
        "privacy-policy 2.0.0 (major): already notified (3 accepted by SendGrid, completed "
        f"{today}); nothing to send.\n"
    )
    assert len(mail_requests(standin)) == 1


def test_a_minor_release_named_sends_nothing(repo, standin, tmp_path):
    source = write_csv(tmp_path / "r.csv", addresses(3))
    result = notify(repo, "2.1.0", "--recipients", str(source))
    assert result.exit_code == 0
    assert result.output == (
        "privacy-policy 2.1.0 (minor): not a major release, so no email is sent "
        "(use --force --reason to send anyway).\n"
    )
    assert standin.requests == []


def test_a_policy_without_a_major_release_has_nothing_to_send(tmp_path, standin):
    from gitrepo import make_repo, policy_text, tag_release

    repo = make_repo(tmp_path / "repo")
    write_and_commit(
        repo, "policies/privacy-policy.md", policy_text(SLUG, "2026-01-01", "# P\n"), "v1"
    )
    tag_release(repo, SLUG, "1.0.0", "none", "2026-01-01", "First version.")
    source = write_csv(tmp_path / "r.csv", addresses(2))
    result = notify(repo, "--recipients", str(source))
    assert (result.exit_code, result.output) == (
        0,
        "privacy-policy has no major release: nothing to send.\n",
    )
    stray = notify(repo, "--recipients", str(source), "--reason", "why not")
    assert stray.exit_code == 2
    assert "--reason goes with --force or --cancel" in stray.stderr
    assert standin.requests == []


def test_every_major_release_still_owed_goes_out_oldest_first(repo, standin, tmp_path):
    add_major(repo, "3.0.0")
    source = write_csv(tmp_path / "r.csv", addresses(2))
    report = tmp_path / "report.json"
    result = notify(repo, "--recipients", str(source), "--report", str(report))
    assert result.exit_code == 0, result.output
    heads = [line for line in report_lines(result) if not line.startswith(" ")]
    assert heads == [
        "privacy-policy 2.0.0 (major): notice sent",
        "privacy-policy 3.0.0 (major): notice sent",
    ]
    order = [r.json["custom_args"]["policy_release"] for r in mail_requests(standin)]
    assert order == ["privacy-policy@2.0.0", "privacy-policy@3.0.0"]
    assert standin.deliveries() == {email: 2 for email in addresses(2)}
    data = json.loads(report.read_text())
    assert [(r["release"], r["sent"]) for r in data["releases"]] == [
        ("privacy-policy@2.0.0", 2),
        ("privacy-policy@3.0.0", 2),
    ]


def test_a_partly_sent_release_is_resumed_by_the_default_run(repo, standin, tmp_path):
    source = write_csv(tmp_path / "r.csv", addresses(30))
    assert notify(repo, "2.0.0", "--recipients", str(source), "--shard", "0/2").exit_code == 0
    first = sum(standin.deliveries().values())
    assert 0 < first < 30  # a shard run never marks the release complete
    result = notify(repo, "--recipients", str(source))
    assert result.exit_code == 0, result.output
    assert f"  sent now                               {30 - first}" in result.output
    assert standin.deliveries() == {email: 1 for email in addresses(30)}


def test_a_major_release_in_effect_and_never_notified_needs_a_person(tmp_path, standin):
    repo = release_repo(tmp_path / "repo", effective="2026-03-01")
    source = write_csv(tmp_path / "r.csv", addresses(3))
    refused = notify(repo, "--recipients", str(source))
    assert refused.exit_code == 1
    ledger = tmp_path / "repo/.policy/ledger.sqlite3"
    assert refused.stdout == (
        "privacy-policy 2.0.0 (major): not sent. It took effect on 2026-03-01 and the ledger in "
        f"use (sqlite:///{ledger}) has no notice of it, so an email now would announce a change "
        "that already applies. A person decides: to send it anyway, run `policy notify "
        "privacy-policy 2.0.0 --force --reason '...'` (recorded in the ledger); to record that "
        "it will not be sent, run `policy notify privacy-policy 2.0.0 --cancel --reason '...'`. "
        "If it was announced from another ledger, point --ledger at that one.\n"
    )
    assert refused.stderr == (
        "Error: not sent, a person must decide (see above): privacy-policy 2.0.0\n"
    )
    assert notify(repo, "2.0.0", "--recipients", str(source)).exit_code == 1
    assert mail_requests(standin) == []
    bare = notify(repo, "2.0.0", "--recipients", str(source), "--force")
    assert bare.exit_code == 2
    assert bare.stderr == (
        "Error: --force needs --reason '...': the ledger records who decided and why\n"
    )
    unnamed = notify(repo, "--recipients", str(source), "--force", "--reason", "x")
    assert unnamed.exit_code == 2
    assert "--force applies to one release: give its VERSION" in unnamed.stderr
    reason = "Late, but the regulator asked us to tell everyone"
    forced = notify(repo, "2.0.0", "--recipients", str(source), "--force", "--reason", reason)
    assert forced.exit_code == 0, forced.output
    assert report_lines(forced)[0] == (
        "privacy-policy 2.0.0 (major): notice sent (forced: in effect since 2026-03-01, never "
        "notified)"
    )
    assert standin.deliveries() == {email: 1 for email in addresses(3)}
    audit = run("--repo", repo.working_tree_dir, "audit", SLUG, "2.0.0", "--format", "json")
    decisions = json.loads(audit.stdout)["decisions"]
    assert [(d["action"], d["detail"]) for d in decisions] == [
        ("force", f"in effect since 2026-03-01, never notified: {reason}")
    ]
    done = notify(repo, "--recipients", str(source))
    assert done.exit_code == 0 and "already notified (3 accepted" in done.output


def test_missing_or_empty_api_key_stops_before_anything(repo, standin, tmp_path, monkeypatch):
    source = write_csv(tmp_path / "r.csv", addresses(3))
    for value in (None, "", "  "):
        if value is None:
            monkeypatch.delenv("SENDGRID_API_KEY")
        else:
            monkeypatch.setenv("SENDGRID_API_KEY", value)
        result = notify(repo, "2.0.0", "--recipients", str(source))
        assert result.exit_code == 1
        assert result.stderr == (
            "Error: the SendGrid API key is not set: put it in the environment variable "
            "SENDGRID_API_KEY (named by [notify] api_key_env in policy.toml); nothing was sent\n"
        )
    assert standin.requests == []
    assert not (repo.working_tree_dir and (tmp_path / "repo/.policy/ledger.sqlite3").exists())


def test_wrong_key_stops_with_one_line_and_the_key_appears_nowhere(repo, standin, tmp_path):
    source = write_csv(tmp_path / "r.csv", addresses(5))
    report = tmp_path / "report.json"
    standin.api_key = "SG.another-key"  # the stand-in now refuses ours
    result = notify(repo, "2.0.0", "--recipients", str(source), "--report", str(report))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "Error: cannot create a batch id: SendGrid refused the API key (401): check the key in "
        "the environment; nothing was sent: fix the cause and run again"
    )
    ledger = tmp_path / "repo/.policy/ledger.sqlite3"
    for blob in (
        result.output,
        result.stderr,
        report.read_text(),
        ledger.read_bytes().decode("latin-1"),
    ):
        assert KEY not in blob
    assert json.loads(report.read_text())["outcome"] == "stopped"
    standin.api_key = KEY
    again = notify(repo, "2.0.0", "--recipients", str(source))
    assert again.exit_code == 0
    assert standin.deliveries() == {email: 1 for email in addresses(5)}


@pytest.mark.parametrize("status", [400, 403])
def test_rejected_request_stops_the_run_and_loses_nobody(repo, standin, tmp_path, status):
    source = write_csv(tmp_path / "r.csv", addresses(2500))
    standin.fail_next(status)
    result = notify(repo, "2.0.0", "--recipients", str(source))
    assert result.exit_code == 1
    last = result.stderr.splitlines()[-1]
    assert re.match(r"Error: batch of (1000|500) not sent: SendGrid (rejected|refused) ", last)
    assert last.endswith("; nothing was lost: fix the cause and run again to resume")
    resumed = notify(repo, "2.0.0", "--recipients", str(source))
    assert resumed.exit_code == 0, resumed.output
    assert standin.deliveries() == {email: 1 for email in addresses(2500)}
    assert "  already sent earlier                   " in resumed.output


@pytest.mark.parametrize("fault", ["429", "500", "503", "drop", "slow"])
def test_faults_are_retried_and_nobody_gets_two(repo, standin, tmp_path, monkeypatch, fault):
    source = write_csv(tmp_path / "r.csv", addresses(1500))
    if fault == "drop":
        standin.drop_next(2)
    elif fault == "slow":
        write(repo, "policy.toml", "[notify]\ntimeout_seconds = 0.5\n")
        standin.slow_next(1.5)
    else:
        standin.fail_next(int(fault), count=2)
    result = notify(repo, "2.0.0", "--recipients", str(source))
    assert result.exit_code == 0, result.output
    assert standin.deliveries() == {email: 1 for email in addresses(1500)}
    assert "  sent now                               1500" in result.output
    if fault in ("500", "503", "drop", "slow"):
        assert standin.cancelled  # the ambiguous batches were cancelled, then resent


def test_debug_logs_of_the_http_client_never_show_the_key(repo, standin, tmp_path, caplog):
    import logging

    source = write_csv(tmp_path / "r.csv", addresses(2))
    with caplog.at_level(logging.DEBUG, logger="python_http_client"):
        assert notify(repo, "2.0.0", "--recipients", str(source)).exit_code == 0
    assert "Authorization" in caplog.text  # the client did log its headers
    assert KEY not in caplog.text
    assert "Bearer <api key>" in caplog.text


def test_recipients_are_required_for_a_major_release(repo, standin):
    result = notify(repo, "2.0.0")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: --recipients is required: a CSV file or a database URL with --query\n"
    )


def test_resume_after_completion_sends_nothing_more(repo, standin, tmp_path):
    source = write_csv(tmp_path / "r.csv", addresses(10))
    assert notify(repo, "2.0.0", "--recipients", str(source)).exit_code == 0
    count = len(mail_requests(standin))
    again = notify(repo, "2.0.0", "--recipients", str(source))
    assert again.exit_code == 0
    assert "  sent now                               0" in again.output
    assert "  already sent earlier                   10" in again.output
    assert len(mail_requests(standin)) == count


def test_short_delay_warns_and_lost_answers_become_uncertain(repo, standin, tmp_path):
    write_and_commit(repo, "policy.toml", "[notify]\nsend_delay_seconds = 0\n", "no delay")
    source = write_csv(tmp_path / "r.csv", addresses(3))
    standin.drop_next(1)
    report = tmp_path / "report.json"
    result = notify(repo, "2.0.0", "--recipients", str(source), "--report", str(report))
    assert result.exit_code == 0
    assert result.stderr.startswith(
        "Warning: [notify] send_delay_seconds = 0: batches go out within SendGrid's 600 s "
        "cancel window"
    )
    assert result.output.endswith(
        "Uncertain: SendGrid may or may not have accepted these and the batch can no longer be "
        "cancelled; check the audit or the event webhook, then decide with --resend-uncertain:\n"
        "  user0@example.com\n  user1@example.com\n  user2@example.com\n"
    )
    data = json.loads(report.read_text())
    assert data["uncertain"] == 3 and data["uncertain_recipients"] == addresses(3)
    assert standin.deliveries() == {email: 1 for email in addresses(3)}  # the lost one went out
    plain = notify(repo, "2.0.0", "--recipients", str(source))
    assert "  uncertain                              3" in plain.output  # not resent unasked
    resent = notify(repo, "2.0.0", "--recipients", str(source), "--resend-uncertain")
    assert "  sent now                               3" in resent.output
    assert standin.deliveries() == {email: 2 for email in addresses(3)}  # a human's decision
    audit = run("--repo", repo.working_tree_dir, "audit", SLUG, "2.0.0", "--format", "json")
    decisions = json.loads(audit.stdout)["decisions"]
    assert [(d["action"], d["detail"]) for d in decisions] == [
        ("resend_uncertain", "3 uncertain recipient(s) sent again")
    ]


def test_uncertain_addresses_stay_out_of_a_github_actions_log(repo, standin, tmp_path, monkeypatch):
    write_and_commit(repo, "policy.toml", "[notify]\nsend_delay_seconds = 0\n", "no delay")
    source = write_csv(tmp_path / "r.csv", addresses(3))
    standin.drop_next(1)
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    report = tmp_path / "report.json"
    result = notify(repo, "2.0.0", "--recipients", str(source), "--report", str(report))
    assert result.exit_code == 0
    assert "  uncertain                              3" in result.output
    assert result.output.endswith("  ... and 3 more (see --report or policy audit)\n")
    assert "@example.com" not in result.output + summary.read_text()
    assert json.loads(report.read_text())["uncertain_recipients"] == addresses(3)


def test_dry_run_counts_and_shows_a_sample_without_sending(repo, standin, tmp_path):
    source = write_csv(tmp_path / "r.csv", [*addresses(4), "user1@EXAMPLE.com", "x@"])
    result = notify(repo, "2.0.0", "--recipients", str(source), "--dry-run")
    assert result.exit_code == 0, result.output
    lines = report_lines(result)
    assert lines[:9] == [
        "privacy-policy 2.0.0 (major): dry run, nothing sent",
        "  recipients read       6",
        "  would be sent now     4",
        "  already sent earlier  0",
        "  invalid (never sent)  1",
        "  repeated rows         1",
        "    invalid address: 1",
        "  emails by language: en 4",
        "",
    ]
    assert lines[9:12] == [
        "Sample email (en):",
        "Subject: Important changes to our Privacy Policy, effective 1 March 2099",
        "",
    ]
    assert lines[12] == "Hello,"
    assert "Read the new version: https://www.soocas.com/policies/privacy-policy/v2.0.0/" in lines
    assert standin.requests == []
    assert not (tmp_path / "repo/.policy/ledger.sqlite3").exists()  # a dry run creates no ledger


def test_dry_run_reads_the_ledger_and_says_what_a_real_run_would_send(repo, standin, tmp_path):
    source = write_csv(tmp_path / "r.csv", addresses(197))
    assert notify(repo, "2.0.0", "--recipients", str(source)).exit_code == 0
    after = notify(repo, "2.0.0", "--recipients", str(source), "--dry-run")
    assert after.exit_code == 0, after.output
    assert report_lines(after)[1:4] == [
        "  recipients read       197",
        "  would be sent now     0",
        "  already sent earlier  197",
    ]
    grown = write_csv(tmp_path / "grown.csv", addresses(200))
    more = notify(repo, "--recipients", str(grown), "--dry-run")
    assert more.output.startswith("privacy-policy 2.0.0 (major): already notified (197 accepted")
    named = notify(repo, "2.0.0", "--recipients", str(grown), "--dry-run")
    assert report_lines(named)[2] == "  would be sent now     3"
    assert len(mail_requests(standin)) == 1  # no dry run sent anything
    real = notify(repo, "2.0.0", "--recipients", str(grown))
    assert "  sent now                               3" in real.output


def test_report_file_is_json_with_every_count(repo, standin, tmp_path):
    source = tmp_path / "r.csv"
    source.write_text(
        'email,name\nuser0@example.com,A\n"bad@example.com\r\nBcc: x@evil.com",B\n'
        'evil@example.com,"Eve\r\nBcc: x@evil.com"\nuser1@example.com,C\n',
        newline="",
    )
    report = tmp_path / "out.json"
    result = notify(repo, "2.0.0", "--recipients", str(source), "--report", str(report))
    assert result.exit_code == 0
    data = json.loads(report.read_text())
    assert {k: data[k] for k in ("release", "outcome", "sent", "invalid", "uncertain")} == {
        "release": "privacy-policy@2.0.0",
        "outcome": "sent",
        "sent": 2,
        "invalid": 2,
        "uncertain": 0,
    }
    assert data["ledger"].endswith("/.policy/ledger.sqlite3")
    assert data["invalid_reasons"] == {"control characters (header injection)": 2}


INVALID_CSV = (
    "email,name,user_id\n"
    "user0@example.com,A,u0\n"  # row 2
    "not-an-address,B,u1\n"  # row 3
    ",C,u2\n"  # row 4: no address
    '"multi\nline@example.com",D,u3\n'  # row 5: a quoted field across two lines
    'evil@example.com,"Eve\r\nBcc: x@evil.com",u4\n'  # row 6
    "user1@example.com,F,u5\n"  # row 7
)


@pytest.mark.parametrize("dry_run", [False, True])
def test_invalid_rows_are_listed_for_follow_up_in_the_report_file(repo, standin, tmp_path, dry_run):
    source = tmp_path / "r.csv"
    source.write_text(INVALID_CSV, newline="")
    report = tmp_path / "out.json"
    args = ["2.0.0", "--recipients", str(source), "--report", str(report)]
    result = notify(repo, *args, *(["--dry-run"] if dry_run else []))
    assert result.exit_code == 0, result.output
    data = json.loads(report.read_text())
    assert data["invalid_rows"] == [
        {"row": 3, "reason": "invalid address", "email": "not-an-address", "user_id": "u1"},
        {"row": 4, "reason": "no address", "email": "", "user_id": "u2"},
        {"row": 5, "reason": "control characters (header injection)",
         "email": "multi\nline@example.com", "user_id": "u3"},
        {"row": 6, "reason": "control characters (header injection)",
         "email": "evil@example.com", "user_id": "u4"},
    ]  # fmt: skip
    assert data["invalid_rows_complete"] is True
    assert "not-an-address" not in result.output and "u1" not in result.output


def test_invalid_rows_stay_out_of_a_github_actions_log_and_summary(
    repo, standin, tmp_path, monkeypatch
):
    source = tmp_path / "r.csv"
    source.write_text(INVALID_CSV, newline="")
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    report = tmp_path / "out.json"
    result = notify(repo, "2.0.0", "--recipients", str(source), "--report", str(report))
    assert result.exit_code == 0, result.output
    assert "  invalid (never sent)                   4" in result.output
    shown = result.output + summary.read_text()
    for secret in ("not-an-address", "multi", "evil@example.com", "u1", "u3"):
        assert secret not in shown
    assert len(json.loads(report.read_text())["invalid_rows"]) == 4


def test_audit_lists_each_recipient_with_batch_and_message_ids(repo, standin, tmp_path):
    source = write_csv(tmp_path / "r.csv", addresses(2))
    assert notify(repo, "2.0.0", "--recipients", str(source)).exit_code == 0
    result = run("--repo", repo.working_tree_dir, "audit", SLUG, "2.0.0")
    assert result.exit_code == 0
    rows = result.stdout.splitlines()
    assert rows[0] == "email,status,accepted_at,batch_id,message_id,attempts,last_event,events"
    body = mail_requests(standin)[0]
    message_id = standin.accepted[0].message_id
    for row, email in zip(rows[1:], addresses(2), strict=True):
        fields = row.split(",")
        assert fields[:2] == [email, "sent"]
        assert fields[3:6] == [body.json["batch_id"], message_id, "1"]
    assert result.stderr == "2 recipient(s), 2 accepted by SendGrid.\n"


def test_audit_of_an_unknown_version_is_a_usage_error(repo, tmp_path):
    result = run("--repo", repo.working_tree_dir, "audit", SLUG, "9.0.0")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: privacy-policy has no release 9.0.0 (releases: 1.0.0, 2.0.0, 2.1.0); "
        "see `policy versions privacy-policy`\n"
    )


def test_user_text_is_escaped_and_the_subject_stays_one_line(tmp_path, standin):
    repo = release_repo(tmp_path / "repo", title="Privacy <b>Policy</b>")
    source = write_csv(tmp_path / "r.csv", addresses(1))
    assert notify(repo, "2.0.0", "--recipients", str(source)).exit_code == 0
    body = mail_requests(standin)[0].json
    html = next(c["value"] for c in body["content"] if c["type"] == "text/html")
    assert "Privacy &lt;b&gt;Policy&lt;/b&gt;" in html and "<b>Policy</b>" not in html
    assert "\n" not in body["subject"] and "\r" not in body["subject"]


def test_repository_templates_override_the_bundled_ones(repo, standin, tmp_path):
    write(repo, "email/subject.txt.j2", "{{ policy_title }} {{ version }}:\n changes\n")
    write_and_commit(repo, "policy.toml", '[notify]\ntemplates_dir = "email"\n', "templates")
    source = write_csv(tmp_path / "r.csv", addresses(1))
    assert notify(repo, "2.0.0", "--recipients", str(source)).exit_code == 0
    body = mail_requests(standin)[0].json
    assert body["subject"] == "Privacy Policy 2.0.0: changes"
    assert standin.accepted[0].body.startswith(
        "Hello Person 0,\n\nSoocas is changing its Privacy Policy."
    )


def test_dynamic_template_gets_the_same_data(repo, standin, tmp_path):
    template = "d-" + "0123456789abcdef" * 2
    write_and_commit(repo, "policy.toml", f'[notify]\ntemplate_id = "{template}"\n', "dynamic")
    source = write_csv(tmp_path / "r.csv", addresses(2))
    assert notify(repo, "2.0.0", "--recipients", str(source)).exit_code == 0
    body = mail_requests(standin)[0].json
    assert body["template_id"] == template and "content" not in body
    data = body["personalizations"][0]["dynamic_template_data"]
    assert data["version_url"] == "https://www.soocas.com/policies/privacy-policy/v2.0.0/"
    assert data["changes_url"].endswith("/privacy-policy/v2.0.0/changes.html")
    assert data["effective_date"] == "2099-03-01"
    assert [c["id"] for c in data["categories"]] == ["sharing"]
    assert (data["company_name"], data["summary"]) == ("Soocas", "New payment processor.")
    names = [p["dynamic_template_data"]["name"] for p in body["personalizations"]]
    assert names == ["Person 0", "Person 1"]
    assert all("substitutions" not in p for p in body["personalizations"])


def test_recipients_from_a_database_query(repo, standin, tmp_path):
    db = tmp_path / "users.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE users (mail TEXT, full_name TEXT, active INT)")
        conn.executemany(
            "INSERT INTO users VALUES (?, ?, ?)",
            [(e, "N", i % 2) for i, e in enumerate(addresses(6))],
        )
    query = "SELECT mail AS email, full_name AS name FROM users WHERE active = 1"
    result = notify(repo, "2.0.0", "--recipients", f"sqlite:///{db}", "--query", query)
    assert result.exit_code == 0, result.output
    assert set(standin.deliveries()) == set(addresses(6)[1::2])


def test_shards_together_cover_everyone_once(repo, standin, tmp_path):
    source = write_csv(tmp_path / "r.csv", addresses(300))
    for shard in ("0/3", "1/3", "2/3"):
        assert notify(repo, "2.0.0", "--recipients", str(source), "--shard", shard).exit_code == 0
    assert standin.deliveries() == {email: 1 for email in addresses(300)}
    assert len(mail_requests(standin)) == 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--shard", "3/3"], "Error: --shard '3/3': give I/N with 0 <= I < N, e.g. 0/4\n"),
        (["--query", "SELECT 1"], "Error: --query goes with a database URL, not with a CSV file\n"),
    ],
)
def test_usage_errors(repo, standin, tmp_path, args, message):
    source = write_csv(tmp_path / "r.csv", addresses(1))
    result = notify(repo, "2.0.0", "--recipients", str(source), *args)
    assert result.exit_code == 2
    assert result.stderr == message


def test_recipients_file_problems_are_one_line(repo, standin, tmp_path):
    missing = notify(repo, "2.0.0", "--recipients", str(tmp_path / "nope.csv"))
    assert missing.exit_code == 2
    assert missing.stderr == (
        f"Error: {tmp_path / 'nope.csv'}: no such recipients file; give a CSV file or a "
        "database URL\n"
    )
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("mail,name\na@example.com,A\n")
    result = notify(repo, "2.0.0", "--recipients", str(wrong))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {wrong}: has no `email` column (columns: mail, name); the first line must "
        "name the columns: email, and optionally name, locale, user_id\n"
    )


def test_bad_notify_setting_names_the_key(repo, standin, tmp_path):
    write_and_commit(repo, "policy.toml", "[notify]\nbatch_size = 2000\n", "too big")
    result = notify(repo, "2.0.0", "--recipients", str(write_csv(tmp_path / "r.csv", [])))
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: policy.toml: `notify.batch_size` = 2000 is not allowed: Input should be less "
        "than or equal to 1000\n"
    )


def test_a_ledger_that_cannot_be_opened_is_one_line_without_its_password(repo, standin, tmp_path):
    source = write_csv(tmp_path / "r.csv", addresses(1))
    url = "postgresql+psycopg://notify:hunter2@127.0.0.1:1/ledger"
    result = notify(repo, "2.0.0", "--recipients", str(source), "--ledger", url)
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "Error: ledger postgresql+psycopg://notify:***@127.0.0.1:1/ledger: cannot be opened: "
    )
    assert result.stderr.endswith("; check --ledger / POLICY_LEDGER_URL\n")
    assert "hunter2" not in result.stderr and len(result.stderr.splitlines()) == 1
    nonsense = notify(repo, "2.0.0", "--recipients", str(source), "--ledger", "nonsense://x")
    assert nonsense.stderr == (
        "Error: ledger URL 'nonsense://x' is not a SQLAlchemy database URL; e.g. "
        "sqlite:///ledger.sqlite3 or postgresql+psycopg://user@host/db\n"
    )
    assert standin.requests == []


def test_recipients_and_ledger_on_postgresql(repo, standin, tmp_path, pg_server):
    from sqlalchemy import create_engine, text

    url = pg_server.create_database("recipients")
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE users (email TEXT, name TEXT)"))
            conn.execute(
                text("INSERT INTO users VALUES (:e, :n)"),
                [{"e": e, "n": "N"} for e in [*addresses(2100), "User5@EXAMPLE.com"]],
            )
        query = "SELECT email, name FROM users"
        args = ("--recipients", url, "--query", query, "--ledger", url)
        result = notify(repo, "2.0.0", *args)
        assert result.exit_code == 0, result.output
        assert "  already in the ledger (repeated rows)  1" in result.output
        assert standin.deliveries() == {email: 1 for email in addresses(2100)}
        with engine.connect() as conn:
            sent = conn.execute(
                text("SELECT count(*) FROM notify_recipients WHERE status = 'sent'")
            ).scalar_one()
        assert sent == 2100
    finally:
        engine.dispose()
        pg_server.drop_database(url)
