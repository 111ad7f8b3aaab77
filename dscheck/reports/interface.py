"""The report stage's contract: the run every format is written from, and the error a bad report request raises."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from dscheck.catalogue.interface import Article
from dscheck.outcome import DEFAULT_FAIL_ON
from dscheck.verdicts.interface import Result, Verdict


@dataclass(frozen=True)
class Run:
    """One verify run as the reports see it: the results and what a reader needs to place them."""

    results: tuple[Result, ...]
    catalogue: str = ""  # the catalogue's path, as given
    evidence: str = ""  # where the bars came from
    articles: Mapping[str, Article] = field(default_factory=dict)
    fail_on: frozenset[Verdict] = frozenset(Verdict(name) for name in DEFAULT_FAIL_ON)
    date: dt.date | None = None  # the day of the run: a review's datePublished
    review_url: str = ""  # where the HTML report is published; each claim is an anchor in it
    reviewer: str = ""  # who publishes the reviews (ClaimReview author)

    def failing(self, result: Result) -> bool:
        """Whether this result fails the run, by the same rule as the exit code."""
        return result.verdict in self.fail_on or result.verdict is Verdict.ERROR or result.damaged_evidence


@dataclass(frozen=True)
class Format:
    """A report format: its name, its writer, and the file extensions that ask for it."""

    name: str
    render: Callable[[Run], str]
    extensions: tuple[str, ...]
    description: str


class ReportError(Exception):
    """A report that cannot be written as asked (an unknown format or extension)."""
