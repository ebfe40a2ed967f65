"""``scripts/check``: read and validate the whole portal without rendering anything.

Exit status: 0 when every file is valid, 2 when content or department
configuration has problems (all of them are printed), 3 when the portal's own
configuration (schemas, ``config/portal.yaml``) is broken, 4 when the machine stopped the
check (memory, a killed worker).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
import time
from pathlib import Path

from .errors import PortalError
from .exhaustion import guarded
from .loader import load_portal
from .messages import localized, render
from .publication import unused_attachments


CHECKING = localized("reading and checking the portal", "读取并检查门户")
CACHE_FOLDER = ".cache"
"""The build cache's folder under the portal root, as set in pelicanconf.py (PORTAL_CACHE)."""


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
    add_cache_option(parser)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    lang = args.lang or _portal_lang(args.root)
    try:
        with guarded(CHECKING, lang):
            portal = load_portal(args.root.resolve(), today=as_of_date(args.as_of),
                                 cache=cache_folder(args))
    except PortalError as exc:
        print(exc.report(lang), file=sys.stderr)
        return exc.exitcode
    for note in unused_attachments(portal):
        print(note.format(lang))
    print(render("ok", lang, {"items": len(portal.items), "departments": len(portal.departments)})
          + f" ({time.perf_counter() - started:.1f} s)")
    return 0


def add_cache_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-cache", action="store_true",
                        help=f"validate every file again instead of trusting {CACHE_FOLDER}/"
                             " for those found valid before")


def cache_folder(args: argparse.Namespace) -> Path | None:
    """The build cache of the portal at ``--root`` (shared with `make html`), unless
    ``--no-cache``."""
    return None if args.no_cache else args.root.resolve() / CACHE_FOLDER


def _portal_lang(root: Path) -> str:
    """The portal's default language, read leniently: a broken file is reported later."""
    try:
        for line in (root / "config" / "portal.yaml").read_text("utf-8").splitlines():
            if line.startswith("default_lang:"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "zh-CN"


def new_item(argv: list[str] | None = None) -> int:
    """``scripts/new-item TYPE DEPARTMENT SLUG``: write a valid draft skeleton to fill in."""
    from .frontmatter import load_config_yaml  # noqa: PLC0415 - only this command needs them
    from .schemas import SchemaSet  # noqa: PLC0415
    from .skeleton import next_index_no, skeleton, unused_code  # noqa: PLC0415

    parser = argparse.ArgumentParser(prog="new-item", description=new_item.__doc__)
    parser.add_argument("type", help="item type, e.g. licensing (see config/schemas/)")
    parser.add_argument("department", help="department id, e.g. health (see config/departments/)")
    parser.add_argument("slug", help="file name without .md: lowercase letters, digits, hyphens")
    parser.add_argument("--root", type=Path, default=Path.cwd())
    parser.add_argument("--as-of", help="date to fill in, YYYY-MM-DD (default: today)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    schemas = SchemaSet(root / "config" / "schemas")
    errors = []
    if args.type not in schemas.types:
        errors.append(f"type: expected one of {', '.join(sorted(schemas.types))}, got {args.type!r}")
    department_file = root / "config" / "departments" / f"{args.department}.yaml"
    if not department_file.is_file():
        known = sorted(p.stem for p in department_file.parent.glob("*.yaml"))
        errors.append(f"department: expected one of {', '.join(known)}, got {args.department!r}")
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", args.slug):
        errors.append(f"slug: expected lowercase letters, digits and hyphens, got {args.slug!r}")
    target = root / "content" / args.department / args.type / f"{args.slug}.md"
    if target.exists():
        errors.append(f"{target.relative_to(root)}: already exists; choose another slug")
    if errors:
        print("\n".join(f"new-item: {error}" for error in errors), file=sys.stderr)
        return 2
    department = load_config_yaml(department_file.read_bytes(), str(department_file)).data or {}
    today = as_of_date(args.as_of) or dt.date.today()
    index_no = next_index_no(root / "content", department.get("org_code", "ORGCODE"), today.year)
    codes = [entry.get("code") for key in ("service_items", "licensing_items")
             if args.type == {"service_items": "service-guide"}.get(key, "licensing")
             for entry in department.get(key, [])]
    overrides = {"item_code": unused_code(target.parent, codes)} if codes else {}
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(skeleton(schemas, args.type, args.slug, index_no, today, overrides),
                      "utf-8")
    print(f"created {target.relative_to(root)} with 索引号 {index_no} (draft: fill it in, "
          "then run `make check`)")
    return 0
