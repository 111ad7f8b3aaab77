"""Bars from the first source that has them: the evidence archive, then the cache, then the network."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dscheck.market.archive import EvidenceArchive, file_name
from dscheck.market.interface import INTERVALS, MarketData, Progress, Request, Series, Unavailable

if TYPE_CHECKING:  # the cache module is loaded when the cache is first asked, not by runs the archive answers
    from dscheck.market.cache import Cache

Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def settled_after(request: Request) -> dt.datetime:
    """When every session of the request has surely closed, whatever its market's time zone: an answer
    fetched after this will not change, so the cache may serve it without asking again."""
    return dt.datetime.combine(request.end + dt.timedelta(days=2), dt.time(), dt.timezone.utc)


class Deferred:
    """A source (or the cache) built when it is first used. A run answered from the evidence archive never
    uses the live path, so it need not pay for importing yfinance's wrapper or finding the cache folder."""

    def __init__(self, build: Callable[[], object]):
        self._build = build
        self._built: object | None = None

    def __getattr__(self, name: str):
        if self._built is None:
            self._built = self._build()
        return getattr(self._built, name)


@dataclass(frozen=True)
class Origin:
    """Where one series came from: "evidence", "cache", "network", or "none" (no source had it)."""

    kind: str
    fetched: dt.datetime | None = None


class Layered(MarketData):
    """The evidence archive first, then the cache, then `live`; `offline` stops before the network and
    `refresh` skips the cache (what is fetched is still kept in it).

    Each series' `source` says which one it came from; after `load`, `origin` holds the same per series,
    `notices` what the user should hear about (a damaged cache file, a cache that cannot be written), and
    `missing` why series could not be had at all (the network failed, or offline with no archive).
    `extend` offers the live source's intervals even for symbols the archive holds (`evidence fetch`).
    """

    def __init__(
        self,
        archive: EvidenceArchive | None,
        cache: Cache | None,
        live: MarketData | None,
        *,
        offline: bool = False,
        refresh: bool = False,
        clock: Clock = utc_now,
        extend: bool = False,
        archive_root: str | None = None,
    ):
        self.archive = archive
        self.cache = cache
        self.live = live
        self.offline = offline
        self.refresh = refresh
        self.clock = clock
        self.extend = extend
        self.archive_root = archive_root or (str(archive.root) if archive is not None else None)
        self.origin: dict[tuple[str, str], Origin] = {}
        self.notices: list[str] = []
        self.missing: list[str] = []

    def intervals(self, symbol: str, day: dt.date) -> tuple[str, ...]:
        archived = self.archive.intervals(symbol, day) if self.archive is not None else ()
        if archived and not self.extend:
            # The archive is the evidence chosen for this symbol: verdicts must not drift with the network.
            return archived
        offered = set(archived)
        if self.live is not None:
            offered.update(self.live.intervals(symbol, day))
        return tuple(i for i in INTERVALS if i in offered)

    def load(self, requests: Sequence[Request], progress: Progress | None = None) -> dict[tuple[str, str], Series | Unavailable]:
        self._progress, self._done, self._total = progress, 0, len(requests)
        result, origin = self._resolve(list(requests))
        self.origin.update(origin)
        # Where the live source had nothing at the planned interval (none in that span, or no longer served),
        # ask once more a step coarser, and answer the planned key with what was found: the series' own
        # interval records which one was used. No request is made for this when the finer one had bars.
        waiting = {
            (r.symbol, r.interval): r for r in requests
            if self._came_empty(result[(r.symbol, r.interval)], origin[(r.symbol, r.interval)])
        }
        coarser = getattr(self.live, "coarser", None) if waiting else None
        if coarser is None:
            waiting = {}
        while waiting:
            steps = {key: Request(r.symbol, c, r.start, r.end) for key, r in waiting.items() if (c := coarser(r))}
            if not steps:
                break
            self._total += len(steps)
            answers, found = self._resolve(list(steps.values()))
            waiting = {}
            for key, step in steps.items():
                answer, came = answers[(step.symbol, step.interval)], found[(step.symbol, step.interval)]
                if isinstance(answer, Series):
                    result[key], self.origin[key] = answer, came
                elif self._came_empty(answer, came):
                    result[key] = Unavailable(f"{result[key].reason}, and {answer.reason}")
                    waiting[key] = step
                else:
                    result[key], self.origin[key] = answer, came
        return {key: self._with_archive(key, answer) for key, answer in result.items()}

    @staticmethod
    def _came_empty(answer: Series | Unavailable, origin: Origin) -> bool:
        """A settled "none" for an intraday series from the cache or the network (not a fault, not evidence)."""
        return isinstance(answer, Unavailable) and not (answer.retry or answer.damaged) and origin.kind != "evidence"

    def _tick(self, what: str) -> None:
        self._done += 1
        if self._progress:
            self._progress(what, self._done, self._total)

    def _resolve(self, requests: list[Request]) -> tuple[dict, dict]:
        """Each request from the archive, else the cache, else the network: answers and origins by key."""
        result: dict[tuple[str, str], Series | Unavailable] = {}
        origin: dict[tuple[str, str], Origin] = {}
        partial: dict[tuple[str, str], Series] = {}  # archive series that do not cover their request
        pending: list[Request] = []
        for request in requests:
            key = (request.symbol, request.interval)
            found = self._from_archive(request)
            if isinstance(found, Unavailable) or (isinstance(found, Series) and self.archive_covers(request)):
                result[key], origin[key] = found, Origin("evidence")
                self._tick(f"{request.symbol} {request.interval} (evidence)")
                continue
            if isinstance(found, Series):
                partial[key] = found
            hit = self._from_cache(request)
            if hit is not None:
                result[key], origin[key] = hit
                self._tick(f"{request.symbol} {request.interval} (cache)")
                continue
            pending.append(request)
        if not pending:
            return result, origin
        if self.offline or self.live is None:
            for request in pending:
                key = (request.symbol, request.interval)
                result[key] = partial.get(key) or self._offline(request)
                origin[key] = Origin("evidence" if key in partial else "none")
                self._tick(f"{request.symbol} {request.interval} (not fetched)")
            return result, origin

        before = self._done

        def relay(what: str, step: int, _total: int) -> None:
            self._done = before + step
            if self._progress:
                self._progress(f"{what} (network)", self._done, self._total)

        fetched = self.live.load(pending, relay)
        now = self.clock()
        for request in pending:
            key = (request.symbol, request.interval)
            answer = fetched.get(key) or Unavailable(f"{request.symbol} {request.interval}: the source gave no answer", retry=True)
            if not (isinstance(answer, Unavailable) and answer.retry):
                self._keep(request, answer, now)
            if isinstance(answer, Series) and not answer.bars:
                answer = Unavailable(f"{getattr(self.live, 'name', 'the source')} has no {_what(request)}")
            if isinstance(answer, Unavailable) and key in partial:
                self.notices.append(
                    f"the evidence archive's {request.symbol} {request.interval} bars do not cover every date the "
                    f"claims need, so they were used as they are: {answer.reason}"
                )
                result[key], origin[key] = partial[key], Origin("evidence")
                continue
            if isinstance(answer, Unavailable) and answer.retry:
                self.missing.append(answer.reason)
            result[key] = answer
            origin[key] = Origin("network" if isinstance(answer, Series) else "none", now)
        return result, origin

    # The layers -------------------------------------------------------------------------------------

    def _from_archive(self, request: Request) -> Series | Unavailable | None:
        name = file_name(request.symbol, request.interval) if self.archive is not None else ""
        # A bar file the manifest does not list is damage the archive reports, not a reason to look elsewhere.
        if self.archive is None or (name not in self.archive.manifest and not (self.archive.root / name).exists()):
            return None
        return self.archive.series(request.symbol, request.interval)

    def archive_covers(self, request: Request) -> bool:
        """Whether the archive's file for the request is complete for all of its dates."""
        entry = self.archive.manifest.get(file_name(request.symbol, request.interval)) if self.archive else None
        if entry is None:
            return False
        reach = request.start
        for first, last in sorted(entry.coverage()):
            if first > reach:
                break
            reach = max(reach, last + dt.timedelta(days=1))
        return reach > request.end

    def _with_archive(self, key: tuple[str, str], answer: Series | Unavailable) -> Series | Unavailable:
        """An answer that is no answer also says what the archive lacked, so the reader hears every source."""
        if not isinstance(answer, Unavailable) or self.archive is None:
            return answer
        lacked = self.archive.series(*key)
        if not isinstance(lacked, Unavailable) or lacked.damaged:
            return answer
        return Unavailable(f"{lacked.reason}, and {answer.reason}", retry=answer.retry)

    def _from_cache(self, request: Request) -> tuple[Series | Unavailable, Origin] | None:
        if self.cache is None or self.refresh:
            return None
        from dscheck.market.cache import CacheDamaged, stamp

        try:
            hit = self.cache.get(request, provisional=self.offline)
        except CacheDamaged as exc:
            then = "it was not used" if self.offline else "fetching it again"
            self.notices.append(f"damaged cache file: {exc}; {then}")
            return None
        if hit is None:
            return None
        answer = hit.answer
        if isinstance(answer, Series) and not answer.bars:
            answer = Unavailable(f"{getattr(self.live, 'name', 'the source')} has no {_what(request)} "
                                 f"(answer of {stamp(hit.fetched)}, kept in the cache; --refresh asks again)")
        return answer, Origin("cache", hit.fetched)

    def _keep(self, request: Request, answer: Series | Unavailable, now: dt.datetime) -> None:
        if self.cache is None:
            return
        try:
            self.cache.put(request, answer, now, now >= settled_after(request), getattr(self.live, "name", "network"))
        except OSError as exc:
            self.notices.append(
                f"could not write the cache at {self.cache.root} ({exc.strerror or exc}); the bars are used but not kept"
            )

    def _offline(self, request: Request) -> Unavailable:
        what = _what(request)
        if self.archive is None:
            where = f"none at {self.archive_root}" if self.archive_root else "none was named"
            reason = (
                f"no evidence archive ({where}) and no cached {what}; --offline kept dscheck off the network. "
                "Run without --offline to fetch them from Yahoo Finance, or build an archive (`dscheck evidence "
                "fetch` where the network works, `dscheck evidence import DIR` from CSV files) and name it with --evidence"
            )
            self.missing.append(reason)
            return Unavailable(reason)
        return Unavailable(
            f"the cache has no {what} either; --offline kept dscheck off the network (run without --offline to "
            "fetch them from Yahoo Finance)"
        )


def _what(request: Request) -> str:
    first, last = request.start, request.end
    dates = f"{first.day} {first:%b %Y}" if first == last else f"{first.day} {first:%b %Y} to {last.day} {last:%b %Y}"
    return f"{request.symbol} {request.interval} bars for {dates}"
