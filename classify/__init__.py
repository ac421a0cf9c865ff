"""Classify a change against the policy's own major-change list (section 8), with evidence.

Steps, in order: `model` holds the verdict (level, categories with evidence, override);
`rules` turns policy.toml's category settings into detectors; `engine` runs them over the
structural diff (`diff.engine`), change by change, and takes the highest level; `overrides`
reads `Policy-Change:` trailers from the commits in a range; `sources` classifies two
revisions of a policy in git. Importing this package imports nothing heavy.
"""
