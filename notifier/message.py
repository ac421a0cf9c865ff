"""The email: the data of a notice, its Jinja2 rendering, and the SendGrid request body.

The notice is the same for every recipient of a release (what changed, per major-change
category, with the sections where it changed; the effective date; links to the new version and
the redline; how to object or close the account), so it is rendered once. Each recipient gets
a personalization of their own: never two addresses in one `to`, so nobody sees anybody else.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policy.errors import ConfigError

if TYPE_CHECKING:
    from policy.notifier.ledger import Claimed
    from policy.settings.schema import NotifySettings

BUNDLED_TEMPLATES = Path(__file__).parent / "templates"
TEMPLATE_FILES = ("subject.txt.j2", "body.txt.j2", "body.html.j2")


@dataclass(frozen=True)
class ChangedCategory:
    id: str
    title: str
    wording: str
    sections: tuple[str, ...] = ()
    """Titles of the sections where the classifier found the change (may be empty)."""


@dataclass(frozen=True)
class Notice:
    """Everything the templates (or a SendGrid dynamic template) receive."""

    slug: str
    policy_title: str
    version: str
    previous_version: str | None
    effective_date: dt.date | None
    summary: str
    categories: tuple[ChangedCategory, ...]
    version_url: str
    changes_url: str
    account_url: str
    reply_to: str
    forced: bool = False
    level: str = "major"
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def release_key(self) -> str:
        return f"{self.slug}@{self.version}"

    def template_data(self) -> dict[str, Any]:
        """JSON-ready values, the same for Jinja2 and for dynamic templates."""
        return {
            "slug": self.slug,
            "policy_title": self.policy_title,
            "version": self.version,
            "previous_version": self.previous_version,
            "effective_date": self.effective_date.isoformat() if self.effective_date else None,
            "effective_date_text": _long_date(self.effective_date),
            "summary": self.summary,
            "categories": [
                {"id": c.id, "title": c.title, "wording": c.wording, "sections": list(c.sections)}
                for c in self.categories
            ],
            "version_url": self.version_url,
            "changes_url": self.changes_url,
            "account_url": self.account_url,
            "reply_to": self.reply_to,
            "level": self.level,
        }


def _long_date(day: dt.date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else "a date still to be announced"


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


def render(notice: Notice, repo_root: Path, templates_dir: str) -> Rendered:
    """Subject, text and HTML from the templates; the repository's own override the bundled.

    HTML is autoescaped; the subject is one line (CR/LF removed) so it cannot add a header.
    """
    from jinja2 import (
        ChoiceLoader,
        Environment,
        FileSystemLoader,
        StrictUndefined,
        TemplateError,
    )

    loaders = []
    if templates_dir:
        folder = repo_root / templates_dir
        if not folder.is_dir():
            raise ConfigError(
                f"policy.toml: `notify.templates_dir` = {templates_dir!r} is not a folder in the "
                "repository; create it or remove the key to use the bundled templates"
            )
        loaders.append(FileSystemLoader(folder))
    loaders.append(FileSystemLoader(BUNDLED_TEMPLATES))
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=lambda name: bool(name and name.endswith(".html.j2")),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    data = notice.template_data()
    parts = []
    for name in TEMPLATE_FILES:
        where = name
        try:
            template = env.get_template(name)
            where = _relative(template.filename, repo_root) or name
            parts.append(template.render(**data))
        except TemplateError as exc:
            where = _relative(getattr(exc, "filename", None), repo_root) or where
            raise ConfigError(f"email template {where}: {exc}; fix the template") from None
    subject, text, html = parts
    subject = " ".join(subject.split())
    if not subject:
        raise ConfigError("the email subject template renders to nothing; give it some text")
    return Rendered(subject, text, html)


def _relative(filename: str | None, root: Path) -> str | None:
    """A template's path as the user knows it: inside the repository, or the bundled one."""
    if not filename:
        return None
    path = Path(filename)
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return f"{path.name} (bundled)"


def mail_body(
    notice: Notice,
    rendered: Rendered | None,
    settings: NotifySettings,
    recipients: list[Claimed],
    batch_id: str,
    send_at: int | None,
) -> dict[str, Any]:
    """The `/v3/mail/send` body for one batch: one personalization per recipient."""
    from sendgrid.helpers.mail import (
        BatchId,
        BypassUnsubscribeManagement,
        ClickTracking,
        CustomArg,
        From,
        Mail,
        MailSettings,
        OpenTracking,
        Personalization,
        ReplyTo,
        SendAt,
        TemplateId,
        To,
        TrackingSettings,
    )

    mail = Mail(from_email=From(settings.from_email, settings.from_name or None))
    data = notice.template_data() if settings.template_id else None
    if settings.template_id:
        mail.template_id = TemplateId(settings.template_id)
    else:
        assert rendered is not None
        mail.subject = rendered.subject
        mail.add_content(rendered.text, "text/plain")
        mail.add_content(rendered.html, "text/html")
    # The helper checks one personalization; the rest are built as plain dicts of the same
    # shape (the helper costs ~10 ms per 1,000). Always one `to` address each.
    first = Personalization()
    first.add_to(To(recipients[0].email, recipients[0].name or None))
    if data is not None:
        first.dynamic_template_data = data
    mail.add_personalization(first)
    if settings.reply_to:
        mail.reply_to = ReplyTo(settings.reply_to)
    mail.batch_id = BatchId(batch_id)
    if send_at is not None:
        mail.send_at = SendAt(send_at)
    # custom_args reach the event webhook; they carry identifiers, never personal data.
    mail.custom_arg = [
        CustomArg("policy_release", notice.release_key),
        CustomArg("policy_batch", batch_id),
    ]
    settings_ = MailSettings()
    # A legal notice is a service message: unsubscribes must not block it; bounce and spam
    # lists still apply, so bypass_list_management is never set.
    settings_.bypass_unsubscribe_management = BypassUnsubscribeManagement(
        settings.bypass_unsubscribe_management
    )
    mail.mail_settings = settings_
    tracking = TrackingSettings()
    tracking.click_tracking = ClickTracking(False, False)  # links stay the site's own
    tracking.open_tracking = OpenTracking(False)
    mail.tracking_settings = tracking
    body = mail.get()
    shape = body["personalizations"][0]
    body["personalizations"] = [shape] + [
        _personalization(r.email, r.name, data) for r in recipients[1:]
    ]
    return body


def _personalization(email: str, name: str, data: dict[str, Any] | None) -> dict[str, Any]:
    to: dict[str, str] = {"email": email}
    if name:
        to["name"] = name
    item: dict[str, Any] = {"to": [to]}
    if data is not None:
        item["dynamic_template_data"] = data
    return item
