"""The fast paths change nothing: the event reader gives the full reader's catalogue, shared readings the same results."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from dscheck.catalogue import CatalogueError, loader, stream

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

from generate import generate  # noqa: E402


def _both(text: str, monkeypatch) -> tuple:
    """(what loads gives, what the full reader alone gives): a catalogue, or the error's message."""

    def attempt():
        try:
            return loader.loads(text, "c.yaml")
        except CatalogueError as exc:
            return f"error: {exc}"

    fast = attempt()
    with monkeypatch.context() as patched:
        patched.setattr(stream, "read", lambda *args, **kwargs: None)
        full = attempt()
    return fast, full


HEAD = "dscheck: 1\narticles:\n  a: {title: t}\nclaims:\n"
CLAIM = "  - id: c1\n    article: a\n    quote: q\n    subject: NVDA\n    metric: change_pct\n    date: 2025-01-27\n"

CASES = {
    "plain": HEAD + CLAIM + "    value: -11.5\n",
    "trailing zero": HEAD + CLAIM + "    value: -11.50\n    time: '10:00'\n",
    "unquoted time": HEAD + CLAIM + "    value: 3\n    time: 10:00\n",
    "underscore and exponent": HEAD + CLAIM + "    value: 1_000\n    tolerance: 1e1\n",
    "hex": HEAD + CLAIM + "    value: 0x1F\n",
    "leading dot": HEAD + CLAIM + "    value: .5\n",
    "quoted number": HEAD + CLAIM + "    value: '-2.5'\n",
    "yaml 1.1 booleans": HEAD + CLAIM + "    value: 2\n    extreme: yes\n    invert: off\n",
    "null and tilde": HEAD + CLAIM + "    value: 2\n    gloss: ~\n    tags: null\n",
    "flow style": HEAD + "  - {id: c1, article: a, quote: q, subject: '^GSPC', metric: level, date: 2025-01-27, value: 6012.3}\n",
    "block scalar": HEAD + CLAIM + "    value: 2\n    gloss: |\n      two lines\n      of text\n",
    "comments": "# a catalogue\n" + HEAD + "  # first\n" + CLAIM + "    value: 2 # two\n",
    "external": HEAD + "  - id: e1\n    article: a\n    quote: q\n    kind: external\n    reason: not a market figure\n",
    "explicit tag": HEAD + CLAIM + "    value: !!float 2\n",
    "anchor and alias": HEAD + CLAIM + "    value: &v 2\n    tolerance: *v\n",
    "merge key": "base: &b {article: a}\n" + HEAD,
    "duplicate key": HEAD + CLAIM + "    value: 2\n    value: 3\n",
    "unknown field": HEAD + CLAIM + "    value: 2\n    tolerence: 0.1\n",
    "wrong type": HEAD + CLAIM + "    value: two\n",
    "two documents": HEAD + CLAIM + "    value: 2\n---\ndscheck: 1\n",
    "empty": "",
    "not yaml": "claims: [\n",
    "value tag": HEAD + CLAIM + "    value: =\n",
    "key not text": HEAD + CLAIM + "    value: 2\n    [a]: 1\n",
    "deep": "dscheck: 1\nclaims: []\nx: " + "[" * 70 + "]" * 70 + "\n",
}


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_event_reader_agrees_with_the_full_reader(text, monkeypatch):
    fast, full = _both(text, monkeypatch)
    assert fast == full


def test_event_reader_reads_the_plain_cases_itself():
    """The plain cases really take the fast path (else the test above would compare the full reader with itself)."""
    for name in ("plain", "trailing zero", "unquoted time", "flow style", "block scalar", "comments", "external"):
        assert stream.read(CASES[name], "c.yaml", loader._Loader, max_nodes=1000, max_depth=64) is not None, name
    for name in ("explicit tag", "anchor and alias", "merge key", "duplicate key", "two documents", "empty", "value tag"):
        assert stream.read(CASES[name], "c.yaml", loader._Loader, max_nodes=1000, max_depth=64) is None, name


def test_seed_and_synthetic_catalogues_read_the_same_both_ways(monkeypatch):
    for text in ((REPO / "claims.yaml").read_text("utf-8"), generate(1500, REPO / "evidence", seed=3)):
        fast, full = _both(text, monkeypatch)
        assert isinstance(fast, loader.Catalogue)
        assert fast == full


def test_shared_readings_give_each_claim_the_result_it_gets_alone():
    """Claims about the same moment share one reading; each result equals the one its claim gets on its own."""
    from dscheck.market.archive import EvidenceArchive
    from dscheck.verdicts import engine

    catalogue = loader.loads(generate(1500, REPO / "evidence", seed=5), "synthetic.yaml")
    market = EvidenceArchive(REPO / "evidence")
    together = engine.verify(catalogue, market)
    requests = engine.plan(catalogue, market)
    loaded = market.load(requests)
    wanted: dict[str, list[str]] = {}
    for request in requests:
        wanted.setdefault(request.symbol, []).append(request.interval)
    alone = [engine.check(claim, loaded, wanted) for claim in catalogue.claims]
    assert together == alone
    assert len({r.verdict for r in together}) >= 5  # the synthetic claims reach most verdicts
