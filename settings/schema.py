"""The schema of `policy.toml`, with the defaults a repository gets when the file is absent.

The six major-change categories and their wording come from section 8 of the bundled privacy
policy; a repository may retitle or reword them but not invent new ids, because later stages
(classification, notification) key their rules on these ids.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from policy.settings.categories import CATEGORY_IDS, DEFAULT_CATEGORIES


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Category(_Strict):
    """One item of the policy's own "major changes" list."""

    title: str = Field(min_length=1)
    wording: str = Field(min_length=1)


class SiteSettings(_Strict):
    base_url: str = "https://www.soocas.com/policies/"
    title: str = Field(default="Soocas policies", min_length=1)
    """Name of the website, in every page's header and title, and the feeds' author."""
    language: str = Field(default="en", pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
    """Language tag of the pages (`<html lang>`), for screen readers and search engines."""

    @field_validator("base_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not value.startswith(("https://", "http://")):
            raise ValueError("must start with https:// or http://")
        return value if value.endswith("/") else value + "/"


class PublishSettings(_Strict):
    """Room for the publishing stage; its issue adds the rest."""

    output_dir: str = Field(default="site", min_length=1)


class NotifySettings(_Strict):
    """The emails about major changes (`policy notify`). The API key is named, never stored.

    Sending is scheduled `send_delay_seconds` ahead so that a batch left unconfirmed by a crash
    can still be cancelled (SendGrid allows it until 600 s before the send time).
    """

    api_key_env: str = Field(default="SENDGRID_API_KEY", pattern=r"^[A-Z_][A-Z0-9_]*$")
    from_email: str = Field(default="privacy@soocas.com", pattern=r"^[^@\s]+@[^@\s]+$")
    from_name: str = "Soocas Privacy Team"
    company_name: str = Field(default="Soocas", min_length=1, max_length=200)
    """Who is writing: named in the email's text, heading and signature."""
    reply_to: str = Field(default="privacy@soocas.com", pattern=r"^([^@\s]+@[^@\s]+)?$")
    account_url: str = Field(default="https://www.soocas.com/account/", pattern=r"^https?://\S+$")
    templates_dir: str = ""
    template_id: str = Field(default="", pattern=r"^(d-[0-9a-f]{32})?$")
    batch_size: int = Field(default=1000, ge=1, le=1000, strict=True)
    concurrency: int = Field(default=4, ge=1, le=32, strict=True)
    send_delay_seconds: int = Field(default=900, ge=0, le=259200, strict=True)
    timeout_seconds: float = Field(default=30.0, gt=0, le=600)
    max_attempts: int = Field(default=8, ge=1, le=100, strict=True)
    bypass_unsubscribe_management: bool = Field(default=True, strict=True)

    @field_validator("from_name", "company_name")
    @classmethod
    def _one_line(cls, value: str) -> str:
        if any(ch in value for ch in "\r\n\x00"):
            raise ValueError("must be one line of text")
        return value

    @field_validator("templates_dir")
    @classmethod
    def _inside_repo(cls, value: str) -> str:
        if value.startswith("/") or ".." in value.replace("\\", "/").split("/"):
            raise ValueError("must be a folder inside the repository, such as 'email'")
        return value.strip("/")


class ClassifyRules(_Strict):
    """Extra regular expressions for one category, added to the built-in vocabulary."""

    headings: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    section_terms: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    """Phrases (regular expressions) naming items of the category's inventory: a recipient,
    a data category, a right, a contact channel. Adding or removing one is a major change."""

    @field_validator("headings", "terms", "section_terms", "items")
    @classmethod
    def _patterns(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        import re

        for pattern in value:
            if not pattern.strip():
                raise ValueError("an empty pattern would match everything; remove it")
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"{pattern!r} is not a regular expression ({exc})") from None
        return value


class Settings(_Strict):
    """The validated, resolved settings of one repository."""

    policies_dir: str = Field(default="policies", min_length=1)
    notice_days: int = Field(default=30, ge=0, le=3650, strict=True)
    site: SiteSettings = SiteSettings()
    categories: dict[str, Category] = Field(default_factory=dict)
    publish: PublishSettings = PublishSettings()
    notify: NotifySettings = NotifySettings()
    classify: dict[str, ClassifyRules] = Field(default_factory=dict)

    @field_validator("policies_dir")
    @classmethod
    def _relative_dir(cls, value: str) -> str:
        if value.startswith("/") or ".." in value.replace("\\", "/").split("/"):
            raise ValueError("must be a folder inside the repository, such as 'policies'")
        return value.strip("/")

    @field_validator("categories", "classify", mode="before")
    @classmethod
    def _known_ids(cls, value: object) -> object:
        if isinstance(value, dict):
            for key in value:
                if key not in CATEGORY_IDS:
                    raise ValueError(
                        f"unknown category {key!r}; allowed: {', '.join(CATEGORY_IDS)}"
                    )
        return value

    @model_validator(mode="after")
    def _fill_categories(self) -> Settings:
        merged = {
            cid: self.categories.get(cid)
            or Category(title=DEFAULT_CATEGORIES[cid][0], wording=DEFAULT_CATEGORIES[cid][1])
            for cid in CATEGORY_IDS
        }
        object.__setattr__(self, "categories", merged)
        return self
