"""``scripts/verify-site DIR``: is this copy of the portal exactly what was built?

Exit status 0 when every file matches ``_build/SHA256SUMS`` (and, with
``--public-key``, its Ed25519 signature is valid); 1 with every modified,
missing and extra file listed otherwise; 2 when the list itself is missing or
malformed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .digest import SUMS, verify


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="verify-site", description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="the deployed portal, e.g. output/")
    parser.add_argument("--public-key", type=Path,
                        help="Ed25519 public key (PEM) to check the list's signature with")
    args = parser.parse_args(argv)
    if not (args.folder / SUMS).is_file():
        print(f"verify-site: {args.folder / SUMS} not found; was the portal built with "
              "`make html` (scripts/build)?", file=sys.stderr)
        return 2
    try:
        result = verify(args.folder, args.public_key)
    except (OSError, ValueError) as exc:
        print(f"verify-site: {exc}", file=sys.stderr)
        return 2
    for kind, paths in (("modified", result.modified), ("missing", result.missing),
                        ("extra", result.extra)):
        for path in paths:
            print(f"{kind}: {path}")
    if result.signature in ("invalid", "missing"):
        print(f"signature: {result.signature} ({SUMS}.sig)")
    checked = len(result.modified) + len(result.missing) + len(result.extra)
    summary = "OK" if result.ok else f"{checked} file(s) differ"
    print(f"verify-site: {summary}; signature {result.signature}")
    return 0 if result.ok else 1
