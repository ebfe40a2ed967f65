"""The standardized portal: every department's columns, libraries, platform and home page."""

from .plugin import register

__all__ = ["register"]
