"""Main text and metadata from HTML pages, and markup that must never reach stored text.

trafilatura finds the article body and reads title, date and site name from the page's
metadata. For pages it gives up on (tiny or odd documents) a plain tag stripper keeps
the visible text. Either way scripts, styles, frames and event handlers are dropped, and
``remove_markup`` is the last guard for any text, HTML or not: lxml's HTML parser and
cleaner (lxml_html_clean) decide what is markup, not hand-written patterns.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import lxml.html
from lxml.html import HtmlElement
from lxml_html_clean import Cleaner

from claims.pipeline.clean.metadata import parse_title_line
from claims.pipeline.lexicon import word_set

_HTML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_HTML_EXTENSIONS = (".html", ".htm", ".xhtml", ".shtml")


# Elements whose content is never visible article text.
HIDDEN_ELEMENTS = word_set(
    "script style iframe frame frameset noscript template svg math object embed applet canvas head "
    "select button form nav"
)
BLOCK_ELEMENTS = word_set(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 tr table section article header footer aside blockquote pre hr "
    "figure figcaption dd dt dl main address title"
)
# Elements removed with everything inside them when markup is removed from text: what they hold
# is code, styling or embedded content, never article text. (lxml's cleaner removes them; the
# same names guard against "< script"-like openers left in text, see ``remove_markup``.)
REMOVED_WITH_CONTENT = word_set("script style iframe frame frameset noscript template svg math object embed applet")
# Raw-text elements: the parser reads everything up to their end tag as their content.
_RAW_TEXT = word_set("script style noscript template iframe")
_CLEANER = Cleaner(
    scripts=True,
    javascript=True,
    comments=True,
    style=True,
    inline_style=True,
    links=True,
    meta=True,
    processing_instructions=True,
    embedded=True,
    frames=True,
    forms=False,
    annoying_tags=False,
    page_structure=False,
    remove_unknown_tags=False,
    safe_attrs_only=True,
    kill_tags=sorted(REMOVED_WITH_CONTENT),
)
# Not markup detection (the parser has done that): text that merely looks like the opener of a
# removed element ("< script>", an opener the parser left as text) loses its "<", so that no
# "<script" of any kind reaches stored text.
# Characters lxml refuses in a string it parses: kept out of its sight and put back afterwards.
_UNPARSABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_LOOKALIKE_NAMES = "|".join(sorted(REMOVED_WITH_CONTENT | word_set("meta link base")))
_OPENER_LOOKALIKE = re.compile(rf"<(?=\s*/?\s*(?:{_LOOKALIKE_NAMES})\b)", re.I)


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
    """Text with tags, comments, scripts and styles removed by an HTML parser; no "<script" of any kind.

    lxml parses ``text`` as an HTML fragment and its cleaner drops scripts, styles, frames and
    embedded content with what they hold; every other element is replaced by its text, with a
    space where each tag was. Entities are left as written (``&amp;`` stays ``&amp;``) and a
    ``<`` that starts no tag ("<3%") stays text. An opener left unclosed at the end of the text
    (``<script>`` with no ``</script>``) only loses its tag, so a stray opener cannot swallow
    the article that follows it.
    """
    if "<" not in text:
        return text
    shielded, restore = _shield_unparsable(text)
    # "&" escaped so that the parser's decoding gives back the entities as written
    fragment = lxml.html.fragment_fromstring(shielded.replace("&", "&amp;"), create_parent="div")
    _reopen_unclosed_raw_text(fragment, shielded)
    cleaned = _CLEANER.clean_html(fragment)
    for element in cleaned.iterdescendants():
        element.text = " " + (element.text or "")
        element.tail = " " + (element.tail or "")
    kept = "".join(cleaned.itertext())
    if restore:
        kept = kept.translate(restore)
    return _OPENER_LOOKALIKE.sub("", kept)


def _shield_unparsable(text: str) -> tuple[str, dict[int, str]]:
    """``text`` with the characters lxml refuses (control characters, lone surrogates) swapped for
    private-use characters the text does not contain, and the table that swaps them back."""
    found = sorted(set(_UNPARSABLE.findall(text)))
    if not found:
        return text, {}
    free = (chr(code) for code in range(0xF0000, 0xFFFFE) if chr(code) not in text)
    swap = dict(zip(found, free, strict=False))
    return text.translate({ord(char): stand_in for char, stand_in in swap.items()}), {
        ord(stand_in): char for char, stand_in in swap.items()
    }


def _reopen_unclosed_raw_text(fragment: HtmlElement, source: str) -> None:
    """An unclosed raw-text element at the end (everything after "<script>" read as script) is
    parsed again as markup in its place, without its own tag."""
    lowered = source.lower()
    while True:
        unclosed = [
            element
            for element in fragment.iter(*_RAW_TEXT)
            if f"</{element.tag}" not in lowered
            and element.getnext() is None
            and not element.tail
            and element.getparent() is not None
        ]
        if not unclosed:
            return
        element = unclosed[-1]
        parent = element.getparent()
        assert parent is not None
        content = lxml.html.fragment_fromstring(element.text or "", create_parent="div")
        index = parent.index(element)
        parent.remove(element)
        _append_text(parent, index, content.text or "")
        for offset, child in enumerate(list(content)):
            parent.insert(index + offset, child)


def _append_text(parent: HtmlElement, index: int, text: str) -> None:
    """Put ``text`` where child ``index`` of ``parent`` starts."""
    if not text:
        return
    if index == 0:
        parent.text = (parent.text or "") + " " + text
    else:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + " " + text


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
