"""`policy demo`: the whole product on the bundled privacy policy, in a scratch repository.

Steps, in order: `story` writes a short history into a new git repository under the output
folder, releasing after each step as `policy release` does (the policy as it is in force,
1.0.0; an editorial fix, 1.0.1; a new payment processor and a new privacy contact, 2.0.0,
major, effective after the notice period); then `run` shows what the other commands make of it:
the releases (`policy versions`), the verdict with its evidence (`policy classify`), the
redline's summary (`policy diff`), the website (`policy publish`, into a folder it names, with
the `policy serve` command to preview it) and the notice email (`policy notify --dry-run`, to
three example recipients, nothing sent). Every date is counted from one day (`--as-of`, default
today), so a given day always gives the same output. The user's own repositories are never
read or written.
"""
