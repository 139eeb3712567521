"""Term rarity over the whole store and its blend with the rarity over the claims at hand."""

from __future__ import annotations

from claims.pipeline.match.grouping import group_claims
from claims.pipeline.match.rarity import blend_idf, sentence_terms, store_rarity, term_counts
from claims.pipeline.match.records import ClaimRecord
from claims.pipeline.match.terms import stem
from tests.pipeline.match.examples import claim, grouped_together


def test_term_counts_count_each_distinct_sentence_once() -> None:
    sentences = [
        "The orchard sold 400 crates of pears.",
        "The orchard sold 400 crates of pears.",
        "Pear crates fetched more at the market.",
    ]

    counts = term_counts(sentences)

    assert counts[stem("orchard")] == 1
    assert counts[stem("crates")] == 2
    assert "the" not in counts  # stopwords are not terms
    assert sentence_terms(sentences[0]) >= {stem("orchard"), stem("pears")}


def test_store_rarity_is_empty_for_a_store_too_small_to_tell() -> None:
    assert store_rarity({"orchard": 1}, 3) == {}


def test_store_rarity_weighs_a_rare_term_above_a_common_one() -> None:
    rarity = store_rarity({"orchard": 2, "said": 900}, 1000)

    assert rarity["orchard"] > 0.8
    assert rarity["said"] < 0.1


def test_blend_idf_takes_the_mean_and_either_side_alone_for_a_term_the_other_lacks() -> None:
    blended = blend_idf({"orchard": 0.1, "pear": 0.4}, {"orchard": 0.9, "crate": 0.6})

    assert blended == {"orchard": 0.5, "pear": 0.4, "crate": 0.6}
    assert blend_idf({}, {"crate": 0.6}) == {"crate": 0.6}
    assert blend_idf({"pear": 0.4}, {}) == {"pear": 0.4}


def test_words_of_one_story_rare_in_the_store_join_two_reports_its_neighbourhood_alone_keeps_apart() -> None:
    # Every sentence at hand is about valley quince orchards, so over the neighbourhood alone those words
    # weigh almost nothing; over a store of other news they are rare, and the two 20% drops are one fact.
    shipments = claim(
        1,
        "Quince shipments from the valley orchards slipped 20% after the frost.",
        "20%",
        kind="percent",
        value=20,
        unit="%",
    )
    sales = claim(
        2,
        "The valley orchards sold 20 per cent less quince abroad, growers said.",
        "20 per cent",
        kind="percent",
        value=20,
        unit="%",
    )
    neighbourhood = [
        shipments,
        sales,
        figure(1, "The valley quince harvest reached 4,100 tonnes in the season.", "4,100 tonnes", 4100, "tonnes"),
        figure(2, "Quince growers in the valley orchards hired 350 pickers.", "350 pickers", 350, "pickers"),
        figure(1, "Valley orchards saw quince prices rise 8% at the first auction.", "8%", 8, "%"),
        figure(2, "Some 60 quince farms in the valley sold fruit abroad.", "60 quince farms", 60, "farms"),
        figure(3, "The valley orchards cooperative counted 1,900 members.", "1,900 members", 1900, "members"),
        figure(3, "Quince from the valley made up 30% of the season's sales.", "30%", 30, "%"),
        figure(3, "Valley quince yields per hectare rose 5% over the season.", "5%", 5, "%"),
    ]
    other_news = [f"Officials in city number {n} said the budget vote went well for traders." for n in range(400)]
    sentences = [c.sentence for c in neighbourhood] + other_news
    store = store_rarity(term_counts(sentences), len(set(sentences)))

    assert not grouped_together(group_claims(neighbourhood), shipments, sales)
    assert grouped_together(group_claims(neighbourhood, store_idf=store), shipments, sales)


def figure(article: int, sentence: str, text: str, value: float, unit: str) -> ClaimRecord:
    """A count or a percentage of one article, for a neighbourhood of claims."""
    return claim(article, sentence, text, kind="percent" if unit == "%" else "count", value=value, unit=unit)
