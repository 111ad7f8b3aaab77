"""What a metric hands back: the actual value or range, the bands, and its words."""

from __future__ import annotations

from dataclasses import dataclass

from dscheck.verdicts.interface import EvidenceBar, Interval


@dataclass(frozen=True)
class Measurement:
    actual: Interval  # in the metric's units
    accepted: Interval
    approximate: Interval
    shown: str  # the actual value or range as a reader sees it ("-16.97 %", "-13.7 % to -10.0 %")
    says: str  # one sentence: what the data shows
    bars: tuple[EvidenceBar, ...]
    notes: tuple[str, ...] = ()  # context, such as where the day closed
    reached: str | None = None  # when the claimed value was touched; said when the claim does not hold
