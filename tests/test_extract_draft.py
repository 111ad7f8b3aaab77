"""Drafts as YAML: a new catalogue, and additions to an existing one that keep its text and stay valid."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from dscheck.catalogue import CatalogueError, loads
from dscheck.extract import ExtractError, append_to, extract, load_instruments, render

HERE = Path(__file__).parent / "extract_articles"
ENGLISH = (HERE / "en_rebound_2025-01-28.txt").read_text("utf-8")
DAY = dt.date(2025, 1, 28)


@pytest.fixture(scope="module")
def drafts():
    return extract(ENGLISH, DAY, load_instruments())


def named(**extra):
    return {"article_id": "rebound", "article_date": DAY, "source": "rebound.txt", "text": ENGLISH, **extra}


def test_a_new_catalogue_is_valid_and_holds_every_draft(drafts):
    text = render(drafts, **named())
    catalogue = loads(text)
    assert len(catalogue.claims) == len(drafts.claims) == 15
    assert catalogue.articles["rebound"].title == "Chip stocks claw back some of Monday's losses"
    assert all(c.tags == ("draft",) and c.article == "rebound" for c in catalogue.claims)
    assert all(c.quote in ENGLISH for c in catalogue.claims), "a quote must be the article's own words"
    tesla = next(c for c in catalogue.claims if c.subject == "TSLA")
    assert (tesla.value, tesla.time, tesla.timezone) == (-1.5, dt.time(10, 30), "America/New_York")


def test_each_claim_has_its_confidence_and_reasons_just_above_it(drafts):
    lines = render(drafts, **named()).splitlines()
    items = [i for i, line in enumerate(lines) if line.startswith("  - id: ")]
    assert len(items) == 15
    for i in items:
        assert re.match(r"  # confidence (0\.\d\d|1\.00): .+ -> ", lines[i - 1]), lines[i - 1]


def test_unmapped_numbers_are_commented_out_drafts_that_need_a_reason(drafts):
    text = render(drafts, **named())
    block = [line for line in text.splitlines() if line.startswith("  # ") and ("- id: unmapped" in line or line.startswith("  #   "))]
    assert block[0] == "  # - id: unmapped-1" and '"about $5.6 million"' in block[-1]
    uncommented = text + "".join(line.replace("  # ", "  ", 1).split("  #", 1)[0].rstrip() + "\n" for line in block)
    with pytest.raises(CatalogueError, match='"reason" must not be empty'):
        loads(uncommented)
    assert len(loads(uncommented.replace('reason: ""', 'reason: "a training cost"')).claims) == 16


CURATED = """\
# A hand-made catalogue: its comments and layout must survive.
dscheck: 1
timezone: America/New_York

articles:
  first:
    published: "2025-01-27"   # the day of the sell-off

claims:
  # The one claim so far.
  - id: nvda-pct
    article: first
    quote: "Nvidia fell 17%"
    subject: NVDA
    metric: change_pct
    value: -17
    date: 2025-01-27
  # a trailing note about the claims
"""


def test_appending_keeps_every_line_of_the_file_and_makes_ids_unique(tmp_path, drafts):
    path = tmp_path / "claims.yaml"
    path.write_text(CURATED)
    result = append_to(path, drafts, **named())
    catalogue = loads(result)
    assert len(catalogue.claims) == 16 and set(catalogue.articles) == {"first", "rebound"}
    ids = [str(c.id) for c in catalogue.claims]
    assert len(set(ids)) == len(ids) and "nvda-pct-2" in ids
    original = CURATED.splitlines()
    kept = iter(result.splitlines())
    assert all(line in kept for line in original), "every original line is still there, in order"
    assert result.index("# a trailing note") < result.index("Drafted by dscheck extract from rebound.txt")


def test_appending_twice_keeps_even_commented_ids_unique(tmp_path, drafts):
    path = tmp_path / "claims.yaml"
    path.write_text(CURATED)
    path.write_text(append_to(path, drafts, **named()))
    again = append_to(path, drafts, **named())
    assert again.count("  rebound:\n") == 1, "an article already listed is not added twice"
    assert "# - id: unmapped-1-2" in again
    assert len(loads(again).claims) == 31


@pytest.mark.parametrize(
    "start",
    [
        "dscheck: 1\nclaims: []\n",
        "dscheck: 1\narticles: {}\nclaims: []\n",
        "dscheck: 1\nclaims:\n- id: a\n  article: x\n  quote: q\n  kind: external\n  reason: r\narticles:\n  x:\n    title: t\n",
        "dscheck: 1\nclaims: []\narticles:\n  x:\n    title: t\n",
    ],
)
def test_appending_to_empty_and_unusual_layouts(tmp_path, drafts, start):
    path = tmp_path / "claims.yaml"
    path.write_text(start)
    catalogue = loads(append_to(path, drafts, **named()))
    assert len([c for c in catalogue.claims if c.article == "rebound"]) == 15 and "rebound" in catalogue.articles


def test_appending_to_a_missing_file_writes_a_new_catalogue(tmp_path, drafts):
    assert loads(append_to(tmp_path / "new.yaml", drafts, **named())).claims


def test_an_invalid_catalogue_is_refused_before_anything_is_added(tmp_path, drafts):
    path = tmp_path / "claims.yaml"
    path.write_text(CURATED.replace("metric: change_pct", "metric: change_pc"))
    with pytest.raises(ExtractError, match="not a valid catalogue as it stands"):
        append_to(path, drafts, **named())


def test_times_name_their_zone_against_the_catalogues_own_default(tmp_path):
    korean = "나스닥 선물은 한국 시간 오후 3시 현재 1.5% 내리고 있다. 뉴욕 시간으로 오전 10시 나스닥 종합지수는 1% 올랐다."
    found = extract(korean, DAY, load_instruments())
    path = tmp_path / "claims.yaml"
    path.write_text("dscheck: 1\ntimezone: Asia/Seoul\nclaims: []\n")
    catalogue = loads(append_to(path, found, article_id="seoul", article_date=DAY, source="k.txt"))
    assert [(c.subject, c.time, c.timezone) for c in catalogue.claims] == [
        ("NQ=F", dt.time(15), "Asia/Seoul"),
        ("^IXIC", dt.time(10), "America/New_York"),
    ]
