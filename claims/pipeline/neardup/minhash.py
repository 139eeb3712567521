"""Near-duplicate detection for articles: word shingles, MinHash signatures and LSH band keys.

Wire stories are republished with small edits (captions added, a spelling changed, a sentence dropped).
Comparing a new article with every stored one does not scale, so each article gets a MinHash
signature and a handful of short *band keys*; articles that share a band key are candidates, and only
candidates are compared (by estimated or exact similarity).

Everything here is deterministic across processes and machines: shingles are hashed with blake2b and
the MinHash permutations are a fixed family of ``(a*x + b) mod p``; Python's salted ``hash()`` is never
used, because band keys are stored in the database and must match between runs.

How the thresholds were chosen. Similarity is the Jaccard similarity of the sets of three-word shingles
(``SHINGLE_SIZE = 3``) of normalised words. Measured on the development seeds (000 after its GBK
mojibake was repaired, raw texts with their page furniture) and on the hand-written pairs in
``tests/pipeline/neardup/test_minhash.py``:

* one wire story republished with captions added, spelling variants and a few phrases changed
  (seeds 000/002): 0.80; hand-written edited copies: 0.6-0.8;
* a rewrite of the same story by another writer, same facts and quotes in new sentences (seed 001 vs
  000 and 002): 0.06; hand-written rewrite: 0.05;
* different articles on the same topic and the same people (seeds 003/004 and each against the
  others): 0.007-0.012; articles on unrelated topics: under 0.005.

``COPY_THRESHOLD = 0.45`` sits far below the edited copies, so a copy cut to half its length or padded
with a long local paragraph is still a copy, and far above rewrites. ``REWRITE_THRESHOLD = 0.03`` sits
between the rewrites and same-topic articles, a factor of two from each: below it, shared three-word
sequences are explained by the topic and stock phrases alone.

LSH banding (``BANDS = 40`` bands of ``ROWS = 3`` values) makes a pair collide in at least one band
with probability ``1 - (1 - s**3)**40`` (``collision_probability``): 0.98 at the copy threshold, 1.0 at
0.8, 0.009 at a rewrite's 0.06 and 0.00004 for same-topic articles at 0.01. Rewrites are found through
``rewrite_keys`` instead. The 120 MinHash values give similarity estimates within about 0.05 of the
exact value at the copy threshold; confirm a candidate with ``jaccard`` when the texts are at hand.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from typing import Literal

SHINGLE_SIZE = 3
NUM_PERMUTATIONS = 120
BANDS = 40
ROWS = 3

COPY_THRESHOLD = 0.45
REWRITE_THRESHOLD = 0.03
# A stored article sharing at least this many ``rewrite_keys`` with a new one is a rewrite candidate.
REWRITE_MIN_SHARED_KEYS = 3

# Tiny-text guard: below this many words a text gets no signature and no band keys, so two short
# snippets (a caption, an error page, a one-line teaser) never count as copies of each other.
MIN_WORDS = 40

_MERSENNE_PRIME = (1 << 61) - 1

# Typographic variants folded to one plain form, so curly and straight quotes, apostrophes and dashes compare equal.
_FOLDED_CHARACTERS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
    }
)
# A word: letters and digits, keeping inner apostrophes and decimal points ("don't", "3.5").
_WORD = re.compile(r"[^\W_]+(?:['.,][^\W_]+)*")
# Apostrophe-s and other inner punctuation is removed after matching, so "Russia's" == "Russias".
_INNER_PUNCTUATION = re.compile(r"['.,]")


def _derive_permutations(count: int) -> list[tuple[int, int]]:
    """A fixed family of (a, b) pairs, derived from blake2b so that it never changes between runs."""
    parameters = []
    for index in range(count):
        digest = hashlib.blake2b(f"minhash-permutation-{index}".encode(), digest_size=16).digest()
        multiplier = int.from_bytes(digest[:8], "big") % (_MERSENNE_PRIME - 1) + 1
        offset = int.from_bytes(digest[8:], "big") % _MERSENNE_PRIME
        parameters.append((multiplier, offset))
    return parameters


_PERMUTATIONS = _derive_permutations(NUM_PERMUTATIONS)


def normalized_words(text: str) -> list[str]:
    """Lower-cased words with quote, apostrophe and dash styles folded and punctuation dropped."""
    folded = unicodedata.normalize("NFKC", text).translate(_FOLDED_CHARACTERS).casefold()
    return [_INNER_PUNCTUATION.sub("", word) for word in _WORD.findall(folded)]


def _stable_hash(shingle: str) -> int:
    return int.from_bytes(hashlib.blake2b(shingle.encode("utf-8"), digest_size=8).digest(), "big")


def shingle_hashes(text: str) -> set[int]:
    """Stable 64-bit hashes of the text's word shingles; empty for texts under ``MIN_WORDS`` words."""
    words = normalized_words(text)
    if len(words) < MIN_WORDS:
        return set()
    return {
        _stable_hash(" ".join(words[start : start + SHINGLE_SIZE])) for start in range(len(words) - SHINGLE_SIZE + 1)
    }


def _signature_of_hashes(hashes: Iterable[int]) -> list[int]:
    values = list(hashes)
    if not values:
        return []
    prime = _MERSENNE_PRIME
    return [min((multiplier * value + offset) % prime for value in values) for multiplier, offset in _PERMUTATIONS]


def signature(text: str) -> list[int]:
    """The MinHash signature (``NUM_PERMUTATIONS`` integers), or ``[]`` for a text too short to compare."""
    return _signature_of_hashes(shingle_hashes(text))


def band_keys(sig: list[int]) -> list[str]:
    """One short key per LSH band, like ``"b07:3fa9c2d1e0b4"``: articles sharing a key are candidates."""
    if len(sig) != NUM_PERMUTATIONS:
        return []
    keys = []
    for band in range(BANDS):
        rows = sig[band * ROWS : (band + 1) * ROWS]
        packed = b"".join(value.to_bytes(8, "big") for value in rows)
        keys.append(f"b{band:02d}:{hashlib.blake2b(packed, digest_size=6).hexdigest()}")
    return keys


def rewrite_keys(sig: list[int]) -> list[str]:
    """One key per MinHash value, like ``"m017:9c1d0e33a4b2"``, for finding rewrites.

    Rewrites share only a few per cent of their shingles, far too few to collide in a band. Two texts
    with Jaccard similarity ``s`` share on average ``s * NUM_PERMUTATIONS`` of these keys, so stored
    articles sharing at least ``REWRITE_MIN_SHARED_KEYS`` keys with a new one are its rewrite candidates
    (about 97% of pairs at s = 0.06, under 1% of pairs at s = 0.003), and no full scan is needed.
    """
    if len(sig) != NUM_PERMUTATIONS:
        return []
    return [
        f"m{position:03d}:{hashlib.blake2b(value.to_bytes(8, 'big'), digest_size=6).hexdigest()}"
        for position, value in enumerate(sig)
    ]


def estimated_similarity(a: list[int], b: list[int]) -> float:
    """The share of equal MinHash values, an estimate of the Jaccard similarity of the shingle sets."""
    if not a or not b or len(a) != len(b):
        return 0.0
    return sum(1 for left, right in zip(a, b, strict=True) if left == right) / len(a)


def jaccard(text_a: str, text_b: str) -> float:
    """The exact Jaccard similarity of the two texts' shingle sets (0.0 when either is too short)."""
    shingles_a = shingle_hashes(text_a)
    shingles_b = shingle_hashes(text_b)
    if not shingles_a or not shingles_b:
        return 0.0
    return len(shingles_a & shingles_b) / len(shingles_a | shingles_b)


def relation(similarity: float) -> Literal["copy", "rewrite"] | None:
    """How two articles with this similarity relate: a copy of one story, a rewrite of it, or neither."""
    if similarity >= COPY_THRESHOLD:
        return "copy"
    if similarity >= REWRITE_THRESHOLD:
        return "rewrite"
    return None


def collision_probability(similarity: float) -> float:
    """The chance that two texts with this Jaccard similarity share at least one band key."""
    return 1.0 - (1.0 - similarity**ROWS) ** BANDS
