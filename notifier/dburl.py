"""Database URLs in messages: every credential masked, everything else as the user wrote it.

Why: the ledger and recipients URLs carry passwords, in the userinfo
(`postgresql+psycopg://user:PASSWORD@host/db`) or in the query (`?password=...`,
`?sslpassword=...`), and CI logs are often public. SQLAlchemy's own rendering hides only the
userinfo password and re-serialises the query in sorted order, so a `?password=` stays in
clear and the printed URL no longer matches the secret a CI runner masks. Here the text is
edited in place: the password in the userinfo and the value of each credential-looking query
parameter become `***`, and nothing else moves.

`mask_url` is for a URL the code prints; `redact` for any text that may quote one (a driver's
error, an unexpected exception), given the URLs in play; `driver_missing` turns a database
driver that is not installed into a message naming the package to install.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, unquote_plus

MASK = "***"
# userinfo as SQLAlchemy reads it: user up to `:`, password up to the `@`.
_USERINFO = re.compile(r"^(?P<head>[A-Za-z][\w+.-]*://[^:/]*:)(?P<password>[^@]*)@")
_CREDENTIAL_NAME = re.compile(r"pass|pwd|secret|token|key|auth|credential|signature", re.I)
# A URL inside a sentence: it does not end with the sentence's punctuation.
_URL_IN_TEXT = re.compile(r"[A-Za-z][\w+.-]*://[^\s'\"<>]*[^\s'\"<>:;,.)]")
DRIVER_PACKAGES = {
    "MySQLdb": "mysqlclient",
    "pymysql": "PyMySQL",
    "mysql": "mysql-connector-python",
    "mariadb": "mariadb",
    "psycopg2": "psycopg2-binary",
    "psycopg": "psycopg[binary]",
    "asyncpg": "asyncpg",
    "pg8000": "pg8000",
    "pyodbc": "pyodbc",
    "pymssql": "pymssql",
    "oracledb": "oracledb",
    "cx_Oracle": "cx_Oracle",
}


def _is_credential(name: str) -> bool:
    return bool(_CREDENTIAL_NAME.search(unquote_plus(name)))


def _password_span(url: str) -> tuple[int, int] | None:
    """Where the userinfo password is: as SQLAlchemy reads it, stretched to the host's last
    `@` (an unescaped `@` in a password must not leave its end in clear)."""
    match = _USERINFO.match(url)
    if match is None:
        return None
    end = match.end("password")
    host = re.split(r"[/?#]", url[end + 1 :], maxsplit=1)[0]
    if "@" in host:
        end += 1 + host.rindex("@")
    return match.start("password"), end


def mask_url(url: str) -> str:
    """`url` with its userinfo password and credential query values replaced by `***`."""
    span = _password_span(url)
    masked = url if span is None else url[: span[0]] + MASK + url[span[1] :]
    head, mark, query = masked.partition("?")
    if not mark:
        return masked
    query, hash_mark, fragment = query.partition("#")
    pieces = re.split(r"([&;])", query)  # separators kept, so the order and form stay
    for index in range(0, len(pieces), 2):
        name, equals, _value = pieces[index].partition("=")
        if equals and _is_credential(name):
            pieces[index] = f"{name}={MASK}"
    return f"{head}?{''.join(pieces)}{hash_mark}{fragment}"


def secrets_in(url: str) -> list[str]:
    """The credential values of `url`, as written and percent-decoded (longest first)."""
    found: list[str] = []
    span = _password_span(url)
    if span is not None:
        match = _USERINFO.match(url)
        found += [url[span[0] : span[1]], match.group("password") if match else ""]
    _, _, query = url.partition("?")
    for piece in re.split(r"[&;]", query.partition("#")[0]):
        name, equals, value = piece.partition("=")
        if equals and value and _is_credential(name):
            found.append(value)
    decoded = [unquote(v) for v in found] + [unquote_plus(v) for v in found]
    unique = {v for v in found + decoded if len(v) >= 3}  # "ab" would mask half the message
    return sorted(unique, key=len, reverse=True)


def redact(text: str, *urls: str | None) -> str:
    """`text` with every URL in it masked, and each credential of `urls` replaced wherever it
    appears (a driver may quote the password alone, decoded)."""
    for url in urls:
        for secret in secrets_in(url or ""):
            text = text.replace(secret, MASK)
    return _URL_IN_TEXT.sub(lambda m: mask_url(m.group(0)), text)


def driver_missing(exc: ImportError, url: str, what: str) -> str:
    """The message for a URL whose database driver is not installed."""
    module = (exc.name or "").split(".")[0] or "its driver"
    package = DRIVER_PACKAGES.get(module, module)
    return (
        f"{what} {mask_url(url)} needs the database driver `{module}`, which is not installed; "
        f"install it (pip install {package}) or use postgresql+psycopg:// or sqlite:///"
    )
