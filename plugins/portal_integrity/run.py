"""``PELICAN_CLASS``: Pelican, with a portal it cannot write reported rather than traced.

Pelican logs whatever a run raises with its traceback. A full disk, a quota reached, a
read-only file system, or an output folder the build may not write to are none of them
bugs: the operator is told what the system said, about which file, where the portal is
written and what to do, in the portal's language; the run exits 1 (``scripts/build`` then
leaves the live portal as it was). Any other error keeps its traceback.
"""

from __future__ import annotations

import errno
import os
import sys

from pelican import Pelican

from portal_integrity.gated import LINK_FROM_ENV
from portal_model.messages import render
from portal_model.paths import relative_under
from portal_model.plugin import message_lang

FULL = (errno.ENOSPC, errno.EDQUOT, errno.EROFS)
"""Errors about the disk the portal is written to, whichever file met them."""
REFUSED = (errno.EACCES, errno.EPERM)
"""Errors about one file: reported here when the file is in the output folder."""


class PortalPelican(Pelican):
    def run(self) -> None:
        try:
            super().run()
        except OSError as exc:
            output = os.path.abspath(self.settings["OUTPUT_PATH"])
            where = os.path.abspath(exc.filename) if isinstance(exc.filename, str) else None
            in_output = where is not None and relative_under(output + os.sep, where) is not None
            if not (exc.errno in FULL or (exc.errno in REFUSED and in_output)):
                raise
            # Under scripts/build, the folder it publishes to: the one built in is beside it.
            folder = os.environ.get(LINK_FROM_ENV) or output
            said = render("output_unwritable", message_lang(self.settings),
                          {"reason": exc.strerror or errno.errorcode.get(exc.errno, exc.errno),
                           "file": f": {where}" if where else "", "folder": folder})
            print(said, file=sys.stderr)
            raise SystemExit(1) from None
