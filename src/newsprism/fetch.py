"""Stage 0, fetch: pages and feeds from the web, politely.

Polite by default: robots.txt obeyed (Protego), one request at a time per host with a delay
between two (``Politeness.delay``, or the site's Crawl-delay when longer), a few requests in
flight across hosts, a user agent that names newsprism, conditional requests, retries with backoff
on 429 and 5xx honouring Retry-After, a timeout and a size limit per page. Only http(s) URLs, and
never a private, loopback or link-local address unless ``allow_private`` (a server-side request
forgery guard, checked again at every redirect). Nothing here raises on a bad URL or a failed
request: the result says why.
"""

from __future__ import annotations

import email.utils
import ipaddress
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Mapping
from urllib.parse import urljoin, urlsplit

from . import __version__

USER_AGENT = f"newsprism/{__version__} (+https://github.com/newsprism/newsprism)"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_REDIRECTS = 5


@dataclass(frozen=True)
class Politeness:
    """How hard newsprism may hit the web."""

    delay: float = 2.0  # seconds between two requests to one host
    concurrency: int = 4  # requests in flight at once, all hosts together
    timeout: float = 20.0  # seconds for a whole response, connection to last byte
    max_bytes: int = 10 * 2**20  # a larger page is refused, not truncated
    retries: int = 3  # more tries after a 429 / 5xx / network error
    max_retry_wait: float = 120.0  # a Retry-After longer than this gives up until the next run
    allow_private: bool = False
    user_agent: str = USER_AGENT


@dataclass(frozen=True)
class Fetched:
    """What one URL gave: the body of a 2xx, a 304 (unchanged since the tags sent), or why not."""

    url: str  # as asked
    final_url: str  # after redirects
    status: int  # the last HTTP status; 0 when no response came
    body: bytes = b""
    headers: Mapping[str, str] = field(default_factory=dict)  # lower-case names
    error: str | None = None  # None when the body (or the 304) can be used
    refused: bool = False  # not asked at all (scheme, address, robots.txt): no use trying again

    @property
    def ok(self) -> bool:
        return self.error is None and 200 <= self.status < 300

    @property
    def not_modified(self) -> bool:
        return self.error is None and self.status == 304

    def text(self) -> str:
        """The body decoded: UTF-8 when it is valid UTF-8 (a server's header is wrong more often
        than valid UTF-8 is an accident), else the charset the server names, else cp1252."""
        charset = _charset(self.headers.get("content-type", ""))
        for enc in ["utf-8"] + ([charset] if charset else []):
            try:
                return self.body.decode(enc)
            except (LookupError, UnicodeDecodeError):
                continue
        return self.body.decode("cp1252", errors="replace")


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        name, _, value = part.strip().partition("=")
        if name.lower() == "charset" and value:
            return value.strip("\"' ")
    return None


class Fetcher:
    """A polite HTTP client for many URLs (thread-safe). ``transport`` (an httpx transport) and
    ``resolve`` (host name -> addresses) stand in for the network in tests."""

    def __init__(self, politeness: Politeness | None = None, transport: object | None = None, resolve: Callable[[str], list[str]] | None = None) -> None:
        import httpx

        self.p = politeness or Politeness()
        self.client = httpx.Client(headers={"User-Agent": self.p.user_agent}, follow_redirects=False, timeout=self.p.timeout, transport=transport)  # type: ignore[arg-type]
        self.resolve = resolve or _addresses
        self._hosts: dict[str, _Host] = {}
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(max(1, self.p.concurrency))

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def iter_many(self, urls: Iterable[str]) -> Iterator[Fetched]:
        """``get`` each URL, up to ``concurrency`` at once (one at a time per host); results in
        the order of ``urls``, each as soon as it and those before it are done."""
        with ThreadPoolExecutor(max_workers=max(1, self.p.concurrency)) as pool:
            yield from pool.map(self.get, list(urls))

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET one URL, following up to ``MAX_REDIRECTS`` redirects, each hop checked (scheme,
        address, robots.txt) and paced like a request of its own."""
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            refusal = self._refusal(current)
            if refusal:
                return Fetched(url, current, 0, error=refusal, refused=True)
            headers = {}
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
            got = self._request(current, headers)
            if got.error or got.status not in {301, 302, 303, 307, 308}:
                return Fetched(url, current, got.status, got.body, got.headers, got.error)
            target = got.headers.get("location")
            if not target:
                return Fetched(url, current, got.status, error=f"HTTP {got.status} redirect without a Location")
            current = urljoin(current, target)
        return Fetched(url, current, 0, error=f"more than {MAX_REDIRECTS} redirects")

    # -- one hop --------------------------------------------------------------------------------

    def _refusal(self, url: str) -> str | None:
        """Why ``url`` must not be requested, or None."""
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            return f"not an http(s) URL: {url[:200]}"
        if not self.p.allow_private:
            try:
                addresses = self.resolve(parts.hostname)
            except OSError as exc:
                return f"cannot resolve {parts.hostname}: {exc}"
            private = [a for a in addresses if not ipaddress.ip_address(a.split("%")[0]).is_global]
            if private:
                return f"{parts.hostname} is a private, loopback or link-local address ({private[0]}); pass --allow-private to fetch it"
        if not self._host(url).allows(url, self):
            return f"robots.txt of {parts.hostname} disallows it"
        return None

    def _host(self, url: str) -> "_Host":
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc.lower()}"
        with self._lock:
            return self._hosts.setdefault(origin, _Host(origin))

    def _request(self, url: str, headers: dict[str, str]) -> Fetched:
        """One request with retries on 429 / 5xx / network errors, paced for its host."""
        host = self._host(url)
        last = Fetched(url, url, 0, error="not tried")
        for attempt in range(self.p.retries + 1):
            with host.turn(max(self.p.delay, host.crawl_delay)), self._slots:  # a host's pause holds no slot other hosts could use
                last = self._send(url, headers)
            if last.status not in RETRY_STATUSES and not (last.status == 0 and last.error and last.error.startswith("network")):
                return last
            wait = _retry_after(last.headers.get("retry-after")) if last.status else None
            wait = self.p.delay * 2**attempt if wait is None else wait
            if wait > self.p.max_retry_wait:
                return Fetched(url, url, last.status, headers=last.headers, error=f"HTTP {last.status}: asked to retry after {wait:.0f} s; tried again next run")
            if attempt < self.p.retries:
                time.sleep(wait)
        reason = last.error or f"HTTP {last.status}"
        return Fetched(url, url, last.status, headers=last.headers, error=f"{reason} after {self.p.retries + 1} tries")

    def _send(self, url: str, headers: dict[str, str]) -> Fetched:
        import httpx

        deadline = time.monotonic() + self.p.timeout
        try:
            with self.client.stream("GET", url, headers=headers) as resp:
                hdrs = {k.lower(): v for k, v in resp.headers.items()}
                declared = hdrs.get("content-length", "")
                if declared.isdigit() and int(declared) > self.p.max_bytes:
                    return Fetched(url, url, resp.status_code, headers=hdrs, error=f"larger than {self.p.max_bytes // 2**20} MB ({int(declared) // 2**20} MB declared)")
                chunks, size = [], 0
                for chunk in resp.iter_bytes():
                    size += len(chunk)
                    if size > self.p.max_bytes:
                        return Fetched(url, url, resp.status_code, headers=hdrs, error=f"larger than {self.p.max_bytes // 2**20} MB")
                    if time.monotonic() > deadline:
                        return Fetched(url, url, 0, headers=hdrs, error=f"network: no complete response within {self.p.timeout:g} s")
                    chunks.append(chunk)
                status = resp.status_code
        except httpx.TimeoutException:
            return Fetched(url, url, 0, error=f"network: no response within {self.p.timeout:g} s")
        except httpx.HTTPError as exc:
            return Fetched(url, url, 0, error=f"network: {type(exc).__name__}: {str(exc)[:200]}")
        body = b"".join(chunks)
        if status >= 400:
            return Fetched(url, url, status, headers=hdrs, error=f"HTTP {status}")
        return Fetched(url, url, status, body, hdrs)


class _Host:
    """One origin's robots.txt and the time its next request may start."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.lock = threading.Lock()
        self.next_at = 0.0
        self.crawl_delay = 0.0
        self._robots: object | None = None
        self._robots_error: str | None = None
        self._robots_lock = threading.Lock()

    def turn(self, delay: float) -> "_Turn":
        return _Turn(self, delay)

    def allows(self, url: str, fetcher: Fetcher) -> bool:
        """robots.txt says yes (fetched once per run: a 4xx means no rules, a 5xx or no answer
        means stay away this run, as RFC 9309 asks)."""
        with self._robots_lock:
            if self._robots is None and self._robots_error is None:
                self._load_robots(fetcher)
        if self._robots_error is not None:
            return False
        return bool(self._robots.can_fetch(url, fetcher.p.user_agent))  # type: ignore[attr-defined]

    def _load_robots(self, fetcher: Fetcher) -> None:
        from protego import Protego

        got = fetcher._request(self.origin + "/robots.txt", {})
        if got.status and 400 <= got.status < 500:
            self._robots = Protego.parse("")
        elif got.ok:
            self._robots = Protego.parse(got.text())
            delay = self._robots.crawl_delay(fetcher.p.user_agent)
            self.crawl_delay = float(delay) if delay else 0.0
        else:
            self._robots_error = got.error or f"HTTP {got.status}"


class _Turn:
    """Holds a host for one request: waits until its delay since the last one has passed."""

    def __init__(self, host: _Host, delay: float) -> None:
        self.host, self.delay = host, delay

    def __enter__(self) -> None:
        self.host.lock.acquire()
        wait = self.host.next_at - time.monotonic()
        if wait > 0:
            time.sleep(wait)

    def __exit__(self, *exc: object) -> None:
        self.host.next_at = time.monotonic() + self.delay
        self.host.lock.release()


def _retry_after(value: str | None) -> float | None:
    """Seconds a Retry-After header asks for (a number or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _addresses(host: str) -> list[str]:
    """Every address ``host`` resolves to (a literal address is itself)."""
    try:
        return [str(ipaddress.ip_address(host.strip("[]")))]
    except ValueError:
        return sorted({info[4][0] for info in socket.getaddrinfo(host, None)})
