"""Store-wide term counts: kept as articles are stored and re-extracted, read as rarity for matching."""

from __future__ import annotations

from typing import Any

import pytest

from claims.models import Article, TermCount
from claims.pipeline.match.terms import stem
from claims.services.ingestion import article_ingest
from claims.services.rarity import SENTENCES, store_rarity_of, term_counts_update

URL = "https://news.example.org/2024/orchard-harvest"
TEXT = (
    "Valley orchards report a record harvest\n\n"
    "Growers in the valley picked 4,200 tonnes of pears this autumn. "
    "The cooperative said 35 new pickers were hired. "
    "Prices at the market stayed flat."
)


def counts() -> dict[str, int]:
    return dict(TermCount.objects.values_list("term", "sentences"))


def test_an_update_adds_the_new_sentences_and_takes_away_the_old(db: Any) -> None:
    term_counts_update(old_sentences=[], new_sentences=["Growers picked 400 pears.", "Pickers picked 20 pears."])
    term_counts_update(old_sentences=["Pickers picked 20 pears."], new_sentences=["Pickers picked 30 apples."])

    got = counts()
    assert got[SENTENCES] == 2
    assert got[stem("pears")] == 1
    assert got[stem("apples")] == 1
    assert got[stem("picked")] == 2


def test_a_sentence_repeated_in_one_article_counts_once(db: Any) -> None:
    term_counts_update(old_sentences=[], new_sentences=["Growers picked 400 pears."] * 3)

    assert counts()[SENTENCES] == 1


def test_storing_an_article_counts_the_sentences_of_its_claims(db: Any) -> None:
    result = article_ingest(raw=TEXT.encode(), name="orchard.txt")
    assert result.article is not None

    article = Article.objects.get(pk=result.article)
    sentences = set(article.claims.values_list("sentence", flat=True))
    got = counts()
    assert got[SENTENCES] == len(sentences) >= 2
    assert got[stem("pears")] == 1
    assert stem("market") not in got  # a sentence with no figure is no claim's sentence


def test_re_extracting_an_article_moves_its_counts_without_counting_it_twice(
    db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = {URL: TEXT}
    monkeypatch.setattr(
        "claims.services.urls.fetch_article",
        lambda *, url: (pages[url].encode(), "text/plain; charset=utf-8", url),
    )
    from claims.services.reingest import article_reingest

    result = article_ingest(raw=TEXT.encode(), url=URL, content_type="text/plain; charset=utf-8", label=URL)
    assert result.article is not None
    before = counts()
    pages[URL] = TEXT.replace("35 new pickers were hired", "35 new drivers were hired")

    assert article_reingest(article_id=result.article) == "updated"

    after = counts()
    assert after[SENTENCES] == before[SENTENCES]
    assert after.get(stem("pickers"), 0) == before[stem("pickers")] - 1
    assert after[stem("drivers")] == 1


def test_store_rarity_is_read_for_the_terms_asked_only(db: Any) -> None:
    sentences = [f"Growers in district {n} picked pears." for n in range(20)] + ["A rare quince crop."]
    term_counts_update(old_sentences=[], new_sentences=sentences)

    rarity = store_rarity_of([stem("pears"), stem("quince")])

    assert set(rarity) == {stem("pears"), stem("quince")}
    assert rarity[stem("quince")] > rarity[stem("pears")]


def test_the_migration_counts_the_claims_stored_before_it_as_ingestion_would(db: Any) -> None:
    import importlib

    from django.apps import apps

    article_ingest(raw=TEXT.encode(), name="orchard.txt")
    article_ingest(raw=TEXT.replace("4,200 tonnes", "4,300 tonnes").encode(), name="orchard-update.txt")
    kept = counts()
    TermCount.objects.all().delete()

    importlib.import_module("claims.migrations.0012_term_counts").count_terms(apps, None)

    assert counts() == kept
