"""What each metric accepts in a claim: the format's side of the metric registry."""

from __future__ import annotations

from dataclasses import dataclass

# Fields every market claim may carry, whatever its metric.
COMMON = frozenset({"subject", "metric", "value", "date", "time", "timezone", "tolerance"})


@dataclass(frozen=True)
class MetricFields:
    value: str  # "number", "direction" (up/down) or "period" (YYYY-MM or a date)
    options: frozenset[str]


_MOVE = frozenset({"qualifier", "extreme", "baseline", "invert"})

FIELDS: dict[str, MetricFields] = {
    "change_pct": MetricFields("number", _MOVE),
    "change_bp": MetricFields("number", _MOVE),
    "change_points": MetricFields("number", _MOVE),
    "level": MetricFields("number", frozenset({"qualifier", "extreme", "invert"})),
    "direction": MetricFields("direction", frozenset({"min_pct", "extreme", "baseline", "invert"})),
    "volume_ratio": MetricFields("number", frozenset({"qualifier", "window"})),
    "worst_since": MetricFields("period", frozenset({"invert"})),
    "best_since": MetricFields("period", frozenset({"invert"})),
}
