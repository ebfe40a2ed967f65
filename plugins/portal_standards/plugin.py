"""Pelican wiring for the standards: audit every build and publish the report with the site.

The report is the product, so findings never stop ``make html``; ``make audit``
is the gate. A broken profile, calendar or figures file does stop the build
(exit 3), with every problem listed and no traceback.

The rules need the model alone, so on a large portal they run in a forked process from
the moment the model is read, beside the rendering (on another core, at the lowest
priority), and the report takes their findings once the pages are written.
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
RULES_NICENESS = 19
"""The rules' priority beside the rendering: the lowest (see :func:`start_rules`)."""
LINK_MEMO = "sitescan.marshal"
"""In the build cache's folder (``PORTAL_CACHE``): the pages' links, see sitescan.LinkMemo."""


class Rules:
    """This build's audit: what the rules are run with, and their run beside the rendering."""

    def __init__(self, settings: dict[str, Any]):
        self.lang = message_lang(settings)
        portal = settings[MODEL_SETTING]
        root = Path(settings["PATH"]).resolve().parent
        # A broken profile or calendar stops the build here, before anything is written.
        profile, calendar = or_stop(self.lang, audit_config, portal, root)
        as_of = as_of_date(settings.get("PORTAL_AS_OF")) or portal.today
        self.args = (portal, profile, as_of, calendar, root)
        beside = worth_forking(len(portal.published_items),
                               settings.get("PORTAL_RULES_BESIDE_FROM", BESIDE_FROM),
                               default_jobs())
        self.run = (Forked(findings_and_facts, *self.args, niceness=RULES_NICENESS)
                    if beside else None)

    def result(self) -> AuditResult:
        if self.run is not None:
            ran, outcome = self.run.result()
            if ran:
                return resumed(*self.args, *outcome)
        # Here, or again when the forked run failed: this one reports what went wrong.
        return or_stop(self.lang, evaluate, *self.args)


def start_rules(pelican: Any) -> None:
    """``get_generators`` (after the model and the cache's keys): read the profile and the
    calendar, and on a large portal start the rules beside the rendering. At the lowest
    priority the build's own work leaves them the cores it does not use (the model's
    reading is done; the first department's search index has not started)."""
    global _rules
    _rules = Rules(pelican.settings)


_rules: Rules | None = None


class ReportGenerator(Generator):
    """Takes this build's audit (:func:`start_rules`) and writes ``report/`` after the pages."""

    def generate_context(self) -> None:
        global _rules
        self.rules, _rules = _rules or Rules(self.settings), None
        self.context["REPORT_URL"] = f"{REPORT_FOLDER}/"

    def generate_output(self, writer: Any) -> None:
        with phase("standards"):  # the wait for the rules, when they ran beside the rendering
            result = self.rules.result()
        with phase("report"):
            self._write_report(result, writer)

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
    signals.get_generators.connect(start_rules)
    signals.get_generators.connect(add_generator)
