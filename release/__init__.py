"""Cut a release: classify what changed since the last one, choose its version and effective
date, and record it as an annotated git tag `SLUG/vX.Y.Z`.

Steps, in order: `plan` reads the range from the latest release to HEAD, classifies it
(`classify.sources`), applies a person's `--level` override, bumps the version and settles the
effective date (`dates`), refusing anything that would record a wrong release; `valid` refuses
a policy that `policy check` rejects, before anything is written; `tagging` writes the tag
and, in a git note on it, the classification (`recorded`), the only writes; `batch` plans every
policy at once for `--all`, skipping unchanged ones; `report` words the result for people and
for GitHub Actions; `recorded` gives publish and notify a release's classification back, never
classifying a release twice. Importing this package imports nothing heavy.
"""
