"""Counts of verdicts, shared by every report format."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from dscheck.verdicts.interface import Result, Verdict


def counts(results: Iterable[Result]) -> dict[str, int]:
    """Every verdict with its count, zeros included, in a fixed order."""
    return counts_of(r.verdict.value for r in results)


def counts_of(verdicts: Iterable[str]) -> dict[str, int]:
    """The same from verdict names (as a JSON report holds them)."""
    seen = Counter(verdicts)
    return {v.value: seen.get(v.value, 0) for v in Verdict}


def line(results: Iterable[Result]) -> str:
    results = list(results)
    parts = [f"{n} {name.replace('_', ' ')}" for name, n in counts(results).items() if n]
    return f"{len(results)} claims: " + (", ".join(parts) if parts else "none")
