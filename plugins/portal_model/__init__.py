"""portal_model: read, validate and model every item of a Gongkai portal.

The modules here are pure (no Pelican import), so the check command and the
tests use them directly; :mod:`portal_model.plugin` wires them into Pelican.
"""


def register() -> None:
    """Pelican entry point; imported lazily so that the pure modules never load Pelican."""
    from .plugin import register as register_with_pelican  # noqa: PLC0415

    register_with_pelican()
