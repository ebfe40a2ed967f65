"""Pelican wiring for interface text: catalogs loaded once, installed in every generator.

* ``initialized``: read the catalogs of the theme and settle the interface
  language (``config/portal.yaml`` ``default_lang``, or ``PORTAL_LANG`` given
  with ``-e`` / ``make html PORTAL_LANG=en`` to preview another language).
* ``generator_init``: every generator's Jinja environment gets ``_()``.
* ``finalized``: any interface text a catalog lacked is listed, and the build
  fails: a page must never show a string its reader's language does not have.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from pelican import signals

from portal_model.errors import PortalError

from .catalogs import InterfaceText, interface_lang
from .jinja_env import UI_LANG_SETTING, install

TEXT_SETTING = "PORTAL_INTERFACE_TEXT"


def load_catalogs(pelican: Any) -> None:
    settings = pelican.settings
    portal = settings.get("PORTAL", {})
    try:
        settings[TEXT_SETTING] = InterfaceText(Path(settings["THEME"]) / "translations")
        settings[UI_LANG_SETTING] = interface_lang(
            settings.get("PORTAL_LANG") or portal.get("default_lang", "zh-CN"))
    except PortalError as exc:  # a configuration mistake, not a crash: no traceback
        print(exc, file=sys.stderr)
        raise SystemExit(exc.exitcode) from None


def install_gettext(generator: Any) -> None:
    env = getattr(generator, "env", None)
    if env is not None:
        install(env, generator.settings[TEXT_SETTING])


def report_missing(pelican: Any) -> None:
    """Every interface text a catalog lacked, then a failed build (exit 3, no traceback).

    Under ``make devserver`` they are only printed, so the preview keeps running.
    """
    text: InterfaceText = pelican.settings[TEXT_SETTING]
    if not text.missing:
        return
    for lang, message in sorted(text.missing):
        print(f"{text.folder}: no {lang} translation of interface text {message!r}",
              file=sys.stderr)
    print("Add them with `make messages` and translate them.", file=sys.stderr)
    if not pelican.settings.get("PORTAL_KEEP_SERVING_ON_ERRORS"):
        raise SystemExit(3)


def register() -> None:
    signals.initialized.connect(load_catalogs)
    signals.generator_init.connect(install_gettext)
    signals.finalized.connect(report_missing)
