"""Suite-wide guards: no test reaches a real host, and no test inherits yfinance's process-wide state."""

from __future__ import annotations

import ipaddress
import socket

import pytest

LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}
# Nothing listens on the discard port: a client that obeys the proxy variables fails at once, on loopback.
DEAD_PROXY = "http://127.0.0.1:9"


def is_loopback(host) -> bool:
    if not isinstance(host, str):
        return False
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.split("%", 1)[0]).is_loopback
    except ValueError:
        return False


class NetworkGuard:
    """What the guard stopped. A test that means to knock on a real host says so with `expect_blocked()`."""

    def __init__(self):
        self.blocked: list[str] = []
        self.expected = False

    def refuse(self, what: str) -> None:
        self.blocked.append(what)
        raise ConnectionRefusedError(f"the test suite may not reach {what} (only loopback)")

    def expect_blocked(self) -> None:
        self.expected = True


@pytest.fixture(autouse=True)
def network_guard(monkeypatch):
    """Fail any test that connects to a non-loopback address.

    Python sockets (and so every pure-Python client) may connect to loopback only, and names other than
    localhost are not looked up. curl, which yfinance uses through curl_cffi, opens its sockets in C: it is
    pointed at a dead loopback proxy through the proxy variables, and curl_cffi's session refuses any URL
    whose host is not loopback before curl is started, so a Yahoo URL that escaped the test's routing fails
    the test instead of leaving the machine.
    """
    guard = NetworkGuard()
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo

    def host_of(address):
        return address[0] if isinstance(address, tuple) and address else None

    def connect(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and not is_loopback(host_of(address)):
            guard.refuse(repr(address))
        return real_connect(self, address)

    def connect_ex(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and not is_loopback(host_of(address)):
            guard.refuse(repr(address))
        return real_connect_ex(self, address)

    def getaddrinfo(host, *args, **kwargs):
        name = host.decode() if isinstance(host, bytes) else host
        if name is not None and not is_loopback(name):
            guard.refuse(f"the name {name}")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    for name in ("ALL_PROXY", "HTTPS_PROXY", "HTTP_PROXY", "all_proxy", "https_proxy", "http_proxy"):
        monkeypatch.setenv(name, DEAD_PROXY)
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.setenv(name, "127.0.0.1,localhost,::1")

    try:
        from curl_cffi.requests import Session as CurlSession
    except ImportError:  # pragma: no cover - curl_cffi comes with yfinance
        CurlSession = None
    if CurlSession is not None:
        from urllib.parse import urlsplit

        real_request = CurlSession.request

        def request(self, method, url, *args, **kwargs):
            host = urlsplit(url).hostname
            if not is_loopback(host):
                guard.blocked.append(url)
                from curl_cffi.requests.exceptions import ConnectionError as CurlConnectionError

                raise CurlConnectionError(f"the test suite may not reach {host} (only loopback)")
            return real_request(self, method, url, *args, **kwargs)

        monkeypatch.setattr(CurlSession, "request", request)
    yield guard
    if guard.blocked and not guard.expected:
        pytest.fail(f"the test tried to reach a real host: {guard.blocked}")


@pytest.fixture(autouse=True)
def fresh_yfinance():
    """yfinance keeps a session/cookie/crumb singleton, memoized answers and open cache databases for the whole
    process: forget them after every test (only if the test imported yfinance at all)."""
    yield
    import sys

    if "yfinance" in sys.modules:
        from fake_yahoo import reset_yfinance

        reset_yfinance()


@pytest.fixture
def yahoo():
    """The fake Yahoo server on 127.0.0.1, answering from the bundled evidence; stopped after the test."""
    from fake_yahoo import NOW, FakeYahoo, running

    with running(FakeYahoo(NOW)) as live:
        yield live
