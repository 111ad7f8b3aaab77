"""The precision a written number claims: half a unit of its last written digit."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import lru_cache


@lru_cache(maxsize=4096)  # a catalogue writes the same few numbers again and again
def half_unit(text: str) -> float:
    """11.5 -> 0.05, 11 -> 0.5, 4.54 -> 0.005, 11.50 -> 0.005, 1e3 -> 500."""
    try:
        number = Decimal(text.strip().replace("_", ""))
    except InvalidOperation as exc:
        raise ValueError(f"not a number: {text!r}") from exc
    if not number.is_finite():
        raise ValueError(f"not a finite number: {text!r}")
    exponent = number.as_tuple().exponent
    return float(Decimal(5) * Decimal(10) ** (exponent - 1))
