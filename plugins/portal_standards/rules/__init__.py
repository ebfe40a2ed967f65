"""The rule modules; importing this package registers every rule.

One module per family of rules (see ``../shared/domain/standards.md`` §13);
each rule is a function decorated with :func:`portal_standards.registry.rule`.
"""

from . import (  # noqa: F401 - imported for registration
    annual,
    catalogue,
    categories,
    coverage,
    freshness,
    guides,
    links,
    policies,
    privacy,
    timeliness,
)
