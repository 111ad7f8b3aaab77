"""The accepted and approximate bands a claimed number sets by its qualifier and written precision."""

from __future__ import annotations

import math

from dscheck.catalogue.interface import Claim
from dscheck.catalogue.precision import half_unit
from dscheck.verdicts.interface import Interval, Verdict

INF = math.inf


def tolerance(claim: Claim) -> float:
    """Half a unit of the last written digit, unless the claim sets its own tolerance."""
    return claim.tolerance if claim.tolerance is not None else half_unit(claim.value_text or str(claim.value))


def numeric_bands(claim: Claim, fraction: float) -> tuple[Interval, Interval]:
    """(accepted, approximate) for a numeric claim; `fraction` of |value| widens the approximate band."""
    value = float(claim.value)
    half = tolerance(claim)
    wide = max(2 * half, fraction * abs(value))
    if claim.qualifier == "about":
        return Interval(value - half, value + half), Interval(value - wide, value + wide)
    # nearly/over/under speak of the size of the move in the claim's own direction.
    sign = -1.0 if value < 0 else 1.0
    size = abs(value)
    if claim.qualifier == "nearly":
        accepted, approximate = Interval(size - wide, size), Interval(size - wide, size + half)
    elif claim.qualifier == "over":
        accepted, approximate = Interval(size, INF), Interval(size - half, INF)
    else:  # under
        accepted, approximate = Interval(-INF, size), Interval(-INF, size + half)
    return accepted.scaled(sign), approximate.scaled(sign)


def judge(actual: Interval, accepted: Interval, approximate: Interval) -> Verdict:
    """Exact values are accurate, approximate or inaccurate; a range can only be as sure as it is narrow."""
    if actual.exact:
        if accepted.contains(actual.lo):
            return Verdict.ACCURATE
        return Verdict.APPROXIMATE if approximate.contains(actual.lo) else Verdict.INACCURATE
    if accepted.covers(actual):
        return Verdict.ACCURATE  # every value the data allows is accepted
    if accepted.meets(actual):
        return Verdict.CONSISTENT
    return Verdict.APPROXIMATE if approximate.meets(actual) else Verdict.INACCURATE
