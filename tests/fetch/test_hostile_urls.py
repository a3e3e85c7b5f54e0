"""Hostile URLs: every one is refused before any connection to its target.

Ground rule: no test connects to a private-range or metadata address, not even to prove a
refusal. Such addresses are tested on the guard's *decision* (:func:`kagaz.fetch.guard.check_url`
with a resolver stub; nothing is connected). End-to-end refusal is proved against canary servers
on loopback (127.0.0.1, 127.0.0.2, ::1), which the default policy refuses: every loopback spelling
points at a canary's port, so a guard bug shows up as a canary hit, not as a connection elsewhere.
Each canary is first shown to be reachable when allowed, so "zero hits" means something.

``check_url`` is the same decision the Fetcher makes, and callback and auth URLs (the Flow API's
kagaz.callbacks.http) go through the same guard: the end-to-end table is run through all three.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from kagaz.errors import FetchError, FetchRefused
from kagaz.fetch import AddressPolicy, Fetcher
from kagaz.fetch.guard import check_url, system_resolver
from kagaz.fetch.testing import DocServer
from kagaz.settings import FetchSettings

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PUBLIC = "93.184.216.34"  # only ever returned by stubs for decision tests: never connected to

# Names the resolver stub answers; anything else (other than localhost) is a test bug.
STUB: dict[str, list[str]] = {
    "127.0.0.1.nip.io": ["127.0.0.1"],
    "docs.example": ["127.0.0.1"],
    "public.example": [PUBLIC],
    "metadata.google.internal": ["169.254.169.254"],
    "metadata": ["169.254.169.254"],
    "instance-data.ec2.internal": ["169.254.169.254"],
    "aws-v6.example": ["fd00:ec2::254"],
    "internal.corp": ["10.0.0.5"],
    "10.0.0.1.nip.io": ["10.0.0.1"],
    "ula.example": ["fd12:3456::1"],
    "linklocal.example": ["fe80::1"],
    "cgnat.example": ["100.64.0.1"],
    "mixed.example": [PUBLIC, "10.0.0.1"],  # a public answer mixed with a private one
    "mapped.example": ["::ffff:127.0.0.1"],
}


class Resolver:
    """The stub resolver: records every name asked (numeric hosts must never reach it)."""

    def __init__(self, table: dict[str, list[str]] | None = None) -> None:
        self.table = dict(STUB if table is None else table)
        self.asked: list[str] = []

    def __call__(self, host: str, port: int) -> list[str]:
        self.asked.append(host)
        if host in ("localhost", "localhost.localdomain"):
            return system_resolver(host, port)
        if host not in self.table:
            raise OSError(f"no such stub name {host!r}")
        return list(self.table[host])


@pytest.fixture(scope="module")
def canary4() -> Iterator[DocServer]:
    with DocServer("127.0.0.1") as srv:
        srv.add("/", PNG)
        yield srv


@pytest.fixture(scope="module")
def canary2() -> Iterator[DocServer]:
    with DocServer("127.0.0.2") as srv:
        srv.add("/", PNG)
        yield srv


@pytest.fixture(scope="module")
def canary6() -> Iterator[DocServer]:
    with DocServer("::1") as srv:
        srv.add("/", PNG)
        yield srv


@pytest.fixture
def canaries(
    canary4: DocServer, canary2: DocServer, canary6: DocServer
) -> Iterator[list[DocServer]]:
    servers = [canary4, canary2, canary6]
    for srv in servers:
        srv.requests.clear()
    yield servers
    for srv in servers:
        srv.requests.clear()


def fetcher(allow: str = "", resolver: Callable[[str, int], Any] | None = None, **kw: Any) -> Fetcher:
    settings: dict[str, Any] = {
        "attempts": 1,
        "connect_timeout": 1,
        "read_timeout": 1,
        "total_timeout": 2,
        **kw,
    }
    return Fetcher(
        FetchSettings(**settings),
        AddressPolicy.from_setting(allow),
        resolver=resolver or Resolver(),
        sleep=lambda s: None,
    )


# -- end to end: the canaries must see nothing ---------------------------------------------------

# {p4}: canary on 127.0.0.1; {p2}: canary on 127.0.0.2; {p6}: canary on ::1.
REFUSED_E2E = [
    "http://127.0.0.1:{p4}/",
    "http://2130706433:{p4}/",  # decimal
    "http://0x7f000001:{p4}/",  # hex
    "http://0x7f.0.0.1:{p4}/",  # dotted hex
    "http://0x7f.1:{p4}/",
    "http://0177.0.0.1:{p4}/",  # octal
    "http://017700000001:{p4}/",  # octal, one part
    "http://127.1:{p4}/",  # short forms
    "http://127.0.1:{p4}/",
    "http://2130706434:{p2}/",  # 127.0.0.2, decimal
    "http://0x7f.0.0.2:{p2}/",
    "http://[::ffff:127.0.0.1]:{p4}/",  # IPv4-mapped IPv6
    "http://[::ffff:7f00:1]:{p4}/",
    "http://[0:0:0:0:0:ffff:7f00:1]:{p4}/",
    "http://[::ffff:127.0.0.2]:{p2}/",
    "http://[::1]:{p6}/",  # IPv6 loopback
    "http://[0:0:0:0:0:0:0:1]:{p6}/",
    "http://[::]:{p6}/",  # unspecified: the kernel would route it to loopback
    "http://0.0.0.0:{p4}/",
    "http://0:{p4}/",
    "http://localhost:{p4}/",
    "http://LocalHost.:{p4}/",  # case and trailing dot
    "http://127.0.0.1.:{p4}/",
    "http://127\u30020\u30020\u30021:{p4}/",  # ideographic full stops (IDNA maps them to dots)
    "http://\uff11\uff12\uff17.\uff10.\uff10.\uff11:{p4}/",  # fullwidth digits
    "http://\uff4c\uff4f\uff43\uff41\uff4c\uff48\uff4f\uff53\uff54:{p4}/",  # fullwidth "localhost"
    "http://127.0.0.1.nip.io:{p4}/",  # a public-looking name that resolves to loopback
    "http://mapped.example:{p4}/",  # a name answering an IPv4-mapped loopback address
    "http://127.0.0.1%2e:{p4}/",  # percent-escape in the host
    "http://[::ffff:127.0.0.1%25lo]:{p4}/",  # scope id
    "http://[64:ff9b::7f00:1]:{p4}/",  # NAT64 of 127.0.0.1
    "http://[2002:7f00:1::]:{p4}/",  # 6to4 of 127.0.0.1
    "http://user:pass@127.0.0.1:{p4}/",  # credentials
    "HTTP://127.0.0.1:{p4}/",
    "//127.0.0.1:{p4}/",  # scheme-relative
    "file:///etc/passwd",
    "file://127.0.0.1:{p4}/etc/passwd",
    "gopher://127.0.0.1:{p4}/_GET%20/%20HTTP/1.0%0D%0A%0D%0A",
    "ftp://127.0.0.1:{p4}/x",
    "dict://127.0.0.1:{p4}/info",
    "ws://127.0.0.1:{p4}/",
    "data:image/png;base64,iVBORw0KGgo=",
    "javascript:alert(document.domain)",
    "http:///x",
    "http://127.0.0.1:{p4}/" + "a" * 9000,  # over-long
]


def _fill(url: str, servers: list[DocServer]) -> str:
    p4, p2, p6 = (s.port for s in servers)
    return url.format(p4=p4, p2=p2, p6=p6)


def test_canaries_are_observable_when_allowed(canaries: list[DocServer]) -> None:
    """Without this, "the canary saw nothing" would prove nothing."""
    f = fetcher(allow="127.0.0.0/8, ::1")
    for srv in canaries:
        assert f.fetch(srv.url("/")).data == PNG
        assert srv.requests == ["/"]


@pytest.mark.parametrize("template", REFUSED_E2E)
def test_refused_before_any_connection(template: str, canaries: list[DocServer]) -> None:
    url = _fill(template, canaries)
    resolver = Resolver()
    t = time.monotonic()
    with pytest.raises(FetchRefused):
        fetcher(resolver=resolver).fetch(url)
    with pytest.raises(FetchRefused):  # the callback/auth URL check is the same decision
        check_url(url, AddressPolicy(), resolver)
    assert time.monotonic() - t < 2.0
    assert [s.requests for s in canaries] == [[], [], []]
    # Numeric spellings are read as addresses, never handed to a resolver to interpret.
    assert not [h for h in resolver.asked if re.fullmatch(r"[0-9][0-9a-fA-FxX.]*", h)]


@pytest.mark.parametrize("template", REFUSED_E2E)
def test_callback_and_auth_urls_meet_the_same_guard(
    template: str, canaries: list[DocServer]
) -> None:
    """The Flow API's auth_url call and callback POST (kagaz.callbacks.http) are refused by the
    same guard, end to end."""
    from kagaz.callbacks.http import CallbackClient
    from kagaz.settings import CallbackSettings

    client = CallbackClient(
        CallbackSettings(connect_timeout=1, read_timeout=1, total_timeout=2),
        AddressPolicy(),
        resolver=Resolver(),
    )
    try:
        for method in ("POST", "GET"):
            with pytest.raises(FetchRefused):
                client.request(method, _fill(template, canaries), headers={}, body=b"{}")
    finally:
        client.close()
    assert [s.requests for s in canaries] == [[], [], []]


def test_table_is_large_enough() -> None:
    assert len(REFUSED_E2E) + len(REFUSED_DECISIONS) >= 30


def test_credentials_and_long_urls_are_refused_even_for_an_allowed_host(
    canaries: list[DocServer],
) -> None:
    canary4 = canaries[0]
    f = fetcher(allow="127.0.0.1", max_url_length=512)
    assert f.fetch(canary4.url("/")).data == PNG  # allowed, and observed
    canary4.requests.clear()
    host = f"127.0.0.1:{canary4.port}"
    for url in (
        f"http://user:pass@{host}/",
        f"http://user@{host}/",
        f"http://:secret@{host}/",
        f"http://{host}/?" + "q" * 600,
        f"http://{host}/" + "%41" * 200,  # short as typed is not enough: 600 characters
    ):
        with pytest.raises(FetchRefused):
            f.fetch(url)
    assert canary4.requests == []


# -- redirects: from an allowed host to a refused one -------------------------------------------


@pytest.fixture
def origin() -> Iterator[DocServer]:
    with DocServer("127.0.0.1") as srv:
        yield srv


@pytest.mark.parametrize(
    "target",
    [
        "http://127.0.0.2:{p2}/",
        "http://2130706434:{p2}/",
        "http://[::ffff:127.0.0.2]:{p2}/",
        "http://[::1]:{p6}/",
        "http://user:pass@127.0.0.2:{p2}/",
        "file:///etc/passwd",
        "gopher://127.0.0.2:{p2}/_x",
        "ftp://127.0.0.2:{p2}/x",
        "data:text/plain,hello",
        "http://127.0.0.2:{p2}/" + "b" * 9000,
    ],
)
def test_redirect_to_a_refused_target_never_connects(
    target: str, origin: DocServer, canaries: list[DocServer]
) -> None:
    url = origin.add("/r", redirect=_fill(target, canaries), status=302)
    with pytest.raises(FetchRefused):
        fetcher(allow="127.0.0.1").fetch(url)
    assert origin.requests == ["/r"]
    assert [s.requests for s in canaries] == [[], [], []]


def test_redirect_to_an_allowed_target_is_followed(
    origin: DocServer, canaries: list[DocServer]
) -> None:
    """The refusals above are about the target, not about redirects as such."""
    url = origin.add("/r", redirect=canaries[1].url("/"), status=302)
    assert fetcher(allow="127.0.0.1, 127.0.0.2").fetch(url).data == PNG
    assert canaries[1].requests == ["/"]


# -- DNS rebinding -------------------------------------------------------------------------------


def test_dns_rebinding_is_decided_on_the_connected_address(canaries: list[DocServer]) -> None:
    """The name is public when checked, loopback when connected: the connection is refused,
    because the transport checks the address it actually connects to."""
    canary2 = canaries[1]
    answers = iter([[PUBLIC], ["127.0.0.2"], ["127.0.0.2"]])

    def rebinding(host: str, port: int) -> list[str]:
        assert host == "rebind.example"
        return next(answers)

    url = f"http://rebind.example:{canary2.port}/"
    assert [str(a) for a in check_url(url, AddressPolicy(), rebinding)] == [PUBLIC]  # no connect
    with pytest.raises(FetchRefused, match="loopback"):
        fetcher(resolver=rebinding).fetch(url)
    assert canary2.requests == []


# -- decisions only: private and metadata addresses are never connected to ----------------------

REFUSED_DECISIONS = [
    # (url, reason the guard gives)
    ("http://10.0.0.1/", "private"),
    ("http://10.255.255.254/", "private"),
    ("http://172.16.0.1/", "private"),
    ("http://172.31.255.254/", "private"),
    ("http://192.168.1.1/", "private"),
    ("http://100.64.0.1/", "not globally routable"),  # CGNAT
    ("http://100.127.255.254/", "not globally routable"),
    ("http://169.254.169.254/latest/meta-data/", "cloud metadata"),
    ("http://169.254.170.2/v2/credentials", "cloud metadata"),
    ("http://100.100.100.200/latest/meta-data/", "cloud metadata"),
    ("http://2852039166/", "cloud metadata"),  # 169.254.169.254, decimal
    ("http://0xa9fea9fe/", "cloud metadata"),  # hex
    ("http://0251.0376.0251.0376/", "malformed"),  # octal, four parts: httpx refuses it
    ("http://169.254.43518/", "cloud metadata"),  # inet_aton short form
    ("http://0251.0xfe.43518/", "cloud metadata"),  # octal, hex and short form mixed
    ("http://[::ffff:169.254.169.254]/", "cloud metadata"),
    ("http://[::ffff:a9fe:a9fe]/", "cloud metadata"),
    ("http://[fd00:ec2::254]/latest/meta-data/", "cloud metadata"),
    ("http://169.254.1.1/", "link-local"),
    ("http://[fe80::1]/", "link-local"),
    ("http://[fc00::1]/", "private"),
    ("http://[fd12:3456::1]/", "private"),
    ("http://[::ffff:10.0.0.1]/", "private"),
    ("http://[ff02::1]/", "multicast"),
    ("http://224.0.0.1/", "multicast"),
    ("http://255.255.255.255/", "private"),
    ("http://240.0.0.1/", "private"),
    ("http://192.0.2.1/", "private"),  # documentation
    ("http://198.18.0.1/", "private"),  # benchmarking
    ("http://[2001:db8::1]/", "private"),
    ("http://metadata.google.internal/computeMetadata/v1/", "cloud metadata"),
    ("http://metadata/computeMetadata/v1/", "cloud metadata"),
    ("http://instance-data.ec2.internal/", "cloud metadata"),
    ("http://aws-v6.example/", "cloud metadata"),
    ("http://internal.corp/", "private"),
    ("http://10.0.0.1.nip.io/", "private"),
    ("http://ula.example/", "private"),
    ("http://linklocal.example/", "link-local"),
    ("http://cgnat.example/", "not globally routable"),
    ("http://mixed.example/", "private"),
]


@pytest.mark.parametrize(("url", "reason"), REFUSED_DECISIONS)
def test_private_and_metadata_addresses_are_refused(url: str, reason: str) -> None:
    with pytest.raises(FetchRefused, match=reason):
        check_url(url, AddressPolicy(), Resolver())


def test_metadata_stays_refused_whatever_the_allow_list() -> None:
    policy = AddressPolicy.from_setting(
        "169.254.0.0/16, 100.64.0.0/10, fd00::/8, metadata.google.internal, .internal"
    )
    for url in (
        "http://169.254.169.254/",
        "http://100.100.100.200/",
        "http://[fd00:ec2::254]/",
        "http://metadata.google.internal/",
        "http://instance-data.ec2.internal/",
    ):
        with pytest.raises(FetchRefused, match="cloud metadata"):
            check_url(url, policy, Resolver())
    # The same allow-list does open the non-metadata addresses it names.
    assert check_url("http://169.254.1.1/", policy, Resolver())


def test_public_names_pass_the_decision() -> None:
    assert [str(a) for a in check_url("https://public.example/a.pdf", AddressPolicy(), Resolver())] == [PUBLIC]


def test_unresolvable_and_invalid_numeric_hosts_fail_without_connecting() -> None:
    with pytest.raises(FetchError):
        check_url("http://nowhere.invalid/", AddressPolicy(), Resolver())
    for url in ("http://1.2.3.4.5/", "http://0999.0.0.1/", "http://4294967296/"):
        with pytest.raises(FetchError):
            check_url(url, AddressPolicy(), Resolver())
