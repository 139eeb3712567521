"""Stable claim fingerprints, which let re-ingestion keep verdicts attached.

A fingerprint names *where* a claim stands, not *what figure* it gives: the claim's
kind and unit plus its sentence with every figure masked, and the occurrence number
when the same masked context repeats. So "met 40 times" edited to "met 42 times"
keeps its fingerprint (the claim is reopened: "was 40, now 42"), while a claim whose
sentence was rewritten gets a new one (the old claim is withdrawn, the new one queued).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence

from claims.pipeline.types import ExtractedClaim

_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_SPACE = re.compile(r"\s+")
_CLAIM_MARK = "\u27e8claim\u27e9"


def masked_context(claim: ExtractedClaim) -> str:
    """The claim's sentence, lower-cased, with the claim itself and every other figure masked."""
    rel_start = claim.start - claim.sentence_start
    rel_end = claim.end - claim.sentence_start
    sentence = claim.sentence
    if 0 <= rel_start <= rel_end <= len(sentence):
        sentence = sentence[:rel_start] + _CLAIM_MARK + sentence[rel_end:]
    sentence = _DIGITS.sub("#", sentence.lower())
    return _SPACE.sub(" ", sentence).strip()


def fingerprints(claims: Sequence[ExtractedClaim]) -> list[str]:
    """One fingerprint per claim, unique within the article, in the claims' order."""
    seen: Counter[str] = Counter()
    out = []
    for claim in claims:
        base = f"{claim.kind}|{claim.unit}|{masked_context(claim)}"
        seen[base] += 1
        digest = hashlib.sha256(f"{base}|{seen[base]}".encode()).hexdigest()
        out.append(digest[:40])
    return out
