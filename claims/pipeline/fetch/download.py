"""Fetch one article by URL without letting the URL reach the server's own network (SSRF).

The failure this module exists to avoid is Label Studio's CVE-2023-47116: check the host name once,
then hand the URL to a client that resolves it again and follows redirects on its own. An attacker
answers the second DNS query with 127.0.0.1 (rebinding) or redirects to http://169.254.169.254/.

So, on every hop: parse and validate the URL, resolve the host exactly once, refuse the hop if ANY
resolved address is not allowed (addresses.py), then open the socket to the checked address itself
(the Host header and the TLS server name stay the original host name, so virtual hosting and
certificate checks work). Redirects are followed here, one validated hop at a time, never by a client.
Bodies are read in chunks and cut off past a size cap, whatever Content-Length claims.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import time
import urllib.parse
import zlib
from collections.abc import Mapping
from dataclasses import dataclass

from claims.pipeline.fetch.addresses import (
    Address,
    AddressPolicy,
    FetchError,
    Resolver,
    Target,
    checked_addresses,
    default_resolver,
    is_public_address,
    parse_target,
)

ACCEPTED_CONTENT_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
HTML_ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9"
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
NOT_MODIFIED = 304
USER_AGENT = "factcheck-fetcher/1.0 (+claim review queue)"
_CHUNK_SIZE = 64 * 1024


@dataclass(frozen=True)
class FetchedPage:
    """A fetched page. ``content_type`` is the full header value, charset parameter included.

    ``status`` is 304 (and ``body`` empty) only when the request was conditional and the server says
    the page is unchanged; ``etag`` and ``last_modified`` are the validators it sent, if any.
    """

    url: str  # the final URL, after redirects
    status: int
    content_type: str
    body: bytes
    etag: str = ""
    last_modified: str = ""


def _open_socket(address: Address, port: int, timeout: float) -> socket.socket:
    """Open a TCP connection to one already-checked address (never to a name: no second DNS lookup)."""
    family = socket.AF_INET6 if address.version == 6 else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.settimeout(timeout)
        sock.connect((str(address), port))
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    except BaseException:
        sock.close()
        raise
    return sock


def _connect_to_checked(addresses: list[Address], port: int, timeout: float) -> socket.socket:
    last_error: OSError | None = None
    for address in addresses:
        try:
            return _open_socket(address, port, timeout)
        except OSError as error:
            last_error = error
    assert last_error is not None
    raise last_error


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """An HTTP connection that talks to checked addresses while sending the original Host header."""

    def __init__(self, host: str, port: int, *, addresses: list[Address], timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._checked_addresses = addresses
        self._connect_timeout = timeout

    def connect(self) -> None:
        self.sock = _connect_to_checked(self._checked_addresses, self.port, self._connect_timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """An HTTPS connection to checked addresses; SNI and the certificate check use the host name."""

    def __init__(
        self, host: str, port: int, *, addresses: list[Address], timeout: float, context: ssl.SSLContext
    ) -> None:
        super().__init__(host, port, timeout=timeout, context=context)
        self._checked_addresses = addresses
        self._tls_context = context
        self._connect_timeout = timeout

    def connect(self) -> None:
        raw_socket = _connect_to_checked(self._checked_addresses, self.port, self._connect_timeout)
        try:
            self.sock = self._tls_context.wrap_socket(raw_socket, server_hostname=self.host)
        except BaseException:
            raw_socket.close()
            raise


def _media_type(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def _read_capped(
    response: http.client.HTTPResponse,
    connection: http.client.HTTPConnection,
    *,
    max_bytes: int,
    timeout: float,
    deadline: float,
) -> bytes:
    """Read the body in chunks, stopping with an error as soon as it passes ``max_bytes``."""
    encoding = (response.getheader("Content-Encoding") or "identity").strip().lower()
    decompressor: zlib._Decompress | None
    if encoding in ("identity", ""):
        decompressor = None
    elif encoding in ("gzip", "x-gzip", "deflate"):
        decompressor = zlib.decompressobj(zlib.MAX_WBITS | 32)  # gzip or zlib header, detected
    else:
        raise FetchError(f"the URL sent its page compressed as {encoding!r}, which is not supported")
    too_big = FetchError(f"the page is larger than the {max_bytes:,}-byte limit")
    declared = response.getheader("Content-Length")
    if decompressor is None and declared and declared.strip().isdigit() and int(declared) > max_bytes:
        raise too_big
    body = bytearray()
    while True:
        remaining_time = deadline - time.monotonic()
        if remaining_time <= 0:
            raise FetchError("timed out: the server took too long to send the page")
        if connection.sock is not None:
            connection.sock.settimeout(min(timeout, remaining_time))
        chunk = response.read1(_CHUNK_SIZE)  # one socket read at most, so the deadline is checked often
        if not chunk:
            if response.length:  # read1 reports a connection closed early as an empty read
                raise http.client.IncompleteRead(bytes(body), response.length)
            break
        if decompressor is None:
            body += chunk
        else:
            data = chunk
            while data:
                body += decompressor.decompress(data, max_bytes + 1 - len(body))
                if len(body) > max_bytes:
                    raise too_big
                data = decompressor.unconsumed_tail
        if len(body) > max_bytes:
            raise too_big
    return bytes(body)


def _fetch_hop(
    target: Target,
    addresses: list[Address],
    *,
    timeout: float,
    deadline: float,
    max_bytes: int,
    ssl_context: ssl.SSLContext | None,
    accepted_types: frozenset[str] = ACCEPTED_CONTENT_TYPES,
    accept: str = HTML_ACCEPT,
    headers: Mapping[str, str] | None = None,
) -> tuple[str | None, FetchedPage | None]:
    """One request. Returns (redirect location, page), exactly one of them set."""
    connection: http.client.HTTPConnection
    if target.scheme == "https":
        context = ssl_context or ssl.create_default_context()
        connection = _PinnedHTTPSConnection(
            target.host, target.port, addresses=addresses, timeout=timeout, context=context
        )
    else:
        connection = _PinnedHTTPConnection(target.host, target.port, addresses=addresses, timeout=timeout)
    try:
        connection.putrequest("GET", target.request_path, skip_accept_encoding=True)
        connection.putheader("User-Agent", USER_AGENT)
        connection.putheader("Accept", accept)
        connection.putheader("Accept-Encoding", "identity")
        connection.putheader("Connection", "close")
        for name, value in (headers or {}).items():
            connection.putheader(name, value)
        connection.endheaders()
        response = connection.getresponse()
        status = response.status
        etag = response.getheader("ETag") or ""
        last_modified = response.getheader("Last-Modified") or ""
        if status == NOT_MODIFIED and headers:
            return None, FetchedPage(
                url=target.url, status=status, content_type="", body=b"", etag=etag, last_modified=last_modified
            )
        if status in REDIRECT_STATUSES:
            location = response.getheader("Location")
            if not location:
                raise FetchError(f"the URL redirected (HTTP {status}) without saying where")
            return location, None
        if not 200 <= status < 300:
            raise FetchError(f"the URL returned HTTP {status} {response.reason}".rstrip())
        content_type = response.getheader("Content-Type") or ""
        media_type = _media_type(content_type)
        if not media_type:
            raise FetchError("the URL did not say what kind of content it returned (no Content-Type)")
        if media_type not in accepted_types:
            wanted = "an article (HTML or plain text)" if accepted_types == ACCEPTED_CONTENT_TYPES else "accepted"
            raise FetchError(f"the URL returned {media_type}, not {wanted}")
        body = _read_capped(response, connection, max_bytes=max_bytes, timeout=timeout, deadline=deadline)
        return None, FetchedPage(
            url=target.url, status=status, content_type=content_type, body=body, etag=etag, last_modified=last_modified
        )
    except TimeoutError as error:
        raise FetchError(f"timed out fetching {target.url}") from error
    except ssl.SSLCertVerificationError as error:
        raise FetchError(
            f"the TLS certificate of {target.host} could not be verified: {error.verify_message}"
        ) from error
    except ssl.SSLError as error:
        raise FetchError(f"the TLS connection to {target.host} failed: {error.reason or error}") from error
    except http.client.IncompleteRead as error:
        raise FetchError("the connection closed before the page was complete") from error
    except (http.client.HTTPException, zlib.error) as error:
        raise FetchError(f"the server at {target.host} sent an invalid response: {error!r}") from error
    except ConnectionRefusedError as error:
        raise FetchError(f"the server at {target.host} refused the connection") from error
    except OSError as error:
        raise FetchError(f"could not fetch {target.url}: {error.strerror or error}") from error
    finally:
        connection.close()


def fetch_url(
    url: str,
    *,
    timeout: float = 10.0,
    max_bytes: int = 5 * 1024 * 1024,
    max_redirects: int = 5,
    resolver: Resolver | None = None,
    address_allowed: AddressPolicy = is_public_address,
    max_url_length: int = 2048,
    total_timeout: float = 60.0,
    ssl_context: ssl.SSLContext | None = None,
    accepted_types: frozenset[str] = ACCEPTED_CONTENT_TYPES,
    accept: str = HTML_ACCEPT,
    headers: Mapping[str, str] | None = None,
) -> FetchedPage:
    """Fetch an HTML or plain-text page, validating every redirect hop; raise FetchError on any refusal.

    ``timeout`` bounds each connect and each read; ``total_timeout`` bounds the whole fetch, so a server
    that drips one byte at a time cannot hold a worker. ``resolver`` and ``ssl_context`` exist for tests.
    ``accepted_types`` and ``accept`` let a caller take other media types (feeds take XML); ``headers``
    are extra request headers, such as If-None-Match: a conditional request answered with 304 returns
    a page with status 304 and no body instead of an error.
    """
    resolve = resolver or default_resolver
    deadline = time.monotonic() + total_timeout
    current_url = url
    for hop in range(max_redirects + 1):
        target = parse_target(current_url, max_url_length)
        addresses = checked_addresses(target, resolve, address_allowed)
        if time.monotonic() >= deadline:
            raise FetchError(f"timed out fetching {url}")
        location, page = _fetch_hop(
            target,
            addresses,
            timeout=timeout,
            deadline=deadline,
            max_bytes=max_bytes,
            ssl_context=ssl_context,
            accepted_types=accepted_types,
            accept=accept,
            headers=headers,
        )
        if page is not None:
            return page
        assert location is not None
        if hop == max_redirects:
            raise FetchError(f"the URL redirected more than {max_redirects} times")
        current_url = urllib.parse.urljoin(target.url, location)
    raise AssertionError("unreachable")  # pragma: no cover
