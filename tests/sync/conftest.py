"""Fixtures of the sync tests (the hub lives in `desk_hub`, which CLI tests import too)."""

from tests.sync.desk_hub import hub

__all__ = ["hub"]
