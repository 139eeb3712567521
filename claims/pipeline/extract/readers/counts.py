"""Counts: what a number with no unit counts (the noun after it, or the one counted just before), and
vague multitudes ("dozens of", "tens of thousands")."""

from __future__ import annotations

import re

from claims.pipeline.extract.context import Context, Draft, Figure, is_plural, plural_of
from claims.pipeline.extract.numbers import parse_digits
from claims.pipeline.extract.patterns import NOUN_PREMODIFIERS, WORD
from claims.pipeline.extract.readers.calendar_dates import read_year
from claims.pipeline.lexicon import FUNCTION_WORDS, MONTH_NAME, SUBJECT_STOPWORDS, WEEKDAY_NAME

# An age in apposition: "Jane Doe, 45, said". The figure sits between commas right after a name.
_APPOSITION_NAME = re.compile(r"\b[A-Z][a-z'\u2019]+,\s$")

_CALENDAR_WORD = re.compile(rf"\b(?:{MONTH_NAME}|{WEEKDAY_NAME}),\s$")

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

_DETERMINER_AFTER = re.compile(r"\s+(?:the|their|his|her|its|these|those|our)(?=\s)", re.I)

_DETERMINER_BEFORE = re.compile(r"\b(?:the|their|his|her|its|our|these|those|my|your|both)\s+$", re.I)

_ONE_OF = re.compile(r"\s+of\b", re.I)

_NAME_BEFORE = re.compile(r"(?:\b(?:a|an|the)\s+)?\b[A-Z][A-Za-z]+\s+$")

# A counted noun behind a name or a nationality: "seven Patriot systems", "12 more Afghan refugees".
_NAMED_NOUN_AFTER = re.compile(
    rf"\s+(?:(?:{'|'.join(sorted(NOUN_PREMODIFIERS))})\s+)?(?:[A-Z][\w-]*\s+){{1,2}}(?P<noun>[a-z][a-z-]*)\b"
)


def read_multitude(ctx: Context, match: re.Match[str]) -> list[Draft]:
    start, end = match.span()
    if match.group().lower().endswith(("digit", "digits")):
        return [Draft(start, end, "count", None, "", "at_least")]  # "double digits": ten or more
    determiner = _DETERMINER_AFTER.match(ctx.text, end)
    unit = ctx.noun_after(determiner.end() if determiner else end)[0]
    kind = "count"
    if unit in ("years", "days", "weeks", "months", "hours", "decades"):
        kind = "duration"
    # "tens of thousands" states a floor (at least twenty thousand); "dozens", "hundreds" stay approximate
    hedge = "at_least" if " of " in match.group()[:-3].lower() else "approx"
    return [Draft(start, end, kind, None, unit, hedge, head=unit)]


def count_after(ctx: Context, figure: Figure) -> list[Draft]:
    """What a number with no unit counts: the noun after it, or one counted just before; else a bare count."""
    text = ctx.text
    start, end, number_end, value, hedge = figure.start, figure.end, figure.number_end, figure.value, figure.hedge
    from_words, in_range = figure.from_words, figure.in_range
    token = text[start:number_end]
    lower = token.lower()
    noun, plural, noun_end = ctx.noun_after(end)
    if not from_words and not in_range and token.isdigit() and len(token) == 4 and 1000 <= value <= 2100 and not plural:
        return read_year(ctx, start, number_end, int(value))
    person = _ONE_PERSON_AFTER.match(text, end) if lower == "one" else None
    if person:
        unit = plural_of(person.group("noun"))
        return [Draft(start, person.end("noun"), "count", value, unit, hedge, head=unit)]  # "one person died"
    if not from_words and "," not in token and model_name_before(ctx, start, number_end):
        return []  # "the Nike Pro 3 shoes", "an Airbus A3 Neo 12 jet": a model number
    if not noun and not (token.isdigit() and len(token) == 4):
        named = _NAMED_NOUN_AFTER.match(text, end)
        if named and is_plural(named.group("noun")):  # "seven Patriot systems", "three Chinese nationals"
            noun, plural, noun_end = named.group("noun"), True, named.end()
    if noun and plural and lower != "one":
        if from_words and value <= 10 and noun not in ctx.counted and _DETERMINER_BEFORE.search(ctx.before(start, 8)):
            return []  # "the two leaders": points back at people already named
        if _ONE_DOT_GROUP.fullmatch(token) and value == parse_digits(token):
            value = float(token.replace(".", ""))  # "45.000 people": what is counted comes whole
        ctx.counted.add(noun)
        ctx.last_count = (noun_end, noun)
        return [Draft(start, noun_end, "count", value, noun, hedge, head=noun)]
    if (
        from_words
        and value >= 2
        and _SUBSET_BEFORE.search(ctx.before(start, 16))
        and _SUBSET_AFTER.match(text, end)
        and ctx.last_count[1]
        and 0 <= start - ctx.last_count[0] <= _ELLIPSIS_REACH
    ):
        noun = ctx.last_count[1]  # "the last eight records ... including the last two from him"
        return [Draft(start, end, "count", value, noun, hedge, head=noun)]
    if from_words:
        if lower != "one" and _VERB_AFTER.match(text, end) and not _DETERMINER_BEFORE.search(ctx.before(start, 8)):
            return [Draft(start, end, "count", value, "", hedge)]  # "a dozen were hurt"
        return []  # "the two also said", "one that sees": no counted thing
    if value <= 10 and _ONE_OF.match(text, end):
        return []  # "2 of the": a part of something counted elsewhere
    before = ctx.before(start, 30)
    if (
        value == int(value)
        and 1 <= value <= 120
        and text[end : end + 1] == ","
        and not in_range
        and _APPOSITION_NAME.search(before)
        and not _CALENDAR_WORD.search(before)
    ):
        return [Draft(start, end, "duration", value, "years", hedge, head="age")]  # "Jane Doe, 45, said"
    name = _NAME_BEFORE.search(before)
    if name and name.group().split()[-1].lower() not in FUNCTION_WORDS:
        return []  # "Boeing 737", "Article 50": a number that completes a name
    if value != int(value):
        return [Draft(start, end, "quantity", value, "", hedge)]  # "measuring 6.3, 5.9 and 5.5": a reading
    return [Draft(start, end, "count", value, "", hedge)]  # "the toll rose to 2,445": a count of what it counts


def model_name_before(ctx: Context, start: int, end: int) -> bool:
    """Two or more capitalised words, none a weekday, month or function word, right before the number, and a
    plain noun after it ("Swift Air Glide 3 spikes"; but "visited the United States 10 times")."""
    model = _MODEL_BEFORE.search(ctx.before(start, 40))
    if model is None or any(word.lower() in SUBJECT_STOPWORDS for word in model.group("name").split()):
        return False
    word = WORD.match(ctx.text, end + 1) if ctx.text[end : end + 1] == " " else None
    return word is not None and word.group()[0].islower() and word.group().lower() not in SUBJECT_STOPWORDS
