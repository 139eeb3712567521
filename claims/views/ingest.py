"""The Admins' page to upload files, paste text or give a URL, with a result per input."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from claims.forms import IngestForm
from claims.pipeline.types import InputError
from claims.roles import admin_required
from claims.services.ingestion import IngestResult, article_ingest
from claims.services.urls import url_ingest


@admin_required
def ingest(request: HttpRequest) -> HttpResponse:
    results: list[IngestResult] = []
    if request.method == "POST":
        form = IngestForm(request.POST, request.FILES)
        if form.is_valid():
            results = _ingest_inputs(form.cleaned_data)
    else:
        form = IngestForm()
    status = 400 if request.method == "POST" and not form.is_valid() else 200
    return render(request, "claims/ingest.html", {"form": form, "results": results}, status=status)


def _ingest_inputs(data: dict[str, Any]) -> list[IngestResult]:
    results = []
    limit = settings.FACTCHECK_MAX_ARTICLE_BYTES
    for upload in data.get("uploads") or []:
        name = upload.name or "upload.txt"
        if upload.size is not None and upload.size > limit:
            results.append(
                IngestResult(input=name, status="error", error=f"larger than the {limit // (1024 * 1024)} MB limit")
            )
            continue
        if not name.lower().endswith((".txt", ".html", ".htm")):
            results.append(IngestResult(input=name, status="error", error="use .txt, .html or .htm files"))
            continue
        results.append(article_ingest(raw=upload.read(limit + 1), name=name, content_type=upload.content_type or ""))
    if data.get("url"):
        try:
            results.append(url_ingest(url=data["url"].strip()))
        except InputError as exc:
            results.append(IngestResult(input=data["url"], status="error", error=str(exc)))
    text = data.get("text") or ""
    if text.strip():
        name = (data.get("name") or "").strip()
        results.append(
            article_ingest(
                raw=text.encode("utf-8"),
                name=name,
                label=name or "pasted text",
                content_type="text/plain; charset=utf-8",
            )
        )
    return results
