"""Near-duplicate detection: edited wire copies are copies, rewrites are recorded, other articles are not."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from claims.pipeline.neardup.minhash import (
    BANDS,
    COPY_THRESHOLD,
    NUM_PERMUTATIONS,
    REWRITE_MIN_SHARED_KEYS,
    REWRITE_THRESHOLD,
    band_keys,
    collision_probability,
    estimated_similarity,
    jaccard,
    normalized_words,
    relation,
    rewrite_keys,
    signature,
)

SEEDS = Path(__file__).resolve().parents[3] / "seeds"

WIRE_STORY = """\
HAMBURG: Dock workers at Germany's largest port walked off the job on Thursday in a 48-hour strike \
that left dozens of container ships waiting at anchor in the Elbe estuary.
The union said about 12,000 workers had joined the stoppage after talks with employers broke down \
over a pay offer it described as “an insult to people who kept the harbour running through the pandemic.”
Port operators said the strike would delay the handling of roughly 150,000 containers and warned \
that knock-on effects could be felt by manufacturers across central Europe for weeks.
“We are not asking for anything unreasonable,” said Katrin Vogel, a negotiator for the union. \
“Prices have risen by almost a fifth in two years and wages have not kept pace.”
Employers have offered a rise of 7 per cent spread over two years, while the union is demanding a \
one-off payment of 3,000 euros and a rise that matches inflation.
The port handled 8.3 million containers last year, down from a peak of almost 10 million a decade \
ago, as shipping lines shifted traffic to Rotterdam and Antwerp.
Analysts said the dispute came at a delicate moment for the economy, which shrank slightly in the \
last quarter, and for a port that has struggled to modernise its terminals.
Talks are due to resume next week, the union said.
"""

EDITED_COPY = """\
Strike photo: Container cranes stand idle at the port on Thursday. Image Credit: Reuters

Dock workers at Germany's largest port walked off the job on Thursday in a 48-hour strike that left \
dozens of container ships waiting at anchor in the Elbe estuary.

The union said about 12,000 workers had joined the stoppage after talks with employers broke down \
over a pay offer it described as "an insult to people who kept the harbor running through the pandemic".

Port operators said the strike would delay the handling of roughly 150,000 containers and warned \
that knock-on effects could be felt by manufacturers across Europe for weeks.

"We are not asking for anything unreasonable," said Katrin Vogel, a negotiator for the union. \
"Prices have risen by almost a fifth in two years and wages have not kept pace."

Employers have offered a rise of 7 percent spread over two years, while the union is demanding a \
one-off payment of 3,000 euros and a rise that matches inflation.

The port handled 8.3 million containers last year, down from a peak of almost 10 million a decade \
ago, as shipping lines shifted traffic to Rotterdam and Antwerp.

Analysts said the dispute came at a delicate moment for the economy and for a port that has \
struggled to modernize its terminals.
"""

REWRITE = """\
Germany's busiest harbour ground to a halt this week as thousands of dockers began a two-day walkout, \
stranding container vessels off the coast.
According to the union, some 12,000 people stopped work once negotiations with port employers \
collapsed. The union called the employers' pay proposal an insult to the workforce that had kept \
cargo moving during the pandemic.
Around 150,000 containers are expected to be delayed, operators warned, with factories in central \
Europe likely to feel the disruption for weeks.
Negotiator Katrin Vogel said the demands were modest. “Prices have risen by almost a fifth in two \
years and wages have not kept pace,” she said.
The employers' offer amounts to 7 per cent over two years. The union wants a one-off 3,000 euro \
payment plus a raise in line with inflation.
Volumes at the port have slipped from nearly 10 million containers ten years ago to 8.3 million last \
year, with rivals in the Netherlands and Belgium winning business.
"""

SAME_TOPIC_ARTICLE = """\
Europe's container ports are fighting for a shrinking pool of cargo as shipping lines consolidate \
their networks and send bigger vessels to fewer harbours.
Rotterdam remains the continent's busiest port, but Antwerp has gained ground since its merger with \
Bruges, and terminal operators in the north of Germany say they are losing business to both.
Labour costs are part of the story. Dockers in northern Europe are among the best paid industrial \
workers, and unions have resisted automation that would cut jobs on the quayside.
Port authorities are also investing in rail links, since cargo that leaves by train rather than by \
truck reaches inland factories faster and relieves congested motorways.
Shipping analysts expect volumes to recover slowly next year, but warn that strikes, low water on the \
Rhine and the cost of energy could all slow the recovery.
"""

UNRELATED_ARTICLE = """\
A small museum in the Scottish Highlands has reopened after a two-year restoration that uncovered a \
painted ceiling hidden beneath layers of Victorian plaster.
Conservators spent months removing the plaster by hand, revealing panels of birds, fruit and flowers \
that experts believe were painted in the early seventeenth century.
The museum's director said visitor numbers had already exceeded expectations, with school groups \
booked until the end of the summer and a waiting list for guided tours of the attic rooms.
The restoration was paid for by a heritage lottery grant and donations from local residents, who \
organised ceilidhs, bake sales and a sponsored walk around the loch to raise money.
"""


def _repaired_gbk_mojibake(raw: bytes) -> str:
    """Development-only repair of UTF-8 text that was decoded as GB18030 (seed 000)."""
    text = raw.decode("utf-8").replace("\u9225\ufffd", "\u201d")

    def reencode(match: re.Match[str]) -> str:
        return match.group(0).encode("gb18030").decode("utf-8", errors="replace")

    return re.sub(r"[\u3000-\u9fff\uff00-\uffef]+", reencode, text)


def _seed_texts() -> dict[str, str]:
    texts = {}
    for path in sorted(SEEDS.glob("*.txt")):
        raw = path.read_bytes()
        text = raw.decode("utf-8", errors="replace")
        texts[path.name[:3]] = _repaired_gbk_mojibake(raw) if "\u9225" in text else text
    return texts


def _shares_a_band(text_a: str, text_b: str) -> bool:
    return bool(set(band_keys(signature(text_a))) & set(band_keys(signature(text_b))))


def _shared_rewrite_keys(text_a: str, text_b: str) -> int:
    return len(set(rewrite_keys(signature(text_a))) & set(rewrite_keys(signature(text_b))))


def test_quote_styles_dashes_and_case_are_folded() -> None:
    curly = "\u201cNo-limits\u201d \u2014 Norway\u2019s BEST friend"
    assert normalized_words(curly) == normalized_words('"no-limits" - Norway\'s best friend')


def test_numbers_keep_their_digits_as_one_word() -> None:
    words = normalized_words("a rise of 3.5 per cent on 12,000 jobs")
    assert words == ["a", "rise", "of", "35", "per", "cent", "on", "12000", "jobs"]


def test_signature_is_deterministic_and_has_fixed_length() -> None:
    first = signature(WIRE_STORY)
    assert len(first) == NUM_PERMUTATIONS
    assert first == signature(WIRE_STORY)
    assert signature(WIRE_STORY.replace("“", '"').replace("”", '"')) == first


def test_band_keys_are_the_same_in_processes_with_different_hash_seeds() -> None:
    program = (
        "import sys; from claims.pipeline.neardup.minhash import band_keys, signature; "
        "print(band_keys(signature(sys.stdin.read()))[0])"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", program],
            input=WIRE_STORY,
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).resolve().parents[3],
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout.strip()
        for seed in ("1", "2")
    }
    assert outputs == {band_keys(signature(WIRE_STORY))[0]}


def test_band_keys_are_short_distinct_strings_one_per_band() -> None:
    keys = band_keys(signature(WIRE_STORY))
    assert len(keys) == BANDS
    assert len(set(keys)) == BANDS
    assert all(len(key) <= 16 for key in keys)


def test_an_edited_wire_copy_is_a_copy_and_shares_a_band() -> None:
    similarity = jaccard(WIRE_STORY, EDITED_COPY)
    assert similarity >= COPY_THRESHOLD
    assert relation(similarity) == "copy"
    assert _shares_a_band(WIRE_STORY, EDITED_COPY)
    assert estimated_similarity(signature(WIRE_STORY), signature(EDITED_COPY)) == pytest.approx(similarity, abs=0.15)


def test_a_rewrite_is_recorded_but_is_not_a_copy() -> None:
    similarity = jaccard(WIRE_STORY, REWRITE)
    assert relation(similarity) == "rewrite"
    assert REWRITE_THRESHOLD <= similarity < COPY_THRESHOLD
    assert not _shares_a_band(WIRE_STORY, REWRITE)


def test_a_same_topic_article_is_unrelated() -> None:
    assert relation(jaccard(WIRE_STORY, SAME_TOPIC_ARTICLE)) is None
    assert not _shares_a_band(WIRE_STORY, SAME_TOPIC_ARTICLE)
    assert _shared_rewrite_keys(WIRE_STORY, SAME_TOPIC_ARTICLE) < REWRITE_MIN_SHARED_KEYS


def test_an_unrelated_article_shares_nothing() -> None:
    assert jaccard(WIRE_STORY, UNRELATED_ARTICLE) < 0.01
    assert estimated_similarity(signature(WIRE_STORY), signature(UNRELATED_ARTICLE)) < REWRITE_THRESHOLD
    assert not _shares_a_band(WIRE_STORY, UNRELATED_ARTICLE)


def test_a_copy_cut_to_half_its_length_is_still_a_copy() -> None:
    paragraphs = WIRE_STORY.splitlines()
    shortened = "\n".join(paragraphs[: len(paragraphs) // 2 + 1])
    assert relation(jaccard(WIRE_STORY, shortened)) == "copy"


def test_tiny_texts_never_count_as_copies() -> None:
    teaser = "Dock workers at Germany's largest port walked off the job on Thursday."
    assert signature(teaser) == []
    assert band_keys(signature(teaser)) == []
    assert rewrite_keys(signature(teaser)) == []
    assert jaccard(teaser, teaser) == 0.0
    assert estimated_similarity(signature(teaser), signature(teaser)) == 0.0
    assert jaccard("", "") == 0.0


def test_band_collision_probability_separates_copies_from_rewrites() -> None:
    assert collision_probability(COPY_THRESHOLD) > 0.95
    assert collision_probability(0.8) > 0.999
    assert collision_probability(0.06) < 0.02
    assert collision_probability(0.01) < 0.001


def test_estimated_similarity_of_mismatched_signatures_is_zero() -> None:
    assert estimated_similarity([1, 2, 3], [1, 2]) == 0.0
    assert band_keys([1, 2, 3]) == []


def test_seed_wire_copies_000_and_002_are_copies() -> None:
    seeds = _seed_texts()
    similarity = jaccard(seeds["000"], seeds["002"])
    assert similarity > 0.7
    assert relation(similarity) == "copy"
    assert _shares_a_band(seeds["000"], seeds["002"])


@pytest.mark.parametrize("other", ["000", "002"])
def test_seed_001_is_a_rewrite_of_the_wire_story(other: str) -> None:
    seeds = _seed_texts()
    assert relation(jaccard(seeds["001"], seeds[other])) == "rewrite"
    assert not _shares_a_band(seeds["001"], seeds[other])
    assert _shared_rewrite_keys(seeds["001"], seeds[other]) >= REWRITE_MIN_SHARED_KEYS


@pytest.mark.parametrize(("first", "second"), [("003", "004"), ("000", "003"), ("000", "004"), ("001", "003")])
def test_seed_articles_on_the_same_topic_are_unrelated(first: str, second: str) -> None:
    seeds = _seed_texts()
    assert relation(jaccard(seeds[first], seeds[second])) is None
    assert not _shares_a_band(seeds[first], seeds[second])
