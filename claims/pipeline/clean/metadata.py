"""Title, outlet, URL and publication date read from the head of a plain-text page.

Text copied from a browser keeps traces of its page: the address on the first line, the
window title ("Headline | Section - Site Name"), a date stamp under the headline, an
image file name such as "20231017 …". Only the top of the page is read for dates, so a
footer clock ("Thursday, April 18, 2024") or a date inside a body sentence is not taken
for the publication date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from claims.pipeline.lexicon import MONTHS

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|rsday|urday)?\.?,?\s+)"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"

DATE_PATTERNS: tuple[re.Pattern[str], ...] = (
    # ISO 8601, with an optional time: 2023-03-17, 2023-03-17T08:03:00+05:30
    re.compile(r"\b" + _YEAR + r"-(?P<num_month>[01]\d)-(?P<day>[0-3]\d)(?:T[\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?\b"),
    re.compile(_WEEKDAY + r"?\b" + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + r"\b", re.I),  # Mar 27, 2023
    re.compile(_WEEKDAY + r"?\b" + _DAY + r"\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR + r"\b", re.I),  # 17 March 2023
)
# "20231017 harbour strike": an image or file name that starts with the date it was made.
_COMPACT_DATE_PREFIX = re.compile(r"^(?P<year>(?:19|20)\d\d)(?P<num_month>[01]\d)(?P<day>[0-3]\d)(?:[\s_-]|$)")
_STAMP_LABEL = re.compile(
    r"^\s*(?:(?:first\s+)?published|posted|date|dated|updated|last\s+updated|modified)(?:\s+on)?\s*[:\-]?\s*", re.I
)
_TIME = re.compile(r"\b\d{1,2}[:.]\d\d(?:[:.]\d\d)?\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,5}\b)?", re.I)
_TIMEZONE_ISH = re.compile(r"^(?:[A-Z]{2,5}|UTC[+-]?\d*|GMT[+-]?\d*|hrs?|at|on|\W)*$")
_BARE_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
_TITLE_SEPARATOR = re.compile(r"\s+[|\u2013\u2014-]\s+")
_SENTENCE_END = re.compile(r"[.!?]['\"\u2019\u201d)]*$")

MAX_STAMP_CHARS = 120  # a line holding only a date, a time and a label is never longer
HEADER_LINES = 12  # how many non-empty lines count as the top of the page


@dataclass(frozen=True)
class TextMetadata:
    """What the page head says about the article; ``header_lines`` are line indexes that only carry metadata."""

    title: str = ""
    outlet: str = ""
    url: str = ""
    published: dt.date | None = None
    header_lines: frozenset[int] = field(default_factory=frozenset)


def extract_text_metadata(text: str) -> TextMetadata:
    """Read URL, page title, outlet and publication date from the first lines of a plain-text page."""
    lines = text.split("\n")
    top = [index for index, line in enumerate(lines) if line.strip()][:HEADER_LINES]
    header_lines: set[int] = set()
    url = outlet = title = ""
    if top and _BARE_URL.match(lines[top[0]].strip()):
        url = lines[top[0]].strip()
        outlet = outlet_from_url(url)
        header_lines.add(top[0])
        top = top[1:]
    if top:
        parsed = parse_title_line(lines[top[0]])
        if parsed is not None:
            title, site_name = parsed
            outlet = site_name or outlet
            header_lines.add(top[0])
    published = None
    for index in top:
        published = date_from_stamp(lines[index])
        if published is not None:
            break
    return TextMetadata(title, outlet, url, published, frozenset(header_lines))


def outlet_from_url(url: str) -> str:
    """The publisher's domain ("news.example" for https://www.news.example/x), or "" for no usable host."""
    if not re.match(r"^[a-z][a-z0-9+.-]*://", url, re.I):
        url = "http://" + url
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    host = host.lower()
    for prefix in ("www.", "m.", "amp.", "mobile."):
        if host.startswith(prefix) and host.count(".") > 1:
            host = host[len(prefix) :]
    return host if "." in host else ""


def parse_title_line(line: str) -> tuple[str, str] | None:
    """Split a window title "Headline | Section - Site Name" into (headline, site name).

    Only a line with a " | " separator (or a dash before a short Title Case tail) and no
    sentence ending is taken for a window title; anything else is left to the body.
    """
    line = line.strip()
    if not line or _SENTENCE_END.search(line) or len(line) > 250:
        return None
    if " | " in line:
        head, _, tail = line.rpartition(" | ")
        site = _TITLE_SEPARATOR.split(tail)[-1].strip()  # "World News - Site Name" ends with the site
        return (head.strip(), site) if _looks_like_site_name(site) else None
    parts = _TITLE_SEPARATOR.split(line)
    if len(parts) >= 2 and _looks_like_site_name(parts[-1]) and len(parts[-1].split()) <= 4:
        head = line[: line.rfind(parts[-1])].rstrip(" |-\u2013\u2014")
        if len(head.split()) >= 3:
            return head, parts[-1].strip()
    return None


def _looks_like_site_name(candidate: str) -> bool:
    words = candidate.split()
    if not 1 <= len(words) <= 5:
        return False
    return all(word[:1].isupper() or word[:1].isdigit() or "." in word for word in words)


def date_from_stamp(line: str) -> dt.date | None:
    """The date a stamp line gives: "date 2023-03-17 …", "20231017 …", "Mar 27, 2023 08:03 PM IST"."""
    stripped = line.strip()
    compact = _COMPACT_DATE_PREFIX.match(stripped)
    if compact:
        return _make_date(compact)
    label = _STAMP_LABEL.match(stripped)
    if label:
        rest = stripped[label.end() :]
        for pattern in DATE_PATTERNS:
            found = pattern.match(rest)
            if found:
                return _make_date(found)
        return None
    if len(stripped) > MAX_STAMP_CHARS:
        return None
    for pattern in DATE_PATTERNS:
        found = pattern.search(stripped)
        if found and _is_bare_stamp(stripped[: found.start()] + " " + stripped[found.end() :]):
            return _make_date(found)
    return None


def strip_leading_stamp(line: str) -> str:
    """Remove a labelled date stamp ("date 2023-03-17", "Published: 17 March 2023") from a line's start."""
    stripped = line.strip()
    label = _STAMP_LABEL.match(stripped)
    if not label:
        return line
    rest = stripped[label.end() :]
    for pattern in DATE_PATTERNS:
        found = pattern.match(rest)
        if found:
            remainder = rest[found.end() :].lstrip(" ,|-\u2013\u2014")
            if _is_bare_stamp(remainder):
                return ""
            time_match = _TIME.match(remainder)
            if time_match:
                remainder = remainder[time_match.end() :]
            return remainder.strip(" ,|-\u2013\u2014")
    return line


def is_date_stamp_line(line: str) -> bool:
    """True when a line holds nothing but a date (with weekday, time, zone or a label)."""
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_STAMP_CHARS:
        return False
    if _STAMP_LABEL.match(stripped):
        return date_from_stamp(stripped) is not None and not strip_leading_stamp(stripped)
    for pattern in DATE_PATTERNS:
        found = pattern.search(stripped)
        if found and _is_bare_stamp(stripped[: found.start()] + " " + stripped[found.end() :]):
            return True
    return False


def _is_bare_stamp(rest: str) -> bool:
    """What is left around a date is only a time, a zone or punctuation."""
    rest = _TIME.sub(" ", rest)
    rest = _STAMP_LABEL.sub(" ", rest.strip())
    rest = re.sub(r"\b(?:updated|published|posted|ist|gmt|utc|edt|est|pst|cet|bst|hrs?)\b", " ", rest, flags=re.I)
    return bool(_TIMEZONE_ISH.match(rest.replace(" ", "")))


def _make_date(found: re.Match[str]) -> dt.date | None:
    groups = found.groupdict()
    try:
        month = int(groups["num_month"]) if groups.get("num_month") else MONTHS[groups["month"].lower()]
        return dt.date(int(groups["year"]), month, int(groups["day"]))
    except (KeyError, ValueError, TypeError):
        return None
