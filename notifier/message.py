"""The email: the data of a notice, its Jinja2 rendering per language, and the SendGrid body.

The notice is the same for every recipient of a release (the release summary; what changed, per
major-change category, with the sections where it changed; the effective date; links to the new
version and the redline; how to object or close the account), so it is rendered once per
language. What differs per person goes through SendGrid itself, so that one claim of the
ledger stays one request and one batch id:

- the language: a request carries one rendering, so a claim takes recipients of one template
  language only (resolved when they are loaded into the ledger);
- the name: the greeting line is a substitution tag (`%policy_greeting%` in the text part,
  `%policy_greeting_html%` in the HTML part) whose value each personalization carries.

Each recipient gets a personalization of their own: never two addresses in one `to`.
"""

from __future__ import annotations

import datetime as dt
import html as html_lib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policy.errors import ConfigError

if TYPE_CHECKING:
    from policy.notifier.ledger import Claimed
    from policy.settings.schema import NotifySettings

BUNDLED_TEMPLATES = Path(__file__).parent / "templates"
TEMPLATE_FILES = ("subject.txt.j2", "body.txt.j2", "body.html.j2")
GREETING_FILE = "greeting.txt.j2"
FALLBACK_LOCALE = "en"
GREETING_TAG = "%policy_greeting%"
GREETING_HTML_TAG = "%policy_greeting_html%"
_NAME = "\x00name\x00"  # stands for the recipient's name while the greeting is rendered once


@dataclass(frozen=True)
class ChangedCategory:
    id: str
    title: str
    wording: str
    sections: tuple[str, ...] = ()
    """Titles of the sections where the classifier found the change (may be empty)."""
    reworded: bool = False
    """True when policy.toml words it differently from the bundled list: a translated template
    then shows policy.toml's words, not its own translation of the default ones."""


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
    company_name: str = ""
    language: str = FALLBACK_LOCALE
    """The policy's own language ([site] language): the fallback for recipients' locales."""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def release_key(self) -> str:
        return f"{self.slug}@{self.version}"

    def template_data(self) -> dict[str, Any]:
        """JSON-ready values, the same for Jinja2 and for dynamic templates."""
        return {
            "slug": self.slug,
            "policy_title": self.policy_title,
            "company_name": self.company_name,
            "version": self.version,
            "previous_version": self.previous_version,
            "effective_date": self.effective_date.isoformat() if self.effective_date else None,
            "effective_date_text": _long_date(self.effective_date),
            "summary": self.summary,
            "categories": [
                {
                    "id": c.id,
                    "title": c.title,
                    "wording": c.wording,
                    "sections": list(c.sections),
                    "reworded": c.reworded,
                }
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
    """One language's rendering; the greeting is left as substitution tags for SendGrid."""

    subject: str
    text: str
    html: str
    locale: str = FALLBACK_LOCALE
    greeting_named: str = "Hello " + _NAME + ","
    """The greeting with `_NAME` where the name goes."""
    greeting_anonymous: str = "Hello,"

    def substitutions(self, name: str) -> dict[str, str]:
        """The personalization's values for the greeting tags: greeted by name when known."""
        text = self.greeting_named.replace(_NAME, name) if name else self.greeting_anonymous
        if name:
            markup = html_lib.escape(self.greeting_named).replace(
                html_lib.escape(_NAME), html_lib.escape(name)
            )
        else:
            markup = html_lib.escape(self.greeting_anonymous)
        return {GREETING_TAG: text, GREETING_HTML_TAG: markup}

    def personalized(self, name: str) -> Rendered:
        """The email as one person reads it (SendGrid replaces the tags the same way)."""
        values = self.substitutions(name)

        def fill(part: str) -> str:
            for tag, value in values.items():
                part = part.replace(tag, value)
            return part

        return Rendered(fill(self.subject), fill(self.text), fill(self.html), self.locale)


@dataclass(frozen=True)
class Renderings:
    """The notice in every language the templates offer, and the choice of one per locale."""

    by_locale: dict[str, Rendered]
    fallback: str

    def locale_for(self, locale: str) -> str:
        """The template language for a recipient's locale: `fr-CA` → `fr-ca`, else `fr`,
        else the policy's language, else English."""
        return pick_locale(locale, tuple(self.by_locale), self.fallback)

    def __getitem__(self, locale: str) -> Rendered:
        return self.by_locale[self.locale_for(locale)]


def pick_locale(locale: str, available: tuple[str, ...], fallback: str) -> str:
    wanted = locale.strip().lower().replace("_", "-")
    if wanted in available:
        return wanted
    language = wanted.split("-", 1)[0]
    if language in available:
        return language
    return fallback


def template_locales(repo_root: Path, templates_dir: str) -> tuple[str, ...]:
    """Languages with a whole set of templates (subject, text, HTML, greeting), counting the
    bundled folders and the repository's own `LOCALE/` folders together."""
    folders = [BUNDLED_TEMPLATES]
    if templates_dir:
        folders.append(repo_root / templates_dir)
    names = {p.name for f in folders if f.is_dir() for p in f.iterdir() if p.is_dir()}
    needed = (*TEMPLATE_FILES, GREETING_FILE)
    return tuple(
        sorted(
            name
            for name in names
            if name == name.lower()
            and all(any((f / name / file).is_file() for f in folders) for file in needed)
        )
    )


def render_all(notice: Notice, repo_root: Path, templates_dir: str) -> Renderings:
    """The notice in every available language, rendered once each before anything is sent
    (so a broken template stops the run before the first request)."""
    available = template_locales(repo_root, templates_dir)
    fallback = pick_locale(notice.language, available, FALLBACK_LOCALE)
    if fallback not in available:
        fallback = FALLBACK_LOCALE
    by_locale = {
        locale: render(notice, repo_root, templates_dir, locale, default=locale == fallback)
        for locale in available
    }
    return Renderings(by_locale, fallback)


def render(
    notice: Notice,
    repo_root: Path,
    templates_dir: str,
    locale: str = FALLBACK_LOCALE,
    default: bool = True,
) -> Rendered:
    """Subject, text and HTML of one language; the repository's templates override the
    bundled ones (its `LOCALE/` folder; its top-level files for the default language).

    HTML is autoescaped; the subject is one line (CR/LF removed) so it cannot add a header.
    """
    from jinja2 import TemplateError

    env = _environment(repo_root, templates_dir, locale, default)
    data = notice.template_data()
    data.update(locale=locale, greeting=GREETING_TAG, greeting_html=GREETING_HTML_TAG)
    parts: list[str] = []
    for name in (*TEMPLATE_FILES, GREETING_FILE, GREETING_FILE):
        where = name
        values = data
        if name == GREETING_FILE:
            values = {**data, "name": _NAME if len(parts) == 3 else ""}
        try:
            template = env.get_template(name)
            where = _relative(template.filename, repo_root) or name
            parts.append(template.render(**values))
        except TemplateError as exc:
            where = _relative(getattr(exc, "filename", None), repo_root) or where
            raise ConfigError(f"email template {where}: {exc}; fix the template") from None
    subject, text, body_html, named, anonymous = parts
    subject = " ".join(subject.split())
    if not subject:
        raise ConfigError("the email subject template renders to nothing; give it some text")
    return Rendered(
        subject, text, body_html, locale, " ".join(named.split()), " ".join(anonymous.split())
    )


def _environment(repo_root: Path, templates_dir: str, locale: str, default: bool):
    from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

    loaders = []
    if templates_dir:
        folder = repo_root / templates_dir
        if not folder.is_dir():
            raise ConfigError(
                f"policy.toml: `notify.templates_dir` = {templates_dir!r} is not a folder in the "
                "repository; create it or remove the key to use the bundled templates"
            )
        loaders.append(FileSystemLoader(folder / locale))
        if default:
            loaders.append(FileSystemLoader(folder))
    loaders.append(FileSystemLoader(BUNDLED_TEMPLATES / locale))
    return Environment(
        loader=ChoiceLoader(loaders),
        autoescape=lambda name: bool(name and name.endswith(".html.j2")),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


def _relative(filename: str | None, root: Path) -> str | None:
    """A template's path as the user knows it: inside the repository, or the bundled one."""
    if not filename:
        return None
    path = Path(filename)
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return f"{path.parent.name}/{path.name} (bundled)"


def mail_body(
    notice: Notice,
    rendered: Rendered | None,
    settings: NotifySettings,
    recipients: list[Claimed],
    batch_id: str,
    send_at: int | None,
) -> dict[str, Any]:
    """The `/v3/mail/send` body for one batch: one personalization per recipient, carrying
    the greeting's substitutions (or, with a dynamic template, the data plus name and locale).
    """
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
        Substitution,
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
    head = recipients[0]
    first = Personalization()
    first.add_to(To(head.email, head.name or None))
    if data is not None:
        first.dynamic_template_data = {**data, "name": head.name, "locale": head.locale}
    else:
        assert rendered is not None
        for tag, value in rendered.substitutions(head.name).items():
            first.add_substitution(Substitution(tag, value))
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
    if data is not None:
        rest = [_dynamic(r.email, r.name, r.locale, data) for r in recipients[1:]]
    else:
        assert rendered is not None
        greet = rendered.substitutions
        rest = [_personalization(r.email, r.name, greet(r.name)) for r in recipients[1:]]
    body["personalizations"] = [shape, *rest]
    return body


def _to(email: str, name: str) -> dict[str, str]:
    to = {"email": email}
    if name:
        to["name"] = name
    return to


def _personalization(email: str, name: str, substitutions: dict[str, str]) -> dict[str, Any]:
    return {"to": [_to(email, name)], "substitutions": substitutions}


def _dynamic(email: str, name: str, locale: str, data: dict[str, Any]) -> dict[str, Any]:
    return {
        "to": [_to(email, name)],
        "dynamic_template_data": {**data, "name": name, "locale": locale},
    }
