"""URLs: normalisation and article filters (courlan), per-source patterns, and the address policy
that keeps links found in feeds, sitemaps and redirects away from private networks."""
from __future__ import annotations

import ipaddress
import re
import socket
from dataclasses import dataclass, field
from threading import Lock
from urllib.parse import urljoin, urlsplit, urlunsplit

from courlan import normalize_url, scrub_url
from courlan.filters import domain_filter, extension_filter, type_filter

SCHEMES = ("http", "https")
ROOT_PATHS = ("", "/")
LOCAL_NAMES = frozenset({"localhost", "localhost.localdomain"})


class UnsafeAddress(ValueError):
    """A host that resolves into a private, loopback or link-local range and was not named by the user."""


def host_of(url: str) -> str:
    """Lower-case host name of a URL, without port or brackets ('' when there is none)."""
    try:
        return (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""


def normalise(url: str, base: str | None = None) -> str | None:
    """An absolute, normalised http(s) URL (tracking parameters and fragment dropped), or None."""
    if not url:
        return None
    url = url.strip()
    if base:
        try:
            url = urljoin(base, url)
        except ValueError:
            return None
    try:
        url = scrub_url(url)
        parts = urlsplit(url)
        if parts.scheme.lower() not in SCHEMES or not parts.hostname:
            return None
        parts.port  # noqa: B018 - raises ValueError on a malformed port
        url = normalize_url(parts, strict=False, trailing_slash=True)
    except ValueError:
        return None
    parts = urlsplit(url)
    path = parts.path or "/"
    if "/." in path:  # RFC 3986 dot segments: /a/../b -> /b
        path = urlsplit(urljoin(f"{parts.scheme}://{parts.netloc}/", path)).path or "/"
    return urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))


def is_root(url: str) -> bool:
    """A site's home page (path '/' and no query): its feeds and sitemaps are looked for."""
    parts = urlsplit(url)
    return parts.path in ROOT_PATHS and not parts.query


def not_article_reason(url: str) -> str | None:
    """Why a link from a feed or sitemap cannot be a news article (courlan's filters), or None."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if not extension_filter(parts.path.lower()):
        return f"not a web page ({parts.path.rsplit('.', 1)[-1]} file)"
    if not type_filter(url, strict=False, with_nav=False):
        return "navigation, feed or site-structure page, not an article"
    if host not in LOCAL_NAMES and not _is_ip(host) and not domain_filter(host):
        return f"invalid host name {host!r}"
    return None


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        return False


@dataclass
class Patterns:
    """A source's include/exclude regular expressions (searched anywhere in the URL)."""

    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._inc = [re.compile(p) for p in self.include]
        self._exc = [re.compile(p) for p in self.exclude]

    def reason(self, url: str) -> str | None:
        """Why the URL is left out by the patterns, or None when it is kept."""
        for rx in self._exc:
            if rx.search(url):
                return f"excluded by pattern {rx.pattern!r}"
        if self._inc and not any(rx.search(url) for rx in self._inc):
            return "matches no include pattern"
        return None


def unsafe_kind(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """The non-public range an address belongs to ('loopback', 'private', ...), or None if public."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    for name in ("loopback", "link_local", "private", "multicast", "unspecified", "reserved"):
        if getattr(ip, f"is_{name}"):
            return name.replace("_", "-")
    if not ip.is_global:
        return "non-public"
    return None


def resolve(host: str, port: int | None = None) -> list[str]:
    """Every address of a host (an IP literal resolves to itself, without any network traffic)."""
    infos = socket.getaddrinfo(host, port or 80, type=socket.SOCK_STREAM)
    seen: list[str] = []
    for info in infos:
        addr = info[4][0].split("%", 1)[0]
        if addr not in seen:
            seen.append(addr)
    return seen


class AddressPolicy:
    """A link may lead to a non-public address only on a host the user named as a source, or one
    allowed in the config (or one that resolves to the same address as such a host)."""

    def __init__(self, named_hosts: set[str] | list[str] = (), allowed_hosts: set[str] | list[str] = ()) -> None:
        self.trusted = {h.lower().rstrip(".") for h in [*named_hosts, *allowed_hosts] if h}
        self._trusted_addrs: set[str] | None = None
        self._resolved: dict[tuple[str, int | None], list[str]] = {}  # one lookup per host and run
        self._lock = Lock()

    def trusted_addresses(self) -> set[str]:
        with self._lock:
            if self._trusted_addrs is None:
                addrs: set[str] = set()
                for h in self.trusted:
                    try:
                        addrs.update(resolve(h))
                    except OSError:
                        continue
                self._trusted_addrs = addrs
            return self._trusted_addrs

    def addresses(self, host: str, port: int | None = None) -> list[str]:
        """The addresses to connect to; raises UnsafeAddress (before any connection) or OSError."""
        host = host.lower().rstrip(".").strip("[]")
        addrs = self._resolved.get((host, port))
        if addrs is None:
            addrs = self._resolved[(host, port)] = resolve(host, port)
        if host in self.trusted:
            return addrs
        for addr in addrs:
            kind = unsafe_kind(ipaddress.ip_address(addr))
            if kind and addr not in self.trusted_addresses():
                what = f"{host} is a {kind} address" if addr == host else f"{host} resolves to {addr}, a {kind} address"
                raise UnsafeAddress(f"refused: {what}, and {host} is neither a source host nor listed in fetch.allowed_private_hosts")
        return addrs

    def check(self, url: str) -> str | None:
        """None when the URL may be fetched, else the reason it is refused."""
        parts = urlsplit(url)
        if parts.scheme.lower() not in SCHEMES:
            return f"refused: unsupported URL scheme {parts.scheme or 'none'!r}"
        host = (parts.hostname or "").lower()
        if not host:
            return "refused: URL has no host"
        try:
            self.addresses(host, parts.port)
        except UnsafeAddress as exc:
            return str(exc)
        except (OSError, UnicodeError) as exc:
            return f"cannot resolve host {host}: {exc}"
        return None
