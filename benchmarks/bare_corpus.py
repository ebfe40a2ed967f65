"""Convert a generated portal's items into bare Pelican's own Markdown metadata format.

The reference build of ``make bench`` is Pelican without Gongkai's plugins, which cannot
read YAML front matter. Each ``content/<dept>/<type>/<slug>[.en].md`` becomes the same
path under the target with ``Title:``, ``Date:``, ``Category:`` (the department),
``Slug:``, ``Lang:`` lines and the body unchanged. ``Type:`` and ``Translation_key:``
are added too: slugs repeat across departments, and without them bare Pelican would merge
unrelated items as translations and could not lay pages out like ours
(``<dept>/<type>/<slug>/``). Attachments are not copied: the reference writes pages only.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from portal_model.loader import ATTACHMENT_FOLDER

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def convert(content: Path, target: Path) -> int:
    """Write every item under ``content`` into ``target`` in Pelican's format; return the count."""
    count = 0
    for source in sorted(content.rglob("*.md")):
        relative = source.relative_to(content)
        # Only <dept>/<type>/<file>.md are items; <dept>/files/ holds attachments.
        if len(relative.parts) != 3 or relative.parts[1] == ATTACHMENT_FOLDER:
            continue
        text = source.read_text("utf-8")
        _, front, body = text.split("---\n", 2)
        meta = yaml.load(front, Loader=_Loader)
        department, kind = relative.parts[0], relative.parts[1]
        slug = source.name.removesuffix(".md").removesuffix(".en")
        lines = [f"Title: {meta['title']}", f"Date: {meta['published_date']}",
                 f"Category: {department}", f"Type: {kind}", f"Slug: {slug}",
                 f"Lang: {meta.get('lang', 'zh')}",
                 f"Translation_key: {department}/{kind}/{slug}"]
        out = target / relative
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text("\n".join(lines) + "\n\n" + body, "utf-8")
        count += 1
    return count
