"""`policy`: version, diff, classify, publish and announce changes to Markdown policies in git.

The installed package is this repository's root (`package-dir` in pyproject.toml maps `policy`
onto it), so the design card's top level stays as it is while site-packages gains one name.
Data flows one way through its packages: `document` (a policy file as a tree of sections) →
`versions` (the only door to git: releases, texts at any revision) → `diff` (section- and
word-level changes) → `classify` (the verdict against the major-change list, with evidence) →
`release` (tags) → `publish` (the website) and `notifier` (the emails); `settings` and
`errors` serve them all, `pipeline` wires them into GitHub Actions and `cli` is the command.
Importing this package imports nothing heavy.
"""
