"""``PELICAN_CLASS``: Pelican, with a portal it cannot write, or memory it cannot have,
reported rather than traced.

Pelican logs whatever a run raises with its traceback. A full disk, a quota reached, a
read-only file system, or an output folder the build may not write to are none of them
bugs: the operator is told what the system said, about which file, where the portal is
written and what to do, in the portal's language; the run exits 4 (``scripts/build`` then
leaves the live portal as it was). So is a disk that fails (EIO). Memory the system
refuses is reported the same way (:mod:`portal_model.exhaustion`). Any other error keeps
its traceback.
"""

from __future__ import annotations

import errno
import os
import sys
import threading
from collections.abc import Callable
from typing import Any

from pelican import Pelican

from portal_integrity.gated import LINK_FROM_ENV
from portal_model.errors import STOPPED_BY_MACHINE
from portal_model.exhaustion import BUILDING, fatal_thread_hook, guarded
from portal_model.messages import render
from portal_model.paths import relative_under
from portal_model.plugin import message_lang, or_stop

FULL = (errno.ENOSPC, errno.EDQUOT, errno.EROFS)
"""Errors about the disk the portal is written to, whichever file met them."""
REFUSED = (errno.EACCES, errno.EPERM)
"""Errors about one file: reported here when the file is in the output folder."""
FAILED = (errno.EIO,)
"""A disk that failed (the system log names the device), whichever file met it."""


class PortalPelican(Pelican):
    def __init__(self, settings: dict[str, Any]):
        lang = message_lang(settings)
        # For the whole run, not only while guarded: a pool's manager thread started here
        # may die after __init__ has returned.
        threading.excepthook = fatal_thread_hook(BUILDING, lang)
        # The plugins start here (``initialized``): the search workers are forked now.
        or_stop(lang, _guarded, lang, super().__init__, settings)

    def run(self) -> None:
        lang = message_lang(self.settings)
        try:
            or_stop(lang, _guarded, lang, super().run)
        except OSError as exc:
            output = os.path.abspath(self.settings["OUTPUT_PATH"])
            where = os.path.abspath(exc.filename) if isinstance(exc.filename, str) else None
            in_output = where is not None and relative_under(output + os.sep, where) is not None
            if not (exc.errno in FULL + FAILED or (exc.errno in REFUSED and in_output)):
                raise
            # Under scripts/build, the folder it publishes to: the one built in is beside it.
            folder = os.environ.get(LINK_FROM_ENV) or output
            said = render("disk_failed" if exc.errno in FAILED else "output_unwritable", lang,
                          {"reason": exc.strerror or errno.errorcode.get(exc.errno, exc.errno),
                           "file": f": {where}" if where else "", "folder": folder})
            print(said, file=sys.stderr)
            raise SystemExit(STOPPED_BY_MACHINE) from None


def _guarded(lang: str, function: Callable[..., None], *args: Any) -> None:
    """``function(*args)``, memory the system refuses raised as a portal error."""
    with guarded(BUILDING, lang):
        function(*args)
