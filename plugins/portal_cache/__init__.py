"""Keeps rendered bodies and pages between builds, by digests of everything they depend on."""

from .plugin import register

__all__ = ["register"]
