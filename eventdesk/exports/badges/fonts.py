"""The fonts' old address: they serve every PDF, so they live in `eventdesk.exports.fonts`.

Kept because benchmarks/bench_badges.py (owned by the CI helper) still imports this name.
"""

from __future__ import annotations

from eventdesk.exports.fonts import register_fonts

__all__ = ["register_fonts"]
