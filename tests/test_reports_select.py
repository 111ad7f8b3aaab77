"""--select as pure functions: kinds, globs, how selectors combine, and a selection that matches nothing."""

from __future__ import annotations

import json

import pytest
from report_samples import RESULTS, RUN

from dscheck.catalogue.select import Selector, SelectionError, parse, select
from dscheck.reports import last_run
from dscheck.verdicts.interface import Verdict

CLAIMS = [r.claim for r in RESULTS]
LAST = {r.claim.id: r.verdict.value for r in RESULTS}
VERDICTS = [v.value for v in Verdict]


def ids(*selectors: str, verdicts=LAST) -> list[str]:
    return [c.id for c in select(CLAIMS, [parse(s) for s in selectors], verdicts, VERDICTS)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("nvda-*", ["nvda-fell-17", "nvda-volume", "nvda-worst-since-2020"]),
        ("id:aapl-at-10", ["aapl-at-10"]),
        ("article:kr-*", ["nvda-worst-since-2020", "qqq-premarket"]),
        ("tag:ai", ["nvda-fell-17", "smci-jumped", "nvda-worst-since-2020"]),
        ("subject:^NDX", ["ndx-down-3-at-10"]),
        ("subject:N*", ["nvda-fell-17", "nvda-volume", "nvda-worst-since-2020"]),
        ("verdict:inaccurate", ["smci-jumped"]),
        ("verdict:*accurate", ["nvda-fell-17", "smci-jumped", "aapl-at-10", "nvda-volume", "nvda-worst-since-2020"]),
        ("VERDICT: error ", ["avgo-broken"]),
    ],
)
def test_each_kind_with_globs(text, expected):
    assert ids(text) == expected


def test_one_kind_adds_up_and_different_kinds_narrow():
    assert ids("tag:ai", "tag:rates") == ["nvda-fell-17", "yield-down-10bp", "smci-jumped", "nvda-worst-since-2020"]
    assert ids("tag:ai", "verdict:accurate") == ["nvda-fell-17", "nvda-worst-since-2020"]
    assert ids("article:wire-0127", "subject:NVDA", "verdict:accurate") == ["nvda-fell-17", "nvda-volume"]


def test_no_selector_keeps_every_claim():
    assert select(CLAIMS, [], None) == tuple(CLAIMS)


@pytest.mark.parametrize(
    "selectors, message",
    [
        (["tag:nope"], "--select tag:nope matches no claim"),
        (["id:nvda-*", "id:typo"], "--select id:typo matches no claim"),
        (["verdict:approximate", "verdict:consistent", "article:kr-0130"], "no claim matches all of"),
        (["verdict:wrong"], "--select verdict:wrong: no such verdict; verdicts are accurate, approximate"),
    ],
)
def test_a_selection_that_matches_nothing_is_an_error_naming_the_selector(selectors, message):
    with pytest.raises(SelectionError) as caught:
        ids(*selectors)
    assert message in str(caught.value)


def test_a_verdict_that_did_not_occur_last_time_is_an_error_too():
    verdicts = {cid: "accurate" for cid in LAST}
    with pytest.raises(SelectionError, match="--select verdict:inaccurate matches no claim in the last run"):
        ids("verdict:inaccurate", verdicts=verdicts)


def test_verdict_selector_without_a_last_run():
    with pytest.raises(SelectionError, match="no last run"):
        ids("verdict:inaccurate", verdicts=None)


@pytest.mark.parametrize("text, message", [("colour:red", 'unknown kind "colour"'), ("tag:", "nothing after the colon")])
def test_unreadable_selectors(text, message):
    with pytest.raises(SelectionError, match=message):
        parse(text)


def test_parse():
    assert parse("tag:ai*") == Selector("tag", "ai*") and str(parse("x-*")) == "id:x-*"


def test_last_run_keeps_verdicts_of_claims_a_selection_left_out(tmp_path):
    path = last_run.path_for(tmp_path / "claims.yaml")
    assert path == tmp_path / ".dscheck" / "last-run.json"
    assert last_run.verdicts(path) is None
    all_ids = [r.claim.id for r in RESULTS]
    last_run.save(path, RUN, all_ids)
    assert last_run.verdicts(path) == LAST
    # A later run of one claim, now accurate; a claim gone from the catalogue is forgotten.
    fixed = RESULTS[3].__class__(**{**RESULTS[3].__dict__, "verdict": Verdict.ACCURATE})
    last_run.save(path, RUN.__class__(**{**RUN.__dict__, "results": (fixed,)}), all_ids[:-1])
    kept = last_run.verdicts(path)
    assert kept == {**{k: v for k, v in LAST.items() if k != "avgo-broken"}, "smci-jumped": "accurate"}
    document = json.loads(path.read_text())
    assert document["schema"] == "dscheck.report/v1" and sum(document["summary"].values()) == len(kept)
    assert not [p for p in path.parent.iterdir() if p.name != "last-run.json"]  # no temporary file left


def test_a_damaged_last_run_is_an_error_for_verdict_selectors_and_replaced_on_save(tmp_path):
    path = last_run.path_for(tmp_path / "claims.yaml")
    path.parent.mkdir()
    path.write_text("{not json")
    with pytest.raises(last_run.LastRunError, match="delete it"):
        last_run.verdicts(path)
    last_run.save(path, RUN, [r.claim.id for r in RESULTS])
    assert last_run.verdicts(path) == LAST
