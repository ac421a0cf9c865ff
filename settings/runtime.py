"""What one command runs with: the validated settings, resolved once against the command line,
the environment and the repository, so that no other module decides a default.

Steps, in order: `Runtime.resolve` takes the repository root and its validated `Settings`
(`load_settings`), the options a command was given and the environment, and settles the day
taken as today (`--as-of`), the site folder (`--out`, else `[publish] output_dir` under the
root), the site's address (`--base-url`, else `[site] base_url`, checked and ending in `/`; for
links read away from the site, only an address given or configured), the ledger (`--ledger`,
else `POLICY_LEDGER_URL`, else SQLite in the git-ignored `.policy/`) and the names of the
environment variables that hold secrets (`[notify] api_key_env` and the default name), whose
values `redact` hides in anything shown to a person.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from policy.errors import UsageProblem

if TYPE_CHECKING:
    from policy.settings.schema import Settings

DEFAULT_SECRETS = ("SENDGRID_API_KEY",)
"""Always hidden, whatever `[notify] api_key_env` says: a key left in the old name is a key."""
LEDGER_ENV = "POLICY_LEDGER_URL"
LEDGER_FILE = "ledger.sqlite3"


@dataclass(frozen=True)
class Runtime:
    """The settings of one command, resolved; built once by the command line."""

    root: Path
    settings: Settings
    as_of: dt.date | None
    """The day given by `--as-of`; None: the real today, asked when needed."""
    site_dir: Path
    base_url: str
    """The site's public address, ending in `/`."""
    links_base_url: str | None
    """The address links to the site start with where the built-in default would be wrong (a
    changelog read elsewhere): `--base-url`, else `[site] base_url` when policy.toml sets it."""
    ledger: str | None
    """The ledger's URL from `--ledger` or `POLICY_LEDGER_URL`; None: SQLite in `.policy/`."""
    secret_names: tuple[str, ...]
    environ: Mapping[str, str]

    @classmethod
    def resolve(
        cls,
        root: Path,
        settings: Settings,
        *,
        as_of: dt.date | None = None,
        out: str | Path | None = None,
        base_url: str | None = None,
        ledger: str | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> Runtime:
        environ = os.environ if environ is None else environ
        secrets = tuple(dict.fromkeys((settings.notify.api_key_env, *DEFAULT_SECRETS)))
        given = site_address(base_url) if base_url else None
        configured = "base_url" in settings.site.model_fields_set
        return cls(
            root=root,
            settings=settings,
            as_of=as_of,
            # --out is relative to the current folder, `[publish] output_dir` to the repository.
            site_dir=Path(out) if out else root / settings.publish.output_dir,
            base_url=given or settings.site.base_url,
            links_base_url=given or (settings.site.base_url if configured else None),
            ledger=ledger or environ.get(LEDGER_ENV) or None,
            secret_names=secrets,
            environ=environ,
        )

    def today(self) -> dt.date:
        return self.as_of or dt.date.today()

    def ledger_url(self) -> str:
        """The ledger's SQLAlchemy URL (default: a SQLite file in `.policy/`, whose folder the
        ledger makes when it is first opened, so a refused command leaves nothing behind)."""
        if self.ledger:
            return self.ledger
        from policy.files import STATE_DIR

        return f"sqlite:///{self.root / STATE_DIR / LEDGER_FILE}"

    def redact(self, text: str) -> str:
        """`text` with the value of every secret variable replaced by its name."""
        return redact(text, self.secret_names, self.environ)


def redact(
    text: str, names: tuple[str, ...] = DEFAULT_SECRETS, environ: Mapping[str, str] | None = None
) -> str:
    """Secrets never reach a terminal or a log, even inside an error message."""
    environ = os.environ if environ is None else environ
    for name in names:
        value = environ.get(name)
        if value and len(value) >= 4:
            text = text.replace(value, f"<{name}>")
    return text


def site_address(value: str) -> str:
    """`--base-url` checked: an http(s) address, with a final `/` so links can be appended."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UsageProblem(
            f"--base-url {value!r} is not a web address; give one such as "
            "https://www.example.com/policies/"
        )
    return value if value.endswith("/") else value + "/"
