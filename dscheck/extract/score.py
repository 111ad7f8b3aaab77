"""How good the extractor is: its drafts of a folder of articles against a curated catalogue of the same articles."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from dscheck.catalogue import CatalogueError, Claim, load, loads
from dscheck.extract.draft import article_id_for, render
from dscheck.extract.instruments import Lexicon
from dscheck.extract.interface import ExtractError
from dscheck.extract.rules import extract


@dataclass(frozen=True)
class FileScore:
    name: str
    date: dt.date
    expected: tuple[Claim, ...]  # the catalogue's market claims of the articles this file holds
    drafted: tuple[Claim, ...]  # the extractor's market claims, as loaded back from its YAML
    matched: int
    same_extreme_and_invert: int  # of the matched, how many also agree on extreme and invert
    missed: tuple[Claim, ...]
    extra: tuple[Claim, ...]


@dataclass(frozen=True)
class Score:
    files: tuple[FileScore, ...]
    skipped: tuple[str, ...]  # files no article of the catalogue names as its source

    @property
    def expected(self) -> int:
        return sum(len(f.expected) for f in self.files)

    @property
    def drafted(self) -> int:
        return sum(len(f.drafted) for f in self.files)

    @property
    def matched(self) -> int:
        return sum(f.matched for f in self.files)

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 0.0

    @property
    def precision(self) -> float:
        return self.matched / self.drafted if self.drafted else 0.0


def key(claim: Claim) -> tuple:
    """What must be equal for a draft to count as the curated claim: subject, metric, signed value, qualifier, date, time."""
    value = round(claim.value, 9) if isinstance(claim.value, float) else claim.value
    return (claim.subject, claim.metric, value, claim.qualifier, claim.date, claim.time)


def score(folder: Path, catalogue_path: Path, lexicon: Lexicon, dates: dict[str, dt.date] | None = None) -> Score:
    """Run the extractor over every .txt file of `folder` and compare its market claims with the catalogue's.

    A file's articles are those whose `source` names the file; its date is their `published` date,
    or the one given in `dates` (by file name) when the catalogue gives only a month.
    """
    dates = dates or {}
    try:
        catalogue = load(catalogue_path)
    except CatalogueError as exc:
        raise ExtractError(f"the curated catalogue is not valid:\n{exc}") from None
    files = sorted(p for p in Path(folder).glob("*.txt"))
    if not files:
        raise ExtractError(f"{folder}: no .txt articles in it")
    results, skipped = [], []
    for path in files:
        articles = [a for a in catalogue.articles.values() if a.source and path.name in a.source]
        if not articles:
            skipped.append(path.name)
            continue
        day = dates.get(path.name) or _published(path.name, [a.published for a in articles])
        ids = {a.id for a in articles}
        expected = tuple(c for c in catalogue.claims if c.article in ids and c.is_market)
        text = path.read_text("utf-8")
        extraction = extract(text, day, lexicon)
        article_id = article_id_for(path.stem)
        drafted = tuple(
            c for c in loads(render(extraction, article_id=article_id, article_date=day, source=path.name), path.name).claims
            if c.is_market
        )
        results.append(_compare(path.name, day, expected, drafted))
    return Score(tuple(results), tuple(skipped))


def _published(name: str, published: list[str | None]) -> dt.date:
    full = {p for p in published if p and len(p) == 10}
    if len(full) == 1 and len(full) == len(set(published)):
        return dt.date.fromisoformat(full.pop())
    shown = ", ".join(sorted(str(p) for p in set(published)))
    raise ExtractError(f"{name}: the catalogue dates its articles {shown}, not one day; pass --date {name}=YYYY-MM-DD")


def _compare(name: str, day: dt.date, expected: tuple[Claim, ...], drafted: tuple[Claim, ...]) -> FileScore:
    wanted = Counter(key(c) for c in expected)
    found = Counter(key(c) for c in drafted)
    common = wanted & found
    missed, extra = [], []
    left = Counter(common)
    for claim in expected:
        if left[key(claim)]:
            left[key(claim)] -= 1
        else:
            missed.append(claim)
    left = Counter(common)
    for claim in drafted:
        if left[key(claim)]:
            left[key(claim)] -= 1
        else:
            extra.append(claim)
    by_key = {}
    for claim in drafted:
        by_key.setdefault(key(claim), claim)
    agree = sum(
        1 for claim in expected
        if key(claim) in common and (by_key[key(claim)].extreme, by_key[key(claim)].invert) == (claim.extreme, claim.invert)
    )
    return FileScore(name, day, expected, drafted, sum(common.values()), min(agree, sum(common.values())), tuple(missed), tuple(extra))
