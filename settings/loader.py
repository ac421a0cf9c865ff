"""Read `policy.toml` and turn every problem into one line that names the key."""

from __future__ import annotations

import tomllib
from pathlib import Path

from policy.errors import ConfigError

CONFIG_FILENAME = "policy.toml"


def load_settings(root: Path):  # -> settings.schema.Settings (imported lazily: pydantic is slow)
    """Settings of the repository at `root`; defaults when it has no `policy.toml`."""
    from pydantic import ValidationError

    from policy.settings.schema import Settings

    path = Path(root) / CONFIG_FILENAME
    try:
        raw_bytes = path.read_bytes()
    except FileNotFoundError:
        return Settings()
    except OSError as exc:
        raise ConfigError(f"{CONFIG_FILENAME}: cannot be read ({exc.strerror})") from None
    try:
        data = tomllib.loads(raw_bytes.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{CONFIG_FILENAME}: is not UTF-8 text; save it as UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{CONFIG_FILENAME}: is not valid TOML: {exc}") from None
    except RecursionError:
        raise ConfigError(
            f"{CONFIG_FILENAME}: is nested too deeply to be settings; "
            "see docs/configuration.md for the keys it may hold"
        ) from None
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(_one_line(exc)) from None


def _one_line(exc) -> str:
    """The first validation error as `policy.toml: key = value: what is allowed`."""
    err = exc.errors()[0]
    key = ".".join(str(part) for part in err["loc"]) or "(top level)"
    if err["type"] == "extra_forbidden":
        return f"{CONFIG_FILENAME}: unknown key `{key}`; remove it or check its spelling"
    message = err["msg"]
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    value = err.get("input")
    shown = "" if isinstance(value, dict) else f" = {value!r}"
    return f"{CONFIG_FILENAME}: `{key}`{shown} is not allowed: {message}"
