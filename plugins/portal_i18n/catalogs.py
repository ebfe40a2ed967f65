"""The interface catalogs (``themes/<theme>/translations/<locale>/LC_MESSAGES/messages.po``).

Catalogs are read from their ``.po`` sources and compiled in memory at every
build, so a committed ``.mo`` can never be stale. A message a catalog lacks is
not silently shown in the source language: it is recorded, and the build
reports every such message as a warning (fatal in ``make html``).
"""

from __future__ import annotations

import gettext
import io
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from portal_model.errors import PortalConfigError

LOCALES = {"zh-CN": "zh_CN", "en": "en"}
"""Interface languages (as in ``<html lang>``) and their catalog locales."""

DOMAIN = "messages"


def interface_lang(lang: str) -> str:
    """The interface language tag for a content language tag (``zh-cn`` -> ``zh-CN``)."""
    for tag in LOCALES:
        if tag.lower() == lang.lower():
            return tag
    raise PortalConfigError(f"no interface catalog for language '{lang}'; "
                            f"available: {', '.join(LOCALES)}")


class _RecordMisses(gettext.NullTranslations):
    """The fallback of every catalog: records what the catalog lacked."""

    def __init__(self, lang: str, missing: set[tuple[str, str]]):
        super().__init__()
        self.lang, self.missing = lang, missing

    def gettext(self, message: str) -> str:
        self.missing.add((self.lang, message))
        return message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        self.missing.add((self.lang, msgid1))
        return msgid1 if n == 1 else msgid2


class InterfaceText:
    """Every interface language's catalog, with lookups that never fall back silently."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.missing: set[tuple[str, str]] = set()
        """(language, message) pairs looked up but absent from that language's catalog."""
        self._catalogs = {}
        for tag, locale in LOCALES.items():
            catalog = self._compile(locale)
            catalog.add_fallback(_RecordMisses(tag, self.missing))
            self._catalogs[tag] = catalog

    def _compile(self, locale: str) -> gettext.GNUTranslations:
        path = self.folder / locale / "LC_MESSAGES" / f"{DOMAIN}.po"
        if not path.is_file():
            raise PortalConfigError(f"{path}: interface catalog not found")
        with path.open("rb") as source:
            try:
                catalog = read_po(source, locale=locale, abort_invalid=True)
            except Exception as exc:  # Babel raises several types for a malformed .po
                raise PortalConfigError(f"{path}: not a valid gettext catalog: {exc}") from None
        compiled = io.BytesIO()
        write_mo(compiled, catalog, use_fuzzy=False)
        compiled.seek(0)
        return gettext.GNUTranslations(compiled)

    def gettext(self, lang: str, message: str) -> str:
        return self._catalogs[interface_lang(lang)].gettext(message)

    def ngettext(self, lang: str, singular: str, plural: str, count: int) -> str:
        return self._catalogs[interface_lang(lang)].ngettext(singular, plural, count)
