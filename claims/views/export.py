"""The Export page: filters and a format, then a streamed download (no row cap)."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone

from claims.export_formats import FORMAT_INFO, FORMATS, export_chunks
from claims.exports import VerdictFilters
from claims.models import Claim, FactGroup, Verdict
from claims.roles import export_required


def _choices(values: list[str], empty: str) -> list[tuple[str, str]]:
    return [("", empty), *((value, value.replace("_", " ")) for value in values)]


class ExportForm(forms.Form):
    since = forms.DateField(required=False, label="Verdicts from", widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(required=False, label="Verdicts until", widget=forms.DateInput(attrs={"type": "date"}))
    outlet = forms.CharField(required=False, max_length=253, label="Outlet domain")
    article = forms.IntegerField(required=False, min_value=1, label="Article id")
    reviewer = forms.CharField(required=False, max_length=150, label="Reviewer username")
    verdict = forms.ChoiceField(required=False, choices=_choices(Verdict.Choice.values, "any verdict"))
    status = forms.ChoiceField(
        required=False, choices=_choices(Claim.Status.values, "any status"), label="Claim status"
    )
    relation = forms.ChoiceField(
        required=False, choices=_choices(FactGroup.Relation.values, "any relation"), label="Suggested relation"
    )
    include_retracted = forms.BooleanField(required=False, label="Include retracted verdicts")
    format = forms.ChoiceField(choices=[(name, name) for name in FORMATS], initial="csv")
    bom = forms.BooleanField(required=False, label="Add a BOM (for Excel; CSV only)")

    def filters(self) -> VerdictFilters:
        data = self.cleaned_data
        return VerdictFilters(
            since=data["since"],
            until=data["until"],
            outlet=data["outlet"].strip(),
            article_id=data["article"],
            reviewer=data["reviewer"].strip(),
            verdict=data["verdict"],
            status=data["status"],
            relation=data["relation"],
            include_retracted=data["include_retracted"],
        )


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
