"""Pelican wiring for the build cache (``PORTAL_CACHE``, a folder under the portal root).

* ``get_generators`` (after portal_model has built the model): open the cache, compute the
  build's digests (:mod:`portal_cache.keys`) and render the bodies it lacks, in parallel
  (:mod:`portal_cache.bodies`).
* ``readers_init``: the item reader takes each body from the cache.
* ``article_generator_init``: published items enter Pelican's article list unread, and are
  read when their page has to be rendered (:mod:`portal_cache.standins`).
* ``get_writer``: a writer that takes a page from the cache when the page says what it
  depends on (``cache_scope``) and its key is there, and otherwise renders and keeps it.
  Item pages depend on their own file and on what they show of a few other items
  (:mod:`portal_site.dependencies`); pages written with ``cache_scope="shown"`` on the
  variables they are written with (the items they list) and that frame; pages written
  with ``cache_scope="listing"`` on all front matter, but no body. Every other page is
  rendered.
* :mod:`portal_cache.files`: other plugins' values and files made from front matter alone
  (each feed's files).
* ``article_generator_preread`` (the first reading, after Pelican has emptied the output
  folder): the item pages' folders are made by a child process while Pelican reads
  (:mod:`portal_cache.folders`).
* ``static_generator_finalized``: the attachments Pelican copies are hard links to the live
  portal's copy when that copy has the same bytes (portal_cache.reuse), as unchanged pages
  and the feeds (:mod:`portal_cache.files`) are.
* ``initialized``: Jinja keeps compiled templates in ``<cache>/jinja`` (it checks each
  template's source itself), so the templates are not compiled again by every build and
  every generator.
* ``finalized``: keep what this build used, drop the rest.

``PORTAL_CACHE = False`` (``make html CACHE=off``) builds without it: the clean serial
build the cache is tested against. ``PORTAL_RENDER_JOBS``: processes rendering bodies
(default: one per CPU, at most 4).
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any, NamedTuple

from jinja2 import FileSystemBytecodeCache
from pelican import signals
from pelican.contents import Article
from pelican.utils import sanitised_join, set_date_tzinfo
from pelican.writers import Writer

from portal_model.model import Item
from portal_model.plugin import MODEL_SETTING, PortalReader, cache_folder, message_lang, or_stop
from portal_site.dependencies import ItemPageInputs, frame_facts

from .bodies import CachedBodies, prerender
from .folders import FoldersAhead
from .keys import BuildKeys, build_keys, item_page_key, listing_key, shown_items_key
from .reuse import LINK_FROM_ENV, PreviousPortal
from .standins import StandIn, StandIns
from .store import BuildCache

CACHE_SETTING = "PORTAL_BUILD_CACHE"
"""Settings key of this build's :class:`ActiveCache`."""
LISTING = "listing"
"""``cache_scope`` of a page made from any item's front matter, but no body."""
SHOWN = "shown"
"""``cache_scope`` of a page made from the variables it is written with alone (the items
it lists, configured objects) and the frame every page shares."""
FOLDERS_SETTING = "PORTAL_FOLDERS_AHEAD"
"""Settings key of this build's :class:`FoldersAhead`."""
PAGE_KIND = "page"
FILES_KIND = "files"


class ActiveCache(NamedTuple):
    """The cache of the build under way, its digests, each published item's body (its key
    by source, and the body for the reader), what each item page shows, and the live
    portal's pages."""

    store: BuildCache
    keys: BuildKeys
    bodies: CachedBodies
    shown: ItemPageInputs
    previous: PreviousPortal


def active(settings: dict[str, Any]) -> ActiveCache | None:
    found = settings.get(CACHE_SETTING)
    return found if found is not None and found.store.enabled else None


def keep_compiled_templates(pelican: Any) -> None:
    settings = pelican.settings
    folder = cache_folder(settings, "jinja")
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
        settings["JINJA_ENVIRONMENT"] = {**settings["JINJA_ENVIRONMENT"],
                                         "bytecode_cache": FileSystemBytecodeCache(str(folder))}


def open_cache(pelican: Any) -> None:
    settings = pelican.settings
    # A run starts with no folders made ahead: a failed run of `make devserver` may have
    # left its own, which Pelican has since emptied out of the output folder.
    settings.pop(FOLDERS_SETTING, None)
    folder = cache_folder(settings)
    if folder is None:
        return
    root = Path(settings["PATH"]).resolve().parent
    portal = settings[MODEL_SETTING]
    # Pelican has made THEME and PLUGIN_PATHS absolute (relative to the settings file).
    plugin_folders = [Path(path) for path in settings["PLUGIN_PATHS"]]
    started = time.perf_counter()
    keys = build_keys(portal, root, settings, plugin_folders, Path(settings["THEME"]),
                      root / "config")
    cache = BuildCache(folder)
    bodies: dict[str, str] = {}
    if cache.enabled:
        bodies, rendered = or_stop(message_lang(settings), prerender, portal,
                                   settings["SITEURL"], cache, keys,
                                   settings.get("PORTAL_RENDER_JOBS"))
        # Written now, not with the next batch: the reader takes the bodies from the store,
        # and the last batch's were rendered a second time when they were still pending.
        cache.flush()
        if rendered:
            print(f"Build cache: {rendered} of {len(portal.published_items)} bodies rendered"
                  f" in {time.perf_counter() - started:.1f} s", flush=True)
    settings[CACHE_SETTING] = ActiveCache(cache, keys, CachedBodies(cache, bodies),
                                          ItemPageInputs(portal),
                                          PreviousPortal(cache, os.environ.get(LINK_FROM_ENV)))


def make_folders_ahead(generator: Any) -> None:
    """``article_generator_preread`` (sent before each item is read; acts on the first):
    start making every published item page's folder, named as the writer names it."""
    settings = generator.settings
    if FOLDERS_SETTING in settings:
        return
    output = settings["OUTPUT_PATH"]
    settings[FOLDERS_SETTING] = FoldersAhead(
        os.path.dirname(sanitised_join(output, f"{item.url}index.html"))
        for item in settings[MODEL_SETTING].published_items)


class CachedPortalReader(PortalReader):
    def render_body(self, item: Item) -> str:
        cache = active(self.settings)
        body = cache.bodies.take(item.source) if cache else None
        return body if body is not None else super().render_body(item)


class CachingWriter(Writer):
    """Pelican's writer, with pages kept between builds by key (see the module docstring)."""

    def __init__(self, output_path: str, settings: dict[str, Any]):
        super().__init__(output_path, settings=settings)
        self._folders: set[str] = set()
        self._ahead: FoldersAhead | None = settings.get(FOLDERS_SETTING)

    def write_file(self, name: Any, template: Any, context: dict[str, Any],
                   relative_urls: bool = False, paginated: Any = None,
                   template_name: Any = None, override_output: bool = False,
                   url: Any = None, **kwargs: Any) -> None:
        cache = active(self.settings)
        key = None
        if cache and name and not paginated and not relative_urls:
            key = _page_key(cache, name, template.name, context, kwargs)
        if key is None:
            _read_stand_in(kwargs)
            return super().write_file(name, template, context, relative_urls, paginated,
                                      template_name, override_output, url, **kwargs)
        store, previous = cache.store, cache.previous
        path = sanitised_join(self.output_path, name)
        folder = os.path.dirname(path)
        if folder not in self._folders and self._ahead is not None:
            self._folders |= self._ahead.made()
            self._ahead = None
        if folder not in self._folders:  # one mkdir per folder, not per page
            os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)
        if path not in self._written_files and previous.link(name, key, path):
            self._written_files.add(path)  # Pelican's record, against writing a page twice
            store.keep(PAGE_KIND, key)
        else:
            page = store.get(PAGE_KIND, key)
            if page is None:
                _read_stand_in(kwargs)
                super().write_file(name, template, context, relative_urls, paginated,
                                   template_name, override_output, url, **kwargs)
                with open(path, "rb") as written:
                    store.put(PAGE_KIND, key, written.read())
                previous.record(name, key, path)
                return None
            with self._open_w(path, "utf-8", override=override_output) as target:
                target.write(page.decode())
            previous.record(name, key, path)
        # As Pelican's writer does; with the shared context, not the page's own (kept pages
        # are not rendered), which is all this portal's listeners need (the search index),
        # and the file's identity as just seen (the search index need not stat it again).
        recorded = previous.written.get(name)
        signals.content_written.send(path, context=context,
                                     identity=recorded[1:] if recorded else None)
        return None

    def _open_w(self, filename: str, encoding: str, override: bool = False) -> Any:
        previous = getattr(active(self.settings), "previous", None)
        if previous is not None:  # never write through a link to the live portal
            previous.release(filename)
        return super()._open_w(filename, encoding, override)


def _read_stand_in(kwargs: dict[str, Any]) -> None:
    """A page about to be rendered gets its item's real article (portal_cache.standins)."""
    if isinstance(kwargs.get("article"), StandIn):
        kwargs["article"] = kwargs["article"].article()


def stand_in_for_items(generator: Any) -> None:
    """``article_generator_init``: with the cache on, published items enter Pelican's list
    unread and are read when their page is rendered (:mod:`portal_cache.standins`)."""
    settings = generator.settings
    if active(settings) is None:
        return
    reader = generator.readers.readers["md"]
    zone = settings.get("TIMEZONE", "UTC")

    def metadata(item: Item) -> dict[str, Any]:
        found = reader.metadata(item)
        found["date"] = set_date_tzinfo(found["date"], zone)  # as Pelican's Article does
        return found

    def read(stand_in: StandIn) -> Article:
        article = generator.readers.read_file(
            base_path=generator.path, path=stand_in.relative_source_path, content_class=Article,
            context=generator.context, preread_signal=signals.article_generator_preread,
            preread_sender=generator, context_signal=signals.article_generator_context,
            context_sender=generator)
        generator.add_source_path(article)  # in place of the stand-in, for link lookups
        return article

    root = Path(settings["PATH"]).resolve().parent
    prefix = Path(generator.path).resolve().relative_to(root).as_posix() + "/"
    stand_ins = StandIns(settings[MODEL_SETTING], prefix, metadata, read,
                         lambda: make_folders_ahead(generator))
    generator.get_cached_data = stand_ins.lookup  # Pelican's per-file "already read?" question


def link_static_files(generator: Any) -> None:
    """``static_generator_finalized``: each attachment the live portal has with the same bytes
    is linked from it and taken out of what Pelican copies (which would write through the
    link); the others are copied as before, and recorded for the next build."""
    cache = active(generator.settings)
    if cache is None:
        return
    copied, folders = [], set()
    for static in generator.staticfiles:
        key = cache.keys.attachment_digests.get(f"content/{static.relative_source_path}")
        path = sanitised_join(generator.output_path, static.save_as)
        if key is not None:
            if (folder := os.path.dirname(path)) not in folders:  # a few, for many files
                os.makedirs(folder, exist_ok=True)
                folders.add(folder)
            if cache.previous.link(static.save_as, key, path):
                continue
            cache.previous.expect(static.save_as, key, path)
        copied.append(static)
    generator.staticfiles[:] = copied  # the list is the context's "staticfiles" too


def _page_key(cache: ActiveCache, name: str, template: str, context: dict[str, Any],
              kwargs: dict[str, Any]) -> str | None:
    if "articles" in kwargs or "dates" in kwargs:  # Pelican may paginate these
        return None
    article = kwargs.get("article")
    if article is not None and isinstance(getattr(article, "item", None), Item):
        body = cache.bodies.keys.get(article.item.source)
        if body is None:  # not rendered through the cache: render the page too
            return None
        return item_page_key(cache.keys, name, template, article.item, body,
                             cache.shown(article.item), frame_facts(context, name))
    scope = kwargs.get("cache_scope")
    if scope == LISTING:
        return listing_key(cache.keys, name, template)
    if scope == SHOWN:
        variables = {key: value for key, value in kwargs.items() if key != "cache_scope"}
        return shown_items_key(cache.keys, name, template, variables, frame_facts(context, name))
    return None


def close_cache(pelican: Any) -> None:
    pelican.settings.pop(FOLDERS_SETTING, None)
    cache = pelican.settings.pop(CACHE_SETTING, None)
    if cache is not None:
        kept, rendered = cache.store.counts.get(PAGE_KIND, [0, 0])
        linked = len(cache.previous.linked)
        if cache.store.enabled:
            cache.previous.save()
            print(f"Build cache: {rendered} of {kept + linked + rendered} pages rendered,"
                  f" {kept + linked} kept unchanged"
                  + (f" ({linked} linked from the live portal)" if linked else ""))
        cache.store.close()


def use_cached_reader(readers: Any) -> None:
    readers.reader_classes["md"] = CachedPortalReader


def writer(_: Any) -> type:
    return CachingWriter


def register() -> None:
    signals.initialized.connect(keep_compiled_templates)
    signals.get_generators.connect(open_cache)
    signals.article_generator_preread.connect(make_folders_ahead)
    signals.article_generator_init.connect(stand_in_for_items)
    signals.readers_init.connect(use_cached_reader)
    signals.get_writer.connect(writer)
    signals.static_generator_finalized.connect(link_static_files)
    signals.finalized.connect(close_cache)
