"""Database URLs in messages of `notify`, `audit` and `webhook`: every credential masked (in the
userinfo or the query), the rest as written and in the same order; a driver that is not
installed is a one-line error naming the package. Real SQLite and PostgreSQL throughout."""

from __future__ import annotations

import base64
import json
import re
import signal
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from hypothesis import given
from hypothesis import strategies as st
from notifyrepo import SLUG, addresses, release_repo, standin_env, subprocess_env, write_csv
from sendgrid_standin import SendGridStandIn
from sqlalchemy.engine import make_url

from policy.cli import main
from policy.notifier.dburl import mask_url, redact

KEY = "SG.masking-test-key-42"
POLICY = Path(sys.executable).with_name("policy")
WRONG = "Wr0ng-pass-phrase"


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner(env=env).invoke(main, list(args), prog_name="policy")


def query_form(url: str, extra: str = "") -> tuple[str, str]:
    """The same database with the password moved from the userinfo to the query (libpq reads
    `password=` there), after `sslmode`: (url, password)."""
    parsed = make_url(url)
    password = parsed.password
    assert password
    base = f"{parsed.drivername}://{parsed.username}@{parsed.host}:{parsed.port}/{parsed.database}"
    return f"{base}?sslmode=disable&password={quote(password, safe='')}{extra}", password


def masked(url: str) -> str:
    return re.sub(r"([?&]password=)[^&]*", r"\1***", url)


def public_key() -> str:
    """A webhook verification key, as SendGrid shows it (base64 DER)."""
    private = ec.generate_private_key(ec.SECP256R1())
    der = private.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return base64.b64encode(der).decode()


@pytest.fixture
def repo(tmp_path):
    repo = release_repo(tmp_path / "repo")
    yield repo
    repo.close()


# -- the function -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql+psycopg://u:s3cret@db:5432/x?sslmode=require",
         "postgresql+psycopg://u:***@db:5432/x?sslmode=require"),
        ("postgresql://u@db/x?sslmode=require&password=s3cret&application_name=p",
         "postgresql://u@db/x?sslmode=require&password=***&application_name=p"),
        ("postgresql://u@db/x?sslpassword=k3y&sslmode=verify-full",
         "postgresql://u@db/x?sslpassword=***&sslmode=verify-full"),
        ("postgresql://u@db/x?PassWord=a;client_secret=b&api%5Fkey=c&token=d",
         "postgresql://u@db/x?PassWord=***;client_secret=***&api%5Fkey=***&token=***"),
        ("postgresql://u:p@ss@db/x", "postgresql://u:***@db/x"),
        ("mysql://u:pa/ss@db/x", "mysql://u:***@db/x"),
        ("sqlite:///ledger.sqlite3", "sqlite:///ledger.sqlite3"),
        ("postgresql://u@db/x?z=1&a=2", "postgresql://u@db/x?z=1&a=2"),
    ],
)  # fmt: skip
def test_credentials_are_masked_and_nothing_else_moves(url, shown):
    assert mask_url(url) == shown


PASSWORDS = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="@"),
    min_size=3,
    max_size=24,
)


@given(password=PASSWORDS, in_query=st.booleans())
def test_no_password_survives_masking_in_any_form(password, in_query):
    quoted = quote(password, safe="")
    if in_query:
        url = f"postgresql+psycopg://u@db:5432/x?sslmode=disable&password={quoted}&a=b"
        assert mask_url(url) == "postgresql+psycopg://u@db:5432/x?sslmode=disable&password=***&a=b"
    else:
        url = f"postgresql+psycopg://u:{quoted}@db:5432/x?sslmode=disable"
        assert mask_url(url) == "postgresql+psycopg://u:***@db:5432/x?sslmode=disable"
    # A driver may quote the password as it received it, decoded, anywhere in its message.
    message = redact(f"cannot connect to {url}: bad password {password!s} for u", url)
    assert password not in message
    assert quoted not in message


# -- notify, audit and webhook ----------------------------------------------------------------


def test_notify_prints_the_ledger_url_masked_in_its_written_order(repo, tmp_path, pg_server):
    ledger = pg_server.create_database("masking_notify")
    try:
        url, password = query_form(ledger, "&connect_timeout=10")
        source = write_csv(tmp_path / "r.csv", addresses(3))
        with SendGridStandIn(api_key=KEY) as standin:
            env = standin_env(standin.url, KEY)
            where = repo.working_tree_dir
            report_path = str(tmp_path / "report.json")
            args = ["notify", SLUG, "2.0.0", "--recipients", str(source), "--ledger", url]
            result = run("--repo", where, *args, "--report", report_path, env=env)
        assert result.exit_code == 0, result.output
        report = (tmp_path / "report.json").read_text(encoding="utf-8")
        assert json.loads(report)["ledger"] == masked(url)
        assert masked(url).endswith("?sslmode=disable&password=***&connect_timeout=10")
        assert password not in result.output + report
        audit = run("--repo", where, "audit", SLUG, "2.0.0", "--ledger", url)
        assert (audit.exit_code, audit.stderr) == (0, "3 recipient(s), 3 accepted by SendGrid.\n")
    finally:
        pg_server.drop_database(ledger)


@pytest.mark.parametrize("where", ["query", "userinfo"])
def test_a_refused_password_is_masked_in_audits_error(repo, pg_module_url, where):
    if where == "query":
        password = quote(make_url(pg_module_url).password or "", safe="")
        url = query_form(pg_module_url)[0].replace(f"&password={password}", f"&password={WRONG}")
        shown = url.replace(WRONG, "***")
    else:
        url = make_url(pg_module_url).set(password=WRONG).render_as_string(hide_password=False)
        shown = url.replace(WRONG, "***")
    where = repo.working_tree_dir
    audit = run("--repo", where, "audit", SLUG, "2.0.0", "--ledger", url)
    with SendGridStandIn(api_key=KEY) as standin:
        source = str(write_csv(Path(where) / "r.csv", addresses(1)))
        notify = run("--repo", where, "notify", SLUG, "2.0.0", "--recipients", source,
                     "--ledger", url, env=standin_env(standin.url, KEY))  # fmt: skip
    for result in (audit, notify):
        assert result.exit_code == 1
        assert result.stderr.startswith(f"Error: ledger {shown}: cannot be opened: ")
        assert 'password authentication failed for user "postgres"' in result.stderr
        assert WRONG not in result.output
        assert result.stderr.count("\n") == 1


def test_a_refused_password_in_the_recipients_url_is_masked(repo, pg_module_url, tmp_path):
    url = query_form(pg_module_url)[0].split("&password=")[0] + f"&sslpassword=k3y&password={WRONG}"
    ledger = f"sqlite:///{tmp_path / 'ledger.sqlite3'}"
    with SendGridStandIn(api_key=KEY) as standin:
        result = run("--repo", repo.working_tree_dir, "notify", SLUG, "2.0.0", "--recipients",
                     url, "--query", "SELECT 'a@example.com' AS email", "--ledger", ledger,
                     env=standin_env(standin.url, KEY))  # fmt: skip
    assert result.exit_code == 1
    shown = url.replace("sslpassword=k3y", "sslpassword=***").replace(WRONG, "***")
    assert result.stderr.startswith(f"Error: {shown}: the recipients query failed: ")
    assert WRONG not in result.output and "k3y" not in result.output


def test_a_password_in_the_environment_url_is_masked_too(repo, pg_module_url):
    """The workflow passes the ledger as POLICY_LEDGER_URL, never on the command line."""
    url = query_form(pg_module_url)[0].split("&password=")[0] + f"&password={WRONG}"
    env = {"POLICY_LEDGER_URL": url}
    result = run("--repo", repo.working_tree_dir, "audit", SLUG, "2.0.0", env=env)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: ledger {url.replace(WRONG, '***')}: cannot be opened")
    assert WRONG not in result.output


@pytest.mark.parametrize(
    ("url", "module", "package"),
    [
        ("mysql://u:s3cretM@127.0.0.1/db", "MySQLdb", "mysqlclient"),
        ("mysql+pymysql://u@127.0.0.1/db?password=s3cretM", "pymysql", "PyMySQL"),
    ],
)
def test_a_driver_that_is_not_installed_is_a_user_error_naming_the_package(
    repo, tmp_path, url, module, package
):
    shown = mask_url(url)
    hint = (
        f"needs the database driver `{module}`, which is not installed; install it "
        f"(pip install {package}) or use postgresql+psycopg:// or sqlite:///\n"
    )
    where = repo.working_tree_dir
    audit = run("--repo", where, "audit", SLUG, "2.0.0", "--ledger", url)
    assert (audit.exit_code, audit.stderr) == (1, f"Error: ledger URL {shown} {hint}")
    with SendGridStandIn(api_key=KEY) as standin:
        ledger = f"sqlite:///{tmp_path / 'l.sqlite3'}"
        args = ["notify", SLUG, "2.0.0", "--recipients", url, "--query", "SELECT email FROM u"]
        notify = run("--repo", where, *args, "--ledger", ledger, env=standin_env(standin.url, KEY))
    assert (notify.exit_code, notify.stderr) == (1, f"Error: --recipients {shown} {hint}")
    public = public_key()
    webhook = run("--repo", where, "webhook", "--port", "0", "--ledger", url,
                  env={"SENDGRID_WEBHOOK_PUBLIC_KEY": public})  # fmt: skip
    assert (webhook.exit_code, webhook.stderr) == (1, f"Error: ledger URL {shown} {hint}")


def test_the_webhook_process_announces_its_ledger_masked(repo, pg_module_url):
    url, password = query_form(pg_module_url)
    env = subprocess_env("http://127.0.0.1:9", KEY, SENDGRID_WEBHOOK_PUBLIC_KEY=public_key())
    server = subprocess.Popen(
        [str(POLICY), "--repo", repo.working_tree_dir, "webhook", "--port", "0", "--ledger", url],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = server.stderr.readline()
    finally:
        server.send_signal(signal.SIGTERM)
        _, rest = server.communicate(timeout=30)
    assert line.startswith("Listening on http://127.0.0.1:"), line + rest
    assert line.endswith(f"/ (ledger {masked(url)})\n")
    assert password not in line + rest
