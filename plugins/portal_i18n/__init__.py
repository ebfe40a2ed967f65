"""Interface text in every page's language: gettext catalogs read with Babel."""

from .plugin import register

__all__ = ["register"]
