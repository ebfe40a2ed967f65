"""Production settings (`make publish`): absolute URLs from config/portal.yaml's site_url."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pelicanconf import *  # noqa: E402,F403

# portal_model sets SITEURL (and FEED_DOMAIN) from config/portal.yaml when this is on.
PORTAL_PUBLISH = True
RELATIVE_URLS = False
# Its own build cache: every page and body of a production build differs from a preview's
# (absolute addresses), and one shared cache would drop the other build's entries each time.
PORTAL_CACHE = ".cache/publish"
