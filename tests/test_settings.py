"""`policy.toml`: defaults, the bundled file, and one line naming the key for each bad value."""

from __future__ import annotations

from pathlib import Path

import pytest

from policy.errors import ConfigError, ExitCode
from policy.settings import CATEGORY_IDS, load_settings

BUNDLED = Path(__file__).resolve().parent.parent / "policy.toml"


def test_defaults_when_file_is_absent(tmp_path):
    settings = load_settings(tmp_path)
    assert settings.policies_dir == "policies"
    assert settings.notice_days == 30
    assert settings.site.base_url == "https://www.soocas.com/policies/"
    assert tuple(settings.categories) == CATEGORY_IDS
    assert settings.categories["high_risk"].title == "High risks found in impact assessments"
    assert settings.publish.output_dir == "site"
    assert settings.notify.api_key_env == "SENDGRID_API_KEY"
    assert settings.notify.from_email == "privacy@soocas.com"


def test_bundled_file_loads_and_equals_the_defaults(tmp_path):
    assert load_settings(BUNDLED.parent) == load_settings(tmp_path)


def test_values_are_resolved(tmp_path):
    (tmp_path / "policy.toml").write_text(
        'policies_dir = "legal/"\nnotice_days = 0\n'
        '[site]\nbase_url = "http://example.org/p"\n'
        '[categories.rights]\ntitle = "Your rights"\nwording = "  Changes to your rights "\n'
    )
    settings = load_settings(tmp_path)
    assert settings.policies_dir == "legal"
    assert settings.notice_days == 0
    assert settings.site.base_url == "http://example.org/p/"
    assert settings.categories["rights"].title == "Your rights"
    assert settings.categories["rights"].wording == "Changes to your rights"
    assert tuple(settings.categories) == CATEGORY_IDS  # the others keep their defaults


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "colour = 1\n",
            "policy.toml: unknown key `colour`; remove it or check its spelling",
        ),
        (
            "[site]\nbase = 'https://x/'\n",
            "policy.toml: unknown key `site.base`; remove it or check its spelling",
        ),
        (
            "notice_days = -1\n",
            "policy.toml: `notice_days` = -1 is not allowed: "
            "Input should be greater than or equal to 0",
        ),
        (
            'notice_days = "30"\n',
            "policy.toml: `notice_days` = '30' is not allowed: Input should be a valid integer",
        ),
        (
            "[categories.cookies]\ntitle = 'Cookies'\nwording = 'New cookies'\n",
            "policy.toml: `categories` is not allowed: unknown category 'cookies'; "
            "allowed: purposes, ownership, sharing, rights, contacts, high_risk",
        ),
        (
            "[site]\nbase_url = 'www.soocas.com/policies/'\n",
            "policy.toml: `site.base_url` = 'www.soocas.com/policies/' is not allowed: "
            "must start with https:// or http://",
        ),
        (
            "policies_dir = '../x'\n",
            "policy.toml: `policies_dir` = '../x' is not allowed: "
            "must be a folder inside the repository, such as 'policies'",
        ),
        (
            "notice_days = \n",
            "policy.toml: is not valid TOML: Invalid value (at line 1, column 15)",
        ),
    ],
    ids=[
        "unknown-key",
        "unknown-nested-key",
        "negative-notice",
        "notice-as-text",
        "unknown-category",
        "url-without-scheme",
        "dir-outside-repo",
        "invalid-toml",
    ],
)
def test_bad_value_is_one_line_naming_the_key(tmp_path, text, message):
    (tmp_path / "policy.toml").write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_settings(tmp_path)
    assert caught.value.message == message
    assert caught.value.exit_code == ExitCode.FAILURE


def test_non_utf8_file(tmp_path):
    (tmp_path / "policy.toml").write_bytes(b"[notify]\nfrom_email = 'caf\xe9@example.com'\n")
    with pytest.raises(ConfigError) as caught:
        load_settings(tmp_path)
    assert caught.value.message == "policy.toml: is not UTF-8 text; save it as UTF-8"


def test_deeply_nested_file_is_a_config_error(tmp_path):
    (tmp_path / "policy.toml").write_text("x = " + "[" * 5000 + "]" * 5000 + "\n")
    with pytest.raises(ConfigError) as caught:
        load_settings(tmp_path)
    assert str(caught.value) == (
        "policy.toml: is nested too deeply to be settings; see docs/configuration.md for the "
        "keys it may hold"
    )
