"""Sentence spans and page-furniture lines, found with a few whole-text regex scans.

The extractor asks "which sentence holds offset N?" and "is this line part of the page rather than the
story?" for every candidate figure; both answers come from precomputed tables, so the cost per claim is
a bisection, not a rescan.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from claims.pipeline.lexicon import MONTH_NAME, WEEKDAY_NAME

_BREAK = re.compile(r"\n+|(?<=[.!?\u2026])[\"'\u201d\u2019)\]]*[ \t]+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])")
# A full stop after these is part of the word, not the end of a sentence.
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Prof|Gen|Gov|Sen|Rep|Lt|Col|Capt|Sgt|Jr|Sr|No|Nos|vs|Inc|Ltd|Co|Corp|Jan|Feb|"
    r"Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|approx|est|Rs|U\.S|U\.K|U\.N|E\.U|Mt|Ft|Ave)|(?<![\w.])[A-Z])\.$"
)


class SentenceIndex:
    """Sentence boundaries of one text, for looking up the sentence around an offset."""

    def __init__(self, text: str) -> None:
        self.text = text
        starts = [0]
        ends: list[int] = []
        for match in _BREAK.finditer(text):
            head = match.start()
            if text[head - 1 : head] == "." and _ABBREVIATION.search(text, max(0, head - 12), head):
                continue
            ends.append(head)
            starts.append(match.end())
        ends.append(len(text))
        self.starts = starts
        self.ends = ends

    def around(self, offset: int) -> tuple[int, int]:
        """(start, end) of the sentence holding offset, trailing space excluded."""
        index = max(0, bisect_right(self.starts, offset) - 1)
        return self.starts[index], self.ends[index]


# Photo captions: a credit line, or a sentence that ends with an agency credit in brackets.
_CAPTION_CREDIT = re.compile(
    r"\b(?:Image|Photo|Picture|Video)\s*(?:Credit|Courtesy|Source)s?\s*:|\bPhotograph:|\bPhoto:|\bFile photo\b|"
    r"\bGetty Images\b",
)
_CAPTION_AGENCY_END = re.compile(
    r"[.!?\u201d\"]\s*\((?:[A-Z]{2,}|Reuters|Getty|AP Photo|File|Photo|Xinhua|Bloomberg)[^()\n]{0,40}\)"
    r"(?:\s+[A-Z]{2,})*\s*$",
)
_CAPTION_WORDS = ("Credit", "Photo", "Getty", "Courtesy", "Source")
# "Published 17 March 2023", "date 2023-03-17", "Updated: Mar 27, 2023": a label that stamps the page.
_STAMP_LABEL = re.compile(
    rf"[ \t]*(?:date|dated|published|updated|last updated|first published|posted)(?:[ \t]+(?:on|at))?[ \t]*[:\-]?[ \t]*"
    rf"(?=\d|{MONTH_NAME}|{WEEKDAY_NAME})",
    re.I,
)
_STAMP_BODY = re.compile(
    rf"(?:{WEEKDAY_NAME},?\s*)?(?:\d{{4}}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d)?)?|{MONTH_NAME}\s+\d{{1,2}},?\s+\d{{4}}|"
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH_NAME},?\s+\d{{4}})(?:,?\s*\d{{1,2}}[:.]\d\d\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{{2,4}})?)?",
    re.I,
)
# "about 1 hour ago", "Updated 5 mins ago": when a teaser or the page was posted, not a figure of the story.
_RELATIVE_STAMP = re.compile(
    r"[ \t]*(?:(?:updated|posted|published|edited)[ \t]*:?[ \t]*)?(?:about|around|over|less[ \t]+than)?[ \t]*"
    r"(?:\d+|an?|one)[ \t]*(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|h|m|days?|d)[ \t]+ago\.?[ \t]*$",
    re.I,
)
# A dateline opens a wire story: "OSLO, March 3 (Reuters) -", "LIMA, Peru (AP) —". It says where the story was
# filed, not a figure of it.
_DATELINE = re.compile(
    rf"[ \t]*[A-Z][A-Z.'\-]+(?:[ \t]+[A-Z][A-Z.'\-]+)*(?:,[ \t]*[A-Z][\w.' \-]{{1,30}})?,?"
    rf"(?:[ \t]+{MONTH_NAME}[ \t]+\d{{1,2}}(?:,?[ \t]+\d{{4}})?)?"
    rf"[ \t]*\([A-Z][\w .&/-]{{1,30}}\)[ \t]*[-\u2013\u2014]+[ \t]*"
)
_NEWLINE = re.compile("\n")
_LOWER_WORD = re.compile(r"\b[a-z]{3,}\b")
_SENTENCE_END = re.compile(r"[.!?:;\"\u201d\u2019)]\s*$")


def furniture_prefix(line: str) -> int:
    """How many leading characters of a line are page furniture (the whole line, a stamp, or none)."""
    stripped = line.strip()
    if not stripped:
        return len(line)
    if any(word in line for word in _CAPTION_WORDS) and _CAPTION_CREDIT.search(line):
        return len(line)
    tail = stripped[-80:]
    if ")" in tail and _CAPTION_AGENCY_END.search(tail):
        return len(line)
    if len(stripped) <= 80 and not _LOWER_WORD.search(stripped) and not _SENTENCE_END.search(stripped):
        return len(line)  # a short title-case line with no sentence in it: navigation, dateline, weather, stamp
    if len(stripped) <= 40 and stripped[-3:].lower() in ("ago", "go.") and _RELATIVE_STAMP.match(line):
        return len(line)
    if "(" in line[:80]:
        dateline = _DATELINE.match(line)
        if dateline:
            return dateline.end()
    label = _STAMP_LABEL.match(line)
    if label:
        stamp = _STAMP_BODY.match(line, label.end())
        if stamp:
            return stamp.end()
    return 0


class LineIndex:
    """Per-line furniture verdicts, computed once per line on first use."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._cache: dict[int, int] = {}
        self._line_ends: list[int] | None = None  # offsets of every newline, built on first use

    def line_bounds(self, offset: int) -> tuple[int, int]:
        if self._line_ends is None:
            self._line_ends = [match.start() for match in _NEWLINE.finditer(self.text)]
        index = bisect_right(self._line_ends, offset - 1)
        start = self._line_ends[index - 1] + 1 if index else 0
        end = self._line_ends[index] if index < len(self._line_ends) else len(self.text)
        return start, end

    def is_furniture(self, offset: int) -> bool:
        """True when offset falls in the part of its line that belongs to the page, not the story."""
        start, end = self.line_bounds(offset)
        prefix = self._cache.get(start)
        if prefix is None:
            prefix = furniture_prefix(self.text[start:end])
            self._cache[start] = prefix
        return offset < start + prefix
