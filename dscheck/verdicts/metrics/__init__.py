"""One module per metric; REGISTRY maps each metric name of the catalogue format to its module."""

from __future__ import annotations

from types import ModuleType

from dscheck.verdicts.metrics import (
    best_since,
    change_bp,
    change_pct,
    change_points,
    direction,
    level,
    volume_ratio,
    worst_since,
)

REGISTRY: dict[str, ModuleType] = {
    module.NAME: module
    for module in (change_pct, change_bp, change_points, level, direction, volume_ratio, worst_since, best_since)
}
