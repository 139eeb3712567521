"""Term counts over the whole store, the rarity of words that matching weighs shared words by.

Each article adds one count per term for each of its live claims' distinct sentences; a re-extraction
adds what its new sentences bring and takes away what its old ones did, so the counts stay those of
the live claims however often an article is stored again. The row with the empty term counts the
sentences themselves.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db import connection

from claims.models import TermCount
from claims.pipeline.match.rarity import store_rarity, term_counts
from claims.pipeline.match.scoring import Idf
from claims.sql import table

SENTENCES = ""  # the term of the row counting sentences
UPSERT_BATCH = 500
MAX_TERM = TermCount._meta.get_field("term").max_length or 120

_ADD_SQL = """
    INSERT INTO {table} AS counted (term, sentences) VALUES {rows}
    ON CONFLICT (term) DO UPDATE SET sentences = counted.sentences + excluded.sentences
"""


def term_counts_update(*, old_sentences: Iterable[str], new_sentences: Iterable[str]) -> None:
    """Move the store's counts from an article's old live sentences to its new ones (one statement
    per batch of terms, in term order, so that concurrent ingests lock shared rows in one order)."""
    old, new = set(old_sentences), set(new_sentences)
    change: Counter[str] = Counter()
    for sign, sentences in ((1, new), (-1, old)):
        for term, n in term_counts(sentences).items():
            change[term[:MAX_TERM]] += sign * n
    change[SENTENCES] += len(new) - len(old)
    rows = sorted((term, n) for term, n in change.items() if n)
    with connection.cursor() as cursor:
        for first in range(0, len(rows), UPSERT_BATCH):
            batch = rows[first : first + UPSERT_BATCH]
            sql = _ADD_SQL.format(table=table(TermCount), rows=", ".join(["(%s, %s)"] * len(batch)))
            cursor.execute(sql, [value for row in batch for value in row])


def store_rarity_of(terms: Iterable[str]) -> Idf:
    """The store-wide rarity of these terms (matching.store_rarity), in one query."""
    wanted = {term[:MAX_TERM] for term in terms} | {SENTENCES}
    counts = dict(TermCount.objects.filter(term__in=wanted).values_list("term", "sentences"))
    total = counts.pop(SENTENCES, 0)
    return store_rarity(counts, total)
