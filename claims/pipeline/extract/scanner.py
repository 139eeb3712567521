"""Where a figure may start: one precompiled regex with a named group per kind of figure, tried only at
the positions three cheap passes find (a trigger word, a digit or currency sign, "a"/"the" before a
number word)."""

from __future__ import annotations

import re

from claims.pipeline.extract.patterns import AMOUNT, CARDINAL_SEQUENCE, CURRENCY_SIGN, DECIMAL_COMMA, NUM, SCALE_WORD
from claims.pipeline.lexicon import (
    CARDINAL_WORD,
    MONTH_FULL_NAME,
    MONTH_NAME,
    MONTHS,
    ORDINAL_TENS_WORD,
    ORDINAL_WORD,
    WEEKDAY_NAME,
    WEEKDAYS,
)

_ORDINAL_SUFFIX = r"(?:st|nd|rd|th)"

_DAY = rf"\d{{1,2}}{_ORDINAL_SUFFIX}?"

SCANNER = re.compile(
    rf"""
    (?P<url>\bhttps?://\S+|\bwww\.\S+)
    |(?P<phone>(?<![\w.,])\+\d{{1,3}}[\s.-]?(?:\(\d+\)[\s.-]?)?\d[\d\s.-]{{5,}}\d
        |(?<!\w)\(\d{{2,5}}\)\s?\d{{3,4}}[\s.-]?\d{{3,4}}\b
        |\b\d{{3}}[.-]\d{{3}}[.-]\d{{4}}\b
        |\b0\d{{2,4}}[\s.-]\d{{3,4}}[\s.-]\d{{3,4}}\b)
    |(?P<decade>\b(?:(?:early|mid|late)[\s-]+)?(?:1[5-9]|20)\d0s\b|'\d0s\b)
    |(?P<prefixyear>\b(?:mid|pre|post|early|late|end)-(?:1[6-9]|20)\d\d\b)
    |(?P<money>{CURRENCY_SIGN}\s?{AMOUNT}(?:\s?{SCALE_WORD}|(?:k|m|bn|b)\b)?
        (?:\s?(?:-|\u2013)\s?(?:{CURRENCY_SIGN})?\s?{AMOUNT}(?:\s?{SCALE_WORD}|(?:k|m|bn|b)\b)?)?)
    |(?P<racetime>\b\d{{1,2}}:[0-5]\d:[0-5]\d(?:\.\d+)?\b(?![:.]\d)(?!\s?(?:[ap]\.m\.|[ap]m\b))
        |\b\d{{1,3}}:[0-5]\d(?:\.\d+)?\s?(?:hours?|hrs?|minutes?|mins?)\b
        |\b\d{{1,2}}:[0-5]\d\.\d{{1,3}}\b)
    |(?P<clock>\b\d{{1,2}}[:.]\d\d\s?(?:[ap]\.m\.|[ap]m\b)|\b\d{{1,2}}:\d\d\b(?!:\d)|\b\d{{1,2}}\s?(?:[ap]\.m\.|[ap]m\b))
    |(?P<daymonth>\b{_DAY}(?:\s?(?:-|\u2013|to|and)\s?{_DAY})?\s+(?:of\s+)?{MONTH_NAME}(?![a-z])(?:,?\s+\d{{4}}\b)?)
    |(?P<monthday>\b{MONTH_NAME}\s+{_DAY}\b(?![,.]\d)(?:\s?(?:-|\u2013|to|and)\s?{_DAY}\b)?(?:,?\s+\d{{4}}\b)?)
    |(?P<monthyear>\b{MONTH_NAME},?\s+\d{{4}}\b)
    |(?P<month>\b{MONTH_FULL_NAME}\b)
    |(?P<weekday>\b{WEEKDAY_NAME}s?\b)
    |(?P<relative>\b(?:(?:earlier|later|early|late)\s+)?(?:this|last|next|past|previous|coming)\s+
        (?:week(?:end)?|month|year|summer|winter|spring|autumn|fall|quarter|decade|century)\b
        |\b(?:yesterday|today|tomorrow|tonight)\b
        |\bthe\s+(?:following|next|previous|preceding)\s+(?:day|morning|evening|week|month|year)\b
        |\bthe\s+day\s+(?:before|after)\b)
    |(?P<vague>\b(?:a\s+few|several|a\s+couple\s+of|just|within|mere|only)\s+
        (?:hours|days|weeks|months|years|decades)\b)
    |(?P<multitude>\b(?:tens\s+of\s+thousands|hundreds\s+of\s+thousands|tens\s+of\s+millions
        |hundreds\s+of\s+millions|dozens|scores|hundreds|thousands|millions|billions|a\s+handful)\s+of\b
        |\b(?:double|triple)[\s-]digits?\b)
    |(?P<fraction>\b(?:a|an|one)\s+(?:half|third|quarter|fifth|sixth|eighth|tenth)(?=\s+of\b)
        |(?<![\d/.,])\d{{1,2}}/\d{{1,3}}(?![\d/])(?=\s+of\b))
    |(?P<ordinal>\b\d+{_ORDINAL_SUFFIX}\b|\b(?:(?:{ORDINAL_TENS_WORD})[\s-])?(?:{ORDINAL_WORD})\b)
    |(?P<timeword>\bhalf\s+an?\s+(?:second|minute|hour|day|week|month|year)\b|\ban?\s+(?:minute|hour)\b)
    |(?P<words>\b(?:(?:a|an|one|half\s+a)\s+(?:dozen|hundred|thousand|million|billion|trillion|decade|century)\b
        (?:\s+(?:and\s+a\s+half|(?:thousand|million|billion|trillion)\b))?
        |{CARDINAL_SEQUENCE}\b))
    |(?P<num>(?<![\d.,])(?:{DECIMAL_COMMA}(?=\s?(?:%|per\s?cent|percent|{SCALE_WORD}))|{NUM})(?![\d]))
    """,
    re.X | re.I,
)

_Trie = dict[str, "_Trie"]


def _trie_pattern(words: set[str]) -> str:
    """A regex alternation of words factored by prefix: the engine rejects a position at its first letter."""
    trie: _Trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: _Trie) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = "(?:" + "|".join(branches) + ")"
        return body + "?" if "" in node else body

    return emit(trie)


def _cased(words: set[str]) -> set[str]:
    return {form for word in words for form in (word, word.capitalize(), word.upper())}


# Words that can open a figure. The scanner proper is only tried where one of these, a digit or a
# currency sign stands, which keeps the whole-text pass at tens of megabytes per second.
_TRIGGER_WORDS = _cased(
    {
        *CARDINAL_WORD.split("|"),
        *ORDINAL_WORD.split("|"),
        *MONTHS,
        *WEEKDAYS,
        *(day + "s" for day in WEEKDAYS),
        "half",
        "this",
        "last",
        "next",
        "past",
        "previous",
        "coming",
        "earlier",
        "later",
        "early",
        "late",
        "mid",
        "pre",
        "post",
        "end",
        "yesterday",
        "today",
        "tomorrow",
        "tonight",
        "several",
        "just",
        "within",
        "mere",
        "only",
        "double",
        "triple",
        "dozens",
        "scores",
        "hundreds",
        "thousands",
        "tens",
        "millions",
        "billions",
        "http",
        "https",
        "www",
        "rs",
        "usd",
        "eur",
        "gbp",
        "cny",
        "rmb",
        "jpy",
        "inr",
        "chf",
        "aud",
        "cad",
        "rub",
        "brl",
        "zar",
        "krw",
    }
)

# Three cheap passes find where a figure may start; each regex has one job so the engine stays fast.
_TRIGGER_SIGNS = re.compile(r"[$€£¥₹₩₽₦₺]|\d+")

_TRIGGER_ARTICLES = re.compile(
    r"\b[Tt]he\s+(?=(?:following|next|previous|preceding|day)\b)"
    r"|\b[Aa]n?\s+(?=(?:few|couple|dozen|hundred|thousand|million|billion|trillion|decade|century|handful|minute|hour"
    r"|half|third|quarter|fifth|sixth|eighth|tenth)\b)"
)

_TRIGGER_WORDS_RE = re.compile(r"\b" + _trie_pattern(_TRIGGER_WORDS) + r"\b")

_CURRENCY_LETTERS_BEFORE = re.compile(r"(?<![\w.])(?:US|U\.S\.|AU|A|CA|C|HK|S|NZ|R|NT)$")


def trigger_positions(text: str) -> list[int]:
    """Offsets where the scanner is worth trying, in order."""
    positions = [match.start() for match in _TRIGGER_WORDS_RE.finditer(text)]
    positions += [match.start() for match in _TRIGGER_ARTICLES.finditer(text)]
    for match in _TRIGGER_SIGNS.finditer(text):
        start = match.start()
        before = text[start - 1 : start]
        if before in ("'", "+", "("):
            positions.append(start - 1)  # "'90s", "+44 ...", "(020) ..."
        elif match.group() == "$":
            currency = _CURRENCY_LETTERS_BEFORE.search(text, max(0, start - 4), start)
            if currency:
                positions.append(currency.start())  # "US$", "HK$", "A$"
        positions.append(start)
    positions.sort()
    return positions
