"""Reading feeds and sitemaps into entry URLs, and the include filter: pure functions, no network."""

from __future__ import annotations

from datetime import UTC, datetime

import hypothesis
import pytest
from hypothesis import strategies as st

from claims.pipeline.fetch.feeds import (
    ATOM,
    RSS,
    SITEMAP,
    SITEMAP_INDEX,
    FeedEntry,
    FeedError,
    matches_keywords,
    parse_feed,
    parse_keywords,
    root_element,
)
from claims.pipeline.types import InputError

RSS_FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Lakeside Courier</title><link>https://courier.example/</link>
<item><title>Ferry fares rise by 6 percent</title><link>/local/ferry-fares</link>
  <description>&lt;p&gt;The council approved new &lt;b&gt;fares&lt;/b&gt;.&lt;/p&gt;</description>
  <pubDate>Tue, 03 Mar 2026 10:00:00 GMT</pubDate></item>
<item><title>Library opens on Sundays</title><link>https://courier.example/local/library-sundays</link></item>
<item><title>Ferry fares, again</title><link>https://courier.example/local/ferry-fares#comments</link></item>
<item><title>No link here</title></item>
<item><title>Mail link</title><link>mailto:desk@courier.example</link></item>
</channel></rss>"""

ATOM_FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Hill Gazette</title><id>urn:gazette</id>
<updated>2026-03-02T08:00:00Z</updated>
<entry><title>Snowfall closes 14 schools</title><id>urn:1</id>
  <link rel="alternate" href="https://gazette.example/2026/snow-schools"/>
  <link rel="enclosure" href="https://gazette.example/photo.jpg"/>
  <updated>2026-03-02T07:30:00Z</updated><summary>Fourteen schools shut.</summary></entry>
</feed>"""

NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://tribune.example/a/water-main</loc>
  <news:news><news:publication_date>2026-03-01T09:00:00+00:00</news:publication_date>
  <news:title>Water main bursts under the high street</news:title></news:news></url>
<url><loc>https://tribune.example/a/bus-route</loc><lastmod>2026-02-27</lastmod></url>
</urlset>"""

SITEMAP_INDEX_DOC = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://tribune.example/sitemap-news.xml</loc></sitemap>
<sitemap><loc>/sitemap-older.xml</loc></sitemap>
</sitemapindex>"""

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE urlset [
 <!ENTITY a "aaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://x.example/&d;</loc></url></urlset>"""


def test_an_rss_feed_gives_its_entry_urls_resolved_deduplicated_and_in_order() -> None:
    parsed = parse_feed(RSS_FEED, url="https://courier.example/feed.xml")
    assert parsed.kind == RSS and parsed.title == "Lakeside Courier"
    assert [e.url for e in parsed.entries] == [
        "https://courier.example/local/ferry-fares",
        "https://courier.example/local/library-sundays",
    ]
    first = parsed.entries[0]
    assert first.summary == "The council approved new fares ."
    assert first.published == datetime(2026, 3, 3, 10, 0, tzinfo=UTC)


def test_an_atom_feed_gives_the_alternate_link_of_each_entry() -> None:
    parsed = parse_feed(ATOM_FEED, url="https://gazette.example/atom")
    assert parsed.kind == ATOM
    assert [e.url for e in parsed.entries] == ["https://gazette.example/2026/snow-schools"]
    assert parsed.entries[0].title == "Snowfall closes 14 schools"


def test_a_news_sitemap_gives_its_locations_titles_and_dates() -> None:
    parsed = parse_feed(NEWS_SITEMAP, url="https://tribune.example/sitemap-news.xml")
    assert parsed.kind == SITEMAP
    assert [(e.url, e.title) for e in parsed.entries] == [
        ("https://tribune.example/a/water-main", "Water main bursts under the high street"),
        ("https://tribune.example/a/bus-route", ""),
    ]
    assert parsed.entries[1].published == datetime(2026, 2, 27, tzinfo=UTC)


def test_a_sitemap_index_gives_its_child_sitemaps_and_no_entries() -> None:
    parsed = parse_feed(SITEMAP_INDEX_DOC, url="https://tribune.example/sitemap.xml")
    assert parsed.kind == SITEMAP_INDEX and parsed.entries == ()
    assert parsed.sitemaps == ("https://tribune.example/sitemap-news.xml", "https://tribune.example/sitemap-older.xml")


def test_a_billion_laughs_document_is_refused_before_any_parser_sees_it() -> None:
    with pytest.raises(FeedError, match="entities"):
        parse_feed(BILLION_LAUGHS, url="https://x.example/sitemap.xml")
    rss_bomb = BILLION_LAUGHS.replace(b"urlset", b"rss")
    with pytest.raises(FeedError, match="billion laughs"):
        parse_feed(rss_bomb, url="https://x.example/feed")


def test_a_sitemap_with_a_dtd_is_refused_by_defusedxml() -> None:
    with_dtd = NEWS_SITEMAP.replace(b"<urlset", b'<!DOCTYPE urlset SYSTEM "http://x.example/s.dtd">\n<urlset', 1)
    with pytest.raises(FeedError, match="DTD"):
        parse_feed(with_dtd, url="https://x.example/s.xml")


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"<!DOCTYPE html>\n<html><head><title>Courier</title></head><body>News</body></html>", "HTML web page"),
        (b"<html><body><p>Hello</p></body></html>", "HTML web page"),
        (b'{"items": []}', "not XML"),
        (b"   \n ", "empty"),
        (b"<?xml version='1.0'?><catalog><book/></catalog>", "<catalog>"),
        (b'<rss version="2.0"><channel><item><title>Cut off', "not well-formed"),
        (b"<urlset><url><loc>https://x.example/a</loc></url>", "not well-formed"),
    ],
)
def test_what_is_not_a_feed_is_refused_with_the_reason(body: bytes, reason: str) -> None:
    with pytest.raises(FeedError, match=reason):
        parse_feed(body, url="https://x.example/feed")


def test_a_feed_error_is_an_input_error() -> None:
    assert issubclass(FeedError, InputError)


def test_an_undefined_html_entity_in_a_feed_is_tolerated() -> None:
    body = RSS_FEED.replace(b"Library opens", b"Library&nbsp;opens")
    assert len(parse_feed(body, url="https://courier.example/feed.xml").entries) == 2


def test_the_root_element_is_found_after_the_prolog_comments_and_a_byte_order_mark() -> None:
    body = b"\xef\xbb\xbf<?xml version='1.0'?>\n<!-- generated -->\n<?xml-stylesheet href='s.xsl'?>\n<rdf:RDF/>"
    assert root_element(body) == "rdf"
    assert root_element(b"plain words") == ""


def test_keywords_are_split_on_commas_and_matched_as_whole_words_in_title_summary_or_url() -> None:
    keywords = parse_keywords(" Ferry, water main ,,FERRY")
    assert keywords == ("ferry", "water main")
    assert matches_keywords(FeedEntry(url="https://x.example/a", title="Ferry fares rise"), keywords)
    assert matches_keywords(FeedEntry(url="https://x.example/a", summary="The water main burst."), keywords)
    assert matches_keywords(FeedEntry(url="https://x.example/local/ferry-fares"), keywords)
    assert not matches_keywords(FeedEntry(url="https://x.example/a", title="Ferrymen strike"), keywords)
    assert matches_keywords(FeedEntry(url="https://x.example/a", title="Anything"), ())


_PIECES = [
    b"<rss version='2.0'>",
    b"<channel>",
    b"<item>",
    b"<link>",
    b"https://x.example/a",
    b"</link>",
    b"</item>",
    b"<urlset>",
    b"<url><loc>",
    b"</loc></url>",
    b"</urlset>",
    b"<feed xmlns='http://www.w3.org/2005/Atom'>",
    b"<entry>",
    b"<!DOCTYPE x [",
    b"<!ENTITY e 'v'>",
    b"]>",
    b"&e;",
    b"<?xml version='1.0'?>",
    b"<html>",
    b"\xef\xbb\xbf",
    b"\x00",
    b"&nbsp;",
    b"<![CDATA[",
    b"]]>",
]


@hypothesis.settings(max_examples=300, deadline=None)
@hypothesis.given(st.one_of(st.binary(max_size=2000), st.lists(st.sampled_from(_PIECES), max_size=40).map(b"".join)))
def test_any_bytes_give_entries_or_a_feed_error_and_nothing_else(body: bytes) -> None:
    try:
        parsed = parse_feed(body, url="https://x.example/feed")
    except FeedError:
        return
    assert all(entry.url.startswith(("http://", "https://")) for entry in parsed.entries)
