"""Ordinals and ranks: "the third consecutive year", "came first", "the second-largest", "No. 4"."""

from __future__ import annotations

import re

from claims.pipeline.extract.context import Context, Draft, plural_of
from claims.pipeline.extract.numbers import parse_ordinal_word
from claims.pipeline.extract.patterns import NEXT_WORDS
from claims.pipeline.lexicon import FUNCTION_WORDS, word_set

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

_POSITION_MARK = re.compile(r"\s?(?:L|R|C|left|right|centre|center|row)\)")


def read_ordinal(ctx: Context, match: re.Match[str]) -> list[Draft]:
    start, end = match.span()
    text = match.group()
    value = parse_ordinal_word(text)
    if value is None:
        return []
    if ctx.lines.text[start - 1 : start] == "(" and _POSITION_MARK.match(ctx.text, end):
        return []  # "(2nd R)" in a photo caption
    if text[0].isupper() and not ctx.sentence_initial(start):
        return []  # "the Third Plenum": part of a name
    if text.lower() == "second" and ctx.text[end : end + 1] == "s":
        return []
    rank = _RANK_HYPHEN.match(ctx.text, end) or _SUPERLATIVE_AFTER.match(ctx.text, end)
    # "the second-largest", "the third fastest", "the second-place finisher"
    if rank and rank.group().strip(" -") not in _NOT_SUPERLATIVE:
        return [Draft(start, rank.end(), "ordinal", float(value), "rank", "exact", head="rank")]
    if _RANK_VERB_BEFORE.search(ctx.before(start, 16)) and _RANK_END.match(ctx.text, end):
        return [Draft(start, end, "ordinal", float(value), "rank", "exact", head="rank")]  # "came first"
    definite = _THE_BEFORE.search(ctx.before(start, 24)) is not None
    noun, _plural_form, noun_end = ctx.noun_after(end)
    if not noun and definite and _RECORD_AFTER.match(ctx.text, end):
        return [Draft(start, end, "ordinal", float(value), "rank", "exact", head="rank")]  # "the 21st since 2009"
    if not noun or (noun == "half" and ctx.text[noun_end : noun_end + 4] == " of "):
        return []  # "at first", "the second half of": no counted thing
    if len(noun) > 4 and noun.endswith("ed") and not noun.endswith("eed"):
        return []  # "was first elected": an adverb before a verb
    if (
        definite
        and (value <= 3 or noun in _STAGE_NOUNS)
        and not ctx.text.startswith(" time", end)
        and not claims_record(ctx, noun_end)
        and not _SERIES_AFTER.match(ctx.text, end)
    ):
        return []  # "the first round", "the second dam", "the fourth quarter": a stage named, not a claim
    unit = plural_of(noun)
    return [Draft(start, noun_end, "ordinal", float(value), unit, "exact", head=unit)]


def claims_record(ctx: Context, noun_end: int) -> bool:
    """Does the rest of the clause make "the first X" a record ("to do", "since 2009", "this week")?"""
    if _RECORD_AFTER.match(ctx.text, noun_end):
        return True
    clause = _CLAUSE_REST.match(ctx.text, noun_end)
    return clause is not None and _RECORD_IN_CLAUSE.search(clause.group()) is not None


def rank_sign(ctx: Context, start: int, end: int, value: float) -> list[Draft] | None:
    """ "the world's No. 4 maker": a rank written with a number sign."""
    if not _RANK_SIGN_BEFORE.search(ctx.before(start, 30)):
        return None
    after = NEXT_WORDS.match(ctx.text, end)
    first = after.group().split()[0] if after else ""
    noun_follows = first[:1].islower() and first.lower() not in FUNCTION_WORDS
    if noun_follows or ctx.text[end : end + 1] in (",", "."):
        return [Draft(start, end, "ordinal", value, "rank", "exact", head="rank")]
    return None
