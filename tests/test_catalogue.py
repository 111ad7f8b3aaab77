"""Catalogue errors as a table: YAML text -> the line:column and message a user sees."""

from __future__ import annotations

import datetime as dt

import pytest

from dscheck.catalogue import CatalogueError, loads
from dscheck.catalogue.precision import half_unit

HEAD = "dscheck: 1\narticles:\n  a: {title: t}\nclaims:\n"
GOOD = "  - id: c1\n    article: a\n    quote: q\n    subject: NVDA\n    metric: change_pct\n    value: -11.5\n    date: 2025-01-27\n"


def with_line(extra: str) -> str:
    return HEAD + GOOD + extra


CASES = [
    # (yaml text, line, column, words the message must contain)
    (with_line("    tolerence: 1\n"), 12, 5, 'unknown field "tolerence" in claim; did you mean "tolerance"?'),
    (HEAD + GOOD.replace("change_pct", "chnage_pct"), 9, 13, 'did you mean "change_pct"?'),
    (HEAD + GOOD.replace("value: -11.5", "value: lots"), 10, 12, "value must be a number for metric change_pct"),
    (HEAD + GOOD.replace("value: -11.5", "value: .nan"), 10, 12, "finite"),
    (HEAD + GOOD.replace("date: 2025-01-27", "date: 2025-02-30"), 11, 11, "is not a calendar date"),
    (HEAD + GOOD.replace("date: 2025-01-27", "date: 27/01/2025"), 11, 11, "a date written YYYY-MM-DD"),
    (with_line('    time: "25:00"\n'), 12, 11, "not a time of day"),
    (with_line("    timezone: America/NewYork\n"), 12, 15, 'unknown time zone "America/NewYork"'),
    (HEAD + GOOD.replace("article: a", "article: b"), 6, 14, 'unknown article "b"'),
    (HEAD + GOOD + GOOD, 12, 9, 'duplicate claim id "c1" (first at line 5)'),
    (HEAD + GOOD.replace("id: c1", "id: C_1"), 5, 9, "lowercase letters, digits and hyphens"),
    (HEAD + GOOD.replace("    subject: NVDA\n", ""), 5, 5, 'missing field "subject"'),
    (HEAD + GOOD.replace("    quote: q\n", ""), 5, 5, 'missing field "quote"'),
    (with_line("    window: 20\n"), 12, 5, 'field "window" has no meaning for metric change_pct'),
    (with_line("    value: 3\n"), 12, 5, 'duplicate key "value" (first at line 10)'),
    (with_line("    reason: x\n"), 12, 5, '"reason" belongs to external claims'),
    (HEAD + "  - {id: e, article: a, quote: q, kind: external}\n", 5, 5, 'needs a "reason"'),
    (HEAD + "  - {id: e, article: a, quote: q, kind: external, reason: r, subject: X}\n", 5, 62, "no meaning for an external claim"),
    (HEAD + GOOD.replace("metric: change_pct", "metric: direction"), 10, 12, "value must be up or down"),
    (HEAD + GOOD.replace("metric: change_pct", "metric: worst_since"), 10, 12, "a month (YYYY-MM) or a date"),
    (HEAD + GOOD.replace("subject: NVDA", "subject: 'NV DA; rm'"), 8, 14, "a Yahoo Finance symbol"),
    (with_line("    qualifier: roughly\n"), 12, 16, "must be one of about, nearly, over, under"),
    (with_line("    extreme: maybe\n"), 12, 14, '"extreme" must be true or false'),
    (with_line("    tolerance: -1\n"), 12, 16, '"tolerance" must be more than 0'),
    ("dscheck: 2\nclaims: []\n", 1, 10, '"dscheck" must be 1'),
    ("claims: []\n", 1, 1, 'missing field "dscheck"'),
    ("dscheck: 1\nclaims: {}\n", 2, 9, '"claims" must be a list'),
    ("", 1, 1, "the file is empty"),
    ("dscheck: 1\nclaims: [\n", 3, 1, "not valid YAML"),
    ("dscheck: 1\n  bad: indent\n", 2, 6, "not valid YAML"),
    ("dscheck: 1\nclaims: !!python/object:os.system []\n", 2, 9, "unsupported YAML tag"),
    ("dscheck: 1\nclaims: &a [*a]\n", 2, 9, "an alias refers to itself"),
    ("dscheck: 1\ntimezone: Mars/Olympus\nclaims: []\n", 2, 11, 'unknown time zone "Mars/Olympus"'),
    ("dscheck: 1\nclaims: []\nextra: 1\n", 3, 1, 'unknown field "extra" in the catalogue'),
    ("dscheck: 1\narticles:\n  Bad_Id: {}\nclaims: []\n", 3, 3, 'article id "Bad_Id"'),
    ("dscheck: 1\narticles:\n  a: {titel: x}\nclaims: []\n", 3, 7, 'did you mean "title"?'),
]


@pytest.mark.parametrize("text, line, column, words", CASES)
def test_errors_name_their_place(text, line, column, words):
    with pytest.raises(CatalogueError) as caught:
        loads(text, "claims.yaml")
    problems = caught.value.problems
    assert any(words in p.message for p in problems), [str(p) for p in problems]
    first = next(p for p in problems if words in p.message)
    assert (first.location.file, first.location.line, first.location.column) == ("claims.yaml", line, column), str(first)


def test_every_problem_is_reported_not_just_the_first():
    text = HEAD + GOOD.replace("article: a", "article: b").replace("date: 2025-01-27", "date: 2025-13-01")
    with pytest.raises(CatalogueError) as caught:
        loads(text, "claims.yaml")
    assert len(caught.value.problems) == 2
    assert str(caught.value).count("claims.yaml:") == 2


def test_alias_bomb_is_stopped():
    lines = ["dscheck: 1", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    lines.append("claims: *a8")
    with pytest.raises(CatalogueError, match="too many values"):
        loads("\n".join(lines) + "\n", "bomb.yaml")


def test_a_good_claim_keeps_its_written_precision_and_time():
    text = HEAD + GOOD.replace("value: -11.5", "value: -11.50") + "    time: 10:00\n    qualifier: nearly\n"
    (claim,) = loads(text).claims
    assert claim.value == -11.5 and claim.value_text == "-11.50"
    assert claim.time == dt.time(10, 0)  # unquoted 10:00 is not read as the sexagesimal number 600
    assert claim.date == dt.date(2025, 1, 27) and claim.timezone == "America/New_York"
    assert claim.location.line == 5


@pytest.mark.parametrize(
    "text, half",
    [("11.5", 0.05), ("11", 0.5), ("4.54", 0.005), ("1435", 0.5), ("11.50", 0.005), ("-12", 0.5), ("0.9", 0.05), ("1e3", 500)],
)
def test_half_unit_of_the_last_written_digit(text, half):
    assert half_unit(text) == pytest.approx(half)


def test_schema_file_lists_every_metric_and_the_registry_matches():
    import json
    from importlib import resources

    from dscheck.catalogue.metrics import FIELDS
    from dscheck.verdicts.metrics import REGISTRY

    schema = json.loads(resources.files("dscheck.catalogue").joinpath("schema.json").read_text())
    listed = schema["definitions"]["claim"]["properties"]["metric"]["enum"]
    assert sorted(listed) == sorted(FIELDS) == sorted(REGISTRY)
    claim_fields = set(schema["definitions"]["claim"]["properties"])
    for metric, spec in FIELDS.items():
        assert spec.options <= claim_fields, metric
        assert callable(REGISTRY[metric].check) and callable(REGISTRY[metric].fmt)


def test_the_bundled_catalogue_validates_against_the_schema_with_jsonschema_too():
    """The shipped schema is a real JSON Schema: a second implementation agrees with the one we run."""
    import json
    from importlib import resources
    from pathlib import Path

    jsonschema = pytest.importorskip("jsonschema")
    from dscheck.catalogue.loader import _Loader, _Tree
    import yaml

    schema = json.loads(resources.files("dscheck.catalogue").joinpath("schema.json").read_text())
    root = Path(__file__).resolve().parent.parent / "claims.yaml"
    data = _Tree("claims.yaml").convert(yaml.compose(root.read_text("utf-8"), Loader=_Loader), ())
    jsonschema.validate(data, schema)


def test_the_schema_and_the_market_stage_share_one_symbol_rule():
    import json
    from importlib import resources

    from dscheck.market.interface import SYMBOL

    schema = json.loads(resources.files("dscheck.catalogue").joinpath("schema.json").read_text())
    assert schema["definitions"]["claim"]["properties"]["subject"]["pattern"] == SYMBOL.pattern
    assert not SYMBOL.match("..") and not SYMBOL.match(".") and SYMBOL.match("000660.KS") and SYMBOL.match("^TNX")


def test_a_claim_made_from_its_fields_is_the_claim_the_constructor_makes():
    import dataclasses

    from dscheck.catalogue.interface import Claim, Location

    where = Location("c.yaml", 5, 5)
    for fields in (
        {"id": "c1", "article": "a", "quote": "q", "location": where},
        {"id": "c2", "article": "a", "quote": "q", "location": where, "subject": "NVDA", "metric": "level",
         "value": 125.0, "value_text": "125", "date": dt.date(2025, 1, 27), "time": dt.time(10), "extreme": True,
         "tags": ("x",), "tolerance": 0.5, "window": 20},
        {"id": "e", "article": "a", "quote": "q", "location": where, "kind": "external", "reason": "r"},
    ):
        made = Claim.from_fields(dict(fields))
        assert made == Claim(**fields) and repr(made) == repr(Claim(**fields)) and hash(made) == hash(Claim(**fields))
        assert {f.name for f in dataclasses.fields(Claim)} == set(vars(made))  # every field, and nothing else
    # The loader's claims are made this way; they are those the constructor makes from the same fields.
    for claim in loads(HEAD + GOOD).claims:
        assert claim == Claim(**{f.name: getattr(claim, f.name) for f in dataclasses.fields(Claim)})
        assert set(vars(claim)) == {f.name for f in dataclasses.fields(Claim)}
