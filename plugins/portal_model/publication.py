"""What becomes of every file under ``content/``: the publication gate and its manifest.

An item is published unless it is withheld (not public, a draft, or under embargo).
An attachment is published only when a published item uses it, in a front-matter
field or a body link; one that only withheld items use stays out with them, and
one that nothing uses is not published either, and the editor is told. The
manifest records each file's fate, so a build can prove nothing was lost.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from .errors import Problem, problem
from .model import Portal
from .paths import resolve

MANIFEST_VERSION = "1.1"


def attachment_users(portal: Portal) -> dict[str, list[str]]:
    """Attachment path -> the items (by source) that use it, published or not."""
    users: dict[str, list[str]] = {}
    for item in portal.items:
        for _, value in item.attachment_fields:
            users.setdefault(resolve(item.source, value), []).append(item.source)
        for link in item.links:
            if link.resolved in portal.attachments:
                users.setdefault(link.resolved, []).append(item.source)
    return users


def unused_attachments(portal: Portal) -> list[Problem]:
    """Notes for files in ``files/`` that no item uses: they are not published, and the
    editor is told so (``make check`` and every build print them) rather than left to
    wonder. Not an error: deleting an item must not stop the build over its old files."""
    return [problem(path, 1, "", "attachment_unused", department=path.split("/")[1])
            for path in sorted(portal.attachments - set(portal.attachment_users))]


def published_attachments(portal: Portal) -> set[str]:
    """Attachments at least one published item uses."""
    return {path for path, sources in portal.attachment_users.items()
            if any(portal.by_source[source].published for source in sources)}


def manifest(portal: Portal, content_files: Iterable[str]) -> dict[str, Any]:
    """Every file of ``content_files`` (project-relative) with its fate; raises nothing.

    A withheld file is listed under the SHA-256 of its path, never by name: its name can
    say what it is about, and the manifest is part of the output. A file the model does
    not know is listed as ``unaccounted``: the caller must treat that as a failed build.
    """
    published = published_attachments(portal)
    files: dict[str, dict[str, Any]] = {}
    withheld: dict[str, str] = {}
    for source in sorted(content_files):
        item = portal.by_source.get(source)
        if item is not None and item.published:
            files[source] = {"fate": "published", "url": item.url}
        elif item is not None:
            withheld[_hidden(source)] = item.withheld or ""
        elif source in published:
            files[source] = {"fate": "published", "url": source.removeprefix("content/")}
        elif source in portal.attachments:
            used = source in portal.attachment_users
            withheld[_hidden(source)] = "used-only-by-withheld" if used else "unreferenced"
        else:
            files[source] = {"fate": "unaccounted"}
    counts: dict[str, int] = {"withheld": len(withheld)}
    for entry in files.values():
        counts[entry["fate"]] = counts.get(entry["fate"], 0) + 1
    return {"manifest_version": MANIFEST_VERSION, "counts": counts, "files": files,
            "withheld": dict(sorted(withheld.items()))}


def _hidden(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


def unaccounted(manifest_data: dict[str, Any]) -> list[str]:
    return [source for source, entry in manifest_data["files"].items()
            if entry["fate"] == "unaccounted"]
