"""The policy website: the version in effect, the upcoming one, every past one, what changed.

Steps, in order: `site.collect` lists the policies and their release tags and fingerprints
them (with the settings and the day, which decides what is in effect); when the fingerprint and
every file written last time are unchanged, `output` stops there. Otherwise `site` reads each
release's text, renders it with `markdown` (sanitised by nh3) and its redline against the
previous release with `diff` (each kept in `output`'s cache, keyed by tag and commits, so an
unchanged release is never rendered or diffed again), beside the classification the release
recorded (`release.recorded`: nothing here classifies); the Jinja2 templates in `templates/` make
the pages, the history, `versions.json` and the Atom feed; `output` writes only the files whose
bytes changed, each atomically, and removes the ones it wrote before that are gone. `serve`
previews the site on 127.0.0.1, rebuilding when the releases change.
"""
