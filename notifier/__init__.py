"""Email notices of major changes through SendGrid: exactly once, resumable, with proof.

Steps, in order: `notice` picks the releases (VERSION, or every major release still owed a
notice) and gathers what the email says (the summary, categories in policy.toml's words, the
sections of the classification the release recorded, the company, the site's links);
`message` renders it with Jinja2 once per language and builds SendGrid request bodies (one
personalization per recipient, the greeting as a substitution); `recipients` streams and
validates the recipients; `ledger` records every recipient, batch, run, completion and decision
in SQLite or PostgreSQL; `sendgrid_api` calls SendGrid with timeouts and sorts each answer into
accepted, rate-limited, ambiguous or rejected; `sender` decides whether each release may go out
and runs the exactly-once loop (claim, in flight, post, sent; cancel and resend what is
ambiguous), which `stopping` ends cleanly on SIGINT or SIGTERM; `withdraw` cancels a sent
notice's batches still inside SendGrid's cancel window; `audit` writes the proof of notice;
`webhook` verifies SendGrid's signed delivery events and `receiver` stores them in the ledger.
Importing this package imports nothing heavy.
"""
