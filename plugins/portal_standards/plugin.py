"""Pelican wiring for the standards: audit every build and publish the report with the site.

The report is the product, so findings never stop ``make html``; ``make audit``
is the gate. A broken profile, calendar or figures file does stop the build
(exit 3), with every problem listed and no traceback.

The rules need the model alone, so on a large portal they run in a forked process from
the moment the model is read, beside the rendering (on another core), and the report
takes their findings once the pages are written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican import signals
from pelican.generators import Generator

from portal_i18n.jinja_env import UI_LANG_SETTING
from portal_model.cli import as_of_date
from portal_model.plugin import MODEL_SETTING, cache_folder, message_lang, or_stop
from portal_model.timings import phase

from portal_model.parallel import Forked, default_jobs, worth_forking

from .audit import AuditResult, audit_config, evaluate, findings_and_facts, resumed
from .report import build_report, write_data_files
from .sitescan import LinkMemo, scan

REPORT_FOLDER = "report"
BESIDE_FROM = 1000
"""Published items from which the rules run beside the rendering (``PORTAL_RULES_BESIDE_FROM``
changes it; 0: always): below, forking costs more than the rules take (0.06 ms an item)."""
LINK_MEMO = "sitescan.marshal"
"""In the build cache's folder (``PORTAL_CACHE``): the pages' links, see sitescan.LinkMemo."""


class ReportGenerator(Generator):
    """Reads the profile and calendar before anything is written, and audits and writes
    ``report/`` after the pages."""

    def generate_context(self) -> None:
        # A broken profile or calendar stops the build here, before any page is written.
        # The rules run with the report instead: after the item pages, so that the search
        # index of an edited department (which waits for its pages) starts sooner.
        self.portal = self.settings[MODEL_SETTING]
        self.root = Path(self.settings["PATH"]).resolve().parent
        self.profile, self.calendar = or_stop(message_lang(self.settings), audit_config,
                                              self.portal, self.root)
        self.context["REPORT_URL"] = f"{REPORT_FOLDER}/"
        self.as_of = as_of_date(self.settings.get("PORTAL_AS_OF")) or self.portal.today
        self.rules = (Forked(findings_and_facts, *self._audit_args())
                      if worth_forking(len(self.portal.published_items),
                                       self.settings.get("PORTAL_RULES_BESIDE_FROM", BESIDE_FROM),
                                       default_jobs()) else None)

    def generate_output(self, writer: Any) -> None:
        with phase("standards"):  # the wait for the rules, when they ran beside the rendering
            result = self._audit()
        with phase("report"):
            self._write_report(result, writer)

    def _audit_args(self) -> tuple[Any, ...]:
        return self.portal, self.profile, self.as_of, self.calendar, self.root

    def _audit(self) -> AuditResult:
        if self.rules is not None:
            ran, outcome = self.rules.result()
            if ran:
                return resumed(*self._audit_args(), *outcome)
        # Here, or again when the forked run failed: this one reports what went wrong.
        return or_stop(message_lang(self.settings), evaluate, *self._audit_args())

    def _write_report(self, result: AuditResult, writer: Any) -> None:
        # Generators write in order and this one comes after the portal's pages, so
        # the written site can be scanned; attachments are copied later, and the scan
        # checks those against the model instead.
        site_url = self.settings.get("SITEURL") or self.settings["PORTAL"]["site_url"]
        theme_static = Path(self.settings["THEME"]) / "static"
        memo = LinkMemo(cache_folder(self.settings, LINK_MEMO), site_url)
        result.add(scan(result, Path(self.output_path), site_url, theme_static, memo))
        report = build_report(result)
        write_data_files(report, Path(self.output_path) / REPORT_FOLDER)
        writer.write_file(f"{REPORT_FOLDER}/index.html", self.get_template("report"),
                          self.context, report=report, page_url=f"{REPORT_FOLDER}/",
                          page_type="report", ui_lang=self.settings[UI_LANG_SETTING])
        summary = report["summary"]
        print(f"Standards report: {summary['findings']} findings ({summary['blocking']} "
              f"blocking) in {REPORT_FOLDER}/ — `make audit` lists them")


def add_generator(_: Any) -> type:
    return ReportGenerator


def register() -> None:
    signals.get_generators.connect(add_generator)
