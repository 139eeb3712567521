"""The Export page: filters and a format, then a streamed download (no row cap)."""

from __future__ import annotations

from django.http import HttpRequest, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone

from claims.export_formats import FORMAT_INFO, export_chunks
from claims.forms import ExportForm
from claims.roles import export_required


@export_required
def export(request: HttpRequest) -> HttpResponseBase:
    """GET with `download` streams the file; otherwise the form (with its errors, if any)."""
    form = ExportForm(request.GET if request.GET else None)
    if "download" in request.GET and form.is_valid():
        output_format = form.cleaned_data["format"]
        info = FORMAT_INFO[output_format]
        chunks = export_chunks(output_format, form.filters(), bom=form.cleaned_data["bom"])
        response = StreamingHttpResponse(chunks, content_type=info.content_type)
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        response["Content-Disposition"] = f'attachment; filename="verdicts-{stamp}.{info.extension}"'
        response["Cache-Control"] = "no-store"
        return response
    status = 400 if "download" in request.GET else 200
    return render(request, "claims/export.html", {"form": form}, status=status)
