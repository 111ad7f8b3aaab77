"""The suite's network guard holds, and the live path costs nothing when it is not used."""

from __future__ import annotations

import datetime as dt
import socket
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def test_python_sockets_reach_loopback_only(network_guard):
    network_guard.expect_blocked()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("192.0.2.1", 443), timeout=1)  # TEST-NET-1: documentation only
    with pytest.raises(ConnectionRefusedError):
        socket.getaddrinfo("query2.finance.yahoo.com", 443)
    assert len(network_guard.blocked) == 2
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        socket.create_connection(server.getsockname(), timeout=1).close()  # loopback stays open


def test_curl_reaches_loopback_only(network_guard):
    network_guard.expect_blocked()
    from curl_cffi import requests as curl

    with pytest.raises(curl.exceptions.ConnectionError):
        curl.Session().get("https://query2.finance.yahoo.com/v8/finance/chart/NVDA", timeout=2)
    assert network_guard.blocked == ["https://query2.finance.yahoo.com/v8/finance/chart/NVDA"]


def test_a_yahoo_provider_left_unrouted_is_caught(network_guard, tmp_path):
    """Had a test forgotten to hand yfinance the routed session, the guard stops it and fails the test."""
    network_guard.expect_blocked()
    from dscheck.market.interface import Request
    from dscheck.market.yahoo import YahooFinance

    day = dt.date(2025, 1, 27)
    live = YahooFinance(cache_dir=tmp_path, clock=lambda: dt.datetime(2025, 3, 10, tzinfo=dt.timezone.utc), sleep=lambda s: None)
    out = live.load([Request("NVDA", "1d", day, day), Request("SPY", "1d", day, day)])
    assert all(u.retry for u in out.values())  # unavailable, and the run stopped asking after the first
    assert network_guard.blocked and all("yahoo.com" in url for url in network_guard.blocked)


def test_curl_itself_is_pointed_at_a_dead_proxy():
    """Below curl_cffi's session, libcurl reads the proxy variables: a handle used directly cannot leave."""
    from curl_cffi import Curl, CurlError, CurlOpt

    handle = Curl()
    handle.setopt(CurlOpt.URL, b"http://192.0.2.1/")
    handle.setopt(CurlOpt.CONNECTTIMEOUT_MS, 2000)
    with pytest.raises(CurlError, match="127.0.0.1"):
        handle.perform()
    handle.close()


def test_offline_runs_and_help_never_import_yfinance():
    code = (
        "import sys\n"
        "from dscheck.cli import main\n"
        "try:\n"
        "    main(sys.argv[1:])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = sorted(m for m in ('yfinance', 'curl_cffi', 'pandas') if m in sys.modules)\n"
        "print('HEAVY', heavy)\n"
    )
    for args in (["--help"], ["verify", "--help"], ["verify", "claims.yaml", "--offline", "-q"]):
        done = subprocess.run(
            [sys.executable, "-c", code, *args], cwd=REPO, capture_output=True, text=True, timeout=120,
            env={"PATH": "/usr/bin:/bin", "HOME": str(REPO / ".no-home"), "DSCHECK_CACHE_DIR": "/nonexistent/cache"},
        )
        assert "HEAVY []" in done.stdout, (args, done.stdout, done.stderr)
