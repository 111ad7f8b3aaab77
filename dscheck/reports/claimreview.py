"""ClaimReview JSON-LD (schema.org), the fact-check markup search engines and fact-check tools read.

One review per claim the data rated. Verdicts map to a 1-4 scale (worstRating 1, bestRating 4):

    accurate     4  "Accurate"
    consistent   3  "Consistent with the market data"
    approximate  2  "Approximately right"
    inaccurate   1  "Inaccurate"

unverifiable, out_of_scope and error rate nothing about the claim (the data could not decide, the claim is not
about market data, or the check broke), so they get no review: a number would put them on a true-false scale.
"""

from __future__ import annotations

import json

from dscheck.catalogue.interface import Article
from dscheck.reports.interface import Run
from dscheck.verdicts.interface import Result, Verdict

WORST, BEST = 1, 4
RATINGS: dict[Verdict, tuple[int, str]] = {
    Verdict.ACCURATE: (4, "Accurate"),
    Verdict.CONSISTENT: (3, "Consistent with the market data"),
    Verdict.APPROXIMATE: (2, "Approximately right"),
    Verdict.INACCURATE: (1, "Inaccurate"),
}
DEFAULT_REVIEWER = "dscheck"


def anchor(result: Result) -> str:
    """The claim's id in the HTML report, so a review's url can point at it."""
    return f"claim-{result.claim.id}"


def _item(result: Result, article: Article | None) -> dict:
    claim = result.claim
    item: dict = {"@type": "Claim"}
    if article is not None and article.publisher:
        item["author"] = {"@type": "Organization", "name": article.publisher}
    if article is not None and article.published:
        item["datePublished"] = article.published
    appearance: dict = {"@type": "CreativeWork"}
    if article is not None and article.title:
        appearance["headline"] = article.title
    if article is not None and article.source and article.source.startswith(("https://", "http://")):
        appearance["url"] = article.source
    if len(appearance) > 1:
        item["appearance"] = appearance
    if claim.gloss:
        item["description"] = claim.gloss
    return item


def review(run: Run, result: Result) -> dict | None:
    """The ClaimReview of one result, or None for a verdict that rates nothing."""
    if result.verdict not in RATINGS or result.damaged_evidence:
        return None
    value, word = RATINGS[result.verdict]
    data: dict = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"{run.review_url}#{anchor(result)}",
        "claimReviewed": result.claim.quote,
        "author": {"@type": "Organization", "name": run.reviewer or DEFAULT_REVIEWER},
    }
    if run.date:
        data["datePublished"] = run.date.isoformat()
    data["reviewRating"] = {
        "@type": "Rating",
        "ratingValue": value,
        "bestRating": BEST,
        "worstRating": WORST,
        "alternateName": word,
    }
    data["reviewBody"] = result.conclusion
    data["itemReviewed"] = _item(result, run.articles.get(result.claim.article))
    return data


def reviews(run: Run) -> list[dict]:
    return [r for r in (review(run, result) for result in run.results) if r is not None]


def render(run: Run) -> str:
    return json.dumps(reviews(run), indent=2, ensure_ascii=False) + "\n"


def script(run: Run) -> str:
    """The reviews as a JSON-LD block to put in an HTML page; `<` is escaped so no text can end the block."""
    text = json.dumps(reviews(run), ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
