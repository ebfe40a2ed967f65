"""``make devserver``: build the portal, serve it, and build it again whenever what an
editor or a designer changes changes: ``content/``, ``config/``, the theme or the settings.
(Plugin code is imported once: restart it after changing a plugin.)

Pelican's own ``pelican -r -l`` watches the content, the theme and the settings file only,
so an edit to ``config/`` (a department's profile, its licensing list, the columns, the
portal's name) was not previewed until something else changed. This runs Pelican's
server and Pelican's builds with the portal's list of what to watch. The builds run one
after another in this process, each by a Pelican started anew (Pelican's own reloading
keeps one, which read the portal's settings and catalogs once); a build that fails is
reported and the last portal stays served until the next change.

Takes Pelican's command line (``scripts/devserver content -s pelicanconf.py -l -p 8000``;
``-l``, to serve, is always on).
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path
from typing import Any

import watchfiles
from pelican import get_instance, listen, parse_arguments
from pelican.utils import FileChangeFilter


def watched(settings: dict[str, Any], settings_file: str) -> list[str]:
    """The existing paths a change to which calls for another build."""
    root = Path(settings["PATH"]).resolve().parent
    paths = [Path(settings_file), Path(settings["PATH"]), root / "config",
             Path(settings["THEME"])]
    return sorted({str(path.resolve()) for path in paths if path.exists()})


def main(argv: list[str] | None = None) -> int:
    args = parse_arguments(argv)
    settings_file = os.path.abspath(args.settings)
    pelican: Any
    pelican, settings = get_instance(args)
    threading.Thread(target=listen, daemon=True, args=(
        settings.get("BIND"), settings.get("PORT"), settings.get("OUTPUT_PATH"))).start()
    try:
        while True:
            try:
                # Anew for every build, as `make html` would: the settings, the portal's
                # config and the interface catalogs are read when Pelican starts.
                if pelican is None:
                    pelican, settings = get_instance(args)
                pelican.run()
            except Exception as exc:  # noqa: BLE001 - as Pelican's reloading: keep serving
                print(f"devserver: the build failed ({type(exc).__name__}: {exc}); the last "
                      "portal is still served, and the next change builds again",
                      file=sys.stderr, flush=True)
            changes = next(watchfiles.watch(
                *watched(settings, settings_file),
                watch_filter=FileChangeFilter(settings.get("IGNORE_FILES", []))))
            print(f"-> Modified: {', '.join(sorted({path for _, path in changes}))};"
                  " building again", flush=True)
            pelican = None
    except KeyboardInterrupt:
        return 0
