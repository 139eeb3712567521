"""Find every checkable figure in a cleaned article: amounts, counts, ordinals, percentages, dates, durations.

One precompiled regex scans the whole text for anything that can start a figure (digits, currency signs,
number words, ordinals, month and weekday names, relative-time phrases); each hit is then read with a few
anchored regex matches on the text right after and before it (scale word, unit, hedge). The per-hit Python
is small, so throughput stays in the millions of characters per second.

Rules are about the shape of language, not about any article: a number glued to a word ("G20",
"COVID-19") is a name, "the two" followed by a plural noun not counted before is a reference, a short
line with no lower-case word and no sentence punctuation is page furniture, and so on.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, replace
from itertools import zip_longest

from claims.pipeline.extract import dates
from claims.pipeline.extract.heads import figure_head
from claims.pipeline.extract.numbers import (
    CURRENCY_PREFIX,
    CURRENCY_WORD,
    parse_digits,
    parse_number_words,
    parse_ordinal_word,
    scale_of,
)
from claims.pipeline.extract.sentences import LineIndex, SentenceIndex
from claims.pipeline.lexicon import (
    CARDINAL_WORD,
    FUNCTION_WORDS,
    MONTH_FULL_NAME,
    MONTH_NAME,
    MONTHS,
    ORDINAL_TENS_WORD,
    ORDINAL_WORD,
    SUBJECT_STOPWORDS,
    WEEKDAY_NAME,
    WEEKDAYS,
    month_number,
    word_set,
)
from claims.pipeline.types import ExtractedClaim

EXTRACTOR_VERSION = "2026.11.3"

# Thousands grouped with commas ("1,234,567") or, in other locales, with dots ("1.234.567").
_NUM = r"(?:\d{1,3}(?:\.\d{3}){2,}(?![.\d])|\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
# A decimal comma ("12,8%", "€3,5 Mrd"): one or two digits after the comma, read so only where a percent sign,
# a scale word or a currency sign says the figure is an amount.
_DECIMAL_COMMA = r"\d{1,3},\d{1,2}(?![\d,])"
_SCALE_WORD = r"(?:thousand|million|billion|trillion|crores?|lakhs?|lac|bn|mn|mln|tn|trn|mrd|mio)\b"
_AMOUNT = rf"(?:{_DECIMAL_COMMA}|{_NUM})"
_CURRENCY_PREFIX = (
    r"(?:US\$|U\.S\.\s?\$|AU?\$|CA?\$|HK\$|S\$|NZ\$|R\$|NT\$|\$|€|£|¥|₹|₩|₽|₦|₺|\bRs\.?"
    r"|\b(?:USD|EUR|GBP|CNY|RMB|JPY|INR|CHF|AUD|CAD|RUB|BRL|ZAR|KRW)(?=\s?\d))"
)
_TIME_UNIT = r"(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centuries|century|quarters?)"
_ORDINAL_SUFFIX = r"(?:st|nd|rd|th)"
_DAY = rf"\d{{1,2}}{_ORDINAL_SUFFIX}?"
_CARDINAL_SEQUENCE = (
    rf"(?:{CARDINAL_WORD})(?:[\s-]+(?:and\s+)?(?:{CARDINAL_WORD}|hundred|thousand|million|billion|trillion|"
    rf"dozen|lakh|crore)\b)*"
)

_SCANNER = re.compile(
    rf"""
    (?P<url>\bhttps?://\S+|\bwww\.\S+)
    |(?P<phone>(?<![\w.,])\+\d{{1,3}}[\s.-]?(?:\(\d+\)[\s.-]?)?\d[\d\s.-]{{5,}}\d
        |(?<!\w)\(\d{{2,5}}\)\s?\d{{3,4}}[\s.-]?\d{{3,4}}\b
        |\b\d{{3}}[.-]\d{{3}}[.-]\d{{4}}\b
        |\b0\d{{2,4}}[\s.-]\d{{3,4}}[\s.-]\d{{3,4}}\b)
    |(?P<decade>\b(?:(?:early|mid|late)[\s-]+)?(?:1[5-9]|20)\d0s\b|'\d0s\b)
    |(?P<prefixyear>\b(?:mid|pre|post|early|late|end)-(?:1[6-9]|20)\d\d\b)
    |(?P<money>{_CURRENCY_PREFIX}\s?{_AMOUNT}(?:\s?{_SCALE_WORD}|(?:k|m|bn|b)\b)?
        (?:\s?(?:-|\u2013)\s?(?:{_CURRENCY_PREFIX})?\s?{_AMOUNT}(?:\s?{_SCALE_WORD}|(?:k|m|bn|b)\b)?)?)
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
        |{_CARDINAL_SEQUENCE}\b))
    |(?P<num>(?<![\d.,])(?:{_DECIMAL_COMMA}(?=\s?(?:%|per\s?cent|percent|{_SCALE_WORD}))|{_NUM})(?![\d]))
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


def _trigger_positions(text: str) -> list[int]:
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


_WORD_SCALE_AFTER = re.compile(rf"\s{_SCALE_WORD}", re.I)
_SCALE_AFTER = re.compile(rf"\s?{_SCALE_WORD}|(?:k|m|bn|b)\b", re.I)
_RANGE_AFTER = re.compile(rf"\s?(?:-|\u2013|\u2014)\s?({_NUM})(?![\d.])|\s+(?:to|and)\s+({_NUM})(?![\d.])")
_PERCENT_AFTER = re.compile(r"\s?(?:%|per\s?cent\b|percent\b|pc\b)|\s+percentage\s+points?\b", re.I)
_CURRENCY_AFTER = re.compile(
    r"\s+(?:(?:US|U\.S\.|Hong\s+Kong|Australian|Canadian|Swiss|Singapore|New\s+Zealand)\s+)?"
    r"(?:dollars?|yuan|renminbi|euros?|pounds?(?:\s+sterling)?|sterling|rupees?|yen|roubles?|rubles?|francs?|"
    r"won|pesos?|rand|naira|shillings?|dirhams?|riyals?|lira|reais|taka|ringgit|baht|rupiah|hryvnias?|zloty)\b"
    r"|\s?(?:USD|EUR|GBP|CNY|RMB|JPY|INR|CHF|AUD|CAD|RUB|BRL|ZAR|KRW|HKD|SGD)\b",
)
_TIME_AFTER = re.compile(
    rf"(?:\s+|-)(?P<unit>{_TIME_UNIT})\b(?P<tail>(?:-|\s+)(?:old|ago|later|earlier|long)\b)?", re.I
)
_MEASURE_AFTER = re.compile(
    r"[\s-]?(?P<unit>magnitude|metric\s+(?:tonnes?|tons?)|km/h|kph|mph|sq\.?\s?km|km²|km|kilomet(?:re|er)s?|miles?|met(?:re|er)s?|kg|kilo(?:gram)?s?|"
    r"tonnes?|tons?|barrels?|bpd|litres?|liters?|gallons?|acres?|hectares?|square\s+(?:kilomet(?:re|er)s?|miles?|"
    r"met(?:re|er)s?|feet)|cubic\s+met(?:re|er)s?|feet|ft|foot|inch(?:es)?|cm|mm|°\s?[CF]|degrees?(?:\s+(?:Celsius|"
    r"Fahrenheit))?|MW|GW|kW|kWh|MWh|GWh|TWh|mg|lbs?|calories|kcal|basis\s+points|points|goals|runs|wickets|votes|seats)\b",
)
_GLUED_LETTER_UNIT = re.compile(r"(?:m|g|C|F|K)\b")
_GLUED_UNITS = {"m": "metres", "g": "grams", "C": "degrees celsius", "F": "degrees fahrenheit", "K": "kelvin"}
_COUNTED_UNITS = frozenset(("votes", "seats", "goals", "runs", "wickets"))
_UNIT_NAMES = {"metric tons": "tonnes", "metric ton": "tonnes", "metric tonnes": "tonnes", "metric tonne": "tonnes"}
# A measure named before its figure: "magnitude 6.3", "a magnitude-6.3 quake", "a magnitude of 6.3".
_LABELLED_BEFORE = re.compile(
    r"\b(?P<unit>magnitude|Richter\s+scale)(?:\s+of)?(?:\s+(?:about|around|nearly|almost|roughly|some))?(?:\s+|-)$",
    re.I,
)
# An age in apposition: "Jane Doe, 45, said". The figure sits between commas right after a name.
_APPOSITION_NAME = re.compile(r"\b[A-Z][a-z'\u2019]+,\s$")
_CHANGE_BEFORE = re.compile(
    r"(?:\b(?:from|rose|fell|increased|decreased|dropped|climbed|jumped|slipped|grew|shrank|up|down|cut|raised)"
    r"\s+|\b)(?:by\s+)?$",
    re.I,
)
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+$", re.I)
_VERB_AFTER = re.compile(r"\s+(?:were|are|have|had|died|remain|remained|of\s+them|of\s+whom)\b", re.I)
# People counted one at a time: "one person died", "one child was hurt".
_ONE_PERSON_AFTER = re.compile(
    r"\s+(?P<noun>person|man|woman|child|boy|girl|baby|soldier|civilian|officer|worker|student|patient|passenger|"
    r"resident|victim|tourist|pilot|driver|journalist|firefighter|migrant|refugee|prisoner|hostage|climber|miner|"
    r"protester|teacher|doctor|nurse|guard)\s+(?:was|is|has|had|died|remains|remained)\b",
    re.I,
)
# Two capitalised words right before a number, inside running text: a product's model name ("Pro Evo 1").
_MODEL_BEFORE = re.compile(r"\b[a-z]{3,}\b[^A-Z.!?\n]*?\s(?P<name>(?:[A-Z][\w-]*\s+){2,})$")
# A count whose noun is left out because the sentence before just counted it: "eight records, the last two
# from him". Only after "the last/first/top/previous" and before a preposition or verb, and only near that count.
_SUBSET_BEFORE = re.compile(r"\bthe\s+(?:last|first|top|previous|latest)\s+$", re.I)
_SUBSET_AFTER = re.compile(r"\s+(?:from|by|were|are|was|have|had|came|went)\b|\s*[,.;]", re.I)
_ELLIPSIS_REACH = 200
_ONE_DOT_GROUP = re.compile(r"\d{1,3}\.\d{3}")  # "45.000": thousands with a dot, or a decimal; a count decides
_HYPHEN_AFTER = re.compile(r"-(?P<word>[a-z]+)\b")
_SECONDS_PER = {"hours": 3600, "minutes": 60, "seconds": 1, "mins": 60, "secs": 1, "hrs": 3600}
_COMPOUND_PART = re.compile(
    rf"(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s+)(?P<n>\d+(?:\.\d+)?|{_CARDINAL_SEQUENCE})\s+(?P<u>minutes?|seconds?)\b", re.I
)
# A margin between two results: "won by 34 seconds", "3:27 minutes ahead", "finished 30 seconds back".
_MARGIN_AFTER = re.compile(r"\s+(?:ahead|behind|faster|slower|quicker|back|clear|adrift|short)\b", re.I)
_MARGIN_BEFORE = re.compile(
    r"\bby\s+(?:(?:just|only|a\s+mere|more\s+than|less\s+than|almost|nearly|about|some|around|over|under)\s+)?$",
    re.I,
)
_TIMES_AFTER = re.compile(r"\s+times\b", re.I)
_NEXT_WORDS = re.compile(r"(?:\s+[A-Za-z][\w'\u2019-]*){1,4}")
_WORD = re.compile(r"[A-Za-z][\w'\u2019-]*")
_DETERMINER_AFTER = re.compile(r"\s+(?:the|their|his|her|its|these|those|our)(?=\s)", re.I)

_HEDGE_BEFORE = re.compile(
    r"(?:\b(?P<approx>about|around|roughly|approximately|nearly|almost|some|close\s+to|an\s+estimated|estimated|"
    r"circa|c\.|just\s+before|just\s+after|shortly\s+before|shortly\s+after|within|the\s+best\s+part\s+of)"
    r"|\b(?P<least>more\s+than|over|at\s+least|upwards\s+of|no\s+fewer\s+than|no\s+less\s+than|as\s+many\s+as|"
    r"as\s+much\s+as|in\s+excess\s+of|just\s+over|well\s+over|above|exceeding|greater\s+than)"
    r"|\b(?P<most>less\s+than|fewer\s+than|under|up\s+to|at\s+most|no\s+more\s+than|just\s+under|below|"
    r"a\s+maximum\s+of))\s+(?:\w+\s+)?$|(?P<tilde>~\s?)$",
    re.I,
)
# The last word of every hedge phrase above: a cheap test before the regex runs.
_HEDGE_WORD_SET = frozenset(
    (
        "about",
        "around",
        "roughly",
        "approximately",
        "nearly",
        "almost",
        "some",
        "to",
        "estimated",
        "circa",
        "c.",
        "before",
        "after",
        "within",
        "of",
        "than",
        "over",
        "least",
        "upwards",
        "as",
        "excess",
        "above",
        "exceeding",
        "under",
        "most",
        "below",
    )
)
_LOWER_WORDS = re.compile(r"[a-z]+\.?")
_HEDGE_AFTER = re.compile(
    r"(?P<least>\s+or\s+more\b|\+|-plus\b|\s+plus\b|\s+and\s+(?:above|over|up)\b)|(?P<approx>\s+or\s+so\b|-odd\b|\s+odd\b)"
    r"|(?P<most>\s+or\s+(?:less|fewer)\b|\s+at\s+most\b)",
    re.I,
)
_DETERMINER_BEFORE = re.compile(r"\b(?:the|their|his|her|its|our|these|those|my|your|both)\s+$", re.I)
_SHARE = re.compile(
    rf"\s+(?:in|out\s+of)\s+(?:(\d+)\b(?![.,]\d)|({CARDINAL_WORD})\b)(?!\s+(?:{_TIME_UNIT}|per\s?cent|percent)\b)", re.I
)
_NUMBER_SIGN_BEFORE = re.compile(r"\b(?:No|no|Nos|Number)\.?\s?$")
_TIME_ZONE_AFTER = re.compile(r"\s?(?:GMT|UTC|IST|EST|EDT|PST|PDT|CET|CEST|BST|ET|PT|local\s+time)\b")
_LABEL_BEFORE = re.compile(
    r"\b(?:type|phase|stage|level|grade|category|tier|round|chapter|section|article|clause|page|room|gate|"
    r"platform|route|flight|version|season|episode|part|vol|volume|number|row|step|class|division|zone|district|"
    r"block|exit|runway|terminal|channel|item|rule|annex|figure|table|model|series|act|scene|verse|lane|pier) $",
    re.I,
)
# Ranks: a superlative or a place glued to the ordinal, a verb of finishing before it, "No. 4" in a ranking.
_RANK_HYPHEN = re.compile(r"-(?:(?:[a-z]+est|best|worst|most|least)(?:-ever)?|placed?|ranked|ranking|seeded)\b")
_RANK_VERB_BEFORE = re.compile(
    r"\b(?:came|comes|come|coming|finished|finishes|finish|finishing|placed|places|ranked|ranks|ranking|ended|is|was|"
    r"are|were|in)\s+$",
    re.I,
)
_RANK_END = re.compile(r"\s+place\b|\s*[,.;:)]|\s+(?:behind|after|among|in|on|with|to|overall|only)\b", re.I)
_RANK_SIGN_BEFORE = re.compile(r"(?:\b(?:the|a|ranked|is|was|at|as)|['\u2019]s)\s+(?:No|no|Number)\.?\s?$")
# "the first round", "the second dam" point at a stage; "the first man to", "the 21st since 2009",
# "the first record not set in Berlin" claim a record.
_THE_BEFORE = re.compile(r"\bthe\s+(?:very\s+|\w+\s+or\s+)?$", re.I)
_RECORD_AFTER = re.compile(
    r"\s+(?:to\s+[a-z]+|since|ever|not|in\s+(?:history|a\s+row|(?:\w+\s+)?(?:years|decades|months))|on\s+record|"
    r"of\s+its\s+kind|of\s+(?:his|her|their|its)\s+career)\b",
    re.I,
)
# Parts a whole is cut into: "the fourth quarter", "the fifth round" name a part; "the 40th meeting" counts.
_STAGE_NOUNS = word_set(
    "quarter half round leg stage set inning innings period lap heat day week month year floor phase game match "
    "chapter episode season term"
)
_CLAUSE_REST = re.compile(r"[^,.;:!?\n]{0,60}")
_RECORD_IN_CLAUSE = re.compile(
    r"\b(?:this\s+(?:week|month|year|season|decade|century)|so\s+far|in\s+a\s+row|since|ever|on\s+record)\b", re.I
)
# "the third consecutive year", "the tenth anniversary": a count of occurrences, claimed even after "the".
_SERIES_AFTER = re.compile(r"\s+(?:consecutive|straight|successive|running|anniversary)\b", re.I)
# "the second largest economy": a superlative after the ordinal, written apart.
_SUPERLATIVE_AFTER = re.compile(r"\s(?P<word>best|worst|most|least|[a-z]{2,}est)\b")
_NOT_SUPERLATIVE = word_set(
    "interest request protest contest harvest forest suggest honest modest arrest digest invest conquest inquest "
    "bequest manifest attest detest unrest chest guest quest crest"
)
_FRACTION_DENOMINATORS = {
    "half": 2,
    "halve": 2,
    "third": 3,
    "quarter": 4,
    "fifth": 5,
    "sixth": 6,
    "eighth": 8,
    "tenth": 10,
}
_FRACTION_AFTER = re.compile(
    r"(?:-|\s(?=\w+\s+of\b))(halves|thirds|quarters|fifths|sixths|tenths)\b", re.I
)  # "two-thirds", "three quarters of": a share; "played three quarters" is not
_ONE_OF = re.compile(r"\s+of\b", re.I)
_POSITION_MARK = re.compile(r"\s?(?:L|R|C|left|right|centre|center|row)\)")
_SCOPE_YEAR_BEFORE = re.compile(r"\b(?:from|than|on|over|versus|vs\.?|compared\s+(?:with|to)|since)\s+$", re.I)
_NAME_BEFORE = re.compile(r"(?:\b(?:a|an|the)\s+)?\b[A-Z][A-Za-z]+\s+$")
_LEADING_PREP = re.compile(
    r"(?:in|on|by|since|until|till|from|during|last|next|this|early|mid|late|end\s+of|through|before|after|of)\s+$",
    re.I,
)
_CONVERSION_GAP = re.compile(
    r"\s*(?:\(\s*(?:about|around|approximately|roughly|some|or|nearly|almost|~)?\s*|,?\s+or\s+(?:about\s+|around\s+)?)$"
)
_DATE_JOIN = re.compile(r"\s*,?\s*(?:(?:on|at)\s+(?:the\s+)?)?$", re.I)

_FUTURE_VERB = dates.FUTURE


_INTENSIFIERS = frozenset(("very", "extremely", "highly", "particularly", "especially", "relatively", "fairly"))
_NOUN_PREMODIFIERS = frozenset(("more", "fewer", "less", "additional", "extra", "new", "other", "further"))
# A counted noun behind a name or a nationality: "seven Patriot systems", "12 more Afghan refugees".
_NAMED_NOUN_AFTER = re.compile(
    rf"\s+(?:(?:{'|'.join(sorted(_NOUN_PREMODIFIERS))})\s+)?(?:[A-Z][\w-]*\s+){{1,2}}(?P<noun>[a-z][a-z-]*)\b"
)
_NOT_PLURAL = word_set(
    "is was has his this its us as thus plus less across unless always perhaps news series species bus "
    "gas yes does goes whereas towards afterwards besides whereas sometimes"
)
_IRREGULAR_PLURALS = word_set(
    "people children men women police staff personnel cattle sheep fish deer aircraft troops feet teeth "
    "mice geese data media"
)
_IRREGULAR_SINGULARS = {"man": "men", "woman": "women", "person": "people", "child": "children"}
# "met 40 times" counts meetings: the verb before "times" names what was counted.
_TIMES_VERBS: dict[str, str] = {
    "met": "meetings",
    "meet": "meetings",
    "meeting": "meetings",
    "visited": "visits",
    "visit": "visits",
    "spoke": "conversations",
    "talked": "conversations",
    "called": "calls",
    "won": "wins",
    "lost": "defeats",
    "voted": "votes",
    "raised": "increases",
    "hiked": "increases",
    "cut": "cuts",
    "lowered": "cuts",
    "attacked": "attacks",
    "struck": "strikes",
    "vetoed": "vetoes",
    "travelled": "trips",
    "traveled": "trips",
}
_TIMES_VERB = re.compile(r"\b(" + "|".join(_TIMES_VERBS) + r")\b", re.I)
_RESOLVABLE = (dt.date(1000, 1, 1), dt.date(9000, 12, 31))
_KIND_SCORE: dict[str, float] = {
    "money": 0.95,
    "percent": 0.9,
    "count": 0.8,
    "ordinal": 0.65,
    "quantity": 0.6,
    "duration": 0.5,
    "date": 0.45,
}


@dataclass
class _Draft:
    """A claim being built; becomes an ExtractedClaim once sentence, score and subject are known."""

    start: int
    end: int
    kind: str
    value: float | None
    unit: str
    hedge: str = "exact"
    normalized: str = ""
    head: str = ""  # the counted noun, first term of the subject
    loose: bool = False  # a weekday or "this week": low check-worthiness
    step: tuple[int, str] | None = None  # "the following day": (+1, "day") from the date mentioned just before


def _plural(word: str) -> str:
    word = word.lower()
    if word.endswith("s") or word in _IRREGULAR_PLURALS:
        return word
    if word in _IRREGULAR_SINGULARS:
        return _IRREGULAR_SINGULARS[word]
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("ch", "sh", "x")):
        return word + "es"
    return word + "s"


def _is_plural(lower: str) -> bool:
    return lower in _IRREGULAR_PLURALS or (
        lower.endswith("s")
        and not lower.endswith(("ss", "'s", "\u2019s", "us", "is"))
        and lower not in _NOT_PLURAL
        and len(lower) > 3
    )


def _time_unit(unit: str, value: float | None) -> tuple[float | None, str]:
    """Normalise "decades" → x10 years, "century" → x100 years, "weeks" → "weeks"."""
    unit = unit.lower()
    if unit.startswith("decade"):
        return (value * 10 if value is not None else None), "years"
    if unit.startswith("centur"):
        return (value * 100 if value is not None else None), "years"
    return value, unit if unit.endswith("s") else unit + "s"


def _finite(value: float | None) -> float | None:
    return value if value is not None and math.isfinite(value) else None


class _Reader:
    """Reads the figures of one text. Holds the text, its indexes and the counted nouns seen so far."""

    def __init__(self, text: str, published: dt.date | None) -> None:
        self.text = text
        self.published = published
        self.lines = LineIndex(text)
        self.counted: set[str] = set()
        self.last_count: tuple[int, str] = (-1, "")  # (end offset, noun) of the latest count with a noun

    # --- helpers on the text around a hit -------------------------------------------------------------------

    def before(self, start: int, width: int = 40) -> str:
        return self.text[max(0, start - width) : start]

    def forward(self, start: int) -> bool:
        """Does the sentence around start speak of the future? Decides which Tuesday "on Tuesday" is."""
        window = max(0, start - 120)
        lo = max(self.text.rfind(".", window, start), self.text.rfind("\n", window, start), window - 1)
        hi = self.text.find(".", start, start + 80)
        hi = min(len(self.text), start + 80) if hi < 0 else hi
        return bool(_FUTURE_VERB.search(self.text, lo + 1, hi))

    def hedge(self, start: int, end: int) -> tuple[str, int]:
        """The hedge around a figure, and the end of the span once a trailing hedge ("or more") is included."""
        after = _HEDGE_AFTER.match(self.text, end)
        if after:
            kind = "at_least" if after.group("least") else "approx" if after.group("approx") else "at_most"
            return kind, after.end()
        before = self.before(start, 36)
        if not _HEDGE_WORD_SET.intersection(_LOWER_WORDS.findall(before.lower())[-2:]) and "~" not in before[-2:]:
            return "exact", end
        match = _HEDGE_BEFORE.search(before)
        if match:
            if match.group("approx") or match.group("tilde"):
                return "approx", end
            return ("at_least" if match.group("least") else "at_most"), end
        return "exact", end

    def noun_after(self, end: int, limit: int = 3) -> tuple[str, bool, int]:
        """The counted noun after a number: (word, is_plural, end offset). Skips up to two adjectives.

        "two joint statements" gives "statements"; "13th visit after" gives "visit" (the last word of the
        noun phrase before a function word); "in 2013 Lee made" gives nothing, a name follows.
        """
        match = _NEXT_WORDS.match(self.text, end)
        if not match:
            return "", False, end
        candidate, candidate_end = "", end
        for index, word_match in enumerate(_WORD.finditer(self.text, end, match.end())):
            if index >= limit:
                break
            word = word_match.group().rstrip("'\u2019")
            lower = word.lower()
            if lower in _NOUN_PREMODIFIERS or lower in _INTENSIFIERS:
                continue  # "2,000 more nurses", "40 new homes", "three very strong aftershocks"
            if lower in FUNCTION_WORDS:
                break
            if word[0].isupper() and not word.isupper():
                if index == 0:
                    return "", False, end  # a name follows the number
                break
            if _is_plural(lower):
                return lower, True, word_match.end()
            candidate, candidate_end = lower, word_match.end()
            if self.text[word_match.end() : word_match.end() + 1] not in (" ", "-"):
                break  # punctuation ends the noun phrase
        return candidate, False, candidate_end

    # --- readers, one per scanner group ---------------------------------------------------------------------

    def read(self, match: re.Match[str]) -> list[_Draft]:
        group = match.lastgroup
        start, end = match.span()
        if group in ("url", "phone"):
            return []
        if self.lines.is_furniture(start):
            return []
        if group == "decade":
            return self.read_decade(match)
        if group == "prefixyear":
            year = int(match.group()[-4:])
            return [_Draft(start, end, "date", year, "year", "approx", f"{year:04d}")]
        if group == "money":
            return self.read_money(match)
        if group == "racetime":
            return self.read_race_time(match)
        if group == "timeword":
            return self.read_time_word(match)
        if group == "clock":
            return self.read_clock(match)
        if group in ("daymonth", "monthday", "monthyear", "month"):
            return self.read_calendar(match, group)
        if group == "weekday":
            return self.read_weekday(match)
        if group == "relative":
            return self.read_relative(match)
        if group == "vague":
            unit = match.group().split()[-1].lower()
            return [_Draft(start, end, "duration", None, _time_unit(unit, None)[1], "approx")]
        if group == "multitude":
            return self.read_multitude(match)
        if group == "fraction":
            return self.read_fraction(match)
        if group == "ordinal":
            return self.read_ordinal(match)
        if group == "words":
            return self.read_number(start, end, parse_number_words(match.group()), from_words=True)
        return self.read_number(start, end, parse_digits(match.group()), from_words=False)

    def read_decade(self, match: re.Match[str]) -> list[_Draft]:
        text = match.group()
        digits = re.search(r"\d+", text)
        if not digits:
            return []
        decade = int(digits.group())
        if decade < 100:
            decade += 1900 if decade >= 30 else 2000
        lower = text.lower()
        first, last = decade, decade + 9
        if lower.startswith("early"):
            last = decade + 3
        elif lower.startswith("mid"):
            first, last = decade + 3, decade + 6
        elif lower.startswith("late"):
            first = decade + 6
        hedge = "approx" if lower[0].isalpha() else "exact"
        return [_Draft(match.start(), match.end(), "date", decade, "decade", hedge, f"{first:04d}/{last:04d}")]

    def read_money(self, match: re.Match[str]) -> list[_Draft]:
        text = match.group()
        start, end = match.span()
        prefix = re.match(_CURRENCY_PREFIX, text, re.I)
        if not prefix:
            return []
        currency = CURRENCY_PREFIX.get(re.sub(r"\s", "", prefix.group().lower()), "USD")
        amounts = re.findall(rf"({_AMOUNT})(?:\s?({_SCALE_WORD})|(k|m|bn|b)\b)?", text[prefix.end() :], re.I)
        values: list[float] = []
        for digits, word_scale, letter_scale in amounts:
            number = parse_digits(digits)
            if number is None:
                return []
            values.append(number * scale_of(word_scale or letter_scale or ""))
        if not values:
            return []
        if len(values) == 2 and amounts[0][1:] == ("", "") and (amounts[1][1] or amounts[1][2]):
            values[0] *= scale_of(amounts[1][1] or amounts[1][2])  # "$2-3bn": the scale applies to both
        suffix = _SCALE_AFTER.match(self.text, end) if not amounts[-1][2] else None
        if suffix and amounts[-1][1] and not _WORD_SCALE_AFTER.match(self.text, end):
            suffix = None  # "Rs 2 lakh crore": a second scale word multiplies; a letter after a word does not
        if suffix:
            factor = scale_of(suffix.group().strip())
            values = [v * factor for v in values]
            end = suffix.end()
        word_currency = _CURRENCY_AFTER.match(self.text, end)
        if word_currency and prefix.group().strip().lower() in ("rs", "rs."):
            end = word_currency.end()  # "Rs 500 crore rupees"
        hedge, end = self.hedge(start, end)
        if len(values) == 2 and hedge == "exact":
            hedge = "at_least"  # "$1.2-1.5bn": the low end, at least
        value = _finite(values[0])
        return [_Draft(start, end, "money", value, currency, hedge, head="money")]

    def margin(self, start: int, end: int) -> bool:
        """Is the span a margin between two results ("by 3 minutes", "34 seconds ahead") rather than a result?"""
        return bool(_MARGIN_AFTER.match(self.text, end) or _MARGIN_BEFORE.search(self.before(start, 30)))

    def read_race_time(self, match: re.Match[str]) -> list[_Draft]:
        """ "2:03:59", "2:05 hours", "3:27 minutes": one time, in seconds."""
        start, end = match.span()
        text = match.group()
        if _TIME_ZONE_AFTER.match(self.text, end):
            return [_Draft(start, end, "date", None, "time", "exact", loose=True)]  # "10:41:22 GMT": a stamp
        digits = re.match(r"(\d+):(\d\d)(?::(\d\d))?(\.\d+)?", text)
        assert digits is not None
        first, second = int(digits.group(1)), int(digits.group(2))
        fraction = float(digits.group(4) or 0)
        if digits.group(3) is not None:
            seconds = first * 3600 + second * 60 + int(digits.group(3)) + fraction
        elif text[digits.end() :].strip().lower().startswith("h"):
            seconds = first * 3600 + second * 60 + fraction * 60
        else:
            seconds = first * 60 + second + fraction
        return [self.time_span(start, end, seconds)]

    def time_span(self, start: int, end: int, seconds: float) -> _Draft:
        """A compound time in seconds: a margin between results is a duration, a result itself a quantity."""
        hedge, end = self.hedge(start, end)
        kind = "duration" if self.margin(start, end) else "quantity"
        return _Draft(start, end, kind, seconds, "seconds", hedge, head="time")

    def read_time_word(self, match: re.Match[str]) -> list[_Draft]:
        """ "half a minute", "half an hour"; "a minute" only as a margin or hedged ("almost a minute")."""
        start, end = match.span()
        words = match.group().lower().split()
        value = 0.5 if words[0] == "half" else 1.0
        hedge, end = self.hedge(start, end)
        if value == 1.0 and hedge == "exact" and not self.margin(start, end):
            return []  # "a minute later", "an hour's drive": a manner of speaking
        return [_Draft(start, end, "duration", value, words[-1] + "s", hedge)]

    def compound_time(self, start: int, unit_end: int, amount: float, unit: str, hedge: str) -> _Draft | None:
        """ "2 hours, 35 seconds", "three minutes and 27 seconds": the parts of one time, summed in seconds."""
        size = _SECONDS_PER.get(unit)
        if size is None or size == 1:
            return None
        total, end = amount * size, unit_end
        while True:
            part = _COMPOUND_PART.match(self.text, end)
            if not part:
                break
            number = part.group("n")
            value = parse_digits(number) if number[0].isdigit() else parse_number_words(number)
            part_size = _SECONDS_PER[_time_unit(part.group("u"), None)[1]]
            if value is None or part_size >= size:
                break
            total, end, size = total + value * part_size, part.end(), part_size
        if end == unit_end:
            return None
        draft = self.time_span(start, end, total)
        return draft if hedge == "exact" else replace(draft, hedge=hedge)

    def read_clock(self, match: re.Match[str]) -> list[_Draft]:
        start, end = match.span()
        text = match.group()
        if ":" not in text and not re.search(r"[ap]\.?m", text, re.I):
            return []
        zone = _TIME_ZONE_AFTER.match(self.text, end)
        if zone:
            end = zone.end()
        hedge, end = self.hedge(start, end)
        return [_Draft(start, end, "date", None, "time", hedge, loose=True)]

    def read_calendar(self, match: re.Match[str], group: str) -> list[_Draft]:
        start, end = match.span()
        text = match.group()
        month_match = re.search(MONTH_NAME, text, re.I)
        if not month_match or not month_match.group()[0].isupper():
            return []
        month = month_number(month_match.group())
        if month is None:
            return []
        year_match = re.search(r"\b(\d{4})$", text)
        year = int(year_match.group(1)) if year_match else None
        day_text = text[: month_match.start()] if group == "daymonth" else text[month_match.end() :]
        if year_match and group == "monthday":
            day_text = text[month_match.end() : year_match.start()]
        days = [] if group in ("monthyear", "month") else [int(d) for d in re.findall(r"\b\d{1,2}(?!\d)", day_text)][:2]
        if group == "month":
            prep = _LEADING_PREP.search(self.before(start, 14))
            if not prep or (
                month_match.group() == "May"
                and prep.group().strip().lower()
                not in ("in", "since", "until", "from", "during", "last", "next", "this", "early", "mid", "late", "of")
            ):
                return []
            # "In March" alone. Follow with "last year" etc.? No: a month needs a preposition to be a date.
        normalized = ""
        if days and any(not 1 <= d <= 31 for d in days):
            return []
        if year is not None:
            if days:
                first = dates.safe_date(year, month, days[0])
                last = dates.safe_date(year, month, days[-1])
                if first is None or last is None:
                    return []
                normalized = first.isoformat() if len(days) == 1 else dates.iso_range(first, last)
            else:
                normalized = f"{year:04d}-{month:02d}"
            unit = "date" if days else "year"
            return [_Draft(start, end, "date", year, unit, "exact", normalized)]
        if self.published is not None:
            if days:
                anchor_year = self.published.year
                if not self.forward(start) and month > self.published.month:
                    anchor_year -= 1
                elif self.forward(start) and month < self.published.month:
                    anchor_year += 1
                first = dates.safe_date(anchor_year, month, days[0])
                last = dates.safe_date(anchor_year, month, days[-1])
                if first and last:
                    normalized = first.isoformat() if len(days) == 1 else dates.iso_range(first, last)
            else:
                normalized = dates.resolve_month(month, self.published, self.forward(start))
        return [_Draft(start, end, "date", None, "date", "exact", normalized)]

    def read_weekday(self, match: re.Match[str]) -> list[_Draft]:
        start, end = match.span()
        text = match.group()
        if not text[0].isupper() or text.lower().endswith("s"):
            return []  # "on Mondays" is a habit, not a date
        normalized = ""
        if self.published is not None:
            weekday = WEEKDAYS[text.lower()]
            before = self.before(start, 6).lower()
            forward = self.forward(start) or before.endswith("next ")
            day = dates.resolve_weekday(weekday, self.published, forward)
            if before.endswith("last ") and day >= self.published:
                day -= dt.timedelta(days=7)
            normalized = day.isoformat()
        return [_Draft(start, end, "date", None, "date", "exact", normalized, loose=True)]

    def read_relative(self, match: re.Match[str]) -> list[_Draft]:
        start, end = match.span()
        words = match.group().lower().split()
        unit = words[-1]
        anchor = words[-2] if len(words) > 1 else ""
        published = self.published
        if unit in ("decade", "century") and anchor in ("last", "past", "previous"):
            value = 10.0 if unit == "decade" else 100.0
            return [_Draft(start, end, "duration", value, "years")]
        if anchor == "past" and self.before(start, 4).lower().endswith("the "):
            return [_Draft(start, end, "duration", 1.0, _plural(unit))]  # "over the past year"
        normalized = ""
        loose = True
        if words[0] in ("yesterday", "today", "tomorrow", "tonight"):
            if published is not None:
                offset = {"yesterday": -1, "tomorrow": 1}.get(words[0], 0)
                normalized = (published + dt.timedelta(days=offset)).isoformat()
        elif words[0] == "the":
            loose = False
            backwards = anchor in ("previous", "preceding") or words[-1] == "before"
            step_unit = "day" if unit in ("morning", "evening", "after", "before") else unit
            return [_Draft(start, end, "date", None, "date", "exact", "", step=(-1 if backwards else 1, step_unit))]
        elif published is not None:
            normalized = dates.resolve_relative(anchor, unit, published)
        if unit in ("month", "year") and anchor in ("last", "next", "previous"):
            loose = False
        return [_Draft(start, end, "date", None, "date", "exact", normalized, loose=loose)]

    def read_fraction(self, match: re.Match[str]) -> list[_Draft]:
        """ "a third of", "3/4 of": a share, in percent like "two-thirds of"."""
        start, end = match.span()
        text = match.group()
        if "/" in text:
            numerator, denominator = (int(part) for part in text.split("/"))
        else:
            numerator, denominator = 1, _FRACTION_DENOMINATORS[text.split()[-1].lower()]
        if not 0 < numerator < denominator:
            return []
        hedge, end = self.hedge(start, end)
        return [
            _Draft(start, end, "percent", round(100 * numerator / denominator, 1), "percent", hedge, head="percent")
        ]

    def read_multitude(self, match: re.Match[str]) -> list[_Draft]:
        start, end = match.span()
        if match.group().lower().endswith(("digit", "digits")):
            return [_Draft(start, end, "count", None, "", "at_least")]  # "double digits": ten or more
        determiner = _DETERMINER_AFTER.match(self.text, end)
        unit = self.noun_after(determiner.end() if determiner else end)[0]
        kind = "count"
        if unit in ("years", "days", "weeks", "months", "hours", "decades"):
            kind = "duration"
        # "tens of thousands" states a floor (at least twenty thousand); "dozens", "hundreds" stay approximate
        hedge = "at_least" if " of " in match.group()[:-3].lower() else "approx"
        return [_Draft(start, end, kind, None, unit, hedge, head=unit)]

    def read_ordinal(self, match: re.Match[str]) -> list[_Draft]:
        start, end = match.span()
        text = match.group()
        value = parse_ordinal_word(text)
        if value is None:
            return []
        if self.lines.text[start - 1 : start] == "(" and _POSITION_MARK.match(self.text, end):
            return []  # "(2nd R)" in a photo caption
        if text[0].isupper() and not self._sentence_initial(start):
            return []  # "the Third Plenum": part of a name
        if text.lower() == "second" and self.text[end : end + 1] == "s":
            return []
        rank = _RANK_HYPHEN.match(self.text, end) or _SUPERLATIVE_AFTER.match(self.text, end)
        # "the second-largest", "the third fastest", "the second-place finisher"
        if rank and rank.group().strip(" -") not in _NOT_SUPERLATIVE:
            return [_Draft(start, rank.end(), "ordinal", float(value), "rank", "exact", head="rank")]
        if _RANK_VERB_BEFORE.search(self.before(start, 16)) and _RANK_END.match(self.text, end):
            return [_Draft(start, end, "ordinal", float(value), "rank", "exact", head="rank")]  # "came first"
        definite = _THE_BEFORE.search(self.before(start, 24)) is not None
        noun, _plural_form, noun_end = self.noun_after(end)
        if not noun and definite and _RECORD_AFTER.match(self.text, end):
            return [_Draft(start, end, "ordinal", float(value), "rank", "exact", head="rank")]  # "the 21st since 2009"
        if not noun or (noun == "half" and self.text[noun_end : noun_end + 4] == " of "):
            return []  # "at first", "the second half of": no counted thing
        if len(noun) > 4 and noun.endswith("ed") and not noun.endswith("eed"):
            return []  # "was first elected": an adverb before a verb
        if (
            definite
            and (value <= 3 or noun in _STAGE_NOUNS)
            and not self.text.startswith(" time", end)
            and not self.claims_record(noun_end)
            and not _SERIES_AFTER.match(self.text, end)
        ):
            return []  # "the first round", "the second dam", "the fourth quarter": a stage named, not a claim
        unit = _plural(noun)
        return [_Draft(start, noun_end, "ordinal", float(value), unit, "exact", head=unit)]

    def claims_record(self, noun_end: int) -> bool:
        """Does the rest of the clause make "the first X" a record ("to do", "since 2009", "this week")?"""
        if _RECORD_AFTER.match(self.text, noun_end):
            return True
        clause = _CLAUSE_REST.match(self.text, noun_end)
        return clause is not None and _RECORD_IN_CLAUSE.search(clause.group()) is not None

    def _sentence_initial(self, start: int) -> bool:
        before = self.before(start, 4).rstrip(" \"'\u201c\u2018(")
        return not before or before[-1] in ".!?\n:"

    def is_identifier(self, start: int, end: int) -> bool:
        """Digits that belong to a name or a code: "G20", "Pipeline-2", "4G", "737-MAX", "v1.2.3", "20231017"."""
        text = self.text
        token = text[start:end]
        prev = text[start - 1 : start]
        nxt = text[end : end + 1]
        if "\ufffd" in (prev, nxt):
            return True  # digits next to an undecodable byte are debris of a broken encoding
        if prev.isalpha() or prev in ("_", "@", "#", "/", "\\"):
            return True
        if prev == "-" and (text[start - 2 : start - 1].isalpha() or text[start - 2 : start - 1].isdigit()):
            return True  # "Pipeline-2"; or the second half of "3-1", read with the first
        if nxt == "-" and text[end + 1 : end + 2].isupper():
            return True
        if nxt.isalpha() and not (
            _SCALE_AFTER.match(text, end)
            or _MEASURE_AFTER.match(text, end)
            or _GLUED_LETTER_UNIT.match(text, end)
            or _PERCENT_AFTER.match(text, end)
        ):
            return True
        if (nxt == "/" and text[end + 1 : end + 2].isdigit()) or _NUMBER_SIGN_BEFORE.search(
            text, max(0, start - 5), start
        ):
            return True  # "24/7", "1/3", "12/05/2024", "No. 10"
        if (
            prev == " "
            and _LABEL_BEFORE.search(text, max(0, start - 12), start)
            and not (_TIME_AFTER.match(text, end) or _PERCENT_AFTER.match(text, end))
        ):
            return True  # "type 2 diabetes", "phase 3 trials", "stage 4": a label, not an amount ("route 61 seconds")
        if nxt == "." and text[end + 1 : end + 2].isdigit():
            return True  # version numbers and IP addresses
        # Long unseparated digit runs and zero-led codes ("0800") are references, not amounts.
        return token.isdigit() and (len(token) >= 5 or (len(token) >= 3 and token[0] == "0"))

    def read_number(self, start: int, end: int, value: float | None, *, from_words: bool) -> list[_Draft]:
        if value is None:
            return []
        label = None if from_words else _LABELLED_BEFORE.search(self.before(start, 24))
        if label and not self.text[end : end + 1].isalpha():
            hedge, end = self.hedge(start, end)
            unit = label.group("unit").split()[0].lower()
            return [_Draft(start, end, "quantity", value, "magnitude" if unit == "richter" else unit, hedge, head=unit)]
        if not from_words and _RANK_SIGN_BEFORE.search(self.before(start, 30)):
            after = _NEXT_WORDS.match(self.text, end)
            first = after.group().split()[0] if after else ""
            noun_follows = first[:1].islower() and first.lower() not in FUNCTION_WORDS
            if noun_follows or self.text[end : end + 1] in (",", "."):
                return [_Draft(start, end, "ordinal", value, "rank", "exact", head="rank")]  # "the world's No. 4 maker"
        if not from_words and self.is_identifier(start, end):
            return []
        text = self.text
        token = text[start:end]
        lower = token.lower()
        share = _SHARE.match(text, end)
        if share:
            whole = parse_digits(share.group(1)) if share.group(1) else parse_number_words(share.group(2))
            if whole and value < whole:
                hedge, share_end = self.hedge(start, share.end())
                return [
                    _Draft(start, share_end, "percent", round(100 * value / whole, 1), "percent", hedge, head="percent")
                ]  # "one in five" is 20 percent
        if from_words and lower.split()[-1] in ("decade", "century"):
            hedge, end = self.hedge(start, end)
            return [_Draft(start, end, "duration", value, "years", hedge)]  # "a decade of growth"
        number_end = end
        in_range = False
        # Ranges: "20-30", "20 to 30", "between 20 and 30". The value is the low end, hedged "at least".
        range_match = None if from_words else _RANGE_AFTER.match(text, end)
        if range_match:
            high = parse_digits(range_match.group(1) or range_match.group(2))
            joined_by_and = range_match.group().strip()[:3].lower() == "and"
            if high is None or (joined_by_and and not _BETWEEN_BEFORE.search(self.before(start, 12))):
                pass
            elif not range_match.group(1) and _CHANGE_BEFORE.search(self.before(start, 24)):
                pass  # "rose from 20 to 30": two figures, not a range
            elif high > value:
                end = range_match.end()
                in_range = True
            elif token.isdigit() and len(token) == 4 and high < 100 and range_match.group(1):
                last_year = int(token[:2]) * 100 + int(high)  # "2022-23"
                return [_Draft(start, range_match.end(), "date", value, "year", "exact", f"{token}/{last_year}")]
            elif range_match.group(1) and high <= 20 and value <= 20:
                return []  # a score such as "3-1": not a quantity of anything
        # Scale words: "1.28 trillion", "2bn", "40m" (a glued "m" is metres unless a plural noun follows).
        scale = _SCALE_AFTER.match(text, end)
        if scale and not (from_words and lower.split()[-1] in ("thousand", "million", "billion", "trillion")):
            word = scale.group().strip().lower()
            if word == "m" and not from_words:
                plural = self.noun_after(scale.end())[1]
                if not plural and not _CURRENCY_AFTER.match(text, scale.end()):
                    scale = None
            if scale:
                value *= scale_of(word)
                end = scale.end()
        hedge, end = self.hedge(start, end)
        if in_range and hedge == "exact":
            hedge = "at_least"
        value = _finite(value)
        if value is None:
            return []
        return self.read_unit(start, end, number_end, value, hedge, from_words=from_words, in_range=in_range)

    def read_unit(
        self, start: int, end: int, number_end: int, value: float, hedge: str, *, from_words: bool, in_range: bool
    ) -> list[_Draft]:
        """Decide what a number measures from the words after it: currency, percent, time, unit or noun."""
        text = self.text
        token = text[start:number_end]
        lower = token.lower()
        currency = _CURRENCY_AFTER.match(text, end)
        if currency:
            phrase = re.sub(r"\s+", " ", currency.group().strip().lower())
            code = CURRENCY_WORD.get(phrase) or CURRENCY_WORD.get(phrase.split()[-1], "USD")
            if code == "GBP" and re.search(r"\bweigh", self.before(start, 60), re.I):
                return [_Draft(start, currency.end(), "quantity", value, "pounds", hedge)]
            return [_Draft(start, currency.end(), "money", value, code, hedge, head="money")]
        percent = _PERCENT_AFTER.match(text, end)
        if percent:
            unit = "percentage points" if "point" in percent.group().lower() else "percent"
            return [_Draft(start, percent.end(), "percent", value, unit, hedge, head=unit)]
        fraction = _FRACTION_AFTER.match(text, number_end)
        if fraction:
            share = round(100 * value / _FRACTION_DENOMINATORS[fraction.group(1).lower().rstrip("s")], 1)
            return [_Draft(start, fraction.end(), "percent", share, "percent", hedge, head="percent")]
        time_unit = _TIME_AFTER.match(text, end)
        if time_unit:
            if lower == "one" and time_unit.group("unit").lower() == "day":
                return []  # "one day" is an idiom far more often than a duration
            years_or_unit = _time_unit(time_unit.group("unit"), value)
            amount, unit = years_or_unit
            tail = (time_unit.group("tail") or "").strip(" -").lower()
            if tail == "old":
                return [_Draft(start, time_unit.end(), "duration", amount, unit, hedge, head="age")]
            if tail == "ago":
                normalized = self._ago(amount, unit) if self.published is not None and amount is not None else ""
                return [_Draft(start, time_unit.end(), "duration", amount, unit, hedge, normalized)]
            if not tail and amount is not None and not in_range:
                compound = self.compound_time(start, time_unit.end("unit"), amount, unit, hedge)
                if compound is not None:
                    return [compound]
            return [_Draft(start, time_unit.end("unit"), "duration", amount, unit, hedge)]
        measure = _MEASURE_AFTER.match(text, end)
        if measure:
            unit = re.sub(r"\s+", " ", measure.group("unit").strip().lower())
            unit = _UNIT_NAMES.get(unit, unit)
            kind = "percent" if unit == "basis points" else "count" if unit in _COUNTED_UNITS else "quantity"
            return [_Draft(start, measure.end(), kind, value, unit, hedge, head=unit)]
        if not from_words and text[end - 1 : end].isdigit():
            glued = _GLUED_LETTER_UNIT.match(text, end)
            if glued:
                unit = _GLUED_UNITS[glued.group()]
                return [_Draft(start, glued.end(), "quantity", value, unit, hedge, head=unit)]
        hyphen = None if in_range else _HYPHEN_AFTER.match(text, number_end)
        if hyphen and hyphen.group("word") not in ("odd", "plus"):
            unit = _plural(hyphen.group("word"))  # "a 12-point plan", "a 5-storey building"
            return [_Draft(start, hyphen.end(), "quantity", value, unit, hedge, head=unit)]
        times = _TIMES_AFTER.match(text, end)
        if times:
            verb = _TIMES_VERB.search(self.before(start, 50))
            if verb and value == int(value):
                unit = _TIMES_VERBS[verb.group(1).lower()]
                return [_Draft(start, times.end(), "count", value, unit, hedge, head=unit)]
            # "7.3 times earnings", "three times as many": a multiple, not a count of events
            return [_Draft(start, times.end(), "quantity", value, "times", hedge, head="times")]
        noun, plural, noun_end = self.noun_after(end)
        if (
            not from_words
            and not in_range
            and token.isdigit()
            and len(token) == 4
            and 1000 <= value <= 2100
            and not plural
        ):
            return self.read_year(start, number_end, int(value))
        person = _ONE_PERSON_AFTER.match(text, end) if lower == "one" else None
        if person:
            unit = _plural(person.group("noun"))
            return [_Draft(start, person.end("noun"), "count", value, unit, hedge, head=unit)]  # "one person died"
        if not from_words and "," not in token and self.model_name_before(start, number_end):
            return []  # "the Nike Pro 3 shoes", "an Airbus A3 Neo 12 jet": a model number
        if not noun and not (token.isdigit() and len(token) == 4):
            named = _NAMED_NOUN_AFTER.match(text, end)
            if named and _is_plural(named.group("noun")):  # "seven Patriot systems", "three Chinese nationals"
                noun, plural, noun_end = named.group("noun"), True, named.end()
        if noun and plural and lower != "one":
            if (
                from_words
                and value <= 10
                and noun not in self.counted
                and _DETERMINER_BEFORE.search(self.before(start, 8))
            ):
                return []  # "the two leaders": points back at people already named
            if _ONE_DOT_GROUP.fullmatch(token) and value == parse_digits(token):
                value = float(token.replace(".", ""))  # "45.000 people": what is counted comes whole
            self.counted.add(noun)
            self.last_count = (noun_end, noun)
            return [_Draft(start, noun_end, "count", value, noun, hedge, head=noun)]
        if (
            from_words
            and value >= 2
            and _SUBSET_BEFORE.search(self.before(start, 16))
            and _SUBSET_AFTER.match(text, end)
            and self.last_count[1]
            and 0 <= start - self.last_count[0] <= _ELLIPSIS_REACH
        ):
            noun = self.last_count[1]  # "the last eight records ... including the last two from him"
            return [_Draft(start, end, "count", value, noun, hedge, head=noun)]
        if from_words:
            if lower != "one" and _VERB_AFTER.match(text, end) and not _DETERMINER_BEFORE.search(self.before(start, 8)):
                return [_Draft(start, end, "count", value, "", hedge)]  # "a dozen were hurt"
            return []  # "the two also said", "one that sees": no counted thing
        if value <= 10 and _ONE_OF.match(text, end):
            return []  # "2 of the": a part of something counted elsewhere
        before = self.before(start, 30)
        if (
            value == int(value)
            and 1 <= value <= 120
            and text[end : end + 1] == ","
            and not in_range
            and _APPOSITION_NAME.search(before)
            and not _CALENDAR_WORD.search(before)
        ):
            return [_Draft(start, end, "duration", value, "years", hedge, head="age")]  # "Jane Doe, 45, said"
        name = _NAME_BEFORE.search(before)
        if name and name.group().split()[-1].lower() not in FUNCTION_WORDS:
            return []  # "Boeing 737", "Article 50": a number that completes a name
        if value != int(value):
            return [_Draft(start, end, "quantity", value, "", hedge)]  # "measuring 6.3, 5.9 and 5.5": a reading
        return [_Draft(start, end, "count", value, "", hedge)]  # "the toll rose to 2,445": a count of what it counts

    def model_name_before(self, start: int, end: int) -> bool:
        """Two or more capitalised words, none a weekday, month or function word, right before the number, and a
        plain noun after it ("Swift Air Glide 3 spikes"; but "visited the United States 10 times")."""
        model = _MODEL_BEFORE.search(self.before(start, 40))
        if model is None or any(word.lower() in SUBJECT_STOPWORDS for word in model.group("name").split()):
            return False
        word = _WORD.match(self.text, end + 1) if self.text[end : end + 1] == " " else None
        return word is not None and word.group()[0].islower() and word.group().lower() not in SUBJECT_STOPWORDS

    def read_year(self, start: int, end: int, year: int) -> list[_Draft]:
        if _SCOPE_YEAR_BEFORE.search(self.before(start, 16)) and self._follows_figure(start):
            return []  # "up 30% from 2021": the base year belongs to the figure before it
        if re.search(r"\b(?:the|a|its)\s+$", self.before(start, 6), re.I) and self.text[end + 1 : end + 2].isupper():
            return []  # "the 2022 World Cup": a name
        return [_Draft(start, end, "date", float(year), "year", "exact", f"{year:04d}")]

    def _follows_figure(self, start: int) -> bool:
        window = self.before(start, 30)
        return bool(
            re.search(r"(?:%|per\s?cent|percent|\d\s?(?:bn|billion|million|trillion|m|k))\s+\w+\s+$", window, re.I)
        )

    def _ago(self, value: float, unit: str) -> str:
        """ "3 weeks ago" → the ISO date three weeks before publication."""
        assert self.published is not None
        days_per = {"days": 1, "weeks": 7, "months": 30.44, "years": 365.25, "hours": 1 / 24}.get(unit)
        if days_per is None or value * days_per > 300_000:
            return ""
        return (self.published - dt.timedelta(days=round(value * days_per))).isoformat()


_WEEKDAY_ONLY = re.compile(WEEKDAY_NAME, re.I)
_CALENDAR_WORD = re.compile(rf"\b(?:{MONTH_NAME}|{WEEKDAY_NAME}),\s$")


def _joinable(first: _Draft, second: _Draft, text: str) -> bool:
    """A clock time next to its day ("09:30 am on Tuesday"), or a weekday before its date ("Tuesday, May 7")."""
    if first.kind != "date" or second.kind != "date" or second.start - first.end > 8:
        return False
    if _DATE_JOIN.fullmatch(text, first.end, second.start) is None:
        return False
    if (first.unit == "time") != (second.unit == "time"):
        day = second if first.unit == "time" else first
        return day.unit == "date" and "/" not in day.normalized
    first_is_weekday = _WEEKDAY_ONLY.fullmatch(text, first.start, first.end) is not None
    return (
        first_is_weekday
        and second.unit in ("date", "year")
        and "/" not in second.normalized
        and (second.value is not None or second.unit == "date")
        and _WEEKDAY_ONLY.fullmatch(text, second.start, second.end) is None
        and any(char.isdigit() for char in text[second.start : second.end])
    )


def _merge_dates(drafts: list[_Draft], text: str) -> list[_Draft]:
    """Join adjacent pieces of one point in time into one claim."""
    merged: list[_Draft] = []
    for draft in drafts:
        if merged and _joinable(merged[-1], draft, text):
            last = merged[-1]
            time_piece = last if last.unit == "time" else draft if draft.unit == "time" else None
            day_piece = draft if time_piece is last else last if time_piece is draft else draft
            merged[-1] = _Draft(
                last.start,
                draft.end,
                "date",
                draft.value if draft.value is not None else last.value,
                "time" if time_piece is not None else day_piece.unit,
                last.hedge if last.hedge != "exact" else draft.hedge,
                day_piece.normalized or last.normalized or draft.normalized,
                loose=last.loose and draft.loose,
                step=day_piece.step,
            )
            continue
        merged.append(draft)
    return merged


MAX_SUBJECT_TERMS = 4
_SUBJECT_WINDOW = 120  # characters either side of a figure that its subject terms are taken from
_POSSESSIVE = re.compile("['\u2019]s?$")
_CONTENT_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]{2,}")


def _subject(text: str, sentence_start: int, sentence_end: int, draft: _Draft) -> tuple[str, ...]:
    """What the figure attaches to: the counted noun, then the event of its own clause and the places there.

    "met about 40 times" gives ("meetings", "met"); "took over the presidency in 2012" gives
    ("presidency", ...); "at a summit in Lisbon in 2013" gives ("summit", ..., "lisbon") (see
    heads.py). When the clause yields too little, the nearest nouns and names of the sentence fill in.
    """
    terms: list[str] = []
    if draft.head and draft.head not in ("money", "percent"):
        terms.append(draft.head)
    sentence = text[sentence_start:sentence_end]
    for term in figure_head(sentence, draft.start - sentence_start, draft.end - sentence_start).terms():
        if term.lower() not in terms:
            terms.append(term.lower())
    if len(terms) >= 2:
        return tuple(terms[:MAX_SUBJECT_TERMS])
    window_start = max(sentence_start, draft.start - _SUBJECT_WINDOW)
    window_end = min(sentence_end, draft.end + _SUBJECT_WINDOW)
    before = _CONTENT_WORD.findall(text, window_start, draft.start)
    if window_start == sentence_start and before:
        before = before[1:]  # the sentence's first word is capitalised whatever it is
    elif window_start > sentence_start and before:
        before = before[1:]  # cut by the window's edge
    after = _CONTENT_WORD.findall(text, draft.end, window_end)
    if window_end < sentence_end and after:
        after = after[:-1]
    names: list[str] = []
    others: list[str] = []
    nearest_first = [word for pair in zip_longest(reversed(before), after) for word in pair if word]
    for word in nearest_first:
        token = _POSSESSIVE.sub("", word) if "'" in word or "\u2019" in word else word
        lower = token.lower()
        if len(lower) < 3 or lower in SUBJECT_STOPWORDS:
            continue
        group = names if token[0].isupper() else others
        if len(group) < 2 and lower not in group:
            group.append(lower)
            if len(names) == 2 and len(others) == 2:
                break
    for term in names + others:
        if term not in terms:
            terms.append(term)
    return tuple(terms[:MAX_SUBJECT_TERMS])


def _score(draft: _Draft) -> float:
    score = _KIND_SCORE.get(draft.kind, 0.5)
    if draft.loose:
        score = 0.2 if draft.unit == "time" else 0.15
    elif draft.kind == "date" and draft.value is None:
        score = 0.3
    elif draft.value is None:
        score -= 0.25
    if draft.hedge != "exact" and draft.value is not None:
        score -= 0.05
    return round(max(0.0, min(1.0, score)), 2)


def _link_conversions(claims: list[ExtractedClaim], text: str) -> list[ExtractedClaim]:
    """ "1.28 trillion yuan ($153 billion)": two amounts of one sum, each pointing at the other."""
    result = list(claims)
    for index in range(len(result) - 1):
        first, second = result[index], result[index + 1]
        if first.kind != "money" or second.kind != "money" or first.unit == second.unit:
            continue
        if second.start - first.end > 24 or not _CONVERSION_GAP.search(text, first.end, second.start):
            continue
        gap = text[first.end : second.start]
        if "(" in gap and ")" not in text[second.end : second.end + 3]:
            continue
        result[index] = replace(first, linked_to=index + 1)
        result[index + 1] = replace(second, linked_to=index)
    return result


_MAX_SENTENCE = 600  # a "sentence" longer than this is text without punctuation: keep a window of it


def _clip_sentence(text: str, start: int, end: int, draft: _Draft) -> tuple[int, int]:
    """The sentence bounds, cut to a window around the claim when the text has no sentence breaks."""
    end = max(end, draft.end)
    if end - start <= _MAX_SENTENCE:
        return start, end
    half = (_MAX_SENTENCE - (draft.end - draft.start)) // 2
    low = max(start, draft.start - max(half, 0))
    high = min(end, draft.end + max(half, 0))
    space = text.find(" ", low, draft.start)
    if low > start and space >= 0:
        low = space + 1
    space = text.rfind(" ", draft.end, high)
    if high < end and space >= 0:
        high = space
    return low, high


_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})")


def _step_from(anchor: str, step: tuple[int, str]) -> str:
    """ "The following day" after a resolved date: the day, week, month or year next to it."""
    delta, unit = step
    day = _ISO_DAY.match(anchor)
    if unit == "day":
        if not day:
            return ""
        anchor_day = dates.safe_date(int(day[1]), int(day[2]), int(day[3]))
        return (anchor_day + dt.timedelta(days=delta)).isoformat() if anchor_day else ""
    if unit == "week":
        if not day:
            return ""
        anchor_day = dates.safe_date(int(day[1]), int(day[2]), int(day[3]))
        if anchor_day is None:
            return ""
        monday = anchor_day - dt.timedelta(days=anchor_day.weekday()) + dt.timedelta(weeks=delta)
        return dates.iso_range(monday, monday + dt.timedelta(days=6))
    month = _ISO_MONTH.match(anchor)
    if unit == "month" and month:
        year, month_number = dates.shift_month(int(month[1]), int(month[2]), delta)
        return f"{year:04d}-{month_number:02d}"
    if unit == "year" and re.match(r"^\d{4}", anchor):
        return f"{int(anchor[:4]) + delta:04d}"
    return ""


def _resolve_steps(
    claims: list[ExtractedClaim], drafts: list[_Draft], sentences: SentenceIndex
) -> list[ExtractedClaim]:
    """Resolve "the following day" against the last resolved date of its sentence or the one before."""
    result = list(claims)
    for index, (claim, draft) in enumerate(zip(claims, drafts, strict=True)):
        if draft.step is None or claim.normalized:
            continue
        previous_start = sentences.around(claim.sentence_start - 2)[0] if claim.sentence_start >= 2 else 0
        for earlier in reversed(result[:index]):
            if earlier.start < previous_start:
                break
            if earlier.kind == "date" and earlier.normalized and "/" not in earlier.normalized:
                normalized = _step_from(earlier.normalized, draft.step)
                if normalized:
                    result[index] = replace(claim, normalized=normalized)
                break
    return result


def extract_claims(text: str, *, published: dt.date | None = None) -> list[ExtractedClaim]:
    """Every checkable figure of a cleaned article, sorted by start offset.

    Conventions (those of the shared gold file): years are dates whose value is the year; "early 1950s"
    is 1950 with unit "decade", hedged; weekdays, months without a year and relative dates have no value
    but are resolved into ``normalized`` against ``published`` when it is given; "a decade" is 10 years;
    money is the full amount with an ISO currency code; a percentage is the number shown; a range
    ("20-30 people") gives its low end, hedged "at_least"; vague amounts ("dozens of") have no value.
    ``text[claim.start:claim.end] == claim.text`` always holds, and ``claim.sentence`` starts at
    ``claim.sentence_start`` (a window of at most 600 characters when the text has no sentence breaks).
    """
    if published is not None and not _RESOLVABLE[0] <= published <= _RESOLVABLE[1]:
        published = None  # too near the ends of the calendar to resolve "next year" or "5 years ago"
    reader = _Reader(text, published)
    drafts: list[_Draft] = []
    scanned_to = 0
    for position in _trigger_positions(text):
        if position < scanned_to:
            continue
        match = _SCANNER.match(text, position)
        if match is None:
            continue
        scanned_to = match.end()
        drafts.extend(reader.read(match))
    drafts.sort(key=lambda d: (d.start, -d.end))
    deduplicated: list[_Draft] = []
    for draft in drafts:
        if deduplicated and draft.start < deduplicated[-1].end:
            continue  # a later hit inside an earlier span ("or more" swallowed a number)
        deduplicated.append(draft)
    drafts = _merge_dates(deduplicated, text)
    sentences = SentenceIndex(text) if drafts else None
    claims: list[ExtractedClaim] = []
    for draft in drafts:
        assert sentences is not None
        sentence_start, sentence_end = _clip_sentence(text, *sentences.around(draft.start), draft)
        sentence = text[sentence_start:sentence_end]
        claims.append(
            ExtractedClaim(
                start=draft.start,
                end=draft.end,
                text=text[draft.start : draft.end],
                sentence=sentence,
                sentence_start=sentence_start,
                kind=draft.kind,
                value=draft.value,
                unit=draft.unit,
                hedge=draft.hedge,
                normalized=draft.normalized,
                score=_score(draft),
                subject=_subject(text, sentence_start, sentence_end, draft),
            )
        )
    if any(draft.step for draft in drafts):
        assert sentences is not None
        claims = _resolve_steps(claims, drafts, sentences)
    return _link_conversions(claims, text)
