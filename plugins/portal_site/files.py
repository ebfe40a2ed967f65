"""What a download link tells the reader before they tap it: name, format, size."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from portal_model.model import Item, Portal
from portal_model.paths import resolve

FORMATS = {
    "pdf": "PDF", "doc": "Word", "docx": "Word", "xls": "Excel", "xlsx": "Excel",
    "wps": "WPS", "et": "WPS", "ofd": "OFD", "zip": "ZIP", "rar": "RAR", "csv": "CSV",
    "txt": "TXT", "jpg": "JPEG", "jpeg": "JPEG", "png": "PNG",
}


@dataclass(frozen=True)
class Download:
    url: str
    """Site-relative URL (no leading slash)."""
    file_name: str
    format: str
    """Human name of the format, with the extension: ``Word (DOCX)``."""
    size: str
    """Size in B, KB or MB."""


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB" if size >= 10 * 1024 else f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


class Downloads:
    """Download facts for attachments, read from disk once each."""

    def __init__(self, root: Path, portal: Portal):
        self.root, self.portal = root, portal
        self._cache: dict[str, Download] = {}

    def __call__(self, item: Item, relative: str) -> Download:
        source = resolve(item.source, relative)
        if source not in self._cache:
            name = source.rsplit("/", 1)[-1]
            extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
            kind = FORMATS.get(extension, extension.upper())
            label = f"{kind} ({extension.upper()})" if kind != extension.upper() else kind
            size = (self.root / source).stat().st_size
            self._cache[source] = Download(source.removeprefix("content/"), name, label,
                                           human_size(size))
        return self._cache[source]
