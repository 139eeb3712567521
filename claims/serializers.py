"""The JSON shapes outside tools rely on. Fields may be added, never renamed.

Importing this module sets nothing of Django up, so bench/extract.py (which runs the pipeline
alone) writes the same claim records as `manage.py extract`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from claims.pipeline.types import ExtractedClaim

if TYPE_CHECKING:
    from claims.models import Article, Claim


def _extraction_fields(claim: ExtractedClaim | Claim) -> dict[str, Any]:
    """The extraction fields, alike for a fresh extraction and a stored claim."""
    return {
        "start": claim.start,
        "end": claim.end,
        "text": claim.text,
        "sentence": claim.sentence,
        "kind": claim.kind,
        "value": claim.value,
        "unit": claim.unit,
        "hedge": claim.hedge,
        "normalized": claim.normalized or None,
        "score": round(claim.score, 3),
    }


def extracted_claim_json(claim: ExtractedClaim, *, article: str) -> dict[str, Any]:
    return {"article": article, **_extraction_fields(claim), "linked_to": claim.linked_to}


def article_json(article: Article) -> dict[str, Any]:
    return {
        "id": article.pk,
        "input": article.source_name or None,
        "url": article.url or None,
        "outlet": str(article.outlet) if article.outlet_id else None,
        "title": article.title,
        "published": article.published.isoformat() if article.published else None,
        "copy_of": article.copy_of_id,
        "copy_similarity": article.copy_similarity,
        "nearest": article.nearest_id,
        "nearest_similarity": article.nearest_similarity,
        "text": article.text,
    }


def stored_claim_json(claim: Claim) -> dict[str, Any]:
    from claims.services.matching import claim_subject_line

    group = claim.group
    return {
        "claim_id": claim.pk,
        "article": claim.article.label,
        "article_id": claim.article_id,
        **_extraction_fields(claim),
        "linked_to": claim.linked_to_id,
        "fingerprint": claim.fingerprint,
        "extractor_version": claim.extractor_version,
        "status": claim.status,
        "group": claim.group_id,
        "relation": group.relation if group else "single",
        "reason": group.reason if group else "only this source reports it",
        "subject": claim_subject_line(claim),
    }
