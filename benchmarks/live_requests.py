"""Count the live path's chart requests for one catalogue, against the test suite's fake Yahoo server.

    python benchmarks/live_requests.py CATALOGUE     # prints {"requests", "groups", "empty", "claims", "again"}

The catalogue is checked from a folder without an evidence archive, so every bar comes from the fake server
(tests/fake_yahoo.py on 127.0.0.1) in its complete mode: it answers like Yahoo with full data, every symbol
it knows at every interval (the finer bars the bundled evidence lacks are synthesised from its coarser ones),
so the provider never has to ask again one interval coarser, as it does for the gaps of the bundled files.
`groups` is what the plan asks for, `requests` the chart requests made, and the target is that they are equal;
`empty` counts the answers that held no bars, `again` the requests of a second run over the same cache (0).
It exits 1, after printing, when requests differ from groups, a second run asks anything, or anything was
asked twice.
"""

from __future__ import annotations

import contextlib
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

from fake_yahoo import NOW, FakeYahoo, running  # noqa: E402

from dscheck.catalogue import load  # noqa: E402
from dscheck.cli import main as dscheck  # noqa: E402
from dscheck.market.cache import Cache  # noqa: E402
from dscheck.market.layered import Layered  # noqa: E402
from dscheck.market.yahoo import YahooFinance  # noqa: E402
from dscheck.verdicts import plan  # noqa: E402


def count(catalogue: Path) -> dict:
    """Verify `catalogue` twice over one cache against the complete fake; what was asked, and what planned."""
    fake = FakeYahoo(NOW, complete=True)
    with running(fake) as live:
        with tempfile.TemporaryDirectory(prefix="dscheck-live-") as folder:
            work = Path(folder)
            shutil.copy(catalogue, work / "claims.yaml")
            (work / "evidence").mkdir()
            args = ["verify", str(work / "claims.yaml"), "--quiet", "--cache-dir", str(work / "cache")]
            first: list = []
            barren = 0
            for run in range(2):
                with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
                    dscheck(args, obj=live.obj())
                if run == 0:
                    first, barren = list(fake.charts), len(fake.barren)
            parsed = load(work / "claims.yaml")
            groups = plan(parsed, Layered(None, Cache(work / "unused"), YahooFinance(clock=lambda: NOW)))
    asked = [(s.symbol, s.query["interval"], s.query["period1"], s.query["period2"]) for s in first]
    return {
        "requests": len(asked),
        "groups": len(groups),
        "empty": barren,
        "claims": len(parsed.claims),
        "again": len(fake.charts) - len(first),
        "twice": len(asked) - len(set(asked)),
    }


def main(catalogue: Path) -> int:
    found = count(catalogue)
    print(json.dumps(found))
    if found["twice"]:
        print(f"{found['twice']} (symbol, interval, span) asked for twice", file=sys.stderr)
    if found["requests"] != found["groups"]:
        print(f"{found['requests']} chart requests for {found['groups']} planned groups", file=sys.stderr)
    if found["again"]:
        print(f"a second run over the same cache made {found['again']} chart requests", file=sys.stderr)
    return 1 if found["twice"] or found["again"] or found["requests"] != found["groups"] else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
