"""Project settings from `policy.toml`: read the file, validate it, resolve defaults.

Steps, in order: `load_settings(root)` reads `policy.toml` at the repository root (absent file:
all defaults), validates it with the pydantic models in `settings.schema`, and returns a frozen
`Settings`. Any bad value becomes one `ConfigError` line that names the key and what is allowed.
`runtime.Runtime.resolve` then settles, once per command, what the settings, the command's
options and the environment say together (today, the site folder and address, the ledger, the
secrets to hide). Secrets are never stored here: settings name the environment variable that
holds them. Importing this package does not import pydantic.
"""

from policy.settings.categories import CATEGORY_IDS
from policy.settings.loader import CONFIG_FILENAME, load_settings

__all__ = ["CATEGORY_IDS", "CONFIG_FILENAME", "load_settings"]
