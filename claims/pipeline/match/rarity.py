"""Term rarity over the whole store: each term's count of stored sentences, the rarity those counts
give, and its blend with the rarity over the claims at hand (``scoring.idf_of``)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping

from claims.pipeline.match import params
from claims.pipeline.match.features import features_of
from claims.pipeline.match.records import ClaimRecord
from claims.pipeline.match.scoring import Idf
from claims.pipeline.match.terms import tokens_of


def sentence_terms(sentence: str) -> frozenset[str]:
    """The distinct terms of a sentence, as claims' sentence terms are spelt (stems, no stopwords)."""
    return frozenset(token.stem for token in tokens_of(sentence))


def term_counts(sentences: Iterable[str]) -> Counter[str]:
    """For each term, how many of these distinct sentences use it."""
    counts: Counter[str] = Counter()
    for sentence in set(sentences):
        counts.update(sentence_terms(sentence))
    return counts


def weighed_terms(claims: Iterable[ClaimRecord]) -> set[str]:
    """The terms whose rarity grouping these claims weighs (their sentences' and local terms)."""
    terms: set[str] = set()
    for claim in claims:
        features = features_of(claim)
        terms.update(features.sentence_terms, features.local_terms)
    return terms


def store_rarity(counts: Mapping[str, int], sentences: int) -> Idf:
    """Term rarity over a whole store, from its term counts (term_counts summed over every article)
    and its number of sentences: the same scale as idf_of, empty for a store too small to tell."""
    if sentences < params.MIN_SENTENCES_FOR_IDF:
        return {}
    scale = math.log(sentences)
    return {term: max(0.05, math.log(sentences / count) / scale) for term, count in counts.items() if count > 0}


def blend_idf(local: Idf, store: Idf) -> Idf:
    """The mean of two rarities of each term. Over the neighbourhood alone, the words of one story
    ("migration" in every report of a migration figure) weigh almost nothing, however rare they are in
    the news; over the whole store alone, everything one story shares weighs much and its different
    facts run together. Either one alone serves a term the other does not know."""
    if not local or not store:
        return local or store
    return {term: (local.get(term, value) + store.get(term, value)) / 2 for term, value in (store | local).items()}
