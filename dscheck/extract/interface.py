"""The extract stage's contract: instruments, drafted claims, numbers left unmapped, and its error."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


class ExtractError(Exception):
    """An article, instruments file or target catalogue that cannot be used; the message says which and why."""


@dataclass(frozen=True)
class Instrument:
    """What a name in an article stands for."""

    symbol: str
    kind: str  # index, yield, future, fx, crypto, stock, etf
    currency: str = "USD"
    invert: bool = False
    proxy: bool = False  # the name is a group the symbol only stands in for


@dataclass(frozen=True)
class Drafted:
    """One claim drafted from an article: v1 fields, the words it rests on, and how sure the rules are."""

    subject: str
    metric: str
    value: float | int | str
    date: dt.date
    quote: str
    confidence: float
    why: tuple[str, ...]
    qualifier: str | None = None  # None: no hedge written (the format then reads "about")
    time: dt.time | None = None
    timezone: str | None = None  # None: the catalogue's default, America/New_York
    extreme: bool = False
    invert: bool = False
    baseline: str | None = None
    window: int | None = None
    tolerance: float | None = None
    value_text: str | None = None  # the value as it will be written (its digits set its precision)
    offset: int = 0  # where in the article the claim's words start
    paragraph: int = 0

    @property
    def key(self) -> tuple:
        """What makes two drafts the same claim."""
        return (self.subject, self.metric, self.value, self.qualifier, self.date, self.time, self.extreme)


@dataclass(frozen=True)
class Unmapped:
    """A number the rules found but could not turn into a claim; kept so nothing is silently dropped."""

    text: str  # the number as written, with its unit and hedge
    quote: str  # the words around it
    why: str
    offset: int


@dataclass(frozen=True)
class Extraction:
    language: str  # "ko" or "en"
    claims: tuple[Drafted, ...]
    unmapped: tuple[Unmapped, ...]
