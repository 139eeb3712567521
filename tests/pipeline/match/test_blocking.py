"""Blocking keys and the shortlist of candidates worth scoring."""

from __future__ import annotations

from claims.pipeline.match.blocking import blocking_keys, shortlist_candidates
from tests.pipeline.match.examples import claim


def test_matching_claims_share_a_short_blocking_key() -> None:
    first = claim(
        1,
        "The regional assembly approved a budget of $4.2 billion for the new hospital network.",
        "$4.2 billion",
        kind="money",
        value=4.2e9,
        unit="USD",
    )
    second = claim(
        2,
        "The hospital network budget approved by the regional assembly totals $4.5 billion.",
        "$4.5 billion",
        kind="money",
        value=4.5e9,
        unit="USD",
    )
    keys_first, keys_second = blocking_keys(first), blocking_keys(second)
    words_first = [key for key in keys_first if "#" not in key]
    assert set(words_first) & set(keys_second)  # words meet, so a conflicting figure still finds its match
    assert all(len(key) <= 120 for key in keys_first + keys_second)
    assert not any("4.2" in key or "4200000000" in key for key in words_first)  # only the value key has it
    percent = claim(3, "Unemployment fell to 4.1% in March.", "4.1%", kind="percent", value=4.1, unit="percent")
    assert not set(blocking_keys(percent)) & set(keys_first)  # another kind family never shares a key


def test_the_shortlist_prefers_candidates_sharing_rare_keys_over_common_ones() -> None:
    ids_by_key = {
        "count|people": list(range(100, 130)),  # a key every count of people carries: weak evidence
        "count|harbourmaster": [7],  # a rare word: strong evidence
        "count|ferries": [7, 8, 9],
    }
    shortlist = shortlist_candidates(["count|people", "count|harbourmaster", "count|ferries"], ids_by_key, limit=4)
    assert shortlist[:3] == [7, 9, 8]  # rare keys first; equal weight goes to the newest (highest id)
    assert shortlist[3] == 129
    assert len(shortlist) == 4


def test_the_shortlist_never_grows_past_its_limit_however_long_the_posting_lists() -> None:
    ids_by_key = {f"count|w{n}": list(range(n * 1000, n * 1000 + 30)) for n in range(8)}
    assert len(shortlist_candidates(list(ids_by_key), ids_by_key, limit=16)) == 16
    assert shortlist_candidates(["count|unknown"], ids_by_key, limit=16) == []


def test_one_precise_distance_in_miles_and_in_kilometres_shares_a_blocking_key() -> None:
    miles = claim(
        1, "Walkers set off on the 13.1-mile course at dawn.", "13.1-mile", kind="quantity", value=13.1, unit="mile"
    )
    km = claim(
        2, "The charity said the 21.1km loop raised record sums.", "21.1km", kind="quantity", value=21.1, unit="km"
    )
    assert set(blocking_keys(miles)) & set(blocking_keys(km))


def test_a_round_figure_gets_no_value_blocking_key() -> None:
    round_figure = claim(1, "Organisers expect 20 teams to enter.", "20 teams", kind="count", value=20, unit="teams")
    other = claim(2, "Police closed 20 roads around the park.", "20 roads", kind="count", value=20, unit="roads")
    assert not {k for k in blocking_keys(round_figure) if "#" in k} & set(blocking_keys(other))
