"""portal_standards: the disclosure standards as rules, and the inspectors' report.

Rules are small functions registered under their IDs from the domain reference
(``OGI-26``, ``WEB-SV4``, ``SG-11`` …); a profile in ``config/standards/`` picks
which run, with what severity and parameters. The modules here are pure (no
Pelican import): ``scripts/audit`` and the tests use them directly, and
:mod:`portal_standards.plugin` publishes the report with the portal.
"""


def register() -> None:
    """Pelican entry point; imported lazily so that the pure modules never load Pelican."""
    from .plugin import register as register_with_pelican  # noqa: PLC0415

    register_with_pelican()
