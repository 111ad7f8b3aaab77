"""Every report format from one fixed run covering every verdict: golden files, and each format read back.

Set DSCHECK_UPDATE_GOLDEN=1 to rewrite the golden files after a deliberate change (then read the diff).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import re
from pathlib import Path

import junitparser
import pytest
from report_samples import HOSTILE, RESULTS, RUN

from dscheck import reports
from dscheck.reports import charts, claimreview, markdown
from dscheck.verdicts.interface import Verdict

GOLDEN = Path(__file__).parent / "golden"
IDS = [r.claim.id for r in RESULTS]


def test_the_sample_run_covers_every_verdict_and_chart_kind():
    assert {r.verdict for r in RESULTS} == set(Verdict)
    kinds = {d.kind for d in (charts.chart(r) for r in RESULTS) if d is not None}
    assert kinds == {"price", "volume", "scale"}


@pytest.mark.parametrize("name", list(reports.FORMATS))
def test_golden(name):
    fmt = reports.FORMATS[name]
    path = GOLDEN / f"report{fmt.extensions[0]}"
    text = fmt.render(RUN)
    if os.environ.get("DSCHECK_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    assert path.exists(), f"no golden file for {name}: run with DSCHECK_UPDATE_GOLDEN=1"
    assert text == path.read_bytes().decode("utf-8"), f"{name} report differs from {path}"


def test_registry_is_exhaustive_and_extensions_are_unique():
    assert set(reports.FORMATS) == {"table", "json", "csv", "markdown", "html", "junit", "claimreview"}
    extensions = [ext for f in reports.FORMATS.values() for ext in f.extensions]
    assert len(extensions) == len(set(extensions))
    for fmt in reports.FORMATS.values():
        for ext in fmt.extensions:
            assert reports.output(f"out/report{ext.upper()}") == (fmt, Path(f"out/report{ext.upper()}"))


def test_output_spec_names_a_format_or_fails_with_the_choices():
    assert reports.output("junit:results.out") == (reports.FORMATS["junit"], Path("results.out"))
    assert reports.output("C:report.json")[0].name == "json"  # not a format name: a plain path
    assert reports.output("report.out", reports.FORMATS["csv"])[0].name == "csv"
    with pytest.raises(reports.ReportError, match=r'no format for the extension "\.out".*\.jsonld \(claimreview\)'):
        reports.output("report.out")


def test_every_format_shows_every_claim():
    for name, fmt in reports.FORMATS.items():
        text = fmt.render(RUN)
        rated = {r.claim.id for r in RESULTS if r.verdict in claimreview.RATINGS}
        for cid in rated if name == "claimreview" else IDS:
            assert cid in text, (name, cid)


def test_json_round_trip():
    data = json.loads(reports.FORMATS["json"].render(RUN))
    assert [r["id"] for r in data["results"]] == IDS
    assert [r["verdict"] for r in data["results"]] == [r.verdict.value for r in RESULTS]
    assert data["summary"] == {v.value: 1 if v is not Verdict.ACCURATE else 4 for v in Verdict}


def test_csv_reads_back_one_row_per_claim():
    rows = list(csv.DictReader(io.StringIO(reports.FORMATS["csv"].render(RUN))))
    assert [r["id"] for r in rows] == IDS
    by_id = {r["id"]: r for r in rows}
    assert by_id["smci-jumped"]["quote"] == HOSTILE
    assert by_id["smci-jumped"]["failing"] == "yes" and by_id["nvda-fell-17"]["failing"] == "no"
    assert float(by_id["nvda-fell-17"]["actual_lo"]) == -16.97
    assert by_id["nvda-volume"]["accepted_hi"] == ""  # an open end is empty, not "inf"
    assert by_id["nvda-fell-17"]["claimed"] == "-17.0"  # a number stays a number


def test_csv_keeps_formula_text_inert():
    first = RESULTS[0]
    evil = dataclasses.replace(first, claim=dataclasses.replace(first.claim, quote='=HYPERLINK("http://x","y")'))
    rows = list(csv.DictReader(io.StringIO(reports.FORMATS["csv"].render(dataclasses.replace(RUN, results=(evil,))))))
    assert rows[0]["quote"] == "'=HYPERLINK(\"http://x\",\"y\")"
    assert rows[0]["claimed_text"] == "-17 %"  # dscheck's own figures are left as they are


def test_markdown_escapes_catalogue_text_and_lists_failing_claims_first():
    text = reports.FORMATS["markdown"].render(RUN)
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert "\\*bold\\*" in text and "\\[link\\]" in text and "\\`code\\`" in text
    failing_part = text.split("### Failing claims", 1)[1].split("<details>", 1)[0]
    assert "`smci-jumped`" in failing_part and "`avgo-broken`" in failing_part
    assert "`nvda-fell-17`" not in failing_part
    for row in (line for line in text.splitlines() if line.startswith("| `")):
        assert len(re.findall(r"(?<!\\)\|", row)) == 8, row  # seven cells: an escaped pipe splits none
    assert markdown.text("a\nb | c") == "a b \\| c"


def test_junit_reads_back_with_junitparser(tmp_path):
    path = tmp_path / "junit.xml"
    path.write_text(reports.FORMATS["junit"].render(RUN), encoding="utf-8")
    xml = junitparser.JUnitXml.fromfile(str(path))
    suites = list(xml) if isinstance(xml, junitparser.JUnitXml) else [xml]
    (suite,) = suites
    cases = {case.name: case for case in suite}
    assert list(cases) == IDS
    outcome = {name: [type(r).__name__ for r in case.result] for name, case in cases.items()}
    assert outcome["smci-jumped"] == ["Failure"]
    assert outcome["avgo-broken"] == ["Error"]
    assert outcome["qqq-premarket"] == ["Skipped"] and outcome["training-cost"] == ["Skipped"]
    assert outcome["nvda-fell-17"] == [] and outcome["ndx-down-3-at-10"] == []
    failure = cases["smci-jumped"].result[0]
    assert failure.message == "inaccurate: claimed +10 %, actual -13.48 %"
    assert failure.text == RESULTS[3].conclusion
    assert cases["smci-jumped"].classname == "wire-0127"
    assert HOSTILE in cases["smci-jumped"].system_out
    assert (suite.tests, suite.failures, suite.errors, suite.skipped) == (10, 1, 1, 2)
    suite.update_statistics()  # junitparser's own count agrees with the attributes written
    assert (suite.tests, suite.failures, suite.errors, suite.skipped) == (10, 1, 1, 2)


def test_junit_failures_follow_fail_on():
    run = dataclasses.replace(RUN, fail_on=frozenset({Verdict.INACCURATE, Verdict.UNVERIFIABLE, Verdict.APPROXIMATE}))
    text = reports.FORMATS["junit"].render(run)
    assert 'failures="3"' in text and 'skipped="1"' in text
    damaged = dataclasses.replace(RESULTS[0], damaged_evidence=True)
    text = reports.FORMATS["junit"].render(dataclasses.replace(RUN, results=(damaged,)))
    assert 'errors="1"' in text and 'type="damaged_evidence"' in text


GOOGLE_FIELDS = ("claimReviewed", "reviewRating", "itemReviewed", "author", "datePublished", "url")


def test_claimreview_carries_the_fields_google_documents():
    data = json.loads(reports.FORMATS["claimreview"].render(RUN))
    rated = [r for r in RESULTS if r.verdict in claimreview.RATINGS]
    assert len(data) == len(rated) == 7
    for review, result in zip(data, rated):
        assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
        for field in GOOGLE_FIELDS:
            assert review[field], field
        rating = review["reviewRating"]
        assert rating["@type"] == "Rating"
        assert (rating["worstRating"], rating["bestRating"]) == (1, 4)
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        assert (rating["ratingValue"], rating["alternateName"]) == claimreview.RATINGS[result.verdict]
        item = review["itemReviewed"]
        assert item["@type"] == "Claim" and item["author"]["name"] and item["datePublished"]
        assert review["claimReviewed"] == result.claim.quote
        assert review["url"] == f"https://factcheck.example/deepseek-shock.html#claim-{result.claim.id}"
        assert review["author"] == {"@type": "Organization", "name": "Example Fact Desk"}
        assert review["datePublished"] == "2025-02-03"
    assert [r["reviewRating"]["alternateName"] for r in data] == [
        "Accurate", "Consistent with the market data", "Approximately right", "Inaccurate", "Accurate", "Accurate",
        "Accurate",
    ]
    assert data[0]["itemReviewed"]["appearance"]["url"] == "https://news.example/wire-0127"


def test_claimreview_maps_every_rated_verdict_and_invents_no_publisher():
    assert set(claimreview.RATINGS) == {Verdict.ACCURATE, Verdict.CONSISTENT, Verdict.APPROXIMATE, Verdict.INACCURATE}
    values = sorted(v for v, _ in claimreview.RATINGS.values())
    assert values == [claimreview.WORST, 2, 3, claimreview.BEST]
    bare = dataclasses.replace(RUN, articles={}, review_url="", reviewer="", date=None)
    review = claimreview.reviews(bare)[0]
    assert "author" not in review["itemReviewed"] and "datePublished" not in review["itemReviewed"]
    assert review["url"] == "#claim-nvda-fell-17"  # relative to the page the markup sits in
    assert review["author"]["name"] == claimreview.DEFAULT_REVIEWER


def test_html_escapes_catalogue_text_and_needs_no_network():
    text = reports.FORMATS["html"].render(RUN)
    assert "<script>document" not in text and "&lt;script&gt;document.title=&quot;pwned&quot;" in text
    assert text.count("<script") == 1 and '<script type="application/ld+json">' in text
    assert text.count("</script>") == 1
    block = text.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert json.loads(block) == claimreview.reviews(RUN)
    assert not re.search(r"""\b(src|srcset)\s*=|url\(|@import""", text)  # nothing to fetch
    for result in RESULTS:
        assert f'id="claim-{result.claim.id}"' in text
    assert "@media print" in text


def test_charts_draw_the_claimed_value_band_and_previous_close_in_prices():
    drawing = charts.chart(RESULTS[0])  # NVDA -17 % from 142.62: the claimed price is 118.37
    assert drawing.kind == "price"
    assert set(drawing.keys) >= {"moment", "claimed", "accepted", "reference"}
    price = charts.price_of(RESULTS[0], 142.62)
    assert price(-17.0) == pytest.approx(118.3746)
    assert "previous close" in drawing.svg and "142.62" in drawing.svg
    assert drawing.svg.count('class="candle') == 2
    inverted = dataclasses.replace(RESULTS[0], claim=dataclasses.replace(RESULTS[0].claim, invert=True))
    assert charts.price_of(inverted, 100.0)(25.0) == pytest.approx(80.0)  # 1/price up 25 %: price down to 80


@pytest.mark.parametrize("width", [60, 80, 120, 159, 160, 200])
def test_terminal_view_fits_its_width_and_keeps_the_conclusion_readable(width):
    from rich.console import Console
    from rich.table import Table

    from dscheck.reports.table import build

    out = io.StringIO()
    console = Console(file=out, width=width, color_system=None)
    view = build(list(RESULTS), width)
    console.print(view)
    lines = out.getvalue().splitlines()
    assert max(len(line) for line in lines) <= width
    if isinstance(view, Table):  # the conclusion column (the last) keeps at least 45 characters
        header = next(line for line in lines if "conclusion" in line)
        assert len(header.rsplit("┃", 2)[-2]) >= 45


@pytest.mark.parametrize("width", [60, 80, 120, 159])
def test_plain_blocks_read_as_rich_prints_them(width):
    """A pipe gets the block view without rich's console: the same lines, less rich's trailing spaces."""
    from rich.console import Console

    from dscheck.reports.table import blocks, build

    out = io.StringIO()
    Console(file=out, width=width, color_system=None).print(build(list(RESULTS), width))
    assert blocks(list(RESULTS), width) == "\n".join(line.rstrip() for line in out.getvalue().splitlines()) + "\n"
