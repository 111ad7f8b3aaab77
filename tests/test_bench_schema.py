"""The schema validator compiled ahead of time is schema.json's, and judges catalogues as a fresh compile does."""

from __future__ import annotations

import json
from pathlib import Path

import fastjsonschema
import pytest

from dscheck.catalogue import compiled_schema, schema_code

REPO = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((REPO / "dscheck" / "catalogue" / "schema.json").read_text("utf-8"))


def test_compiled_schema_is_what_schema_code_writes():
    if compiled_schema.VERSION != fastjsonschema.VERSION:
        pytest.skip(f"compiled by fastjsonschema {compiled_schema.VERSION}, {fastjsonschema.VERSION} installed")
    written = (REPO / "dscheck" / "catalogue" / "compiled_schema.py").read_text("utf-8")
    assert written == schema_code.source(), "schema.json changed: run `python -m dscheck.catalogue.schema_code`"


CLAIM = {"id": "c1", "article": "a", "quote": "q", "subject": "NVDA", "metric": "change_pct", "value": -2.5,
         "date": "2025-01-27"}
DOCUMENTS = [
    {"dscheck": 1, "articles": {"a": {"title": "t"}}, "claims": [CLAIM]},
    {"dscheck": 2, "claims": []},
    {"dscheck": 1, "claims": [{**CLAIM, "tolerence": 0.1}]},
    {"dscheck": 1, "claims": [{**CLAIM, "subject": ".."}]},
    {"dscheck": 1, "claims": [{**CLAIM, "time": "10h"}]},
    {"dscheck": 1, "claims": [{**CLAIM, "window": 0}]},
    {"dscheck": 1, "claims": [{**CLAIM, "qualifier": "roughly"}]},
    {"dscheck": 1, "articles": {"Bad Id": {}}, "claims": []},
    {"dscheck": 1, "claims": [{"id": "c1", "article": "a"}]},
    {"dscheck": 1},
    [],
]


@pytest.mark.parametrize("document", DOCUMENTS)
def test_compiled_validator_judges_as_a_fresh_compile(document):
    """Whatever fastjsonschema is installed, the committed validator agrees with one compiled from schema.json."""
    fresh = fastjsonschema.compile(SCHEMA)

    def verdict(validate):
        try:
            validate(document)
            return "valid"
        except fastjsonschema.JsonSchemaValueException as exc:
            return (exc.rule, exc.path, exc.value if not isinstance(exc.value, (dict, list)) else type(exc.value))

    assert verdict(compiled_schema.validate) == verdict(fresh)
