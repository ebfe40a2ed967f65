"""Pelican wiring for the content model: build it once, fail early, read items from it.

* ``initialized``: settings that come from ``config/portal.yaml``.
* ``get_generators`` (every build, also under ``make devserver``): load and
  validate the whole portal before anything is read or written; on any problem
  print every one of them and stop with a non-zero exit (no traceback).
* ``readers_init``: replace Pelican's Markdown reader with one that takes each
  item from the model instead of parsing the file a second time.
"""

from __future__ import annotations

import datetime as dt
import gc
import html
import json
import logging
import os
import sys
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.readers import BaseReader

from .cli import as_of_date
from .errors import PortalError
from .loader import ATTACHMENT_FOLDER, load_portal, load_portal_config
from .model import CONTENT_LANG, Item, Portal
from .paths import relative_under
from .publication import manifest, published_attachments, unaccounted, unused_attachments
from .render import body_renderer
from .timings import phase

logger = logging.getLogger(__name__)

MODEL_SETTING = "PORTAL_MODEL"
"""Settings key under which the built :class:`Portal` travels to readers and templates."""


def configure(pelican: Any) -> None:
    """``initialized``: settings that come from ``config/portal.yaml``.

    They must be in place before :meth:`Pelican.run` copies the settings into the
    template context, so this runs once per process; edits to ``portal.yaml``
    need a restart of ``make devserver``, like edits to ``pelicanconf.py``.
    """
    settings = pelican.settings
    config = or_stop(message_lang(settings), load_portal_config, _root(settings))
    settings["PORTAL"] = config
    settings["SITENAME"] = config["name"]
    # Pelican's own notion of language is the content's: originals are Chinese and
    # translations sit beside them. The interface language is portal_i18n's.
    settings["DEFAULT_LANG"] = CONTENT_LANG
    settings["TIMEZONE"] = config["timezone"]
    if settings.get("PORTAL_PUBLISH"):
        settings["SITEURL"] = config["site_url"]
        settings["FEED_DOMAIN"] = config["site_url"]


@phase("read+validate")
def build_model(pelican: Any) -> type | None:
    """``get_generators``: build and validate the model, afresh for every (re)build.

    Runs before any generator reads a file, so a broken portal stops here with
    every problem listed and nothing written.
    """
    settings = pelican.settings
    root = _root(settings)
    today = as_of_date(settings.get("PORTAL_AS_OF"))
    cache = cache_folder(settings)
    if gc.get_freeze_count():  # `make devserver` builds again in this process
        settings.pop(MODEL_SETTING, None)
        gc.unfreeze()
        gc.collect()  # the last build's model and pages, before settle() freezes this one's
    while settings.get("PORTAL_KEEP_SERVING_ON_ERRORS"):
        # `make devserver`: keep the last good portal served and wait for the fix here;
        # raising would make Pelican's autoreload loop retry at once, forever.
        try:
            portal = load_portal(root, today=today, cache=cache)
            break
        except PortalError as exc:
            print(exc.report(message_lang(settings)), file=sys.stderr, flush=True)
            _wait_for_changes(root)
    else:
        portal = or_stop(message_lang(settings), load_portal, root, today=today, cache=cache)
    settings[MODEL_SETTING] = portal
    for note in unused_attachments(portal):  # not published, and said so (not a warning)
        print(note.format(message_lang(settings)))
    attachment_dirs = [f"{dept}/{ATTACHMENT_FOLDER}" for dept in sorted(portal.departments)]
    # Only attachments a published item uses are copied: a withheld item's files stay out.
    settings["STATIC_PATHS"] = sorted(path.removeprefix("content/")
                                      for path in published_attachments(portal))
    settings["ARTICLE_EXCLUDES"] = attachment_dirs
    settle()
    return ModelContextGenerator


def settle(*_: Any) -> None:
    """Keep what the build has made so far out of the garbage collector's full scans.

    Called once the model is built and again once Pelican has read every item: both live
    until the build ends, hundreds of thousands of objects that each full collection walked
    (0.2 to 0.4 s of a rebuild at 5,000 items, and again when the process exits); a full
    collection in a worker forked after them would also write to every page holding them,
    copying memory the workers otherwise share. A frozen object is still freed when nothing
    refers to it; only cycles wait for the next :func:`build_model`, which unfreezes.
    """
    gc.freeze()


class ModelContextGenerator:
    """Puts this build's model into the shared template context (``PORTAL_MODEL``)."""

    def __init__(self, context: dict[str, Any], settings: dict[str, Any], **_: Any):
        self.context, self.settings = context, settings

    def generate_context(self) -> None:
        self.context[MODEL_SETTING] = self.settings[MODEL_SETTING]


def message_lang(settings: dict[str, Any]) -> str:
    """Editors read problems in the portal's default language (Chinese until it is known)."""
    return settings.get("PORTAL", {}).get("default_lang", CONTENT_LANG)


def _root(settings: dict[str, Any]) -> Path:
    """The portal folder: the parent of the content folder, holding ``config/``."""
    return Path(settings["PATH"]).resolve().parent


def cache_folder(settings: dict[str, Any], *parts: str) -> Path | None:
    """The build cache's folder (``PORTAL_CACHE``, under the portal folder), or the given
    place in it; None when the build keeps no cache."""
    folder = settings.get("PORTAL_CACHE")
    return _root(settings).joinpath(folder, *parts) if folder else None


def or_stop(lang: str, load: Any, *args: Any, **kwargs: Any) -> Any:
    """``load(...)``, or print its problems and leave with its exit code.

    Pelican logs any exception with a traceback; an editor's mistake is not a
    crash, so this leaves through SystemExit instead.
    """
    try:
        return load(*args, **kwargs)
    except PortalError as exc:
        print(exc.report(lang), file=sys.stderr)
        raise SystemExit(exc.exitcode) from None


def _wait_for_changes(root: Path) -> None:
    from watchfiles import watch  # noqa: PLC0415 - only `make devserver` needs it

    print("… waiting for a change in content/ or config/", file=sys.stderr, flush=True)
    for _ in watch(root / "content", root / "config"):
        return


class PortalReader(BaseReader):
    """Reads ``.md`` items from the already validated model (no second parse)."""

    enabled = True
    file_extensions = ["md"]

    def __init__(self, settings: dict[str, Any]):
        super().__init__(settings)
        self.portal: Portal = settings[MODEL_SETTING]
        self.root = Path(settings["PATH"]).resolve().parent
        # Pelican names sources by joining PATH and the file's path under it: cutting the
        # prefix is enough, and resolving each path (a stat per folder) is not needed.
        self._prefixes = tuple(f"{os.path.abspath(folder)}{os.sep}"
                               for folder in (Path(settings["PATH"]).parent, self.root))
        self.renderer = body_renderer(self.portal, settings["SITEURL"])
        self._categories: dict[str, Any] = {}

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        item = self.portal.by_source[self._source(source_path)]
        metadata = self.metadata(item)
        if not item.published:
            # Never rendered, never listed: Pelican drops `skip` items entirely.
            metadata["status"] = "skip"
            return "", metadata
        return self.render_body(item), metadata

    def metadata(self, item: Item) -> dict[str, Any]:
        """What Pelican learns of ``item`` from this reader, besides its body."""
        return {
            "title": item.title,
            "date": dt.datetime.combine(item.published_date, dt.time()),
            "slug": item.slug,
            # Pelican compares a lower-cased DEFAULT_LANG with this value as given.
            "lang": item.lang.lower(),
            "category": self._category(item.department),
            "summary": html.escape(item.meta["summary"]),
            "url": item.url,
            "save_as": f"{item.url}index.html",
            "template": "item",
            "item": item,
            "department": self.portal.departments[item.department],
        }

    def _category(self, department: str) -> Any:
        """Pelican's category object for ``department``: one per department, as Pelican
        hashes each (slugifying its name) to group the articles (5,000 slugs otherwise)."""
        found = self._categories.get(department)
        if found is None:
            found = self._categories[department] = self.process_metadata("category",
                                                                         department)
        return found

    def _source(self, source_path: str) -> str:
        """``source_path`` relative to the portal folder, as the model names it."""
        for prefix in self._prefixes:
            if (source := relative_under(prefix, source_path)) is not None:
                return source
        return Path(source_path).resolve().relative_to(self.root).as_posix()

    def render_body(self, item: Item) -> str:
        """The item's body as sanitized HTML (portal_cache overrides this with a cache)."""
        return self.renderer.render(item.source, item.body)


def write_manifest(pelican: Any) -> None:
    """``finalized``: record what became of every file under content/, and fail on any unknown.

    Written to ``output/_build/manifest.json`` (build metadata, not a page of the portal).
    """
    settings = pelican.settings
    portal: Portal = settings[MODEL_SETTING]
    root = _root(settings)
    data = manifest(portal, content_files(root))
    target = Path(settings["OUTPUT_PATH"]) / "_build" / "manifest.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                      "utf-8")
    missing = unaccounted(data)
    if missing:
        for source in missing:
            print(f"{source}:1: the build does not know what became of this file", file=sys.stderr)
        raise SystemExit(2)


def content_files(root: Path) -> list[str]:
    """Every file under ``root/content`` but hidden ones (``content/...`` paths), found
    without the loader: a file it skipped must show up as unaccounted. Linked folders are
    not entered (the loader reports them); linked files count."""
    found: list[str] = []
    folders = ["content"]
    while folders:
        folder = folders.pop()
        with os.scandir(root / folder) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    folders.append(f"{folder}/{entry.name}")
                elif entry.is_file():
                    found.append(f"{folder}/{entry.name}")
    return found


def add_reader(readers: Any) -> None:
    """``readers_init``: items are read by :class:`PortalReader` only."""
    readers.reader_classes["md"] = PortalReader
    for extension in ("markdown", "mkd", "mdown", "rst", "html", "htm"):
        readers.reader_classes.pop(extension, None)


def register() -> None:
    """Connect the handlers; they are module-level so blinker's weak references hold."""
    signals.initialized.connect(configure)
    signals.get_generators.connect(build_model)
    signals.article_generator_finalized.connect(settle)
    signals.readers_init.connect(add_reader)
    signals.finalized.connect(write_manifest)
