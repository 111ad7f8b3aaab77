"""Count the live path's chart requests for one catalogue, against the test suite's fake Yahoo server.

    python benchmarks/live_requests.py CATALOGUE     # prints {"requests", "groups", "fallbacks", "claims"}

The catalogue is checked from a folder without an evidence archive, so every bar comes from the fake
server (tests/fake_yahoo.py, answering from the bundled evidence on 127.0.0.1). `groups` is what the plan
asks for; `fallbacks` the requests the fake answered with no 1m or 5m bars, each of which
the provider asks again one interval coarser (the bundled evidence the fake serves has 5m bars of few
symbols and no 1m bars at all; Yahoo has both), so the requests should be groups + fallbacks exactly.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]

# Nothing may leave the machine: any client that honours proxies meets a dead one on loopback.
for name in ("ALL_PROXY", "HTTPS_PROXY", "HTTP_PROXY", "all_proxy", "https_proxy", "http_proxy"):
    os.environ[name] = "http://127.0.0.1:9"
os.environ["NO_PROXY"] = os.environ["no_proxy"] = "127.0.0.1,localhost,::1"

from fake_yahoo import NOW, FakeYahoo, Live, serve  # noqa: E402

from dscheck.catalogue import load  # noqa: E402
from dscheck.cli import main as dscheck  # noqa: E402
from dscheck.market.cache import Cache  # noqa: E402
from dscheck.market.layered import Layered  # noqa: E402
from dscheck.market.yahoo import YahooFinance  # noqa: E402
from dscheck.verdicts import plan  # noqa: E402


def _empty(fake: FakeYahoo, symbol: str, interval: str, start: str, end: str) -> bool:
    """Whether the fake had no bars for this request, so that the provider asks again one interval coarser."""
    if f"bars/{symbol}.{interval}.csv" not in fake.archive.manifest:
        return True
    first, last = dt.datetime.fromtimestamp(int(start), dt.timezone.utc), dt.datetime.fromtimestamp(int(end), dt.timezone.utc)
    series = fake.archive.series(symbol, interval)
    return not any(first <= bar.start < last for bar in series.bars if bar.start is not None)


def main(catalogue: Path) -> None:
    fake = FakeYahoo(NOW)
    server = serve(fake)
    try:
        with tempfile.TemporaryDirectory(prefix="dscheck-live-") as folder:
            work = Path(folder)
            shutil.copy(catalogue, work / "claims.yaml")
            (work / "evidence").mkdir()
            args = ["verify", str(work / "claims.yaml"), "--quiet", "--cache-dir", str(work / "cache")]
            with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
                dscheck(args, obj=Live(fake, server.url_for("/")).obj())
            parsed = load(work / "claims.yaml")
            groups = plan(parsed, Layered(None, Cache(work / "unused"), YahooFinance(clock=lambda: NOW)))
    finally:
        server.clear()
        server.stop()
    asked = [(s.symbol, s.query["interval"], s.query["period1"], s.query["period2"]) for s in fake.charts]
    if len(asked) != len(set(asked)):
        sys.exit("a (symbol, interval, span) was asked for twice")
    result = {
        "requests": len(asked),
        "groups": len(groups),
        "fallbacks": sum(_empty(fake, *request) for request in asked if request[1] in ("1m", "5m")),
        "claims": len(parsed.claims),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
