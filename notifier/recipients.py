"""Recipients, streamed from a CSV file or a SQL query, validated one row at a time.

Nothing here holds the whole list: rows are read, checked and yielded one by one, so a source
of millions of rows uses the memory of one row. Deduplication across the stream is left to the
ledger's unique key (release, lower-cased address), which also holds across runs and machines.
"""

from __future__ import annotations

import csv
import functools
import re
import zlib
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from policy.errors import PolicyError, UsageProblem

# Characters that end or forge a header line, or hide text: never in an address or a name.
_CONTROL = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")
_LOCALE = re.compile(r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$")
_UNREADABLE = "\x00unreadable"  # no column can have this name
MAX_NAME = 200
MAX_USER_ID = 200
MAX_LISTED = 100_000
"""Invalid rows listed one by one in the report; past this, they are only counted."""


class RecipientSourceError(PolicyError):
    """The recipients file or query cannot be read as recipients."""


@dataclass(frozen=True, slots=True)
class Recipient:
    """One person to tell, as the ledger stores them."""

    email: str
    """The address, normalised by email-validator (domain lower-cased)."""
    key: str
    """The address lower-cased: the ledger's unique key, so Ann@X.com and ann@x.com are one."""
    name: str = ""
    locale: str = ""
    user_id: str = ""

    @property
    def shard_hash(self) -> int:
        """A stable number for `--shard I/N` (CRC-32 of the key, the same on every machine)."""
        return zlib.crc32(self.key.encode("utf-8"))


@dataclass(frozen=True, slots=True)
class InvalidRow:
    """A row that is never sent, for the people who follow it up (the `--report` file only:
    it holds an address, so never a CI log)."""

    row: int
    """The row's number as a spreadsheet shows it: in a CSV file the header is row 1, so the
    first recipient is row 2; in a query's result the first row is row 1."""
    reason: str
    email: str
    user_id: str

    def to_json(self) -> dict[str, object]:
        return {
            "row": self.row,
            "reason": self.reason,
            "email": self.email,
            "user_id": self.user_id,
        }


@dataclass
class SourceCounts:
    """What the stream saw: rows read, rows yielded, rows rejected and why (and which)."""

    read: int = 0
    valid: int = 0
    other_shard: int = 0
    invalid: Counter[str] = field(default_factory=Counter)
    invalid_rows: list[InvalidRow] = field(default_factory=list)
    first_row: int = 1
    """The number of the first data row (2 in a CSV file, under its header)."""

    @property
    def invalid_total(self) -> int:
        return sum(self.invalid.values())

    def reject(self, reason: str, row: Mapping[str, object]) -> None:
        self.invalid[reason] += 1
        if len(self.invalid_rows) < MAX_LISTED:
            email, user_id = (_shown(row.get(k)) for k in ("email", "user_id"))
            number = self.first_row + self.read - 1
            self.invalid_rows.append(InvalidRow(number, reason, email, user_id))


def _shown(value: object) -> str:
    """A value as the file holds it, cut to a sane length (JSON escapes control characters)."""
    return "" if value is None else str(value)[:400]


def parse_shard(text: str | None) -> tuple[int, int] | None:
    """`I/N` (0 <= I < N) as a tuple; None when not given."""
    if text is None:
        return None
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
    if not match or not 0 <= int(match.group(1)) < int(match.group(2)):
        raise UsageProblem(f"--shard {text!r}: give I/N with 0 <= I < N, e.g. 0/4")
    return int(match.group(1)), int(match.group(2))


def check_row(row: Mapping[str, object], counts: SourceCounts) -> Recipient | None:
    """The row as a Recipient, or None (counted with its reason) when it must not be sent."""
    from email_validator import EmailNotValidError

    if _UNREADABLE in row:
        counts.reject(str(row[_UNREADABLE]), row)
        return None
    raw = row.get("email")
    email = "" if raw is None else str(raw).strip()
    if not email:
        counts.reject("no address", row)
        return None
    name, user_id, locale = (
        "" if row.get(k) is None else str(row.get(k)).strip() for k in ("name", "user_id", "locale")
    )
    if _CONTROL.search(email) or _CONTROL.search(name) or _CONTROL.search(user_id):
        counts.reject("control characters (header injection)", row)
        return None
    # A name that could pass for an address ("Bob <b@x>") or an absurd length is dropped, not
    # the person: the notice is owed to them whatever their profile holds.
    if any(ch in name for ch in "<>") or len(name) > MAX_NAME:
        name = ""
    if len(user_id) > MAX_USER_ID:
        user_id = ""
    try:
        normalized = normalize_address(email)
    except EmailNotValidError:
        counts.reject("invalid address", row)
        return None
    if not _LOCALE.match(locale):
        locale = ""  # a bad locale must not cost the person their notice
    return Recipient(normalized, normalized.lower(), name, locale, user_id)


# RFC 5322 dot-atom of ASCII characters: the local parts email-validator accepts as they are.
_ATEXT = r"[A-Za-z0-9_!#$%&'*+\-/=?^`{|}~]+"
_PLAIN_LOCAL = re.compile(rf"{_ATEXT}(?:\.{_ATEXT})*\Z")


def normalize_address(email: str) -> str:
    """email-validator's normalised form of the address (no DNS look-up); raises
    EmailNotValidError. The common case (an ASCII dot-atom before the @) checks the domain
    once per domain through email-validator, which is what makes millions of rows fast; any
    other address goes through email-validator whole. A property test keeps both paths equal."""
    from email_validator import validate_email
    from email_validator.rfc_constants import (
        CASE_INSENSITIVE_MAILBOX_NAMES,
        EMAIL_MAX_LENGTH,
        LOCAL_PART_MAX_LENGTH,
    )

    local, at, domain = email.rpartition("@")
    if at and len(local) <= LOCAL_PART_MAX_LENGTH and _PLAIN_LOCAL.match(local):
        if local.lower() in CASE_INSENSITIVE_MAILBOX_NAMES:
            local = local.lower()
        address = f"{local}@{_domain(domain)}"
        if len(address) <= EMAIL_MAX_LENGTH:
            return address
    return validate_email(email, check_deliverability=False).normalized


@functools.lru_cache(maxsize=65536)
def _domain(domain: str) -> str:
    from email_validator import validate_email

    return validate_email(f"a@{domain}", check_deliverability=False).domain


def read_recipients(
    source: str,
    query: str | None = None,
    shard: tuple[int, int] | None = None,
    counts: SourceCounts | None = None,
) -> Iterator[Recipient]:
    """Valid recipients of `source` (a CSV path or a SQLAlchemy URL with `query`), one by one."""
    counts = counts if counts is not None else SourceCounts()
    is_sql = "://" in source
    counts.first_row = 1 if is_sql else 2
    rows = _sql_rows(source, query) if is_sql else _csv_rows(source, query)
    for row in rows:
        counts.read += 1
        recipient = check_row(row, counts)
        if recipient is None:
            continue
        if shard is not None and recipient.shard_hash % shard[1] != shard[0]:
            counts.other_shard += 1
            continue
        counts.valid += 1
        yield recipient


def _csv_rows(path_text: str, query: str | None) -> Iterator[Mapping[str, object]]:
    if query is not None:
        raise UsageProblem("--query goes with a database URL, not with a CSV file")
    path = Path(path_text)
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except FileNotFoundError:
        raise UsageProblem(
            f"{path}: no such recipients file; give a CSV file or a database URL"
        ) from None
    except OSError as exc:
        raise RecipientSourceError(f"{path}: cannot be read ({exc.strerror})") from None
    with handle:
        reader = csv.DictReader(handle)
        try:
            header = [h.strip().lower() for h in (reader.fieldnames or [])]
        except (UnicodeDecodeError, csv.Error):
            raise RecipientSourceError(f"{path}: is not a UTF-8 CSV file") from None
        if "email" not in header:
            raise RecipientSourceError(
                f"{path}: has no `email` column (columns: {', '.join(header) or 'none'}); "
                "the first line must name the columns: email, and optionally name, locale, user_id"
            )
        reader.fieldnames = header
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError:
                raise RecipientSourceError(
                    f"{path}: line {reader.line_num + 1} is not UTF-8; save the file as UTF-8"
                ) from None
            except csv.Error:
                yield {"email": "", _UNREADABLE: "unreadable CSV row (quoting)"}
                continue
            yield row


def _sql_rows(url: str, query: str | None) -> Iterator[Mapping[str, object]]:
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

    from policy.notifier.dburl import driver_missing, mask_url, redact

    if not query:
        raise UsageProblem("a database URL as --recipients needs --query 'SELECT email, ...'")
    shown = mask_url(url)
    try:
        engine = create_engine(url)
    except (ArgumentError, NoSuchModuleError, ValueError):
        raise UsageProblem(
            "--recipients: not a SQLAlchemy database URL nor a CSV file; "
            "e.g. postgresql+psycopg://user@host/db or recipients.csv"
        ) from None
    except ImportError as exc:
        raise RecipientSourceError(driver_missing(exc, url, "--recipients")) from None
    try:
        with engine.connect() as conn:
            result = conn.execution_options(stream_results=True, yield_per=2000).execute(
                text(query)
            )
            columns = [c.lower() for c in result.keys()]  # noqa: SIM118
            if "email" not in columns:
                raise RecipientSourceError(
                    f"--query returns no `email` column (columns: {', '.join(columns)}); "
                    "select email, and optionally name, locale, user_id"
                )
            for values in result:
                yield dict(zip(columns, values, strict=True))
    except SQLAlchemyError as exc:
        reason = redact(str(getattr(exc, "orig", None) or exc).splitlines()[0], url)
        raise RecipientSourceError(f"{shown}: the recipients query failed: {reason}") from None
    finally:
        engine.dispose()
