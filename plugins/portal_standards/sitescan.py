"""Scan the written site for broken internal links (WEB-D4.3) and one-way linkage (WEB-D1.8).

Runs once per build after the pages are written, reading each HTML file once and
pulling ``href``/``src`` values with a regular expression (the pages are ours and
well-formed; a full parser would cost far more for nothing). Attachments are copied
after this scan, so a link to one is checked against the model's attachment list.

A :class:`LinkMemo` (kept in the build cache's folder) remembers each page's links by the
file's inode, size and modification time: a rebuild whose unchanged pages are hard links
to the previous build's (portal_cache.reuse) reads only the pages it wrote.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Collection
from pathlib import Path
from urllib.parse import unquote, urlsplit

from portal_model.fingerprint import FileIdentity, tree_files
from portal_model.memo import read_entries, write_entries
from portal_model.publication import published_attachments

from .audit import AuditResult, RuleRun
from .findings import Finding

UNSCANNED = frozenset({"pagefind"})
"""Top-level folders without pages: the search bundles (portal_search.bundles.BUNDLE_ROOT)."""
_LINK = re.compile(rb"""\b(?:href|src)\s*=\s*["']([^"']*)["']""", re.IGNORECASE)


class LinkMemo:
    """Each scanned page's links, by the identity of the file scanned (see the module
    docstring); in ``path``, or nowhere when it is None. Unreadable means empty."""

    FORMAT = "links-1"

    def __init__(self, path: Path | None, site_url: str):
        self.path, self.site_url = path, site_url
        self.known: dict[str, tuple[int, int, int, tuple[str, ...]]] = (
            read_entries(path, self.FORMAT, site_url) if path else {})
        self.seen: dict[str, tuple[int, int, int, tuple[str, ...]]] = {}

    def targets(self, page: str, identity: FileIdentity, scan: Callable[[], set[str]]
                ) -> set[str]:
        """The page's targets: remembered if its file (``identity``) is the one scanned before."""
        entry = self.known.get(page)
        targets = set(entry[3]) if entry and entry[:3] == identity else scan()
        self.seen[page] = (*identity, tuple(sorted(targets)))
        return targets

    def save(self) -> None:
        """Keep what this scan saw (and only that) for the next."""
        if self.path is None:
            return
        try:
            write_entries(self.path, self.seen, self.FORMAT, self.site_url)
        except OSError:
            pass  # only a shortcut: the next scan reads every page


def site_files(output: Path) -> dict[str, os.stat_result]:
    """The files of the written site (site-relative) but the search index, which holds no
    pages and is being written while the scan runs."""
    return tree_files(output, UNSCANNED)


def page_links(output: Path, site_url: str, memo: LinkMemo | None = None,
               files: dict[str, os.stat_result] | None = None) -> dict[str, set[str]]:
    """Every HTML page (site-relative file path) -> the site-relative targets it links;
    ``files`` is :func:`site_files` when the caller has it."""
    site = urlsplit(site_url).netloc
    memo = memo or LinkMemo(None, site_url)
    pages: dict[str, set[str]] = {}
    # Most links (navigation, footer, columns) are the same on thousands of pages and do not
    # depend on the page: each such value is resolved once.
    absolute: dict[bytes, str | None] = {}
    for page, found in (site_files(output) if files is None else files).items():
        if not page.endswith(".html"):
            continue

        def scan_page(page: str = page) -> set[str]:
            base = page.rsplit("/", 1)[0] + "/" if "/" in page else ""
            targets = set()
            for value in set(_LINK.findall((output / page).read_bytes())):
                if value.startswith((b"/", b"http:", b"https:")):
                    if value not in absolute:
                        absolute[value] = _target(value, base, site)
                    target = absolute[value]
                else:
                    target = _target(value, base, site)
                if target is not None:
                    targets.add(target)
            return targets

        identity = found.st_ino, found.st_size, found.st_mtime_ns
        pages[page] = memo.targets(page, identity, scan_page)
    return pages


def _target(value: bytes, base: str, site: str) -> str | None:
    """The site-relative path a link leads to, or None if it leaves the site or the page."""
    parts = urlsplit(value.decode("utf-8", "replace").strip())
    if parts.scheme in ("http", "https") and parts.netloc == site:
        path = parts.path
    elif parts.scheme or parts.netloc or not parts.path:
        return None  # another site, mailto:, tel:, or a fragment on the same page
    else:
        path = parts.path if parts.path.startswith("/") else "/" + base + parts.path
    return _normalise(unquote(path))


def _normalise(path: str) -> str:
    parts: list[str] = []
    for part in path.split("/")[1:]:
        if part == "..":
            if parts:
                parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts)


def exists(target: str, output: Path, files: Collection[str], attachments: set[str],
           theme_static: Path) -> bool:
    """Whether the built site in ``output`` (its ``files`` as :func:`site_files` lists them)
    serves ``target``: a page folder, a file or an attachment.

    Attachments and the theme's static files are copied after the scan, so they are
    looked up where they come from; the search index, unlisted, is looked up on disk.
    """
    if f"content/{target}" in attachments:
        return True
    if target.startswith("report/"):
        return True  # the report is written right after this scan, from the scan's result
    if target.startswith("theme/"):
        return (theme_static / target.removeprefix("theme/")).is_file()
    if target.split("/", 1)[0] in UNSCANNED:
        return (output / target).is_file() or (output / target / "index.html").is_file()
    if target == "" or target.endswith("/"):
        return f"{target}index.html" in files
    return target in files or f"{target}/index.html" in files


def scan(result: AuditResult, output: Path, site_url: str, theme_static: Path,
         memo: LinkMemo | None = None) -> list[Finding]:
    """Findings for the built site in ``output``: broken links, and linkage the pages lack."""
    audit = result.audit
    profile = audit.profile.rules
    found: list[Finding] = []
    files = site_files(output)
    links = page_links(output, site_url, memo, files)
    if memo is not None:
        memo.save()
    if "WEB-D4.3" in profile:
        run = RuleRun(audit, profile["WEB-D4.3"], found)
        checked: dict[str, bool] = {}
        attachments = published_attachments(audit.portal)
        items = {f"{item.url}index.html": item for item in audit.published}
        for page, targets in sorted(links.items()):
            if page.startswith("report/"):
                continue  # the report is written after this scan, with links to the files above
            for target in sorted(targets):
                if target not in checked:
                    checked[target] = exists(target, output, files, attachments, theme_static)
                if not checked[target]:
                    code = "broken_link_home" if page == "index.html" else "broken_link"
                    item = items.get(page)
                    first = page.split("/", 1)[0]
                    department = item.department if item else \
                        first if first in audit.portal.departments else None
                    run.at(code, item.source if item else f"output/{page}", 1, "", department,
                           target="/" + target, page=page)
    if "WEB-D1.8" in profile:
        run = RuleRun(audit, profile["WEB-D1.8"], found)
        _two_way(run, links)
    return found


def _two_way(run: RuleRun, links: dict[str, set[str]]) -> None:
    """Each interpretation page links its policy, and that policy's page links back."""
    by_index = run.audit.portal.by_index_no
    for item in run.audit.originals:
        if item.type != "interpretation":
            continue
        policy = by_index.get(item.meta["interprets"])
        if policy is None or not policy.published:
            continue  # the rule's own model check reports it
        page, policy_page = f"{item.url}index.html", f"{policy.url}index.html"
        if policy.url not in links.get(page, set()):
            run.item("page_no_link_to_policy", item, ("interprets",), page=f"/{item.url}",
                     policy_title=policy.title)
        if item.url not in links.get(policy_page, set()):
            run.item("page_no_link_back", item, ("interprets",), page=f"/{policy.url}",
                     policy_title=policy.title)
