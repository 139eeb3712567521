"""Removal of page furniture from text copied out of a browser.

Copying a news page drags along its navigation, share buttons, app and subscription
prompts, weather widgets, photo captions and footer clocks. Nothing here knows any site:
lines are judged by their shape (UI tokens, ALL CAPS labels, menus, temperatures, date
stamps, credits), by calls to action (subscribe, sign up, download the app, follow us), by
repetition, and by position. Two strengths of evidence are kept apart:

* *furniture* is removed wherever it stands;
* *fragments* (short lines with no sentence ending, author bios) are removed only in the
  run of non-body lines at the top or bottom of the page, so headings between body
  paragraphs ("A Rare Foreign Trip") survive.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from enum import Enum

from claims.pipeline.clean.metadata import is_date_stamp_line, strip_leading_stamp
from claims.pipeline.lexicon import MENU_FUNCTION_WORDS, word_set


class LineKind(Enum):
    BODY = "body"
    FRAGMENT = "fragment"  # furniture only at the edges of the page
    FURNITURE = "furniture"  # furniture anywhere


@dataclass(frozen=True)
class BoilerplateResult:
    text: str
    removed_lines: int
    leading_fragments: tuple[str, ...] = ()  # short lines removed above the body (a headline, a kicker)


MAX_FRAGMENT_WORDS = 8
MAX_CALL_TO_ACTION_WORDS = 60

_SENTENCE_END = re.compile(r"[.!?\u2026:;][\"'\u2019\u201d)\]]*$")
_WORD = re.compile(r"[^\W_]+(?:[-'\u2019.][^\W_]+)*")
_DIGIT = re.compile(r"\d")

# Words of site chrome: a short line made only of these is a button or a menu entry.
UI_WORDS = word_set(
    """share sharing shared save saved bookmark bookmarks bookmarked print email e-mail comment comments reply
    like likes follow following followers subscribe subscribed unsubscribe subscription subscriptions sign signin
    signup login logout log register account profile settings notifications notification menu search home close
    open app apps download install more less show hide next previous prev back top skip main content live score
    scores scorecard watch listen play video videos audio podcast podcasts gallery photos trending popular latest
    advertisement advertisements sponsored ad ads newsletter newsletters premium epaper e-paper edition reads read
    article articles story stories page view continue copy link copied facebook twitter whatsapp linkedin telegram
    reddit pinterest instagram youtube rss feedback help contact terms privacy policy cookies cookie accept dismiss
    ok got mute unmute font zoom translate alerts alert manage preferences edit cancel submit send post tags topics
    load loading refresh expand collapse toggle"""
)

# Calls to action and footer legalese: furniture wherever they stand (in lines of at most 60 words).
CALL_TO_ACTION = re.compile(
    "|".join(
        (
            r"\bsign[\s-]?up\s+(?:for|to)\s+(?:our|the|a|my)?\s*(?:free\s+)?(?:daily\s+|weekly\s+|breaking\s+)?"
            r"(?:news|newsletters?|e-?mails?|alerts?|updates|briefings?|digest)",
            r"\b(?:subscribe|sign\s?up|register|join)\s+(?:now|today|here|for\s+free)\b",
            r"\bsubscribe\s+to\s+(?:our|the)\b",
            r"\b(?:download|get|install|open)\s+(?:the|our)\s+(?:[\w-]+\s+){0,3}app\b",
            r"\bdownload\s+now\b",
            r"\bfree\s+trial\b",
            r"\b(?:straight\s+)?to\s+your\s+inbox\b",
            r"\bfollow\s+us\b",
            r"\bshare\s+(?:this|the)\s+(?:article|story|page|post|video)\b",
            r"^continue\s+reading\b",
            r"^get\s+(?:the\s+)?latest\b.*\bnews\b",
            r"\b(?:click|tap)\s+here\b",
            r"\balready\s+(?:a\s+subscriber|have\s+an\s+account|registered)\b",
            r"\bcreate\s+(?:an?\s+)?(?:free\s+)?account\b",
            r"\bviews\s+expressed\b.*\b(?:personal|own|author|authors|writer|those\s+of)\b",
            r"\ball\s+rights\s+reserved\b",
            r"\u00a9|\bcopyright\s+(?:\u00a9\s*)?(?:19|20)\d\d\b",
            r"\b(?:privacy\s+policy|terms\s+of\s+(?:use|service)|cookie\s+(?:policy|settings))\b",
            r"^(?:read\s+more|also\s+read|read\s+also|see\s+also|related(?:\s+(?:stories|articles|news))?"
            r"|more\s+from|recommended(?:\s+for\s+you)?|you\s+may\s+also\s+like|watch)\s*[:|\u2013\u2014-]",
            r"\bad-?free\b|\bunlimited\s+access\b|\bunlock\s+(?:this|the|all|full)\b",
            r"\bthis\s+(?:article|story)\s+(?:was|is)\s+(?:generated|published)\s+from\s+an?\s+(?:automated\s+)?"
            r"(?:news\s+)?(?:agency\s+)?feed\b",
        )
    ),
    re.I,
)

# Cheap substring tests that let most body lines skip the regular expressions above and below.
CALL_TO_ACTION_TRIGGERS = (
    "sign",
    "subscri",
    "regist",
    "join",
    "app",
    "download",
    "trial",
    "inbox",
    "follow",
    "share",
    "continue",
    "latest",
    "click",
    "tap here",
    "already",
    "account",
    "views expressed",
    "rights reserved",
    "\u00a9",
    "copyright",
    "privacy",
    "terms of",
    "cookie",
    "read",
    "see also",
    "related",
    "more from",
    "recommended",
    "you may also",
    "watch",
    "ad-free",
    "ad free",
    "unlimited",
    "unlock",
    "feed",
)
PHOTO_CREDIT_TRIGGERS = ("(", "credit", "courtesy", "photo", "image", "getty", "shutterstock", "caption", "picture")
MAX_STAMP_WORDS = 14

_UI_TOKEN = re.compile(r"^(?:[a-z0-9]+(?:_[a-z0-9]+)+|[a-z]+[A-Z]\w*|[a-z]+)$")  # close_game, closeGame, freemium
_TEMPERATURE = re.compile(r"(?:^|\s)-?\d{1,3}\s*(?:\u00b0\s*[CF]?|[CF])(?:\s|$)")
_MENU_SEPARATOR = re.compile(r"\s+(?:\||I|\u2022|\u00b7|/|\u00bb|>)\s+")
_BYLINE = re.compile(r"^by\s+[A-Z][\w.'\u2019-]+(?:\s+[A-Z][\w.'\u2019-]+){0,3}(?:\s*[,|/-]\s*.{0,40})?$", re.I)
_IMAGE_FILE = re.compile(r"^(?:(?:19|20)\d{6}|\d{6,8})[\s_-]+[\w\s-]{0,60}$|\.(?:jpe?g|png|gif|webp)\b", re.I)
_PHOTO_CREDIT = re.compile(
    "|".join(
        (
            r"\b(?:image|photo|picture|pic|video|graphic)s?\s*(?:credit|courtesy|source)s?\s*:",
            r"^(?:photo|image|picture|credit|file\s+photo|caption|representational\s+image)\s*[:|]",
            r"\((?:[^()]*\b(?:photo|file|image|picture|representational)\b[^()]*)\)\s*$",
            r"\b(?:getty\s+images|shutterstock|via\s+getty|ap\s+photo)\b",
        )
    ),
    re.I,
)
# A caption ends with the agency in brackets: "Rescuers search the rubble. (AFP)". A long paragraph that ends
# with a bracket ("... (Read more stories.)") is body text, so the rule holds for caption-length lines only.
_AGENCY_CREDIT_END = re.compile(r"[.!?][\"'\u2019\u201d]?\s*\([A-Z][\w&.,'/ -]{0,40}\)(?:\s+[A-Z]{3,})?\s*$")
MAX_CAPTION_WORDS = 60
_AUTHOR_BIO = re.compile(
    r"^(?:[A-Z][\w.'\u2019-]+\s){1,3}[A-Z][\w.'\u2019-]+,?\s(?:[^.]{0,80},\s)?(?:is|was|writes)\s"
    r"(?:[\w'\u2019-]+\s){0,5}(?:columnist|column|correspondent|editor|writer|reporter|author|journalist|contributor)\b"
)
_CAPTION_SUFFIX = re.compile(r"\s*\([^()]{1,60}\)(?:\s+[A-Z]{3,})?\s*$")


def remove_boilerplate(text: str, *, title: str = "", header_lines: frozenset[int] = frozenset()) -> BoilerplateResult:
    """Drop furniture lines from ``text`` (one paragraph or line per line); keep body and headings.

    ``header_lines`` are indexes of lines already read as metadata (a URL, a window title);
    lines equal to ``title`` go too, since the title is kept apart from the text.
    """
    lines = text.split("\n")
    kept: list[str | None] = []
    title_key = _line_key(title) if title else ""
    for index, raw_line in enumerate(lines):
        line = raw_line.strip()
        if index in header_lines:
            kept.append(None)
            continue
        if line:
            line = strip_leading_stamp(line)  # "date 2023-03-17 To receive…": the stamp is metadata
            if not line or (title_key and _line_key(line) == title_key):
                kept.append(None)
                continue
        kept.append(line)

    kinds = {index: classify_line(line) for index, line in enumerate(kept) if line}
    _mark_repeats(kept, kinds)

    body_indexes = [index for index, kind in kinds.items() if kind is LineKind.BODY]
    leading: list[str] = []
    if body_indexes:
        first_body, last_body = body_indexes[0], body_indexes[-1]
        for index, kind in kinds.items():
            if kind is LineKind.FRAGMENT and (index < first_body or index > last_body):
                kinds[index] = LineKind.FURNITURE
                if index < first_body:
                    leading.append(kept[index] or "")

    result = [
        line for index, line in enumerate(kept) if line is not None and kinds.get(index) is not LineKind.FURNITURE
    ]
    removed = sum(1 for line in lines if line.strip()) - sum(1 for line in result if line)
    return BoilerplateResult("\n".join(result), removed, tuple(leading))


def classify_line(line: str) -> LineKind:
    """Judge one non-empty line by its shape and wording alone."""
    words = _WORD.findall(line)
    word_count = len(words)
    if word_count == 0:
        return LineKind.FURNITURE  # only symbols: separators, icons, bullets
    ends_sentence = bool(_SENTENCE_END.search(line))
    lowered = line.lower()
    if (
        word_count <= MAX_CALL_TO_ACTION_WORDS
        and any(trigger in lowered for trigger in CALL_TO_ACTION_TRIGGERS)
        and CALL_TO_ACTION.search(line)
    ):
        return LineKind.FURNITURE
    if any(trigger in lowered for trigger in PHOTO_CREDIT_TRIGGERS) and (
        _PHOTO_CREDIT.search(line) or (word_count <= MAX_CAPTION_WORDS and _AGENCY_CREDIT_END.search(line))
    ):
        return LineKind.FURNITURE
    if word_count <= MAX_STAMP_WORDS and _DIGIT.search(line) and is_date_stamp_line(line):
        return LineKind.FURNITURE
    if " " not in line.strip() and _UI_TOKEN.match(line.strip()):
        return LineKind.FURNITURE
    if word_count <= 5 and _only_ui_words(words):
        return LineKind.FURNITURE
    if not ends_sentence:
        if word_count <= 6 and _TEMPERATURE.search(line):
            return LineKind.FURNITURE  # a weather widget: "Lisbon 21°C"
        if _is_menu(line):
            return LineKind.FURNITURE
        if word_count <= 8 and _IMAGE_FILE.search(line):
            return LineKind.FURNITURE
        if word_count <= 8 and _BYLINE.match(line):
            return LineKind.FRAGMENT
        if word_count <= MAX_FRAGMENT_WORDS:
            return LineKind.FRAGMENT
    if _AUTHOR_BIO.match(line):
        return LineKind.FRAGMENT
    return LineKind.BODY


def _only_ui_words(words: list[str]) -> bool:
    lowered = [word.lower() for word in words]
    return all(word in UI_WORDS or word in MENU_FUNCTION_WORDS for word in lowered) and any(
        word not in MENU_FUNCTION_WORDS for word in lowered
    )


def _is_menu(line: str) -> bool:
    """A row of three or more short Title Case entries between separators: a navigation bar."""
    entries = _MENU_SEPARATOR.split(line)
    if len(entries) < 3:
        return False
    return all(0 < len(entry.split()) <= 4 and entry.strip()[:1].isupper() for entry in entries)


def _mark_repeats(kept: list[str | None], kinds: dict[int, LineKind]) -> None:
    """Short lines said twice are chrome; a longer line said twice (a caption and its body twin) is kept once."""
    keys = {index: _line_key(_CAPTION_SUFFIX.sub("", line)) for index, line in enumerate(kept) if line}
    counts = Counter(keys.values())
    last_index: dict[str, int] = {}
    for index, key in keys.items():
        if counts[key] > 1 and kinds[index] is not LineKind.FURNITURE:
            last_index[key] = index
    for index, key in keys.items():
        if counts[key] < 2 or not key:
            continue
        said_twice_as_chrome = kinds[index] is LineKind.FRAGMENT
        said_again_later = kinds[index] is LineKind.BODY and last_index.get(key) != index
        if said_twice_as_chrome or said_again_later:
            kinds[index] = LineKind.FURNITURE


def _line_key(line: str) -> str:
    return " ".join(word.lower() for word in _WORD.findall(line))
