"""Which URLs and addresses the fetcher may reach: the URL parsed and validated, its host resolved
once, and every resolved address checked against the policy (public internet unicast by default).

The failure this guards against is Label Studio's CVE-2023-47116: check the host name once, then hand
the URL to a client that resolves it again. The fetcher (download.py) connects only to the addresses
returned here.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass

from claims.pipeline.types import InputError

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]
AddressPolicy = Callable[[Address], bool]
DEFAULT_PORTS = {"http": 80, "https": 443}


class FetchError(InputError):
    """A URL the fetcher refused or could not fetch; the message says why, for the person who gave it."""


def _networks(*cidrs: str) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(cidr) for cidr in cidrs)


# IANA special-purpose IPv4 ranges that are not globally reachable, plus multicast and class E.
_NON_PUBLIC_V4 = _networks(
    "0.0.0.0/8",  # "this network", includes 0.0.0.0
    "10.0.0.0/8",  # private
    "100.64.0.0/10",  # shared address space (carrier-grade NAT)
    "127.0.0.0/8",  # loopback
    "169.254.0.0/16",  # link-local, includes cloud metadata 169.254.169.254
    "172.16.0.0/12",  # private
    "192.0.0.0/24",  # IETF protocol assignments
    "192.0.2.0/24",  # documentation (TEST-NET-1)
    "192.88.99.0/24",  # deprecated 6to4 relay anycast
    "192.168.0.0/16",  # private
    "198.18.0.0/15",  # benchmarking
    "198.51.100.0/24",  # documentation (TEST-NET-2)
    "203.0.113.0/24",  # documentation (TEST-NET-3)
    "224.0.0.0/4",  # multicast
    "240.0.0.0/4",  # reserved, includes broadcast 255.255.255.255
)
_GLOBAL_UNICAST_V6 = ipaddress.IPv6Network("2000::/3")
_NAT64_V6 = ipaddress.IPv6Network("64:ff9b::/96")  # well-known NAT64 prefix: judged by the embedded IPv4
_SIX_TO_FOUR_V6 = ipaddress.IPv6Network("2002::/16")
# Non-global ranges inside 2000::/3 (everything outside it, such as ::1, fc00::/7, fe80::/10, fec0::/10
# and ff00::/8, is refused by the 2000::/3 rule).
_NON_PUBLIC_V6 = _networks(
    "2001::/23",  # IETF protocol assignments: Teredo 2001::/32, benchmarking, ORCHID
    "2001:db8::/32",  # documentation
    "3fff::/20",  # documentation (RFC 9637)
    "5f00::/16",  # segment routing SIDs (RFC 9602)
)


def is_public_address(address: Address) -> bool:
    """True only for globally routable unicast addresses; embedded IPv4 addresses are judged as IPv4."""
    if isinstance(address, ipaddress.IPv4Address):
        return address.is_global and not any(address in network for network in _NON_PUBLIC_V4)
    if address.scope_id:
        return False  # a zone index only makes sense for link-local addresses
    if address.ipv4_mapped is not None:
        return is_public_address(address.ipv4_mapped)
    if address in _NAT64_V6:
        return is_public_address(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    if address in _SIX_TO_FOUR_V6:
        embedded = address.sixtofour
        return embedded is not None and is_public_address(embedded)
    if address not in _GLOBAL_UNICAST_V6 or any(address in network for network in _NON_PUBLIC_V6):
        return False
    return address.is_global and not address.is_multicast


def is_public_or_loopback_address(address: Address) -> bool:
    """The test policy: public addresses, plus the loopback addresses local test servers listen on.

    Only for test set-ups (the Django setting FACTCHECK_FETCH_ALLOW_LOOPBACK, which production refuses):
    private, link-local and every other non-public range stay refused.
    """
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_loopback or is_public_address(address)


def describe_address(address: Address) -> str:
    """A short human label for why an address is special ("loopback", "private", ...)."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return f"IPv4-mapped {describe_address(address.ipv4_mapped)}"
        if address.sixtofour is not None:
            return f"6to4-embedded {describe_address(address.sixtofour)}"
        if address.teredo is not None:
            return "Teredo tunnel"
        if address.is_site_local:
            return "site-local"
    if address.is_unspecified:
        return "unspecified"
    if address.is_loopback:
        return "loopback"
    if address.is_link_local:
        return "link-local"
    if address.is_multicast:
        return "multicast"
    if isinstance(address, ipaddress.IPv4Address) and address in ipaddress.IPv4Network("100.64.0.0/10"):
        return "shared (carrier-grade NAT)"
    if address.is_private:
        return "private or reserved"
    if address.is_reserved:
        return "reserved"
    if is_public_address(address):
        return "public"
    return "not globally routable"


def default_resolver(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for the host (one query, all families)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(f"could not resolve the host {host!r}: {error}") from error
    addresses: list[str] = []
    for _family, _type, _proto, _canonical, sockaddr in infos:
        if str(sockaddr[0]) not in addresses:
            addresses.append(str(sockaddr[0]))
    return addresses


@dataclass(frozen=True)
class Target:
    """One validated hop: where to connect and what to ask for."""

    url: str
    scheme: str
    host: str  # ASCII host name, or an IP address without brackets
    port: int
    request_path: str
    literal_address: Address | None


_FORBIDDEN_URL_CHARACTERS = re.compile(r"[\x00-\x20\x7f\\]")
_HOST_LABEL = re.compile(r"^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$")
_NUMERIC_LABEL = re.compile(r"^(?:[0-9]+|0[xX][0-9a-fA-F]*)$")


def _parse_ipv4_number_form(host: str) -> ipaddress.IPv4Address | None:
    """Parse a host that ends in a number the way browsers and inet_aton do: 2130706433, 0x7f.1, 0177.0.0.1.

    Returns None for ordinary host names; raises FetchError for number-like hosts that are not addresses.
    """
    labels = host.split(".")
    if labels and labels[-1] == "" and len(labels) > 1:
        labels = labels[:-1]
    if not labels or not _NUMERIC_LABEL.match(labels[-1]):
        return None
    if len(labels) > 4:
        raise FetchError(f"the host {host!r} looks like an IP address but is not one")
    numbers = []
    for label in labels:
        try:
            if label[:2].lower() == "0x":
                numbers.append(int(label[2:] or "0", 16))
            elif len(label) > 1 and label.startswith("0"):
                numbers.append(int(label, 8))
            else:
                numbers.append(int(label, 10))
        except ValueError as error:
            raise FetchError(f"the host {host!r} looks like an IP address but is not one") from error
    *leading, last = numbers
    if any(number > 255 for number in leading) or last >= 256 ** (5 - len(numbers)):
        raise FetchError(f"the host {host!r} looks like an IP address but is out of range")
    value = last
    for position, number in enumerate(leading):
        value += number << (8 * (3 - position))
    return ipaddress.IPv4Address(value)


def _ascii_host(hostname: str) -> str:
    try:
        ascii_host = hostname.encode("idna").decode("ascii").lower()
    except UnicodeError as error:
        raise FetchError(f"the host name {hostname!r} is not valid") from error
    labels = ascii_host.rstrip(".").split(".")
    if len(ascii_host) > 253 or not all(_HOST_LABEL.match(label) for label in labels):
        raise FetchError(f"the host name {hostname!r} is not valid")
    return ascii_host


def parse_target(url: str, max_url_length: int) -> Target:
    """Validate a URL and split it into what a hop needs; every refusal says what was wrong."""
    if not url:
        raise FetchError("the URL is empty")
    if len(url) > max_url_length:
        raise FetchError(f"the URL is longer than {max_url_length} characters")
    if _FORBIDDEN_URL_CHARACTERS.search(url):
        raise FetchError("the URL contains spaces, control characters or backslashes")
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise FetchError(f"the URL is malformed: {error}") from error
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise FetchError(f"only http and https URLs can be fetched, not {scheme or 'a URL without a scheme'}")
    if "@" in parts.netloc:
        raise FetchError("URLs with a user name or password (user@host) are not fetched")
    hostname = parts.hostname
    if not hostname:
        raise FetchError("the URL has no host")
    if port == 0:
        raise FetchError("the URL's port 0 is not valid")
    literal_address: Address | None
    if parts.netloc.startswith("[") or ":" in hostname:
        try:
            literal_address = ipaddress.IPv6Address(hostname)
        except ValueError as error:
            raise FetchError(f"the URL's IPv6 address {hostname!r} is not valid") from error
        host = str(literal_address)
    else:
        host = _ascii_host(hostname)
        literal_address = _parse_ipv4_number_form(host)
        if literal_address is not None:
            host = str(literal_address)
    path = urllib.parse.quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~")
    query = urllib.parse.quote(parts.query, safe="/?%:@!$&'()*+,;=-._~")
    request_path = f"{path}?{query}" if query else path
    return Target(
        url=url,
        scheme=scheme,
        host=host,
        port=port or DEFAULT_PORTS[scheme],
        request_path=request_path,
        literal_address=literal_address,
    )


def validate_url(url: str, *, max_url_length: int = 2048, address_allowed: AddressPolicy = is_public_address) -> None:
    """Refuse a malformed or non-http(s) URL up front (addresses are checked when it is fetched)."""
    target = parse_target(url, max_url_length)
    address = target.literal_address
    if address is not None and not address_allowed(address):
        raise FetchError(
            f"refused to fetch {url}: {address} is a {describe_address(address)} address; "
            "only public internet addresses are fetched"
        )


def check_url(
    url: str,
    *,
    max_url_length: int = 2048,
    resolver: Resolver | None = None,
    address_allowed: AddressPolicy = is_public_address,
) -> None:
    """Refuse now what fetch_url would refuse before connecting: a malformed or non-http(s) URL, or
    a host that does not resolve or resolves to a non-public address. (The fetch checks again,
    and every redirect: DNS can change in between.)"""
    target = parse_target(url, max_url_length)
    checked_addresses(target, resolver or default_resolver, address_allowed)


def checked_addresses(target: Target, resolver: Resolver, address_allowed: AddressPolicy) -> list[Address]:
    """Resolve the hop's host once and return its addresses, refusing the hop if any one is not allowed."""
    if target.literal_address is not None:
        addresses: list[Address] = [target.literal_address]
    else:
        addresses = []
        for text in resolver(target.host, target.port):
            try:
                addresses.append(ipaddress.ip_address(text))
            except ValueError as error:
                raise FetchError(f"the host {target.host!r} resolved to an invalid address {text!r}") from error
        if not addresses:
            raise FetchError(f"the host {target.host!r} has no addresses")
    for address in addresses:
        if not address_allowed(address):
            shown = target.host if target.literal_address is not None else f"{target.host} resolves to {address}"
            raise FetchError(
                f"refused to fetch {target.url}: {shown}, a {describe_address(address)} address; "
                "only public internet addresses are fetched"
            )
    return [
        address.ipv4_mapped if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped else address
        for address in addresses
    ]
