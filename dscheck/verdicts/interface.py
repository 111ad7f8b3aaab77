"""The verdict stage's contract: verdicts, value intervals, and the result of checking one claim."""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum
from typing import NamedTuple

from dscheck.catalogue.interface import Claim
from dscheck.market.interface import Bar


class Verdict(str, Enum):
    ACCURATE = "accurate"
    APPROXIMATE = "approximate"
    CONSISTENT = "consistent"
    INACCURATE = "inaccurate"
    UNVERIFIABLE = "unverifiable"
    OUT_OF_SCOPE = "out_of_scope"
    ERROR = "error"


_EPS = 1e-9  # floats near a band's edge: 11.55 - 0.05 must still count as 11.5


class Interval(NamedTuple):
    """A closed (or, where flagged, open) interval of real numbers; lo == hi is an exact value.

    A named tuple rather than a frozen dataclass: a run makes several per claim, and a tuple is made in a
    fifth of the time a frozen dataclass's __init__ takes."""

    lo: float
    hi: float
    lo_open: bool = False
    hi_open: bool = False

    @classmethod
    def point(cls, value: float) -> Interval:
        return cls(value, value)

    @property
    def exact(self) -> bool:
        return self.lo == self.hi

    def _slack(self, x: float) -> float:
        return _EPS * max(1.0, abs(x)) if math.isfinite(x) else 0.0

    def contains(self, x: float) -> bool:
        lo_ok = x > self.lo + self._slack(self.lo) if self.lo_open else x >= self.lo - self._slack(self.lo)
        hi_ok = x < self.hi - self._slack(self.hi) if self.hi_open else x <= self.hi + self._slack(self.hi)
        return lo_ok and hi_ok

    def covers(self, other: Interval) -> bool:
        return self.contains(other.lo) and self.contains(other.hi)

    def meets(self, other: Interval) -> bool:
        if other.exact:
            return self.contains(other.lo)
        if self.contains(other.lo) or self.contains(other.hi) or other.contains(self.lo) or other.contains(self.hi):
            return True
        return False

    def scaled(self, factor: float) -> Interval:
        """Multiply by `factor` (negative flips the ends)."""
        if factor >= 0:
            return Interval(self.lo * factor, self.hi * factor, self.lo_open, self.hi_open)
        return Interval(self.hi * factor, self.lo * factor, self.hi_open, self.lo_open)

    def as_list(self) -> list[float | None]:
        return [self.lo if math.isfinite(self.lo) else None, self.hi if math.isfinite(self.hi) else None]


@dataclass(frozen=True, slots=True)
class EvidenceBar(Bar):
    """A bar a verdict rests on, with the series it came from and the part it played."""

    role: str  # "baseline", "moment", "day", "history", "nearest"
    symbol: str
    interval: str
    source: str

    @classmethod
    def of(cls, bar: Bar, *, role: str, symbol: str, interval: str, source: str) -> EvidenceBar:
        # Field by field, not through dataclasses.fields(): a large run makes hundreds of thousands of these.
        return cls(
            bar.session, bar.start, bar.end, bar.open, bar.high, bar.low, bar.close, bar.volume,
            role=role, symbol=symbol, interval=interval, source=source,
        )

    def to_json(self) -> dict:
        return {
            "role": self.role,
            "symbol": self.symbol,
            "interval": self.interval,
            "session": self.session.isoformat(),
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "open": self.open,
            "high": self.high,
            "low": self.low,
            "close": self.close,
            "volume": self.volume,
            "source": self.source,
        }


@dataclass(frozen=True)
class Result:
    """The verdict on one claim, with what the data showed and the bars behind it."""

    claim: Claim
    verdict: Verdict
    conclusion: str
    actual: Interval | None = None  # exact when lo == hi; a range when the data cannot be more precise
    accepted: Interval | None = None
    approximate: Interval | None = None
    claimed_text: str = ""  # the claim as a reader sees it: "nearly -5 % at one point"
    actual_text: str = ""  # the actual value or range as a reader sees it
    evidence: tuple[EvidenceBar, ...] = ()
    damaged_evidence: bool = False  # a file this claim needed failed its checksum

    @property
    def exact_value(self) -> float | None:
        return self.actual.lo if self.actual is not None and self.actual.exact else None
