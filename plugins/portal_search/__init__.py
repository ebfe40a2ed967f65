"""Site search: Pagefind indexes of the item pages, one per department, and the search pages."""

from .plugin import register

__all__ = ["register"]
