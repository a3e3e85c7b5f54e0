"""The SSRF guard: which addresses kagaz may connect to when it downloads a submitted URL.

Only ``http`` and ``https`` URLs are fetched, and only from globally routable unicast
addresses. Loopback, private (RFC 1918, ULA), shared (CGNAT), link-local, multicast, reserved,
unspecified and documentation ranges are refused, and so are addresses embedded in IPv6 forms
(IPv4-mapped ``::ffff:a.b.c.d``, 6to4, Teredo, NAT64). Cloud metadata endpoints are refused even
when an exception would otherwise allow them. ``KAGAZ_FETCH_ALLOW_PRIVATE`` lists the exceptions:
CIDRs (``10.1.0.0/16``, ``127.0.0.1``) or host names (``minio.internal``, or ``.corp.example``
for every host under a domain).

The decision is made on the addresses the host resolves to, by :func:`resolve_checked`, and the
connection is then made to those checked addresses (see :mod:`kagaz.fetch.transport`), so DNS
cannot answer differently between the check and the connection.

:func:`parse_url` refuses what is not a plain ``http(s)://host[:port]/...`` URL (other schemes,
credentials in the URL, odd host spellings, over-long URLs). Legacy numeric host spellings that
C resolvers accept (``2130706433``, ``0x7f.1``, ``0177.0.0.1``, ``127.1``) are read as the address
they mean and checked as such, whatever the resolver. :func:`check_url` is the whole decision for
one URL, for callers that want to refuse early (a callback or auth URL when it is registered);
the request itself must still go through :class:`~kagaz.fetch.transport.GuardedTransport` (or
:class:`~kagaz.fetch.fetcher.Fetcher`), which decides again on the address it connects to.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass

import httpx

from kagaz.errors import FetchError, FetchRefused, FetchTimeout

__all__ = [
    "METADATA_ADDRESSES",
    "AddressPolicy",
    "IPAddress",
    "MAX_URL_LENGTH",
    "Resolver",
    "check_url",
    "parse_url",
    "refusal_reason",
    "resolve_checked",
    "system_resolver",
]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], Sequence[str]]

METADATA_ADDRESSES: frozenset[IPAddress] = frozenset(
    ipaddress.ip_address(a)
    for a in (
        "169.254.169.254",  # AWS, GCP, Azure, OpenStack, DigitalOcean, Oracle
        "169.254.170.2",  # AWS ECS task metadata
        "169.254.169.123",  # AWS time sync
        "100.100.100.200",  # Alibaba Cloud
        "fd00:ec2::254",  # AWS IMDS over IPv6
        "fd00:ec2::23",  # AWS ECS over IPv6
    )
)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
MAX_URL_LENGTH = 8192
# What a host may look like on the wire: DNS labels (IDNs arrive as xn-- punycode) or an IPv6
# literal. Percent-escapes, scope ids and anything else a resolver might read differently are out.
_NAME = re.compile(r"[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.?")
_IPV6 = re.compile(r"[0-9A-Fa-f:.]+")
# inet_aton's spellings of an IPv4 address: one to four parts, each decimal, 0-octal or 0x-hex.
_INET_ATON = re.compile(r"(?:0[xX][0-9A-Fa-f]*|[0-9]+)(?:\.(?:0[xX][0-9A-Fa-f]*|[0-9]+)){0,3}")


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def refusal_reason(ip: IPAddress) -> str | None:
    """Why ``ip`` must not be fetched from, or None for a public unicast address.

    >>> refusal_reason(ipaddress.ip_address("93.184.216.34")) is None
    True
    >>> refusal_reason(ipaddress.ip_address("::ffff:127.0.0.1"))
    'loopback'
    >>> refusal_reason(ipaddress.ip_address("169.254.169.254"))
    'cloud metadata'
    """
    if ip in METADATA_ADDRESSES:
        return "cloud metadata"
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.scope_id:
            return "scoped"
        inner = _embedded_ipv4(ip)
        if inner is not None:
            return refusal_reason(inner)
    checks = (
        ("unspecified", ip.is_unspecified),
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("private", ip.is_private),
        ("reserved", ip.is_reserved),
        ("not globally routable", not ip.is_global),
    )
    for reason, hit in checks:
        if hit:
            return reason
    return None


@dataclass(frozen=True)
class AddressPolicy:
    """Refuse non-public addresses, except the listed networks and host names."""

    networks: tuple[IPNetwork, ...] = ()
    hosts: tuple[str, ...] = ()

    @classmethod
    def from_setting(cls, value: str) -> AddressPolicy:
        """Parse ``KAGAZ_FETCH_ALLOW_PRIVATE``: comma-separated CIDRs, addresses or host names.

        >>> AddressPolicy.from_setting("127.0.0.1, 10.0.0.0/8, Minio.Local.")
        AddressPolicy(networks=(IPv4Network('127.0.0.1/32'), IPv4Network('10.0.0.0/8')), hosts=('minio.local',))
        """
        networks: list[IPNetwork] = []
        hosts: list[str] = []
        for raw in value.split(","):
            item = raw.strip()
            if not item:
                continue
            try:
                networks.append(ipaddress.ip_network(item, strict=False))
            except ValueError:
                hosts.append(_normalise_host(item))
        return cls(tuple(networks), tuple(hosts))

    def host_allowed(self, host: str) -> bool:
        host = _normalise_host(host)
        for entry in self.hosts:
            if host == entry or (entry.startswith(".") and host.endswith(entry)):
                return True
        return False

    def check(self, ip: IPAddress, *, host: str) -> None:
        """Raise :class:`FetchRefused` unless connecting to ``ip`` (for ``host``) is allowed."""
        reason = refusal_reason(ip)
        if reason is None:
            return
        if reason != "cloud metadata":
            if self.host_allowed(host):
                return
            if any(ip.version == n.version and ip in n for n in self.networks):
                return
        raise FetchRefused(f"Refused to connect to a {reason} address")


def _normalise_host(host: str) -> str:
    return host.strip().strip("[]").rstrip(".").lower()


def _literal_address(name: str) -> IPAddress | None:
    """The address ``name`` spells, in standard or inet_aton form, or None for a host name.

    >>> [str(_literal_address(h)) for h in ("2130706433", "0x7f.1", "0177.0.0.1", "::1")]
    ['127.0.0.1', '127.0.0.1', '127.0.0.1', '::1']
    >>> _literal_address("docs.example") is None
    True
    """
    try:
        return ipaddress.ip_address(name)
    except ValueError:
        pass
    if _INET_ATON.fullmatch(name):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(name))
        except OSError as exc:  # digits that are no address (0999, 1.2.3.4.5): never resolved
            raise FetchRefused("The URL's host is not a valid address") from exc
    return None


def parse_url(url: str | httpx.URL, *, max_length: int = MAX_URL_LENGTH) -> httpx.URL:
    """Parse and check a URL to fetch: absolute http(s) with a plain host and no credentials, of
    at most ``max_length`` characters; raises :class:`FetchRefused`.

    Credentials in a URL are refused rather than stripped: kagaz never sends them, and a URL that
    carries them would be stored and shown where a secret must not be.

    >>> str(parse_url("https://b.s3.amazonaws.com/k.jpg?X-Amz-Signature=abc%2Fdef"))
    'https://b.s3.amazonaws.com/k.jpg?X-Amz-Signature=abc%2Fdef'
    >>> parse_url("file:///etc/passwd")
    Traceback (most recent call last):
    ...
    kagaz.errors.FetchRefused: FETCH_REFUSED: Only http and https URLs are fetched
    >>> parse_url("https://user:pw@example.com/a.pdf")
    Traceback (most recent call last):
    ...
    kagaz.errors.FetchRefused: FETCH_REFUSED: URLs with credentials are not fetched
    """
    if isinstance(url, str) and len(url) > max_length:
        raise FetchRefused(f"The URL is longer than {max_length} characters")
    try:
        parsed = url if isinstance(url, httpx.URL) else httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError, UnicodeError) as exc:
        raise FetchRefused("The URL is malformed") from exc
    if parsed.scheme not in ("http", "https"):
        raise FetchRefused("Only http and https URLs are fetched")
    if not parsed.host:
        raise FetchRefused("The URL has no host")
    if len(str(parsed)) > max_length:
        raise FetchRefused(f"The URL is longer than {max_length} characters")
    if parsed.userinfo:
        raise FetchRefused("URLs with credentials are not fetched")
    raw_host = parsed.raw_host.decode("ascii", "replace")
    if not (_NAME.fullmatch(raw_host) or (":" in raw_host and _IPV6.fullmatch(raw_host))):
        raise FetchRefused("The URL's host is malformed")
    return parsed


def check_url(
    url: str | httpx.URL,
    policy: AddressPolicy,
    resolver: Resolver | None = None,
    *,
    max_length: int = MAX_URL_LENGTH,
    timeout: float = 10.0,
) -> list[IPAddress]:
    """The guard's whole decision on ``url``: its addresses if it may be fetched, else raises
    :class:`FetchRefused` (or :class:`FetchError` / :class:`FetchTimeout` when its host does not
    resolve). Connects to nothing.

    Use it to refuse a URL early (a callback or auth URL at registration); then make the request
    through :class:`~kagaz.fetch.transport.GuardedTransport`, which checks again the address it
    actually connects to (DNS may answer differently later: rebinding).

    >>> check_url("http://0x7f.1/", AddressPolicy())
    Traceback (most recent call last):
    ...
    kagaz.errors.FetchRefused: FETCH_REFUSED: Refused to connect to a loopback address
    """
    parsed = parse_url(url, max_length=max_length)
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    return resolve_checked(
        parsed.host, port, policy=policy, resolver=resolver or system_resolver, timeout=timeout
    )


def system_resolver(host: str, port: int) -> list[str]:
    """Addresses of ``host`` from the operating system's resolver (A and AAAA)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    seen: list[str] = []
    for info in infos:
        addr = str(info[4][0])
        if addr not in seen:
            seen.append(addr)
    return seen


_DNS_POOL = ThreadPoolExecutor(max_workers=4, thread_name_prefix="kagaz-dns")


def resolve_checked(
    host: str,
    port: int,
    *,
    policy: AddressPolicy,
    resolver: Resolver = system_resolver,
    timeout: float = 10.0,
) -> list[IPAddress]:
    """Resolve ``host`` and return its addresses if *every* one of them is allowed.

    A host that resolves to any refused address is refused as a whole (a DNS answer mixing
    public and private addresses is a rebinding attempt, not a configuration to honour).
    """
    name = _normalise_host(host)
    literal = _literal_address(name)
    if literal is not None:
        policy.check(literal, host=name)
        return [literal]
    future = _DNS_POOL.submit(resolver, name, port)
    try:
        raw = future.result(timeout=timeout)
    except FutureTimeout as exc:
        raise FetchTimeout("DNS resolution timed out") from exc
    except (OSError, UnicodeError) as exc:
        raise FetchError("The host name could not be resolved") from exc
    try:
        addresses = [ipaddress.ip_address(a.split("%", 1)[0]) for a in raw]
    except ValueError as exc:
        raise FetchError("The resolver returned an invalid address") from exc
    if not addresses:
        raise FetchError("The host name could not be resolved")
    for ip in addresses:
        policy.check(ip, host=name)
    return addresses
