"""The SSRF guard's decisions, on literal addresses and a patched resolver (no connections)."""

from __future__ import annotations

import ipaddress
import time

import pytest

from kagaz.errors import FetchError, FetchRefused, FetchTimeout
from kagaz.fetch.guard import AddressPolicy, refusal_reason, resolve_checked

REFUSED = {
    "127.0.0.1": "loopback",
    "127.255.255.254": "loopback",
    "::1": "loopback",
    "10.1.2.3": "private",
    "172.16.0.1": "private",
    "172.31.255.255": "private",
    "192.168.1.1": "private",
    "fd12:3456::1": "private",
    "169.254.10.10": "link-local",
    "fe80::1": "link-local",
    "169.254.169.254": "cloud metadata",
    "fd00:ec2::254": "cloud metadata",
    "100.100.100.200": "cloud metadata",
    "224.0.0.1": "multicast",
    "239.255.255.250": "multicast",
    "ff02::1": "multicast",
    "0.0.0.0": "unspecified",
    "::": "unspecified",
    "100.64.0.1": "not globally routable",  # CGNAT
    "192.0.2.10": "private",  # documentation
    "240.0.0.1": "private",  # reserved
    "255.255.255.255": "private",
    "::ffff:127.0.0.1": "loopback",  # IPv4-mapped
    "::ffff:169.254.169.254": "cloud metadata",
    "::ffff:10.0.0.1": "private",
    "2002:7f00:1::": "loopback",  # 6to4 around 127.0.0.1
    "2002:a9fe:a9fe::": "cloud metadata",  # 6to4 around 169.254.169.254
    "64:ff9b::a00:1": "private",  # NAT64 around 10.0.0.1
    "2001:db8::1": "private",  # documentation
}


@pytest.mark.parametrize(("address", "reason"), REFUSED.items())
def test_non_public_addresses_are_refused(address: str, reason: str) -> None:
    assert refusal_reason(ipaddress.ip_address(address)) == reason
    with pytest.raises(FetchRefused):
        AddressPolicy().check(ipaddress.ip_address(address), host="x.example")


@pytest.mark.parametrize(
    "address",
    ["93.184.216.34", "8.8.8.8", "52.219.64.10", "2606:4700::1111", "2a00:1450:4001:80b::200e"],
)
def test_public_addresses_pass(address: str) -> None:
    assert refusal_reason(ipaddress.ip_address(address)) is None
    AddressPolicy().check(ipaddress.ip_address(address), host="x.example")


def test_allow_list_opens_exceptions_but_never_metadata() -> None:
    policy = AddressPolicy.from_setting(" 127.0.0.1 , 10.0.0.0/8,minio.internal, .corp.example ,")
    policy.check(ipaddress.ip_address("127.0.0.1"), host="a")
    policy.check(ipaddress.ip_address("10.9.8.7"), host="a")
    with pytest.raises(FetchRefused):
        policy.check(ipaddress.ip_address("127.0.0.2"), host="a")
    with pytest.raises(FetchRefused):
        policy.check(ipaddress.ip_address("192.168.0.1"), host="a")
    policy.check(ipaddress.ip_address("192.168.0.1"), host="MINIO.internal.")
    policy.check(ipaddress.ip_address("192.168.0.1"), host="s3.corp.example")
    with pytest.raises(FetchRefused):
        policy.check(ipaddress.ip_address("192.168.0.1"), host="corp.example.evil")
    everything = AddressPolicy.from_setting("0.0.0.0/0,::/0,evil.example")
    for meta in ("169.254.169.254", "fd00:ec2::254", "::ffff:169.254.169.254"):
        with pytest.raises(FetchRefused, match="cloud metadata"):
            everything.check(ipaddress.ip_address(meta), host="evil.example")


def test_empty_setting_allows_nothing_private() -> None:
    assert AddressPolicy.from_setting("") == AddressPolicy()


def _resolver(table: dict[str, list[str]]):  # type: ignore[no-untyped-def]
    calls: list[str] = []

    def resolve(host: str, port: int) -> list[str]:
        calls.append(host)
        if host not in table:
            raise OSError("NXDOMAIN")
        return table[host]

    resolve.calls = calls  # type: ignore[attr-defined]
    return resolve


def test_resolution_is_checked_on_every_address() -> None:
    resolver = _resolver(
        {
            "public.example": ["93.184.216.34", "2606:4700::1111"],
            "rebind.example": ["93.184.216.34", "10.0.0.5"],
            "local.example": ["127.0.0.1"],
            "meta.example": ["169.254.169.254"],
            "garbage.example": ["not-an-ip"],
            "empty.example": [],
        }
    )
    policy = AddressPolicy()
    assert [
        str(a) for a in resolve_checked("public.example", 443, policy=policy, resolver=resolver)
    ] == ["93.184.216.34", "2606:4700::1111"]
    for host in ("rebind.example", "local.example", "meta.example"):
        with pytest.raises(FetchRefused):
            resolve_checked(host, 443, policy=policy, resolver=resolver)
    for host in ("garbage.example", "empty.example"):
        with pytest.raises(FetchError) as info:
            resolve_checked(host, 80, policy=policy, resolver=resolver)
        assert type(info.value) is FetchError
    with pytest.raises(FetchError, match="resolved"):
        resolve_checked("nxdomain.example", 443, policy=policy, resolver=resolver)


def test_literal_addresses_are_not_resolved() -> None:
    resolver = _resolver({})
    with pytest.raises(FetchRefused):
        resolve_checked("127.0.0.1", 80, policy=AddressPolicy(), resolver=resolver)
    with pytest.raises(FetchRefused):
        resolve_checked("[::ffff:7f00:1]", 80, policy=AddressPolicy(), resolver=resolver)
    assert resolver.calls == []  # type: ignore[attr-defined]


def test_allowed_host_name_opens_its_private_addresses() -> None:
    resolver = _resolver({"minio.internal": ["10.0.0.7"]})
    policy = AddressPolicy.from_setting("minio.internal")
    assert [
        str(a) for a in resolve_checked("minio.internal", 9000, policy=policy, resolver=resolver)
    ] == ["10.0.0.7"]


def test_slow_dns_is_a_timeout() -> None:
    def slow(host: str, port: int) -> list[str]:
        time.sleep(2)
        return ["93.184.216.34"]

    t = time.monotonic()
    with pytest.raises(FetchTimeout):
        resolve_checked("slow.example", 80, policy=AddressPolicy(), resolver=slow, timeout=0.2)
    assert time.monotonic() - t < 1.5
