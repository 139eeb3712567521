"""Read an outlet's feed: RSS 2.0 / RSS 1.0 / Atom (feedparser), a news sitemap or a sitemap index
(defusedxml), into the list of article URLs it announces. Pure: bytes in, entries out, no network.

Refused, each with a reason a desk editor can act on: an empty body, an HTML page, a document that is
not XML, an XML document of another kind, a feed that is not well-formed, and any document declaring
XML entities (a "billion laughs" bomb expands a few hundred bytes into gigabytes; no real feed or
sitemap needs its own entities).
"""

from __future__ import annotations

import calendar
import html
import io
import re
import urllib.parse
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeElementTree
import feedparser
from defusedxml import DefusedXmlException

from claims.pipeline.types import InputError

RSS = "rss"
ATOM = "atom"
SITEMAP = "sitemap"
SITEMAP_INDEX = "sitemap_index"

# What a feed URL may answer with. HTML and plain text are read too, so that a web page given as a
# feed is named as such rather than refused for its media type.
FEED_MEDIA_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/x-rss+xml",
        "application/xml",
        "text/xml",
        "text/html",
        "application/xhtml+xml",
        "text/plain",
    }
)
FEED_ACCEPT = "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.1"

_SNIFF_BYTES = 64 * 1024
_PROLOG = re.compile(r"\s*(?:<\?.*?\?>|<!--.*?-->|<!doctype[^>\[]*(?:\[.*?\])?\s*>)", re.IGNORECASE | re.DOTALL)
_ROOT = re.compile(r"\s*<\s*([A-Za-z_][\w.:-]*)")
_ENTITY_DECLARATION = re.compile(rb"<!\s*ENTITY", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
# feedparser reports these when it read the feed all the same (a charset mislabelled by the server, an
# HTML entity such as &nbsp; that XML does not define): the entries are complete, so they are kept.
_HARMLESS_BOZO = ("undefined entity",)


class FeedError(InputError):
    """A feed document that cannot be read; the message says why."""


@dataclass(frozen=True)
class FeedEntry:
    """One announced article: its URL and what the feed says about it (for the include filter)."""

    url: str
    title: str = ""
    summary: str = ""
    published: datetime | None = None


@dataclass(frozen=True)
class ParsedFeed:
    kind: str  # rss | atom | sitemap | sitemap_index
    title: str
    entries: tuple[FeedEntry, ...] = ()
    sitemaps: tuple[str, ...] = ()  # the child sitemaps of a sitemap index


def root_element(body: bytes) -> str:
    """The local name of the document's root element, lower-cased ("" when the body is not markup)."""
    head = body[:_SNIFF_BYTES]
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            text = head[len(bom) :].decode(codec, errors="replace")
            break
    else:
        text = head.decode("latin-1")
    position = 0
    while True:
        prolog = _PROLOG.match(text, position)
        if prolog is None or prolog.end() == position:
            break
        position = prolog.end()
    root = _ROOT.match(text, position)
    return root.group(1).rsplit(":", 1)[-1].lower() if root else ""


def parse_feed(body: bytes, *, url: str) -> ParsedFeed:
    """Read a feed or sitemap fetched from ``url`` (relative links resolve against it)."""
    if not body.strip():
        raise FeedError("the feed is empty")
    if _ENTITY_DECLARATION.search(body):
        raise FeedError(
            "the document declares XML entities (<!ENTITY>), which are refused: "
            "they can expand a small file without bound (a 'billion laughs' bomb)"
        )
    root = root_element(body)
    if root == "html":
        raise FeedError("the URL is an HTML web page, not an RSS or Atom feed or a sitemap")
    if root in ("urlset", "sitemapindex"):
        return _parse_sitemap(body, url=url)
    if root in ("rss", "feed", "rdf"):
        return _parse_syndication(body, url=url)
    if not root:
        raise FeedError("the document is not XML, so not an RSS or Atom feed or a sitemap")
    raise FeedError(f"the document's root element is <{root}>, not an RSS or Atom feed or a sitemap")


def _parse_syndication(body: bytes, *, url: str) -> ParsedFeed:
    parsed: Any = feedparser.parse(
        io.BytesIO(body),  # a stream: feedparser never opens a URL or a file name it is given
        response_headers={"content-location": url, "content-type": "application/xml"},
        sanitize_html=True,
        resolve_relative_uris=True,
    )
    if parsed.get("bozo"):
        problem = parsed.get("bozo_exception")
        harmless = isinstance(problem, feedparser.CharacterEncodingOverride) or any(
            text in str(problem).lower() for text in _HARMLESS_BOZO
        )
        if not harmless:
            raise FeedError(f"the feed is not well-formed XML: {problem}")
    version = str(parsed.get("version") or "")
    if not version:
        raise FeedError("the document is not an RSS or Atom feed feedparser can read")
    entries: list[FeedEntry] = []
    for item in parsed.get("entries", []):
        link = _entry_link(item)
        if not link:
            continue
        entries.append(
            FeedEntry(
                url=urllib.parse.urljoin(url, link),
                title=plain_text(str(item.get("title", ""))),
                summary=plain_text(str(item.get("summary", ""))),
                published=_struct_time(item.get("published_parsed") or item.get("updated_parsed")),
            )
        )
    title = plain_text(str(parsed.get("feed", {}).get("title", "")))
    return ParsedFeed(kind=ATOM if version.startswith("atom") else RSS, title=title, entries=_unique(entries))


def _entry_link(item: Any) -> str:
    for link in item.get("links", []) or []:
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return str(link["href"]).strip()
    return str(item.get("link", "") or "").strip()


def _struct_time(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def _local(element: Element) -> str:
    return element.tag.rsplit("}", 1)[-1].lower() if isinstance(element.tag, str) else ""


def _child_text(element: Element, *path: str) -> str:
    current: Element | None = element
    for name in path:
        current = next((child for child in current if _local(child) == name), None) if current is not None else None
    return (current.text or "").strip() if current is not None else ""


def _parse_sitemap(body: bytes, *, url: str) -> ParsedFeed:
    try:
        root = SafeElementTree.fromstring(body, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise FeedError(f"the sitemap declares a DTD or entities, which are refused: {error}") from error
    except ParseError as error:
        raise FeedError(f"the sitemap is not well-formed XML: {error}") from error
    if _local(root) == "sitemapindex":
        locations = [_child_text(child, "loc") for child in root if _local(child) == "sitemap"]
        sitemaps = tuple(dict.fromkeys(urllib.parse.urljoin(url, loc) for loc in locations if loc))
        return ParsedFeed(kind=SITEMAP_INDEX, title="", sitemaps=sitemaps)
    entries = []
    for child in root:
        if _local(child) != "url":
            continue
        loc = _child_text(child, "loc")
        if not loc:
            continue
        published = _child_text(child, "news", "publication_date") or _child_text(child, "lastmod")
        title = plain_text(_child_text(child, "news", "title"))
        entries.append(FeedEntry(url=urllib.parse.urljoin(url, loc), title=title, published=_iso_date(published)))
    return ParsedFeed(kind=SITEMAP, title="", entries=_unique(entries))


def _iso_date(text: str) -> datetime | None:
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _unique(entries: list[FeedEntry]) -> tuple[FeedEntry, ...]:
    """Entries with an http(s) URL, each URL once (fragments dropped), in the document's order."""
    seen: set[str] = set()
    kept: list[FeedEntry] = []
    for entry in entries:
        parts = urllib.parse.urlsplit(entry.url)
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
            continue
        url = urllib.parse.urlunsplit(parts._replace(fragment=""))
        if url in seen:
            continue
        seen.add(url)
        kept.append(FeedEntry(url=url, title=entry.title, summary=entry.summary, published=entry.published))
    return tuple(kept)


def plain_text(markup: str) -> str:
    """Tags dropped, entities decoded, white space collapsed: what a keyword is looked for in."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", markup))).strip()


def parse_keywords(text: str) -> tuple[str, ...]:
    """The include filter as typed by a desk: words or phrases separated by commas."""
    return tuple(dict.fromkeys(word.strip().casefold() for word in text.split(",") if word.strip()))


def matches_keywords(entry: FeedEntry, keywords: tuple[str, ...]) -> bool:
    """True when there is no filter, or the entry's title, summary or URL words contain one keyword
    (whole words, any case)."""
    if not keywords:
        return True
    path = urllib.parse.unquote(urllib.parse.urlsplit(entry.url).path)
    haystack = " ".join((entry.title, entry.summary, re.sub(r"[-_/.+]", " ", path))).casefold()
    return any(re.search(rf"(?<!\w){re.escape(word)}(?!\w)", haystack) for word in keywords)
