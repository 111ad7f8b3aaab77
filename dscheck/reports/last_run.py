"""The last run's verdicts, kept beside the catalogue in .dscheck/last-run.json so `--select verdict:X` can use them."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from dscheck.collector import paused
from dscheck.files import atomic_write
from dscheck.reports import json as json_report
from dscheck.reports.interface import Run
from dscheck.reports.summary import counts_of

FOLDER = ".dscheck"
NAME = "last-run.json"


class LastRunError(Exception):
    """The state file exists but cannot be read."""


def path_for(catalogue: Path) -> Path:
    return catalogue.parent / FOLDER / NAME


def _read(path: Path) -> dict | None:
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise LastRunError(f"{path}: cannot read the last run ({exc}); delete it and run dscheck verify again") from None
    if not isinstance(data, dict) or data.get("schema") != json_report.SCHEMA or not isinstance(data.get("results"), list):
        raise LastRunError(f"{path}: not a dscheck report; delete it and run dscheck verify again")
    return data


def verdicts(path: Path) -> dict[str, str] | None:
    """Claim id -> verdict of the last run; None when there was none."""
    data = _read(path)
    if data is None:
        return None
    return {
        r["id"]: r["verdict"]
        for r in data["results"]
        if isinstance(r, dict) and isinstance(r.get("id"), str) and isinstance(r.get("verdict"), str)
    }


def save(path: Path, run: Run, claim_ids: Sequence[str]) -> None:
    """Record this run's results; claims it did not check keep their last verdict while the catalogue holds them.

    A run of a selection must not forget the rest: `--select verdict:inaccurate` after fixing one claim
    should still find the others.
    """
    # The cycle collector waits while the document is built: its dict per claim (and as many read from the
    # old file) would set off, right after a large run, a full collection that walks every result of the
    # run (a second on 100,000 claims) to free nothing. JSON makes no reference cycles.
    with paused():
        text = json.dumps(_document(path, run, claim_ids), ensure_ascii=False)
    atomic_write(path, (text + "\n").encode("utf-8"))


def _document(path: Path, run: Run, claim_ids: Sequence[str]) -> dict:
    verdict_of = {r.claim.id: r.verdict.value for r in run.results}
    previous = None
    # A run of the whole catalogue replaces every verdict: reading the old file (100,000 entries on a large
    # catalogue) would only be to throw it away.
    if any(i not in verdict_of for i in claim_ids):
        try:
            previous = _read(path)
        except LastRunError:
            previous = None  # a damaged state file is replaced, not trusted
    # Only what --select reads, as compact JSON: the whole report (every bar of evidence, indented) made
    # this file cost more than the verification itself on a large catalogue.
    older = {r["id"]: r for r in (previous or {}).get("results", ()) if isinstance(r, dict) and "id" in r}
    results = [
        {"id": i, "verdict": verdict_of[i]} if i in verdict_of else older[i]
        for i in claim_ids
        if i in verdict_of or i in older
    ]
    return {
        "schema": json_report.SCHEMA,
        "catalogue": run.catalogue,
        "evidence": run.evidence,
        "summary": counts_of(r.get("verdict") for r in results),
        "results": results,
    }
