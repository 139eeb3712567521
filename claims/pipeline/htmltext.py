"""Main text and metadata from HTML pages, and markup that must never reach stored text.

trafilatura finds the article body and reads title, date and site name from the page's
metadata. For pages it gives up on (tiny or odd documents) a plain tag stripper keeps
the visible text. Either way scripts, styles, frames and event handlers are dropped, and
``remove_markup`` is the last guard for any text, HTML or not.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from claims.pipeline.metadata import parse_title_line

_HTML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_HTML_EXTENSIONS = (".html", ".htm", ".xhtml", ".shtml")


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Elements whose content is never visible article text.
HIDDEN_ELEMENTS = _word_set(
    "script style iframe frame frameset noscript template svg math object embed applet canvas head "
    "select button form nav"
)
BLOCK_ELEMENTS = _word_set(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 tr table section article header footer aside blockquote pre hr "
    "figure figcaption dd dt dl main address title"
)
KNOWN_TAGS = sorted(HIDDEN_ELEMENTS | BLOCK_ELEMENTS | _word_set(
    "html body a abbr b i u em strong small span sub sup img picture source video audio track meta link base "
    "input textarea label option optgroup caption col colgroup tbody thead tfoot td th time mark q s cite code "
    "kbd samp var del ins wbr center font marquee blink dialog details summary area map param portal"
), key=len, reverse=True)

_DANGEROUS_BLOCK = re.compile(
    r"<\s*(script|style|iframe|noscript|template|object|embed|svg|math|applet|frameset)\b.*?<\s*/\s*\1\s*>",
    re.I | re.S,
)
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)
_TAG = re.compile(r"<\s*/?\s*(?:" + "|".join(KNOWN_TAGS) + r")\b[^<>]*>", re.I)
_UNCLOSED_DANGER = re.compile(r"<(?=\s*/?\s*(?:script|iframe|style|object|embed|svg|frame|applet|meta|link|base)\b)",
                              re.I)


@dataclass(frozen=True)
class HtmlExtraction:
    text: str
    title: str = ""
    site_name: str = ""
    published: dt.date | None = None
    url: str = ""
    extractor: str = "trafilatura"


def looks_like_html(text: str, *, name: str = "", content_type: str = "") -> bool:
    """HTML by declared type, by file extension, or by how the document starts."""
    if "html" in content_type.lower():
        return True
    if name.lower().endswith(_HTML_EXTENSIONS):
        return True
    return bool(_HTML_START.match(text[:2048]))


def extract_html(page: str, *, url: str = "") -> HtmlExtraction:
    """The article body of ``page`` with title, publication date, site name and canonical URL."""
    fallback_text, fallback_title = strip_tags(page)
    found = _trafilatura_extract(page, url)
    title = html.unescape((found.get("title") or "").strip()) or fallback_title
    site_name = (found.get("sitename") or "").strip()
    parsed_title = parse_title_line(title) if title else None
    if parsed_title is not None and not found.get("title"):
        title, site_name = parsed_title[0], site_name or parsed_title[1]
    text = (found.get("text") or "").strip()
    extractor = "trafilatura"
    if not text:
        text, extractor = fallback_text, "tag-stripper"
    return HtmlExtraction(
        text=remove_markup(text),
        title=remove_markup(title),
        site_name=remove_markup(site_name),
        published=_iso_date(found.get("date")),
        url=(found.get("url") or "").strip(),
        extractor=extractor,
    )


def _trafilatura_extract(page: str, url: str) -> dict[str, Any]:
    """trafilatura's main text and metadata, or {} when it finds nothing or fails on odd markup."""
    import trafilatura  # imported here: loading it costs ~0.5 s that plain-text cleaning never needs

    try:
        document = trafilatura.bare_extraction(
            page, url=url or None, with_metadata=True, include_comments=False, include_tables=True, include_links=False
        )
    except Exception:  # a malformed page must fall back to the tag stripper, not fail
        return {}
    if document is None:
        return {}
    if isinstance(document, dict):
        return document
    as_dict: dict[str, Any] = document.as_dict()
    return as_dict


def strip_tags(page: str) -> tuple[str, str]:
    """Visible text of ``page`` (one block element per line) and its <title>."""
    parser = _VisibleTextParser()
    try:
        parser.feed(page)
        parser.close()
    except (AssertionError, ValueError):  # the stdlib parser can choke on very broken markup
        return remove_markup(page), ""
    return remove_markup(parser.text()), remove_markup(" ".join(parser.title_parts).strip())


def remove_markup(text: str) -> str:
    """Remove tags, comments, scripts and styles from text; leave no "<script" of any kind."""
    if "<" not in text:
        return text
    text = _DANGEROUS_BLOCK.sub(" ", text)
    text = _COMMENT.sub(" ", text)
    text = _TAG.sub(" ", text)
    return _UNCLOSED_DANGER.sub("", text)


class _VisibleTextParser(HTMLParser):
    """Collects text outside hidden elements; block elements become line breaks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title_parts: list[str] = []
        self.hidden_depth = 0
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        elif tag in HIDDEN_ELEMENTS:
            self.hidden_depth += 1
        if tag in BLOCK_ELEMENTS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK_ELEMENTS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        elif tag in HIDDEN_ELEMENTS and self.hidden_depth:
            self.hidden_depth -= 1
        if tag in BLOCK_ELEMENTS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
        elif not self.hidden_depth:
            self.parts.append(data)

    def text(self) -> str:
        return "".join(self.parts)


def _iso_date(value: object) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None
