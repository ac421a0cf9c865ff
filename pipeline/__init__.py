"""The tool inside a CI pipeline: GitHub Actions workflow commands and the pull-request review.

Steps, in order: `github` notices that the command runs in GitHub Actions (`GITHUB_ACTIONS=true`)
and writes what the runner reads: `::error file=...,line=...::` annotations on stdout, Markdown
appended to the job summary (`$GITHUB_STEP_SUMMARY`), step outputs (`$GITHUB_OUTPUT`);
`summaries` words each command's block of the job summary and `actions` writes it, with the
release's step outputs; `review` builds the sticky pull-request comment (the verdict and the
redline of every changed policy) and its label. This package sits at the top of the data flow:
it reads the other packages' results and nothing imports it but `cli.py`. Importing it imports
nothing heavy.
"""
