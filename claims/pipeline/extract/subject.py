"""A figure's subject: the counted noun, the event of its own clause and the places there."""

from __future__ import annotations

import re
from itertools import zip_longest

from claims.pipeline.extract.context import Draft
from claims.pipeline.extract.heads import figure_head
from claims.pipeline.lexicon import SUBJECT_STOPWORDS

MAX_SUBJECT_TERMS = 4

_SUBJECT_WINDOW = 120  # characters either side of a figure that its subject terms are taken from

_POSSESSIVE = re.compile("['\u2019]s?$")

_CONTENT_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]{2,}")


def subject_of(text: str, sentence_start: int, sentence_end: int, draft: Draft) -> tuple[str, ...]:
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
