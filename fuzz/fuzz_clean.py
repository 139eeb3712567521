"""Coverage-guided fuzzing of the text pipeline with atheris (run by hand, not in CI).

    .venv/bin/python fuzz/fuzz_clean.py -max_total_time=300 -max_len=20000 var/fuzz-corpus seeds

Feeds bytes through clean_document -> extract_claims -> fingerprints. The only exception the
pipeline may raise is InputError; anything else, or an inconsistent claim span, is a crash that
libFuzzer reports with the input that caused it (saved as crash-<hash> in the current folder).
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

with atheris.instrument_imports():
    from claims.pipeline.clean.cleaning import clean_document
    from claims.pipeline.extract.extraction import extract_claims
    from claims.pipeline.neardup.fingerprint import fingerprints
    from claims.pipeline.types import InputError

NAMES = ("", "article.txt", "article.html")
CONTENT_TYPES = ("", "text/plain", "text/html; charset=utf-8", "text/plain; charset=windows-1252")


def test_one_input(data: bytes) -> None:
    if len(data) < 2:
        return
    name, content_type, raw = NAMES[data[0] % len(NAMES)], CONTENT_TYPES[data[1] % len(CONTENT_TYPES)], data[2:]
    try:
        document = clean_document(raw, name=name, content_type=content_type, max_bytes=256 * 1024)
    except InputError as error:
        if not str(error).strip():
            raise AssertionError("InputError without a message") from error
        return
    claims = extract_claims(document.text, published=document.published)
    for claim in claims:
        if document.text[claim.start : claim.end] != claim.text:
            raise AssertionError(f"claim span {claim.start}:{claim.end} does not hold {claim.text!r}")
    prints = fingerprints(claims)
    if len(set(prints)) != len(prints):
        raise AssertionError("duplicate fingerprints in one article")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
