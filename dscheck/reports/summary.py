"""Counts of verdicts, shared by every report format."""

from __future__ import annotations

from collections import Counter

from dscheck.verdicts.interface import Result, Verdict


def counts(results: list[Result]) -> dict[str, int]:
    """Every verdict with its count, zeros included, in a fixed order."""
    seen = Counter(r.verdict for r in results)
    return {v.value: seen.get(v, 0) for v in Verdict}


def line(results: list[Result]) -> str:
    parts = [f"{n} {name.replace('_', ' ')}" for name, n in counts(results).items() if n]
    return f"{len(results)} claims: " + (", ".join(parts) if parts else "none")
