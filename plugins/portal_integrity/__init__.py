"""portal_integrity: build the portal atomically and prove what is served is what was built.

Not a Pelican plugin: ``scripts/build`` wraps the Pelican run (build into a
temporary folder, publish it by renaming only on success) and writes a SHA-256
list of every file, optionally signed with Ed25519; ``scripts/verify-site``
checks a deployed copy against it.
"""
