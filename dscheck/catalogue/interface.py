"""The catalogue's contract: what a claim is, and the error a bad catalogue raises."""

from __future__ import annotations

import datetime as dt
from dataclasses import MISSING, dataclass, field, fields
from typing import NewType

ClaimId = NewType("ClaimId", str)

METRICS = (
    "change_pct",
    "change_bp",
    "change_points",
    "level",
    "direction",
    "volume_ratio",
    "worst_since",
    "best_since",
)
QUALIFIERS = ("about", "nearly", "over", "under")


@dataclass(frozen=True)
class Location:
    """A place in a catalogue file, 1-based like an editor shows it."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a catalogue, and where."""

    location: Location
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


class CatalogueError(Exception):
    """A catalogue that cannot be used: every problem found, each with its place."""

    def __init__(self, problems: list[Problem]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass(frozen=True)
class Article:
    id: str
    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    language: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class Claim:
    """One claim of an article: either a market claim to check or an external one."""

    id: ClaimId
    article: str
    quote: str
    location: Location
    kind: str = "market"  # "market" or "external"
    gloss: str | None = None
    tags: tuple[str, ...] = ()
    reason: str | None = None  # why an external claim is out of scope
    subject: str | None = None
    metric: str | None = None
    value: float | str | None = None  # a number, "up"/"down", or a period for *_since
    value_text: str | None = None  # the value as written, which sets its precision
    qualifier: str = "about"
    date: dt.date | None = None
    time: dt.time | None = None
    timezone: str = "America/New_York"
    extreme: bool = False
    baseline: str = "previous_close"  # "previous_close", "open" or an ISO date
    invert: bool = False
    tolerance: float | None = None
    window: int = 30
    min_pct: float | None = None

    @property
    def is_market(self) -> bool:
        return self.kind == "market"

    @classmethod
    def from_fields(cls, values: dict) -> Claim:
        """The claim with these fields (id, article, quote and location at least; the rest default), made as
        copy and pickle make one: the generated __init__ of a frozen dataclass sets each of the 22 fields
        through object.__setattr__, which was a tenth of loading a large catalogue. The loader checks
        the names it hands in; a test holds this to the constructor."""
        claim = object.__new__(cls)
        state = claim.__dict__
        state.update(_CLAIM_DEFAULTS)
        state.update(values)
        return claim


_CLAIM_DEFAULTS = {f.name: f.default for f in fields(Claim) if f.default is not MISSING}


@dataclass(frozen=True)
class Catalogue:
    path: str
    timezone: str
    articles: dict[str, Article]
    claims: tuple[Claim, ...] = field(default_factory=tuple)
