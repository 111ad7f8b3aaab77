"""The HTML report in a real headless Chromium: it loads clean, shows every claim and chart, and prints.

Skipped where no browser is installed (the message says how to get one), unless DSCHECK_REQUIRE_BROWSER is set,
as .ci/run does after installing Chromium, so that CI cannot pass by skipping. The screenshots and the PDF are
kept in artefacts/ for a person to look at.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from chromium import HOW_TO_GET_ONE, Browser, find
from report_samples import HOSTILE, RESULTS, RUN

from dscheck import reports
from dscheck.reports import charts, claimreview

ARTEFACTS = Path(__file__).resolve().parent.parent / "artefacts"


@pytest.fixture(scope="module")
def browser():
    binary = find()
    if binary is None:
        if os.environ.get("DSCHECK_REQUIRE_BROWSER"):
            pytest.fail(HOW_TO_GET_ONE)
        pytest.skip(HOW_TO_GET_ONE)
    opened = Browser(binary)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "report.html"
    path.write_text(reports.FORMATS["html"].render(RUN), encoding="utf-8")
    return path


def test_report_loads_clean_and_shows_every_claim_and_chart(browser, page):
    browser.open(page.as_uri())
    assert browser.problems() == []
    shown = browser.evaluate("[...document.querySelectorAll('article.claim')].map(a => a.id)")
    assert sorted(shown) == sorted(f"claim-{r.claim.id}" for r in RESULTS) and len(shown) == len(RESULTS)
    # Grouped under their articles, in catalogue order within each.
    assert browser.evaluate("[...document.querySelectorAll('section.article')].map(s => s.id)") == [
        "article-wire-0127", "article-kr-0130"
    ]
    # The hostile quote is text on the page: shown in full, never run.
    assert browser.evaluate("document.querySelector('#claim-smci-jumped blockquote').textContent") == HOSTILE
    assert browser.evaluate("document.title") == "Fact-check of claims.yaml"
    assert browser.evaluate("[...document.scripts].map(s => s.type)") == ["application/ld+json"]
    reviews = browser.evaluate("JSON.parse(document.scripts[0].textContent)")
    assert reviews == claimreview.reviews(RUN)
    assert browser.evaluate("performance.getEntriesByType('resource').length") == 0  # nothing fetched
    # The summary comes before the claims.
    assert browser.evaluate(
        "document.querySelector('#summary').compareDocumentPosition(document.querySelector('article.claim')) & 4"
    ) == 4

    expected = {r.claim.id: charts.chart(r) for r in RESULTS}
    drawn = browser.evaluate(
        """[...document.querySelectorAll('article.claim')].map(a => {
            const svg = a.querySelector('svg.chart');
            if (!svg) return [a.id, null];
            const box = svg.getBoundingClientRect();
            const inside = svg.querySelectorAll('rect.candle, rect.volume, .actual');
            const shown = [...inside].filter(e => { const b = e.getBBox(); return b.width > 0 && b.height > 0; });
            return [a.id, {kind: svg.classList[1], width: box.width, height: box.height,
                           shapes: inside.length, visible: shown.length,
                           claimed: svg.querySelectorAll('.claimed').length,
                           bands: svg.querySelectorAll('rect.accepted').length}];
        })"""
    )
    for anchor, chart in drawn:
        want = expected[anchor.removeprefix("claim-")]
        if want is None:
            assert chart is None, anchor
            continue
        assert chart["kind"] == want.kind, anchor
        assert chart["width"] > 300 and chart["height"] > 60, anchor
        assert chart["shapes"] > 0 and chart["visible"] == chart["shapes"], anchor
        assert chart["bands"] == ("accepted" in want.keys), anchor
    by_id = dict(drawn)
    assert by_id["claim-nvda-fell-17"]["claimed"] == 2  # line and its label
    assert sum(1 for _, c in drawn if c) == sum(1 for c in expected.values() if c) == 8

    browser.screenshot(ARTEFACTS / "report.png")
    box = browser.evaluate(
        "(() => { const r = document.querySelector('#claim-nvda-fell-17').getBoundingClientRect();"
        " return {x: r.x, y: r.y + scrollY, width: r.width, height: r.height}; })()"
    )
    browser.screenshot(ARTEFACTS / "report-claim.png", clip=box)
    assert (ARTEFACTS / "report.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_report_prints(browser, page):
    browser.open(page.as_uri())
    browser.call("Emulation.setEmulatedMedia", media="print")
    try:
        style = browser.evaluate(
            "(() => { const c = getComputedStyle(document.querySelector('article.claim'));"
            " const d = document.querySelector('details');"
            " return [c.breakInside, getComputedStyle(d).display, getComputedStyle(document.body).maxWidth]; })()"
        )
        assert style == ["avoid", "none", "none"]
        pdf = browser.pdf(ARTEFACTS / "report.pdf")
    finally:
        browser.call("Emulation.setEmulatedMedia", media="")
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page>") + pdf.count(b"/Type /Page/") >= 2
    assert browser.problems() == []


def test_the_console_check_can_fail(browser, tmp_path):
    """A page with a console error and a missing image: the check used above must see both."""
    bad = tmp_path / "bad.html"
    bad.write_text('<!doctype html><title>t</title><img src="missing.png"><script>console.error("boom")</script>')
    browser.open(bad.as_uri())
    found = browser.problems()
    assert any("boom" in p for p in found) and any("missing.png" in p or "ERR_FILE_NOT_FOUND" in p for p in found), found
