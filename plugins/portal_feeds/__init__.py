"""portal_feeds: Atom 1.0 and RSS 2.0 feeds of every listing, an OPML file, the feeds page.

Which feeds exist and what each lists is decided in :mod:`portal_feeds.feeds`
from the same :class:`~portal_site.listings.Listings` the listing pages show;
:mod:`portal_feeds.render` writes them with feedgen and :mod:`portal_feeds.opml`
the subscription lists. Those modules are pure (no Pelican import);
:mod:`portal_feeds.plugin` writes the files with the portal.
"""


def register() -> None:
    """Pelican entry point; imported lazily so that the pure modules never load Pelican."""
    from .plugin import register as register_with_pelican  # noqa: PLC0415

    register_with_pelican()
