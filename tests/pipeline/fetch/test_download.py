"""SSRF-safe fetching: the address rules as a unit, and end-to-end refusals against local servers only.

Every test runs with a guard on the fetcher's socket opener that fails the test (before any packet is
sent) if a connection to a non-loopback address is ever attempted, and names resolve through a stub.
"""

from __future__ import annotations

import gzip
import http.server
import ipaddress
import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from claims.pipeline.fetch import download
from claims.pipeline.fetch.addresses import Address, FetchError, is_public_address, is_public_or_loopback_address
from claims.pipeline.fetch.download import fetch_url
from claims.pipeline.types import InputError

ARTICLE = b"<html><head><title>Harbour strike</title></head><body><p>Dockers walked out.</p></body></html>"
LOOPBACK_V4 = ipaddress.ip_address("127.0.0.1")
LOOPBACK_V6 = ipaddress.ip_address("::1")


def _ipv6_loopback_available() -> bool:
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as probe:
            probe.bind(("::1", 0))
    except OSError:
        return False
    return True


needs_ipv6 = pytest.mark.skipif(not _ipv6_loopback_available(), reason="IPv6 loopback is unavailable")

# ---------------------------------------------------------------------------------------------------
# The address rules


@pytest.mark.parametrize(
    "address",
    [
        "8.8.8.8",
        "1.1.1.1",
        "93.184.216.34",
        "151.101.1.69",
        "2606:4700:4700::1111",
        "2a00:1450:4001:82a::200e",
        "::ffff:8.8.8.8",  # IPv4-mapped public address
        "2002:0808:0808::1",  # 6to4 of a public address
        "64:ff9b::808:808",  # NAT64 of a public address
    ],
)
def test_public_unicast_addresses_are_allowed(address: str) -> None:
    assert is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",  # loopback
        "127.255.255.254",
        "0.0.0.0",  # unspecified, reaches the local host on Linux
        "0.1.2.3",
        "10.0.0.5",  # private
        "172.16.0.1",
        "172.31.255.255",
        "192.168.1.1",
        "169.254.169.254",  # link-local: cloud metadata
        "100.64.0.1",  # shared address space
        "100.127.255.254",
        "192.0.0.8",  # IETF protocol assignments
        "192.0.2.10",  # documentation
        "198.51.100.7",
        "203.0.113.9",
        "198.18.0.1",  # benchmarking
        "192.88.99.1",  # 6to4 relay anycast
        "224.0.0.1",  # multicast
        "239.255.255.250",
        "240.0.0.1",  # reserved
        "255.255.255.255",  # broadcast
        "::1",  # IPv6 loopback
        "::",  # unspecified
        "::ffff:127.0.0.1",  # IPv4-mapped loopback
        "::ffff:10.0.0.5",
        "::ffff:169.254.169.254",
        "::127.0.0.1",  # IPv4-compatible (deprecated)
        "::8.8.8.8",
        "2002:7f00:1::1",  # 6to4 embedding 127.0.0.1
        "2002:a00:5::1",  # 6to4 embedding 10.0.0.5
        "2002:a9fe:a9fe::1",  # 6to4 embedding 169.254.169.254
        "2001:0:4136:e378:8000:63bf:3fff:fdd2",  # Teredo
        "2001:0:4136:e378:8000:63bf:80ff:fffe",  # Teredo with client 127.0.0.1
        "64:ff9b::7f00:1",  # NAT64 of loopback
        "64:ff9b:1::a00:5",  # local-use NAT64
        "fc00::1",  # unique local
        "fd12:3456:789a::1",
        "fe80::1",  # link-local
        "fe80::1%1",
        "fec0::1",  # site-local (deprecated)
        "ff02::1",  # multicast
        "ff0e::1",
        "2001:db8::1",  # documentation
        "3fff::1",
        "100::1",  # discard-only
        "2001:2::1",  # benchmarking
        "2001:10::1",  # ORCHID
        "5f00::1",  # SRv6
        "4000::1",  # outside global unicast 2000::/3
    ],
)
def test_non_public_addresses_are_refused(address: str) -> None:
    assert not is_public_address(ipaddress.ip_address(address))


def test_fetch_error_is_an_input_error() -> None:
    assert issubclass(FetchError, InputError)


# ---------------------------------------------------------------------------------------------------
# Local servers, a stub resolver and the connection guard

Handler = Callable[[http.server.BaseHTTPRequestHandler], None]


class LocalServer:
    """An http.server in a thread on a loopback address, recording every request it receives."""

    def __init__(self, host: str, routes: dict[str, Handler], tls: ssl.SSLContext | None = None) -> None:
        self.requests: list[tuple[str, str]] = []  # (path, Host header)
        self.stopping = threading.Event()
        server = self

        class RequestHandler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                server.requests.append((self.path, self.headers.get("Host", "")))
                routes.get(self.path, _not_found)(self)

            def log_message(self, format: str, *args: object) -> None:
                pass

        class Server(http.server.ThreadingHTTPServer):
            address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
            daemon_threads = True

            def handle_error(self, request: object, client_address: object) -> None:
                pass  # clients hanging up mid-response is what several tests expect

        self.httpd = Server((host, 0), RequestHandler)
        if tls is not None:
            self.httpd.socket = tls.wrap_socket(self.httpd.socket, server_side=True)
        self.host = host
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    @property
    def authority(self) -> str:
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"

    def stop(self) -> None:
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def serve() -> Iterator[Callable[..., LocalServer]]:
    servers: list[LocalServer] = []

    def start(routes: dict[str, Handler], host: str = "127.0.0.1", tls: ssl.SSLContext | None = None) -> LocalServer:
        server = LocalServer(host, routes, tls)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture(autouse=True)
def connections(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Address, int]]:
    """Every connection the fetcher opens; any attempt at a non-loopback address fails the test first."""
    attempted: list[tuple[Address, int]] = []
    real_open_socket = download._open_socket

    def guarded_open_socket(address: Address, port: int, timeout: float) -> socket.socket:
        attempted.append((address, port))
        assert address.is_loopback, f"the fetcher tried to connect to {address}"
        return real_open_socket(address, port, timeout)

    monkeypatch.setattr(download, "_open_socket", guarded_open_socket)
    return attempted


class StubResolver:
    """Made-up names to fixed addresses; real DNS is never used and every lookup is counted."""

    def __init__(self, table: dict[str, list[str]]) -> None:
        self.table = table
        self.lookups: list[str] = []

    def __call__(self, host: str, port: int) -> list[str]:
        self.lookups.append(host)
        if host not in self.table:
            raise FetchError(f"could not resolve the host {host!r}")
        return self.table[host]


def allow_only(*test_addresses: ipaddress.IPv4Address | ipaddress.IPv6Address) -> Callable[[Address], bool]:
    """The default policy, plus the one loopback address a test server listens on."""
    return lambda address: is_public_address(address) or address in test_addresses


def _send(status: int, body: bytes, content_type: str | None = "text/html; charset=utf-8") -> Handler:
    def handler(request: http.server.BaseHTTPRequestHandler) -> None:
        request.send_response(status)
        if content_type is not None:
            request.send_header("Content-Type", content_type)
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)

    return handler


def _redirect(location: str, status: int = 302) -> Handler:
    def handler(request: http.server.BaseHTTPRequestHandler) -> None:
        request.send_response(status)
        request.send_header("Location", location)
        request.send_header("Content-Length", "0")
        request.end_headers()

    return handler


_not_found = _send(404, b"not here", "text/plain")


# ---------------------------------------------------------------------------------------------------
# Fetching that works


def test_a_page_is_fetched_from_the_checked_address_with_the_original_host_header(
    serve: Callable[..., LocalServer], connections: list[tuple[Address, int]]
) -> None:
    server = serve({"/story": _send(200, ARTICLE)})
    resolver = StubResolver({"news.example": ["127.0.0.1"]})
    page = fetch_url(
        f"http://news.example:{server.port}/story", resolver=resolver, address_allowed=allow_only(LOOPBACK_V4)
    )
    assert page.body == ARTICLE
    assert page.status == 200
    assert page.content_type == "text/html; charset=utf-8"
    assert page.url == f"http://news.example:{server.port}/story"
    assert server.requests == [("/story", f"news.example:{server.port}")]
    assert resolver.lookups == ["news.example"]
    assert connections == [(LOOPBACK_V4, server.port)]


@needs_ipv6
def test_a_page_is_fetched_over_ipv6_loopback(serve: Callable[..., LocalServer]) -> None:
    server = serve({"/": _send(200, b"plain words", "text/plain")}, host="::1")
    resolver = StubResolver({"v6.example": ["::1"]})
    page = fetch_url(f"http://v6.example:{server.port}/", resolver=resolver, address_allowed=allow_only(LOOPBACK_V6))
    assert page.body == b"plain words"
    assert server.requests == [("/", f"v6.example:{server.port}")]


@needs_ipv6
def test_an_ipv6_literal_url_sends_a_bracketed_host_header(serve: Callable[..., LocalServer]) -> None:
    server = serve({"/": _send(200, ARTICLE)}, host="::1")
    page = fetch_url(f"http://[::1]:{server.port}/", address_allowed=allow_only(LOOPBACK_V6))
    assert page.body == ARTICLE
    assert server.requests == [("/", f"[::1]:{server.port}")]


def test_a_relative_redirect_is_followed_against_the_current_hop(serve: Callable[..., LocalServer]) -> None:
    server = serve({"/old/story": _redirect("../new/story?page=1", 301), "/new/story?page=1": _send(200, ARTICLE)})
    resolver = StubResolver({"news.example": ["127.0.0.1"]})
    page = fetch_url(
        f"http://news.example:{server.port}/old/story", resolver=resolver, address_allowed=allow_only(LOOPBACK_V4)
    )
    assert page.body == ARTICLE
    assert page.url == f"http://news.example:{server.port}/new/story?page=1"
    assert resolver.lookups == ["news.example", "news.example"]  # once per hop, never more


def test_each_hop_is_resolved_once_so_a_rebinding_answer_is_never_used(
    serve: Callable[..., LocalServer], connections: list[tuple[Address, int]]
) -> None:
    server = serve({"/": _send(200, ARTICLE)})
    answers = iter([["127.0.0.1"], ["10.0.0.5"], ["169.254.169.254"]])
    lookups: list[str] = []

    def rebinding_resolver(host: str, port: int) -> list[str]:
        lookups.append(host)
        return next(answers)

    page = fetch_url(
        f"http://rebind.example:{server.port}/", resolver=rebinding_resolver, address_allowed=allow_only(LOOPBACK_V4)
    )
    assert page.body == ARTICLE
    assert lookups == ["rebind.example"]
    assert connections == [(LOOPBACK_V4, server.port)]


def test_exactly_max_redirects_hops_are_followed(serve: Callable[..., LocalServer]) -> None:
    routes: dict[str, Handler] = {f"/hop/{n}": _redirect(f"/hop/{n + 1}") for n in range(3)}
    routes["/hop/3"] = _send(200, ARTICLE)
    server = serve(routes)
    page = fetch_url(f"http://127.0.0.1:{server.port}/hop/0", max_redirects=3, address_allowed=allow_only(LOOPBACK_V4))
    assert page.body == ARTICLE
    assert len(server.requests) == 4


# ---------------------------------------------------------------------------------------------------
# Refusals before any connection


def test_a_loopback_url_is_refused_with_the_default_policy(
    serve: Callable[..., LocalServer], connections: list[tuple[Address, int]]
) -> None:
    server = serve({"/": _send(200, ARTICLE)})
    with pytest.raises(FetchError, match="loopback"):
        fetch_url(f"http://127.0.0.1:{server.port}/")
    assert connections == []
    assert server.requests == []


@pytest.mark.parametrize(
    "host",
    [
        "2130706433",
        "0x7f000001",
        "0x7f.1",
        "0177.0.0.1",
        "127.1",
        "0x7F.0.0.1",
        "017700000001",
        "127.0.0.1.",
        "127\u30020\u30020\u30021",
        "\uff11\uff12\uff17.0.0.1",
    ],
)
def test_numeric_spellings_of_loopback_are_read_as_127_0_0_1_and_refused(
    host: str, serve: Callable[..., LocalServer], connections: list[tuple[Address, int]]
) -> None:
    server = serve({"/": _send(200, ARTICLE)})
    judged: list[Address] = []

    def recording_policy(address: Address) -> bool:
        judged.append(address)
        return is_public_address(address)

    with pytest.raises(FetchError, match="loopback"):
        fetch_url(f"http://{host}:{server.port}/", resolver=StubResolver({}), address_allowed=recording_policy)
    assert judged == [LOOPBACK_V4]
    assert connections == []


@pytest.mark.parametrize(
    "url",
    [
        "http://0.0.0.0:9/",
        "http://0:9/",
        "http://[::1]:9/",
        "http://[::ffff:127.0.0.1]:9/",
        "http://[::ffff:7f00:1]:9/",
        "http://169.254.169.254/latest/meta-data/",
        "http://2852039166/latest/meta-data/",  # 169.254.169.254 as one number
        "http://[fd00:ec2::254]/latest/meta-data/",
        "http://10.0.0.5/",
        "https://192.168.0.1/",
        "http://[2002:7f00:1::1]/",
    ],
)
def test_literal_internal_addresses_are_refused_without_connecting(
    url: str, connections: list[tuple[Address, int]]
) -> None:
    resolver = StubResolver({})
    with pytest.raises(FetchError, match="only public internet addresses"):
        fetch_url(url, resolver=resolver)
    assert resolver.lookups == []
    assert connections == []


@pytest.mark.parametrize(
    ("addresses", "reason"),
    [
        (["10.0.0.5"], "private"),
        (["169.254.169.254"], "link-local"),
        (["127.0.0.1"], "loopback"),
        (["93.184.216.34", "10.0.0.5"], "private"),  # one bad address among good ones is enough
        (["2606:4700:4700::1111", "::1"], "loopback"),
        (["::ffff:169.254.169.254"], "IPv4-mapped link-local"),
        (["100.64.0.1"], "shared"),
        (["fc00::5"], "private"),
    ],
)
def test_a_name_resolving_to_any_internal_address_is_refused_before_connecting(
    addresses: list[str], reason: str, connections: list[tuple[Address, int]]
) -> None:
    resolver = StubResolver({"intranet.example": addresses})
    with pytest.raises(FetchError, match=reason):
        fetch_url("http://intranet.example/", resolver=resolver)
    assert resolver.lookups == ["intranet.example"]
    assert connections == []


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("", "empty"),
        ("ftp://news.example/file.txt", "only http and https"),
        ("file:///etc/passwd", "only http and https"),
        ("gopher://news.example:70/", "only http and https"),
        ("javascript:alert(1)", "only http and https"),
        ("news.example/story", "only http and https"),
        ("//news.example/story", "only http and https"),
        ("http://user@news.example/", "user name or password"),
        ("http://user:secret@news.example/", "user name or password"),
        ("http://news.example@127.0.0.1/", "user name or password"),
        ("http:///story", "no host"),
        ("http://news example/", "spaces"),
        ("http://news.example/a story", "spaces"),
        ("http://news.example\\@127.0.0.1/", "backslash"),
        ("http://news.example/\r\nX-Injected: 1", "control characters"),
        ("http://news.example:99999/", "malformed"),
        ("http://news.example:port/", "malformed"),
        ("http://news.example:0/", "port 0"),
        ("http://[::1/", "malformed"),
        ("http://[not-an-address]/", "IPv6"),
        ("http://1.2.3.4.5/", "not one"),
        ("http://256.1.1.1/", "out of range"),
        ("http://08.1.1.1/", "not one"),
        ("http://-bad-.example/", "not valid"),
        ("http://a..b.example/", "not valid"),
        ("http://news.example/" + "a" * 2100, "longer than 2048"),
    ],
)
def test_malformed_and_unsupported_urls_are_refused_with_a_reason(
    url: str, message: str, connections: list[tuple[Address, int]]
) -> None:
    resolver = StubResolver({"news.example": ["127.0.0.1"]})
    with pytest.raises(FetchError, match=message):
        fetch_url(url, resolver=resolver, address_allowed=lambda address: True)
    assert resolver.lookups == []
    assert connections == []


def test_the_url_length_limit_is_configurable() -> None:
    with pytest.raises(FetchError, match="longer than 30"):
        fetch_url("http://news.example/" + "a" * 20, max_url_length=30, resolver=StubResolver({}))


def test_an_international_host_name_is_resolved_in_its_ascii_form(serve: Callable[..., LocalServer]) -> None:
    server = serve({"/": _send(200, ARTICLE)})
    resolver = StubResolver({"xn--bcher-kva.example": ["127.0.0.1"]})
    page = fetch_url(
        f"http://b\u00fccher.example:{server.port}/", resolver=resolver, address_allowed=allow_only(LOOPBACK_V4)
    )
    assert page.body == ARTICLE
    assert server.requests == [("/", f"xn--bcher-kva.example:{server.port}")]


# ---------------------------------------------------------------------------------------------------
# Redirects to internal addresses


@needs_ipv6
def test_a_redirect_to_loopback_on_another_port_is_refused_by_the_default_rules(
    serve: Callable[..., LocalServer], connections: list[tuple[Address, int]]
) -> None:
    internal = serve({"/admin": _send(200, b"internal secrets")})
    front = serve({"/": _redirect(f"http://127.0.0.1:{internal.port}/admin")}, host="::1")
    resolver = StubResolver({"news.example": ["::1"]})
    with pytest.raises(FetchError, match="loopback"):
        fetch_url(f"http://news.example:{front.port}/", resolver=resolver, address_allowed=allow_only(LOOPBACK_V6))
    assert internal.requests == []
    assert connections == [(LOOPBACK_V6, front.port)]


@pytest.mark.parametrize(
    "location",
    [
        "http://127.0.0.2:{port}/admin",
        "http://0.0.0.0:{port}/admin",
        "http://2130706434:{port}/",
        "http://[::1]:{port}/",
    ],
)
def test_a_redirect_to_another_loopback_spelling_is_refused(
    location: str, serve: Callable[..., LocalServer], connections: list[tuple[Address, int]]
) -> None:
    internal_port = 9  # nothing is ever sent there: the hop is refused before connecting
    front = serve({"/": _redirect(location.format(port=internal_port))})
    resolver = StubResolver({"news.example": ["127.0.0.1"]})
    with pytest.raises(FetchError, match="only public internet addresses"):
        fetch_url(f"http://news.example:{front.port}/", resolver=resolver, address_allowed=allow_only(LOOPBACK_V4))
    assert connections == [(LOOPBACK_V4, front.port)]


@pytest.mark.parametrize(
    ("target", "reason"),
    [("10.0.0.5", "private"), ("169.254.169.254", "link-local"), ("fd00::5", "private")],
)
def test_a_redirect_to_a_name_resolving_internally_is_refused_before_connecting(
    target: str, reason: str, serve: Callable[..., LocalServer], connections: list[tuple[Address, int]]
) -> None:
    front = serve({"/": _redirect("http://metadata.example/latest/meta-data/")})
    resolver = StubResolver({"news.example": ["127.0.0.1"], "metadata.example": [target]})
    with pytest.raises(FetchError, match=reason):
        fetch_url(f"http://news.example:{front.port}/", resolver=resolver, address_allowed=allow_only(LOOPBACK_V4))
    assert resolver.lookups == ["news.example", "metadata.example"]
    assert connections == [(LOOPBACK_V4, front.port)]


def test_a_redirect_to_another_scheme_is_refused(
    serve: Callable[..., LocalServer], connections: list[tuple[Address, int]]
) -> None:
    front = serve({"/": _redirect("file:///etc/passwd")})
    with pytest.raises(FetchError, match="only http and https"):
        fetch_url(f"http://127.0.0.1:{front.port}/", address_allowed=allow_only(LOOPBACK_V4))
    assert len(connections) == 1


def test_too_many_redirects_are_refused(serve: Callable[..., LocalServer]) -> None:
    server = serve({f"/loop/{n}": _redirect(f"/loop/{n + 1}") for n in range(20)})
    with pytest.raises(FetchError, match="more than 5 times"):
        fetch_url(f"http://127.0.0.1:{server.port}/loop/0", address_allowed=allow_only(LOOPBACK_V4))
    assert len(server.requests) == 6


def test_a_redirect_without_a_location_is_an_error(serve: Callable[..., LocalServer]) -> None:
    server = serve({"/": _send(302, b"", None)})
    with pytest.raises(FetchError, match="without saying where"):
        fetch_url(f"http://127.0.0.1:{server.port}/", address_allowed=allow_only(LOOPBACK_V4))


# ---------------------------------------------------------------------------------------------------
# Responses that are refused


def _stream_forever(*, content_length: str | None, chunked: bool = False) -> Handler:
    def handler(request: http.server.BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "text/html")
        if content_length is not None:
            request.send_header("Content-Length", content_length)
        if chunked:
            request.send_header("Transfer-Encoding", "chunked")
        if content_length is None and not chunked:
            request.send_header("Connection", "close")
        request.end_headers()
        block = b"<p>" + b"x" * 16_000 + b"</p>\n"
        try:
            for _ in range(2_000):  # about 32 MB if nobody stops reading
                if chunked:
                    request.wfile.write(f"{len(block):x}\r\n".encode() + block + b"\r\n")
                else:
                    request.wfile.write(block)
        except OSError:
            pass  # the client hung up, as it should
        request.close_connection = True

    return handler


@pytest.mark.parametrize(
    "handler",
    [
        _stream_forever(content_length=None),
        _stream_forever(content_length=None, chunked=True),
        _stream_forever(content_length="1000000000", chunked=False),
    ],
    ids=["no-content-length", "chunked", "huge-content-length"],
)
def test_a_body_over_the_size_cap_is_cut_off_while_streaming(
    handler: Handler, serve: Callable[..., LocalServer]
) -> None:
    server = serve({"/": handler})
    started = time.monotonic()
    with pytest.raises(FetchError, match="larger than the 100,000-byte limit"):
        fetch_url(f"http://127.0.0.1:{server.port}/", max_bytes=100_000, address_allowed=allow_only(LOOPBACK_V4))
    assert time.monotonic() - started < 5


def test_a_small_content_length_does_not_let_more_bytes_through(serve: Callable[..., LocalServer]) -> None:
    server = serve({"/": _stream_forever(content_length="200")})
    page = fetch_url(f"http://127.0.0.1:{server.port}/", max_bytes=100_000, address_allowed=allow_only(LOOPBACK_V4))
    assert len(page.body) == 200


def test_a_compressed_bomb_is_cut_off_at_the_cap_after_decompression(serve: Callable[..., LocalServer]) -> None:
    bomb = gzip.compress(b"<p>" + b"a" * 8_000_000 + b"</p>")

    def handler(request: http.server.BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "text/html")
        request.send_header("Content-Encoding", "gzip")
        request.send_header("Content-Length", str(len(bomb)))
        request.end_headers()
        request.wfile.write(bomb)

    server = serve({"/": handler})
    with pytest.raises(FetchError, match="larger than"):
        fetch_url(f"http://127.0.0.1:{server.port}/", max_bytes=1_000_000, address_allowed=allow_only(LOOPBACK_V4))


def test_a_gzip_page_under_the_cap_is_decompressed(serve: Callable[..., LocalServer]) -> None:
    packed = gzip.compress(ARTICLE)

    def handler(request: http.server.BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "text/html")
        request.send_header("Content-Encoding", "gzip")
        request.send_header("Content-Length", str(len(packed)))
        request.end_headers()
        request.wfile.write(packed)

    server = serve({"/": handler})
    page = fetch_url(f"http://127.0.0.1:{server.port}/", address_allowed=allow_only(LOOPBACK_V4))
    assert page.body == ARTICLE


def test_a_slow_server_times_out(serve: Callable[..., LocalServer]) -> None:
    def slow(request: http.server.BaseHTTPRequestHandler) -> None:
        server.stopping.wait(3)
        _send(200, ARTICLE)(request)

    server = serve({"/": slow})
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        fetch_url(f"http://127.0.0.1:{server.port}/", timeout=0.5, address_allowed=allow_only(LOOPBACK_V4))
    assert time.monotonic() - started < 2


def test_a_server_dripping_bytes_hits_the_total_deadline(serve: Callable[..., LocalServer]) -> None:
    def drip(request: http.server.BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "text/plain")
        request.send_header("Connection", "close")
        request.end_headers()
        try:
            while not server.stopping.wait(0.1):
                request.wfile.write(b"x")
                request.wfile.flush()
        except OSError:
            pass

    server = serve({"/": drip})
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        fetch_url(
            f"http://127.0.0.1:{server.port}/",
            timeout=0.5,
            total_timeout=1.0,
            address_allowed=allow_only(LOOPBACK_V4),
        )
    assert time.monotonic() - started < 2.5


@pytest.mark.parametrize(
    ("content_type", "message"),
    [
        ("image/png", "returned image/png, not an article"),
        ("application/pdf", "returned application/pdf, not an article"),
        ("application/zip", "not an article"),
        ("application/json", "not an article"),
        (None, "no Content-Type"),
    ],
)
def test_a_page_that_is_not_html_or_text_is_refused(
    content_type: str | None, message: str, serve: Callable[..., LocalServer]
) -> None:
    server = serve({"/": _send(200, b"\x89PNG\r\n\x1a\n", content_type)})
    with pytest.raises(FetchError, match=message):
        fetch_url(f"http://127.0.0.1:{server.port}/", address_allowed=allow_only(LOOPBACK_V4))


@pytest.mark.parametrize("content_type", ["text/plain", "application/xhtml+xml", "TEXT/HTML; charset=ISO-8859-1"])
def test_html_xhtml_and_plain_text_are_accepted(content_type: str, serve: Callable[..., LocalServer]) -> None:
    server = serve({"/": _send(200, b"words", content_type)})
    page = fetch_url(f"http://127.0.0.1:{server.port}/", address_allowed=allow_only(LOOPBACK_V4))
    assert page.content_type == content_type


@pytest.mark.parametrize(("status", "message"), [(404, "HTTP 404"), (500, "HTTP 500"), (304, "HTTP 304")])
def test_a_non_2xx_status_is_refused(status: int, message: str, serve: Callable[..., LocalServer]) -> None:
    server = serve({"/": _send(status, b"", "text/html")})
    with pytest.raises(FetchError, match=message):
        fetch_url(f"http://127.0.0.1:{server.port}/", address_allowed=allow_only(LOOPBACK_V4))


def test_a_closed_port_is_a_clear_error(serve: Callable[..., LocalServer]) -> None:
    with socket.socket() as placeholder:
        placeholder.bind(("127.0.0.1", 0))
        closed_port = placeholder.getsockname()[1]
    with pytest.raises(FetchError, match="refused the connection"):
        fetch_url(f"http://127.0.0.1:{closed_port}/", address_allowed=allow_only(LOOPBACK_V4))


def test_a_truncated_body_is_an_error(serve: Callable[..., LocalServer]) -> None:
    server = serve({"/": _stream_forever(content_length="99999999999")})
    with pytest.raises(FetchError, match="larger than"):
        fetch_url(f"http://127.0.0.1:{server.port}/", max_bytes=10_000, address_allowed=allow_only(LOOPBACK_V4))

    def short(request: http.server.BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "text/html")
        request.send_header("Content-Length", "5000")
        request.end_headers()
        request.wfile.write(b"only a little")
        request.close_connection = True

    truncating = serve({"/": short})
    with pytest.raises(FetchError, match="closed before the page was complete"):
        fetch_url(f"http://127.0.0.1:{truncating.port}/", address_allowed=allow_only(LOOPBACK_V4))


# ---------------------------------------------------------------------------------------------------
# HTTPS: the socket goes to the checked address, SNI and the certificate check use the host name


@pytest.fixture
def certificate(tmp_path: Path) -> tuple[Path, Path]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-keyout", str(key), "-out", str(cert), "-subj", "/CN=news.example",
            "-addext", "subjectAltName=DNS:news.example",
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


def _tls_server_context(cert: Path, key: Path, server_names: list[str | None]) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)

    def record_server_name(sock: ssl.SSLObject, server_name: str | None, ctx: ssl.SSLContext) -> None:
        server_names.append(server_name)

    context.sni_callback = record_server_name
    return context


def test_https_connects_to_the_checked_address_and_verifies_the_host_name(
    certificate: tuple[Path, Path], serve: Callable[..., LocalServer], connections: list[tuple[Address, int]]
) -> None:
    cert, key = certificate
    server_names: list[str | None] = []
    server = serve({"/": _send(200, ARTICLE)}, tls=_tls_server_context(cert, key, server_names))
    client_context = ssl.create_default_context(cafile=str(cert))
    page = fetch_url(
        f"https://news.example:{server.port}/",
        resolver=StubResolver({"news.example": ["127.0.0.1"]}),
        address_allowed=allow_only(LOOPBACK_V4),
        ssl_context=client_context,
    )
    assert page.body == ARTICLE
    assert server_names == ["news.example"]
    assert server.requests == [("/", f"news.example:{server.port}")]
    assert connections == [(LOOPBACK_V4, server.port)]


def test_https_with_a_certificate_for_another_name_is_refused(
    certificate: tuple[Path, Path], serve: Callable[..., LocalServer]
) -> None:
    cert, key = certificate
    server = serve({"/": _send(200, ARTICLE)}, tls=_tls_server_context(cert, key, []))
    with pytest.raises(FetchError, match="could not be verified"):
        fetch_url(
            f"https://other.example:{server.port}/",
            resolver=StubResolver({"other.example": ["127.0.0.1"]}),
            address_allowed=allow_only(LOOPBACK_V4),
            ssl_context=ssl.create_default_context(cafile=str(cert)),
        )
    assert server.requests == []


def test_https_with_an_untrusted_certificate_is_refused_by_default(
    certificate: tuple[Path, Path], serve: Callable[..., LocalServer]
) -> None:
    cert, key = certificate
    server = serve({"/": _send(200, ARTICLE)}, tls=_tls_server_context(cert, key, []))
    with pytest.raises(FetchError, match="could not be verified"):
        fetch_url(
            f"https://news.example:{server.port}/",
            resolver=StubResolver({"news.example": ["127.0.0.1"]}),
            address_allowed=allow_only(LOOPBACK_V4),
        )
    assert server.requests == []


# ---------------------------------------------------------------------------------------------------
# Conditional requests, other media types, and the loopback test policy (feeds use all three)


def _conditional(etag: str) -> Handler:
    def handler(request: http.server.BaseHTTPRequestHandler) -> None:
        if request.headers.get("If-None-Match") == etag:
            request.send_response(304)
            request.send_header("ETag", etag)
            request.end_headers()
            return
        body = b"<rss version='2.0'><channel><title>t</title></channel></rss>"
        request.send_response(200)
        request.send_header("Content-Type", "application/rss+xml")
        request.send_header("ETag", etag)
        request.send_header("Last-Modified", "Mon, 02 Mar 2026 10:00:00 GMT")
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)

    return handler


def test_a_conditional_request_reports_304_with_no_body_and_the_validators(serve: Callable[..., LocalServer]) -> None:
    server = serve({"/feed": _conditional('"v1"')})
    url = f"http://{server.authority}/feed"
    xml = frozenset({"application/rss+xml"})
    first = fetch_url(url, address_allowed=allow_only(LOOPBACK_V4), accepted_types=xml)
    assert (first.status, first.etag, first.last_modified) == (200, '"v1"', "Mon, 02 Mar 2026 10:00:00 GMT")
    again = fetch_url(
        url, address_allowed=allow_only(LOOPBACK_V4), accepted_types=xml, headers={"If-None-Match": first.etag}
    )
    assert (again.status, again.body, again.etag) == (304, b"", '"v1"')


def test_a_304_to_an_unconditional_request_is_an_error(serve: Callable[..., LocalServer]) -> None:
    server = serve({"/feed": _send(304, b"", None)})
    with pytest.raises(FetchError, match="HTTP 304"):
        fetch_url(f"http://{server.authority}/feed", address_allowed=allow_only(LOOPBACK_V4))


def test_xml_is_refused_unless_the_caller_accepts_it(serve: Callable[..., LocalServer]) -> None:
    server = serve({"/feed": _conditional('"v1"')})
    with pytest.raises(FetchError, match="application/rss\\+xml, not an article"):
        fetch_url(f"http://{server.authority}/feed", address_allowed=allow_only(LOOPBACK_V4))


@pytest.mark.parametrize("address", ["127.0.0.1", "127.3.2.1", "::1", "::ffff:127.0.0.1", "8.8.8.8"])
def test_the_loopback_test_policy_adds_loopback_to_public_addresses(address: str) -> None:
    assert is_public_or_loopback_address(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["10.0.0.5", "192.168.1.1", "169.254.169.254", "fc00::1", "0.0.0.0"])
def test_the_loopback_test_policy_still_refuses_every_other_internal_address(address: str) -> None:
    assert not is_public_or_loopback_address(ipaddress.ip_address(address))
