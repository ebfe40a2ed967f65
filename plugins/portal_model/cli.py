"""``scripts/check``: read and validate the whole portal without rendering anything.

Exit status: 0 when every file is valid, 2 when content or department
configuration has problems (all of them are printed), 3 when the portal's own
configuration (schemas, ``config/portal.yaml``) is broken.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

from .errors import ContentValidationError, PortalError
from .loader import load_portal
from .messages import render


def as_of_date(text: str | None) -> dt.date | None:
    """``--as-of`` or ``GONGKAI_AS_OF`` (YYYY-MM-DD), else None for today."""
    text = text or os.environ.get("GONGKAI_AS_OF")
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise SystemExit(f"--as-of: expected a date written YYYY-MM-DD, got {text!r}") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="check", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(),
                        help="portal folder holding config/ and content/ (default: .)")
    parser.add_argument("--lang", choices=("zh", "en"),
                        help="language of messages (default: the portal's default language)")
    parser.add_argument("--as-of", help="evaluate embargoes and dates as of YYYY-MM-DD")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    lang = args.lang or _portal_lang(args.root)
    try:
        portal = load_portal(args.root.resolve(), today=as_of_date(args.as_of))
    except ContentValidationError as exc:
        print(exc.report(lang), file=sys.stderr)
        return exc.exitcode
    except PortalError as exc:
        print(f"{exc}", file=sys.stderr)
        return exc.exitcode
    print(render("ok", lang, {"items": len(portal.items), "departments": len(portal.departments)})
          + f" ({time.perf_counter() - started:.1f} s)")
    return 0


def _portal_lang(root: Path) -> str:
    """The portal's default language, read leniently: a broken file is reported later."""
    try:
        for line in (root / "config" / "portal.yaml").read_text("utf-8").splitlines():
            if line.startswith("default_lang:"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "zh-CN"
