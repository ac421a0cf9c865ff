"""`policy init`: set up an existing git repository for a legal team.

Steps, in order: `tool.requirement` decides what the workflows install as this tool (pinned to
a commit); `setup.plan` lists the files to write (a starter policy or the user's own file under
policies/, a documented policy.toml, the three workflows from `templates/workflows/`, the
.gitignore entries) and refuses when any of them exists already, before anything is written;
`setup.apply` writes them (each whole or not at all), unless it is a dry run.
"""
