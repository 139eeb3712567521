"""Tiny deterministic stand-ins for the cleaner and the extractor, so re-ingestion tests pin
down the sync rules without depending on how the real extractor reads a sentence."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from claims.pipeline.types import CleanedDocument, ExtractedClaim

FAKE_EXTRACTOR_VERSION = "fake-1"
_SENTENCE = re.compile(r"[^.]+\.")
_NUMBER = re.compile(r"\d+")


def fake_clean_document(
    raw: bytes, *, name: str = "", url: str = "", content_type: str = "", max_bytes: int = 0
) -> CleanedDocument:
    text = raw.decode("utf-8").strip()
    return CleanedDocument(text=text, title=text[:40], encoding="utf-8")


def fake_extract_claims(text: str, *, published: dt.date | None = None) -> list[ExtractedClaim]:
    """Every run of digits is a count claim in its sentence."""
    claims = []
    for sentence in _SENTENCE.finditer(text):
        for number in _NUMBER.finditer(sentence.group()):
            claims.append(
                ExtractedClaim(
                    start=sentence.start() + number.start(),
                    end=sentence.start() + number.end(),
                    text=number.group(),
                    sentence=sentence.group(),
                    sentence_start=sentence.start(),
                    kind="count",
                    value=float(number.group()),
                    unit="",
                )
            )
    return claims


def install_fake_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("claims.services.ingestion.clean_document", fake_clean_document)
    monkeypatch.setattr("claims.services.ingestion.extract_claims", fake_extract_claims)
    monkeypatch.setattr("claims.services.ingestion.EXTRACTOR_VERSION", FAKE_EXTRACTOR_VERSION)
