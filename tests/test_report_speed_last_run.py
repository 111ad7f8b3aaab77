"""The last-run record is written faster (the old file is read only when a selection needs it, and the cycle
collector waits while the document is built) but byte for byte as before, whatever file it replaces."""

from __future__ import annotations

import dataclasses
import gc
import json

import pytest
from report_samples import RESULTS, RUN

from dscheck.reports import json as json_report
from dscheck.reports import last_run
from dscheck.reports.summary import counts_of
from dscheck.verdicts.interface import Verdict

IDS = [r.claim.id for r in RESULTS]


def reference(previous: bytes | None, run, claim_ids) -> bytes:
    """What save wrote before it was sped up, given the bytes of the file it replaces (None: no file)."""
    try:
        data = json.loads(previous.decode("utf-8")) if previous is not None else None
    except (UnicodeDecodeError, ValueError):
        data = None
    if not isinstance(data, dict) or data.get("schema") != json_report.SCHEMA or not isinstance(data.get("results"), list):
        data = None
    fresh = {r.claim.id: {"id": r.claim.id, "verdict": r.verdict.value} for r in run.results}
    older = {r["id"]: r for r in (data or {}).get("results", ()) if isinstance(r, dict) and "id" in r}
    results = [fresh.get(i) or older[i] for i in claim_ids if i in fresh or i in older]
    document = {
        "schema": json_report.SCHEMA,
        "catalogue": run.catalogue,
        "evidence": run.evidence,
        "summary": counts_of(r.get("verdict") for r in results),
        "results": results,
    }
    return (json.dumps(document, ensure_ascii=False) + "\n").encode("utf-8")


def renamed(result, claim_id):
    return dataclasses.replace(result, claim=dataclasses.replace(result.claim, id=claim_id))


OLD_ENTRIES = [
    {"id": IDS[0], "verdict": "error"},
    # an entry as a whole v1 report held it, before the file kept only what --select reads
    {"id": "gone-from-this-run", "verdict": "inaccurate", "conclusion": "ä \"quoted\"", "evidence": [{"close": 1.5}]},
    {"id": "näive-ü", "verdict": "accurate"},
    {"id": "no-verdict"},
    {"verdict": "no id"},
    "not an entry",
]
PREVIOUS = {
    "no file": None,
    "old file": json.dumps({"schema": json_report.SCHEMA, "results": OLD_ENTRIES}).encode(),
    "old indented whole report": json.dumps({"schema": json_report.SCHEMA, "summary": {}, "results": OLD_ENTRIES}, indent=2).encode(),
    "damaged": b"{not json",
    "not utf-8": b"\xff\xfe",
    "another schema": json.dumps({"schema": "x/v2", "results": OLD_ENTRIES}).encode(),
    "results not a list": json.dumps({"schema": json_report.SCHEMA, "results": {}}).encode(),
}
RUNS = {
    "every claim": (RUN, IDS),
    "a selection": (dataclasses.replace(RUN, results=RESULTS[1:3]), IDS),
    "a selection, some claims gone": (dataclasses.replace(RUN, results=RESULTS[1:2]), IDS[:-1] + ["näive-ü", "gone-from-this-run", "no-verdict"]),
    "nothing checked": (dataclasses.replace(RUN, results=()), IDS + ["näive-ü"]),
    "non-ASCII ids": (dataclasses.replace(RUN, results=(renamed(RESULTS[0], "näive-ü"), renamed(RESULTS[1], 'q"uote\\'))), ["näive-ü", 'q"uote\\']),
}


@pytest.mark.parametrize("previous", list(PREVIOUS))
@pytest.mark.parametrize("kind", list(RUNS))
def test_save_writes_the_bytes_it_wrote_before(tmp_path, previous, kind):
    run, claim_ids = RUNS[kind]
    path = last_run.path_for(tmp_path / "claims.yaml")
    if PREVIOUS[previous] is not None:
        path.parent.mkdir()
        path.write_bytes(PREVIOUS[previous])
    last_run.save(path, run, claim_ids)
    assert path.read_bytes() == reference(PREVIOUS[previous], run, claim_ids)
    assert set(last_run.verdicts(path)) <= set(claim_ids)


def test_a_run_of_every_claim_does_not_read_the_old_file(tmp_path, monkeypatch):
    path = last_run.path_for(tmp_path / "claims.yaml")
    last_run.save(path, RUN, IDS)
    monkeypatch.setattr(last_run, "_read", lambda path: pytest.fail("read the old file"))
    last_run.save(path, RUN, IDS)
    monkeypatch.undo()
    assert last_run.verdicts(path) == {r.claim.id: r.verdict.value for r in RESULTS}


def test_save_runs_no_collection_and_leaves_the_collector_as_it_was(tmp_path):
    """Thousands of claims must not set off the cycle collector: right after a large run a full collection
    walks every result of it (a second on 100,000 claims) and frees nothing."""
    many = tuple(renamed(RESULTS[i % len(RESULTS)], f"claim-{i}") for i in range(5000))
    run = dataclasses.replace(RUN, results=many)
    ids = [r.claim.id for r in many]
    path = last_run.path_for(tmp_path / "claims.yaml")
    last_run.save(path, run, ids)  # an old file to read for the selection below
    selection = dataclasses.replace(run, results=many[::2])
    passes = []

    def callback(phase, info):
        if phase == "start":
            passes.append(info["generation"])

    gc.collect()
    gc.callbacks.append(callback)
    try:
        assert gc.isenabled()
        last_run.save(path, run, ids)
        last_run.save(path, selection, ids)
        assert gc.isenabled()
    finally:
        gc.callbacks.remove(callback)
    assert passes == []
    assert last_run.verdicts(path) == {r.claim.id: r.verdict.value for r in many}
    assert Verdict.ACCURATE.value in json.loads(path.read_text("utf-8"))["summary"]
