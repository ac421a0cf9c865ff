"""The `policy` command: options in, one library call, output out.

Each command imports what it needs when it runs, so `policy --help` stays fast and never
imports git or reads the configuration. Library errors (`errors.PolicyError`) become one
`Error: ...` line on stderr with the error's exit code; a bug shows its traceback only with
`--debug`.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from policy.errors import ExitCode, OptionMisuse, PolicyError

if TYPE_CHECKING:
    from policy.settings.runtime import Runtime
    from policy.settings.schema import Settings
    from policy.versions.repository import PolicyRepository

RUNTIME = "policy.runtime"
"""Key of the command's `settings.runtime.Runtime` in `ctx.meta`, once resolved."""
URL_VARIABLES = ("POLICY_LEDGER_URL", "POLICY_RECIPIENTS_URL")
"""Database URLs whose credentials are masked in every message, like those given as options."""


def _redact(ctx: click.Context, text: str) -> str:
    """Secrets never reach the terminal, even inside an error message: those named by the
    command's settings (`[notify] api_key_env`, or the default names before they are read),
    and the credentials of any database URL on the command line or in the environment."""
    from policy.notifier.dburl import redact as redact_urls
    from policy.settings.runtime import redact

    runtime = ctx.meta.get(RUNTIME)
    text = runtime.redact(text) if runtime is not None else redact(text)
    args = ctx.meta.get("policy.args") or []
    urls = [a for a in args if "://" in a] + [os.environ.get(n) for n in URL_VARIABLES]
    return redact_urls(text, *urls)


def _repo_after_command(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value is not None:  # ctx.obj is the group's: the last --repo given wins
        ctx.ensure_object(dict)["repo"] = value


REPO_HELP = (
    "Git repository holding the policies (default: the one containing the current directory)."
)


class PolicyCommand(click.Command):
    """Every command also takes `--repo PATH` after its name: `policy check --repo ../legal`
    works as `policy --repo ../legal check` does."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.params.append(
            click.Option(
                ["--repo"],
                metavar="PATH",
                type=click.Path(file_okay=False),
                expose_value=False,
                callback=_repo_after_command,
                help=REPO_HELP,
            )
        )

    def invoke(self, ctx: click.Context) -> Any:
        """Options the library found not to fit together: the usage, then the line."""
        try:
            return super().invoke(ctx)
        except OptionMisuse as exc:
            raise click.UsageError(exc.message, ctx) from None


class PolicyGroup(click.Group):
    """Turns library errors into one stderr line and an exit code; its commands take --repo."""

    command_class = PolicyCommand

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta["policy.args"] = list(args)  # for _redact: URLs given as options
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PolicyError as exc:
            click.echo(f"Error: {_redact(ctx, exc.message)}", err=True)
            ctx.exit(exc.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort, BrokenPipeError):
            raise
        except Exception as exc:
            if ctx.meta.get("policy.debug"):
                raise
            click.echo(
                f"Error: unexpected internal error ({type(exc).__name__}: "
                f"{_redact(ctx, str(exc))}); run again with --debug and report it",
                err=True,
            )
            ctx.exit(ExitCode.FAILURE)


def _repository(ctx: click.Context, *, history: bool = True, **options: Any) -> PolicyRepository:
    """The repository the command works on, and its settings resolved with the command's
    options (`Runtime.resolve`) into the runtime that `_runtime` gives back. With `history`,
    a shallow or tagless clone is refused: its releases and history are missing (`check` and
    `webhook` read none)."""
    from policy.settings.runtime import Runtime
    from policy.versions.repository import PolicyRepository

    repository = PolicyRepository.open(ctx.obj["repo"])
    # GitPython keeps `git cat-file` processes open until the repository is closed.
    ctx.call_on_close(repository.close)
    if history:
        repository.require_complete()
    ctx.meta[RUNTIME] = Runtime.resolve(repository.root, repository.settings, **options)
    return repository


def _files_runtime(ctx: click.Context, root: Path | None = None) -> Runtime:
    """For commands on two files outside git: the settings of the repository around the
    current folder (or --repo), as every other command reads them; plain defaults outside git."""
    from policy.settings import load_settings
    from policy.settings.runtime import Runtime

    root = root or _files_root(ctx)
    ctx.meta[RUNTIME] = runtime = Runtime.resolve(root, load_settings(root))
    return runtime


def _files_root(ctx: click.Context) -> Path:
    from policy.versions.repository import find_root

    folder = Path(ctx.obj["repo"] or ".")
    return find_root(folder) or folder


def _files_settings(ctx: click.Context) -> Settings | None:
    """The settings `_files_runtime` gives, or None (the built-in defaults) when the repository
    around has no policy.toml: the settings' schema (pydantic) is then not even imported."""
    from policy.settings import CONFIG_FILENAME

    root = _files_root(ctx)
    if not os.path.lexists(root / CONFIG_FILENAME):
        return None
    return _files_runtime(ctx, root).settings


def _runtime(ctx: click.Context) -> Runtime:
    runtime: Runtime = ctx.meta[RUNTIME]
    return runtime


def _summary(report: str, title: str | None = None) -> None:
    """The command's block of the GitHub Actions job summary (nothing outside Actions)."""
    from policy.pipeline.actions import summarise

    summarise(report, title)


class _Date(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.fail(f"{value!r} is not a date; use YYYY-MM-DD", param, ctx)


DATE = _Date()

# -- option groups shared by several commands ----------------------------------------------------

AS_OF = click.option(
    "--as-of",
    "as_of",
    type=DATE,
    metavar="YYYY-MM-DD",
    help="Take this day as today when deciding which release is in effect.",
)
LEDGER = click.option(
    "--ledger",
    "ledger_url",
    metavar="URL",
    help="Ledger database (SQLAlchemy URL); default: POLICY_LEDGER_URL, else "
    ".policy/ledger.sqlite3 in the repository.",
)
REVISIONS = click.argument("revisions", nargs=-1, metavar="[SLUG] [OLD [NEW]]")


def FILES(command: Callable[..., Any]) -> Callable[..., Any]:
    """`--old-file A --new-file B`: two Markdown files outside git instead of revisions."""
    command = click.option(
        "--new-file",
        type=click.Path(dir_okay=False),
        metavar="FILE",
        help="The new side, a Markdown file (with --old-file).",
    )(command)
    return click.option(
        "--old-file",
        type=click.Path(dir_okay=False),
        metavar="FILE",
        help="The old side, a Markdown file outside git, instead of SLUG OLD NEW.",
    )(command)


def _files(
    old_file: str | None, new_file: str | None, revisions: tuple[str, ...]
) -> tuple[Path, Path] | None:
    """The two files of `--old-file/--new-file`, or None when the command works on revisions."""
    if not (old_file or new_file):
        return None
    if not (old_file and new_file):
        raise click.UsageError("--old-file and --new-file go together; give both")
    if revisions:
        raise click.UsageError("give either --old-file/--new-file or SLUG OLD NEW, not both")
    return Path(old_file), Path(new_file)


def _slug_and_refs(
    repository: PolicyRepository, args: tuple[str, ...]
) -> tuple[str, str | None, str | None]:
    """`[SLUG] [OLD [NEW]]`: the first word is a slug when it names a policy."""
    if len(args) > 3:
        raise click.UsageError("too many arguments; expected [SLUG] [OLD [NEW]]")
    if args and (
        args[0] in repository.slugs() or len(args) == 3 or repository.misspelt_slug(args[0])
    ):
        slug, rest = repository.require(args[0]), args[1:]
    else:
        slug, rest = repository.default_slug(), args
    return slug, (rest[0] if rest else None), (rest[1] if len(rest) > 1 else None)


COLOR = click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the text format (auto: on a terminal, unless NO_COLOR is set); without "
    "colour, deleted words are marked [-so-] and inserted ones {+so+}.",
)


@click.group(cls=PolicyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "-C",
    "directories",
    metavar="PATH",
    multiple=True,
    type=click.Path(file_okay=False),
    help="Run as if started in PATH (as git's -C; several are taken one after the other).",
)
@click.option("--repo", "repo", metavar="PATH", type=click.Path(file_okay=False), help=REPO_HELP)
@click.option("--no-pager", is_flag=True, help="Do not send long output through the pager.")
@click.option("--debug", is_flag=True, help="Show a traceback for unexpected errors.")
@click.version_option(package_name="policy", prog_name="policy")
@click.pass_context
def main(
    ctx: click.Context, directories: tuple[str, ...], repo: str | None, no_pager: bool, debug: bool
) -> None:
    """Version, compare and check the Markdown policies kept in a git repository.

    Policies are Markdown files under policies/; a release is a git tag
    SLUG/vMAJOR.MINOR.PATCH with a level and an effective date. Output to a terminal goes
    through a pager as git's does ($PAGER, default less -FRX; PAGER=cat turns it off).
    """
    for directory in directories:
        try:
            os.chdir(directory)
        except OSError as exc:
            raise click.BadParameter(
                f"cannot change to {directory!r}: {exc.strerror}", param_hint="'-C'"
            ) from None
    ctx.ensure_object(dict)
    ctx.obj["repo"] = repo
    ctx.meta["policy.debug"] = debug
    ctx.meta["policy.pager"] = not no_pager


def _page(ctx: click.Context, text: str) -> None:
    """Long output for a person: through the pager on a terminal (console.page)."""
    from policy.console import page

    page(text, enabled=ctx.meta.get("policy.pager", True))


@main.command()
@click.argument("slugs", nargs=-1, metavar="[SLUG]...")
@click.pass_context
def check(ctx: click.Context, slugs: tuple[str, ...]) -> None:
    """Find problems in policy files: front matter, anchors, empty sections, broken links.

    Prints each finding as FILE:LINE: MESSAGE and exits 1 when there is any.
    """
    from policy.document.lint import Finding
    from policy.pipeline.github import finding_annotation, running_in_actions
    from policy.pipeline.summaries import check_summary
    from policy.release.dates import check_warnings
    from policy.release.valid import policy_findings

    repository = _repository(ctx, history=False)
    chosen = list(slugs) or repository.require_policies()
    paths = [repository.worktree_path(slug) for slug in chosen]
    findings = policy_findings(repository, chosen)
    warnings = [Finding(*w) for w in check_warnings(repository, chosen, _runtime(ctx).today())]
    in_actions = running_in_actions()
    for finding in findings:  # in GitHub Actions each line is also an annotation on the file
        click.echo(finding_annotation(finding) if in_actions else str(finding))
    for warning in warnings:
        click.echo(finding_annotation(warning, "warning") if in_actions else warning.warning())
    count = len(paths)
    _summary(check_summary(findings, count, warnings))
    noun = "policy" if count == 1 else "policies"
    warned = f" ({len(warnings)} warning(s))" if warnings else ""
    if findings:
        click.echo(f"{len(findings)} problem(s) in {count} {noun}{warned}.", err=True)
        ctx.exit(ExitCode.FAILURE)
    click.echo(f"{count} {noun} checked: no problems found{warned}.", err=True)


@main.command()
@click.argument("slug", required=False)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@AS_OF
@click.pass_context
def versions(ctx: click.Context, slug: str | None, fmt: str, as_of: dt.date | None) -> None:
    """List the releases of a policy (of every policy when SLUG is not given)."""
    from policy.console import table_width
    from policy.versions.report import releases_json, releases_text

    repository = _repository(ctx, as_of=as_of)
    today = _runtime(ctx).today()
    if slug is not None:
        repository.require(slug)  # unknown slugs are an error, not an empty list
    chosen = [slug] if slug else repository.all_slugs()  # a deleted policy's releases too
    listing = {s: repository.releases(s) for s in chosen}
    if fmt == "json":
        _page(ctx, releases_json(listing, today))
    else:
        _page(ctx, releases_text(listing, today, table_width()))


@main.command()
@click.argument("slug", required=False)
@click.argument("version", required=False)
@click.option(
    "--out",
    metavar="FILE",
    type=click.Path(dir_okay=False),
    help="Write the changelog to FILE instead of the standard output.",
)
@click.option(
    "--base-url",
    metavar="URL",
    help="Address of the website, for links to each release's changes "
    "(default: [site] base_url when policy.toml sets it; no links otherwise).",
)
@click.pass_context
def changelog(
    ctx: click.Context, slug: str | None, version: str | None, out: str | None, base_url: str | None
) -> None:
    """The history of releases as Markdown, newest first (every policy without SLUG).

    Each entry gives the version, effective date, level and major-change categories, the
    summary recorded in the tag, and a link to the release's redline on the website. With
    VERSION, that release's entry alone (the notes of a GitHub Release).
    """
    from pathlib import Path

    from policy.publish.changelog import histories, render_changelog, write_changelog
    from policy.versions.levels import Version

    repository = _repository(ctx, base_url=base_url)
    wanted = None
    if version is not None:
        wanted = Version.parse(version)
        if wanted is None:
            raise click.BadParameter(
                f"{version!r} is not a version; use e.g. 2.0.0", param_hint="VERSION"
            )
    slugs = [repository.require(slug)] if slug else repository.slugs()
    runtime = _runtime(ctx)
    text = render_changelog(
        histories(repository, slugs), runtime.settings, runtime.links_base_url, wanted
    )
    if out:
        write_changelog(text, Path(out))
    else:
        _page(ctx, text)


@main.command()
@click.option(
    "--out",
    metavar="DIR",
    type=click.Path(file_okay=False),
    help="New or empty folder for the demo (default: a new temporary folder).",
)
@click.option(
    "--as-of",
    "as_of",
    type=DATE,
    metavar="YYYY-MM-DD",
    help="The day the story ends on (default: today); the same day gives the same output.",
)
@click.pass_context
def demo(ctx: click.Context, out: str | None, as_of: dt.date | None) -> None:
    """Show what policy does, on the bundled privacy policy, in a scratch repository.

    Makes a new git repository in a temporary folder (or --out DIR) and releases the bundled
    privacy policy three times: as in force, an editorial fix, then a major change (a new
    payment processor and a new privacy contact). Then shows the releases, the classification
    with its evidence, the redline, the website it builds, and the notice email as a dry run.
    Nothing is sent and none of your repositories is touched.
    """
    from pathlib import Path

    from policy.demo.run import run_demo

    today = as_of or dt.date.today()
    run_demo(Path(out) if out else None, today, lambda text: click.echo(text, nl=False))


@main.command()
@click.option(
    "--policy",
    "policy_file",
    metavar="FILE",
    type=click.Path(dir_okay=False, exists=True),
    help="Your policy (Markdown) to put under policies/ instead of the starter policy.",
)
@click.option(
    "--install",
    metavar="REQUIREMENT",
    help="What the workflows pip-install as this tool (default: this copy's repository at its "
    "commit, policy @ git+https://github.com/OWNER/REPO@COMMIT).",
)
@click.option("--dry-run", is_flag=True, help="Say what would be written; write nothing.")
@click.option("--as-of", "as_of", type=DATE, metavar="YYYY-MM-DD", hidden=True)
@click.pass_context
def init(
    ctx: click.Context,
    policy_file: str | None,
    install: str | None,
    dry_run: bool,
    as_of: dt.date | None,
) -> None:
    """Set up this git repository for a legal team: policies/, policy.toml, the workflows.

    Writes a starter policy (or your --policy FILE) under policies/, a policy.toml with every
    key explained, the three GitHub workflows (review, release, check) installing this tool
    pinned to a commit, and .gitignore entries for site/ and .policy/. Never overwrites a file.
    """
    from pathlib import Path

    from policy.init import setup, tool
    from policy.versions.authoring import current_branch, repository_root

    root = repository_root(Path(ctx.obj["repo"] or "."))
    requirement = tool.checked(install) if install is not None else tool.requirement()
    planned = setup.plan(
        root,
        install=requirement,
        branch=current_branch(root) or "main",
        today=as_of or dt.date.today(),
        policy_file=Path(policy_file) if policy_file else None,
    )
    if not dry_run:
        setup.apply(root, planned)
    click.echo(setup.report(root, planned, dry_run=dry_run, install=requirement), nl=False)


@main.command()
@click.argument("slug")
@click.argument("version", required=False)
@AS_OF
@click.pass_context
def show(ctx: click.Context, slug: str, version: str | None, as_of: dt.date | None) -> None:
    """Print a policy as it reads at a release (default: the one in effect today).

    VERSION may be a version (2.0.0 or v2.0.0), a tag, any git revision, or WORKTREE. At a
    release, the front matter's effective_date is the date the release recorded.
    """
    from policy.versions.repository import in_effect_revision

    repository = _repository(ctx, as_of=as_of)
    repository.require(slug)
    if version is None:
        revision = in_effect_revision(repository, slug, _runtime(ctx).today())
    else:
        revision = repository.resolve(slug, version)
    _page(ctx, repository.read(slug, revision).presented_text)


@main.command()
@REVISIONS
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "html", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--context",
    type=click.IntRange(min=0),
    default=3,
    show_default=True,
    metavar="N",
    help="Unchanged paragraphs or items shown around each change.",
)
@FILES
@click.option(
    "--exit-code",
    is_flag=True,
    help="Exit with 1 when there are differences, 0 when there are none.",
)
@COLOR
@click.pass_context
def diff(
    ctx: click.Context,
    revisions: tuple[str, ...],
    fmt: str,
    context: int,
    old_file: str | None,
    new_file: str | None,
    exit_code: bool,
    color: str,
) -> None:
    """Compare two versions of a policy, section by section and word by word.

    OLD and NEW are a version (2.0.0 or v2.0.0), a tag, any git revision, or WORKTREE.
    Defaults: OLD is the latest release, NEW the working tree; in a pull request
    (GITHUB_BASE_REF set) the base branch is compared with HEAD.
    """
    from policy.diff.render import render

    if files := _files(old_file, new_file, revisions):
        from policy.diff.sources import diff_files

        _files_runtime(ctx)  # a broken policy.toml is reported here as by every command
        result = diff_files(*files)
    else:
        from policy.diff.sources import diff_revisions

        repository = _repository(ctx)
        slug, old, new = _slug_and_refs(repository, revisions)
        result = diff_revisions(repository, slug, old, new)
    from policy.console import use_color

    colored = fmt == "text" and use_color(color)
    _page(ctx, render(result, fmt, context=context, color=colored))
    if exit_code and result.changes:
        ctx.exit(ExitCode.FAILURE)


@main.command()
@REVISIONS
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@FILES
@COLOR
@click.pass_context
def classify(
    ctx: click.Context,
    revisions: tuple[str, ...],
    fmt: str,
    old_file: str | None,
    new_file: str | None,
    color: str,
) -> None:
    """Say whether a change is major, minor or editorial, and why.

    Major means one of the six categories of the policy's section 8 applies (purposes,
    ownership, sharing, rights, contacts, high_risk); each is listed with its evidence.
    OLD and NEW follow the rules of `policy diff`. `Policy-Change:` and `Policy-Categories:`
    commit trailers in the range override the verdict, and are shown beside it.
    """
    from policy.classify.render import render

    if files := _files(old_file, new_file, revisions):
        from policy.classify.sources import classify_files

        result = classify_files(*files, _files_settings(ctx))
    else:
        from policy.classify.sources import classify_revisions

        repository = _repository(ctx)
        slug, old, new = _slug_and_refs(repository, revisions)
        result = classify_revisions(repository, slug, old, new)
    from policy.console import use_color

    _page(ctx, render(result, fmt, color=fmt == "text" and use_color(color)))
    _summary(render(result, "markdown"))


@main.command()
@click.argument("slugs", nargs=-1, metavar="[SLUG]...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["markdown", "json"]),
    default="markdown",
    show_default=True,
    help="markdown: the comment body; json: body, label and labels to remove.",
)
@click.pass_context
def review(ctx: click.Context, slugs: tuple[str, ...], fmt: str) -> None:
    """The pull-request comment and label for the policies that changed.

    Compares like `policy diff` (in a pull request: the base branch with HEAD). In GitHub
    Actions it also sets the step outputs body, label, labels_to_remove, level,
    decision_label and needs_decision, and adds the review to the job summary. Exits 1 while
    a change needs a lawyer's decision (label `policy: needs decision`).
    """
    import json

    from policy.pipeline.review import review as review_policies
    from policy.pipeline.review import to_actions

    result = review_policies(_repository(ctx), slugs, _runtime(ctx).today())
    for reviewed in result.policies:
        if reviewed.date_warning:
            click.echo(f"Warning: {reviewed.slug}: {reviewed.date_warning}", err=True)
    to_actions(result)
    if fmt == "json":
        click.echo(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
    else:
        click.echo(result.body, nl=False)
    if result.needs_decision:
        undecided = ", ".join(p.slug for p in result.policies if p.needs_decision)
        click.echo(
            f"Error: {undecided}: needs a lawyer's decision; add the commit trailers "
            "`Policy-Change: LEVEL` and `Policy-Change-Reason: WHY`",
            err=True,
        )
        ctx.exit(1)


@main.command()
@click.option(
    "--out",
    metavar="DIR",
    type=click.Path(file_okay=False),
    help="Folder to write the site to (default: [publish] output_dir of policy.toml, `site`).",
)
@click.option(
    "--base-url",
    metavar="URL",
    help="Public address of the site, for feeds and permanent links (default: [site] base_url).",
)
@AS_OF
@click.pass_context
def publish(
    ctx: click.Context, out: str | None, base_url: str | None, as_of: dt.date | None
) -> None:
    """Write the policy website: the version in effect, the upcoming one, every past one.

    Only files whose content changed are rewritten; run it again when a release is tagged
    and each day, so that a version takes effect on the site on its effective date.
    """
    from policy.publish.site import publish as build

    repository = _repository(ctx, as_of=as_of, out=out, base_url=base_url)
    runtime = _runtime(ctx)
    result = build(repository, runtime.site_dir, runtime.today(), runtime.base_url)
    click.echo(result.text())
    _summary(result.text(), "policy publish")


@main.command()
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    metavar="N",
    help="Port on 127.0.0.1 (0: any free port).",
)
@click.option(
    "--out",
    metavar="DIR",
    type=click.Path(file_okay=False),
    help="Folder of the site (default: [publish] output_dir of policy.toml, `site`).",
)
@AS_OF
@click.pass_context
def serve(ctx: click.Context, port: int, out: str | None, as_of: dt.date | None) -> None:
    """Preview the website on http://127.0.0.1:PORT/, rebuilding it when the releases change."""
    from policy.publish.serve import serve as run

    repository = _repository(ctx, as_of=as_of, out=out)
    runtime = _runtime(ctx)
    today = runtime.today if as_of else None  # without --as-of the day changes while serving
    run(repository, runtime.site_dir, port, today, echo=click.echo)


@main.command()
@click.argument("slug", required=False)
@click.option("--all", "all_", is_flag=True, help="Release every policy that changed.")
@click.option(
    "--level",
    type=click.Choice(["editorial", "minor", "major"]),
    help="Override the classifier's level (needs --reason; recorded in the tag).",
)
@click.option("--reason", default="", metavar="TEXT", help="Why --level overrides the classifier.")
@click.option(
    "--categories",
    default="",
    metavar="IDS",
    help="With --level major: the major-change categories, comma-separated.",
)
@click.option(
    "--effective",
    type=DATE,
    metavar="YYYY-MM-DD",
    help="Day it takes effect (default: today; major: today + notice_days).",
)
@click.option(
    "--short-notice-reason",
    default="",
    metavar="TEXT",
    help="Why a major change takes effect sooner than notice_days (recorded).",
)
@click.option("-m", "--message", default="", metavar="TEXT", help="Summary for the tag message.")
@click.option("--dry-run", is_flag=True, help="Print what would be released; write nothing.")
@click.option("--as-of", "as_of", type=DATE, metavar="YYYY-MM-DD", hidden=True)
@click.pass_context
def release(
    ctx: click.Context,
    slug: str | None,
    all_: bool,
    level: str | None,
    reason: str,
    categories: str,
    effective: dt.date | None,
    short_notice_reason: str,
    message: str,
    dry_run: bool,
    as_of: dt.date | None,
) -> None:
    """Release a policy: classify what changed since its latest release, bump the version
    and create the annotated tag SLUG/vX.Y.Z.

    The first release is 1.0.0. A major change takes effect after the notice period
    (notice_days in policy.toml). Refuses uncommitted changes, an unchanged policy and an
    existing tag. With --all, releases every changed policy and skips the others.
    """
    from policy.pipeline.actions import release_outputs
    from policy.release.request import ReleaseRequest
    from policy.release.request import release as release_policies
    from policy.versions.levels import Level

    request = ReleaseRequest(
        slug,
        all_,
        Level.parse(level) if level else None,
        reason,
        tuple(categories.replace(",", " ").split()),
        effective,
        short_notice_reason,
        message,
        dry_run,
    )
    from policy.release.valid import InvalidPolicy

    repository = _repository(ctx, as_of=as_of)
    try:
        released = release_policies(repository, request, _runtime(ctx).today())
    except InvalidPolicy as exc:  # the findings, as `policy check` prints them, then the error
        click.echo("".join(f"{finding}\n" for finding in exc.findings), err=True, nl=False)
        raise
    click.echo(released.text, nl=False)
    _summary(released.text, "policy release")
    release_outputs(released)


@main.command()
@click.argument("slug")
@click.argument("version", required=False)
@click.option(
    "--recipients",
    metavar="SOURCE",
    help="CSV file (email[,name,locale,user_id]) or a SQLAlchemy database URL with --query.",
)
@click.option("--query", metavar="SQL", help="Query returning email[, name, locale, user_id].")
@LEDGER
@click.option("--dry-run", is_flag=True, help="Say what a real run would send now; send nothing.")
@click.option(
    "--force",
    is_flag=True,
    help="Send VERSION although it is not major, already in effect or withdrawn (needs --reason).",
)
@click.option("--reason", metavar="TEXT", default="", help="Why (recorded with --force, --cancel).")
@click.option(
    "--cancel",
    is_flag=True,
    help="Withdraw VERSION's notice: cancel its batches still inside SendGrid's cancel window.",
)
@click.option(
    "--resend-uncertain",
    is_flag=True,
    help="Send again to recipients whose earlier batch could not be confirmed (recorded).",
)
@click.option("--shard", metavar="I/N", help="Send only this share of the recipients (0 <= I < N).")
@click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="Also write the final report as JSON (with the invalid rows, for follow-up).",
)
@click.pass_context
def notify(
    ctx: click.Context,
    slug: str,
    version: str | None,
    recipients: str | None,
    query: str | None,
    ledger_url: str | None,
    dry_run: bool,
    force: bool,
    reason: str,
    cancel: bool,
    resend_uncertain: bool,
    shard: str | None,
    report_path: str | None,
) -> None:
    """Email every recipient about a major release, exactly once.

    Without VERSION: every major release of SLUG not yet fully notified, oldest first.
    Resumable: run it again after a crash or Ctrl-C and nobody gets the email twice.
    """
    from pathlib import Path

    from policy.notifier.recipients import parse_shard
    from policy.notifier.sender import NotifyOptions, write_report
    from policy.notifier.sender import notify as send_notice
    from policy.notifier.stopping import stop_on_signals
    from policy.pipeline.github import running_in_actions

    for flag, given in (("--force", force), ("--cancel", cancel)):
        if given and version is None:
            raise click.UsageError(f"{flag} applies to one release: give its VERSION")
    if reason and not (force or cancel):
        raise click.UsageError("--reason goes with --force or --cancel")
    repository = _repository(ctx, ledger=ledger_url)
    if cancel:
        return _withdraw(ctx, repository, slug, version or "", reason, dry_run, report_path)
    options = NotifyOptions(
        recipients,
        query,
        _runtime(ctx).ledger_url(),  # a dry run only reads it, and only if it exists
        dry_run,
        force,
        resend_uncertain,
        parse_shard(shard),
        progress=sys.stderr.isatty(),
        reason=reason,
    )
    warn = lambda message: click.echo(f"Warning: {message}", err=True)  # noqa: E731
    with stop_on_signals(_write_stderr) as stop:
        reports = send_notice(repository, slug, version, options, warn, stop)
    if report_path:
        write_report(reports, Path(report_path), one=version is not None)
    # A CI log can be public: addresses stay in the ledger and the --report file there.
    limit = 0 if running_in_actions() else 50
    text = "".join(report.text(list_limit=limit) for report in reports)
    if not reports and not stop.is_set():
        text = f"{slug} has no major release: nothing to send.\n"
    click.echo(text, nl=False)
    _summary("".join(r.text(list_limit=0) for r in reports) or text, "policy notify")
    if stop.by_signal:
        sent = sum(r.sent for r in reports)
        owed = sum(r.pending + r.in_flight for r in reports)
        click.echo(
            f"Error: stopped by {stop.signal_name}: {sent} accepted by SendGrid in this run, "
            f"{owed} not sent; run the same command again to send the rest (nobody gets it "
            "twice)",
            err=True,
        )
        ctx.exit(stop.exit_code)
    failed = [r for r in reports if r.error]
    if failed:
        raise PolicyError(failed[0].error or "")
    refused = [f"{r.slug} {r.version}" for r in reports if r.outcome == "refused"]
    if refused:
        raise PolicyError(f"not sent, a person must decide (see above): {', '.join(refused)}")


def _withdraw(
    ctx: click.Context,
    repository: PolicyRepository,
    slug: str,
    version: str,
    reason: str,
    dry_run: bool,
    report_path: str | None,
) -> None:
    """`policy notify SLUG VERSION --cancel`: withdraw the notice while SendGrid allows it."""
    from pathlib import Path

    from policy.notifier.sender import write_json
    from policy.notifier.withdraw import cancel_notice

    ledger = _runtime(ctx).ledger_url()
    withdrawn = cancel_notice(repository, slug, version, ledger, reason, dry_run)
    if report_path:
        write_json(withdrawn.to_json(), Path(report_path))
    click.echo(withdrawn.text(), nl=False)
    _summary(withdrawn.text(), "policy notify --cancel")


def _write_stderr(message: str) -> None:
    """Signal-safe output: one write(2) on stderr, no Python buffer to re-enter."""
    import contextlib

    with contextlib.suppress(OSError):
        os.write(2, message.encode("utf-8", "replace"))


@main.command()
@click.argument("slug")
@click.argument("version")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "json"]),
    default="csv",
    show_default=True,
    help="Output format.",
)
@LEDGER
@click.pass_context
def audit(ctx: click.Context, slug: str, version: str, fmt: str, ledger_url: str | None) -> None:
    """Proof of notice: per recipient, when SendGrid accepted the email, batch and message
    ids, and the delivery events received by `policy webhook`."""
    from policy.notifier.audit import write_audit

    repository = _repository(ctx, ledger=ledger_url)
    ledger = _runtime(ctx).ledger_url()
    total, accepted = write_audit(repository, slug, version, ledger, fmt, sys.stdout)
    click.echo(f"{total} recipient(s), {accepted} accepted by SendGrid.", err=True)


@main.command()
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8025, show_default=True, help="Port."
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@LEDGER
@click.pass_context
def webhook(ctx: click.Context, port: int, host: str, ledger_url: str | None) -> None:
    """Receive SendGrid's signed Event Webhook and record delivery events in the ledger.

    The verification key comes from SENDGRID_WEBHOOK_PUBLIC_KEY; unsigned or stale posts
    are refused. Runs until interrupted.
    """
    from policy.notifier.receiver import serve_webhook

    announce = lambda url: click.echo(f"Listening on {url}", err=True)  # noqa: E731
    _repository(ctx, history=False, ledger=ledger_url)
    serve_webhook(_runtime(ctx).ledger_url(), host, port, announce)
    click.echo("Stopped.", err=True)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
