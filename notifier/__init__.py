"""Email notices of major changes through SendGrid: exactly once, resumable, with proof.

Steps, in order: `notice` picks the release and gathers what its email says (categories in
policy.toml's words, the sections of the classification the release recorded, the site's
links); `message` renders it with Jinja2 and builds SendGrid request bodies (one
personalization per recipient);
`recipients` streams and validates the recipients; `ledger` records every recipient, batch,
run and decision in SQLite or PostgreSQL; `sendgrid_api` calls SendGrid with timeouts and sorts
each answer into accepted, rate-limited, ambiguous or rejected; `sender` runs the exactly-once
loop (claim, in flight, post, sent; cancel and resend what is ambiguous); `audit` writes the
proof of notice; `webhook` verifies SendGrid's signed delivery events and `receiver` stores them
in the ledger. Importing this package imports nothing heavy.
"""
