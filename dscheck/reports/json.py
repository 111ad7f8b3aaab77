"""The JSON report, schema dscheck.report/v1: stable keys for programs and CI."""

from __future__ import annotations

import json

from dscheck.reports.interface import Run
from dscheck.reports.summary import counts
from dscheck.verdicts.interface import Result

SCHEMA = "dscheck.report/v1"


def result_json(result: Result) -> dict:
    claim = result.claim
    actual = result.actual
    return {
        "id": claim.id,
        "article": claim.article,
        "quote": claim.quote,
        "location": str(claim.location),
        "subject": claim.subject,
        "metric": claim.metric,
        "claimed": claim.value,
        "claimed_text": result.claimed_text,
        "qualifier": claim.qualifier if claim.is_market else None,
        "date": claim.date.isoformat() if claim.date else None,
        "time": claim.time.strftime("%H:%M") if claim.time else None,
        "timezone": claim.timezone if claim.is_market else None,
        "verdict": result.verdict.value,
        "actual": actual.lo if actual is not None and actual.exact else None,
        "range": actual.as_list() if actual is not None and not actual.exact else None,
        "accepted": result.accepted.as_list() if result.accepted else None,
        "approximate": result.approximate.as_list() if result.approximate else None,
        "conclusion": result.conclusion,
        "evidence": [bar.to_json() for bar in result.evidence],
    }


def document(run: Run) -> dict:
    return {
        "schema": SCHEMA,
        "catalogue": run.catalogue,
        "evidence": run.evidence,
        "summary": counts(run.results),
        "results": [result_json(r) for r in run.results],
    }


def render(run: Run) -> str:
    return json.dumps(document(run), indent=2, ensure_ascii=False) + "\n"
