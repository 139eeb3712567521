from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from claims.models import Article, Outlet


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".txt,.html,.htm,text/plain,text/html"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > settings.FACTCHECK_MAX_UPLOAD_FILES:
            raise forms.ValidationError(f"At most {settings.FACTCHECK_MAX_UPLOAD_FILES} files per upload.")
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class IngestForm(forms.Form):
    uploads = MultipleFileField(required=False, label="Files")
    url = forms.CharField(required=False, max_length=settings.FACTCHECK_MAX_URL_LENGTH,
                          widget=forms.URLInput(attrs={"placeholder": "https://…"}))
    text = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 8}),
                           max_length=settings.FACTCHECK_MAX_ARTICLE_BYTES)
    name = forms.CharField(required=False, max_length=200)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("uploads") or data.get("url") or (data.get("text") or "").strip()):
            raise forms.ValidationError("Give files, a URL or pasted text.")
        return data


class ReingestForm(forms.Form):
    """Options of a re-ingestion: force re-extracts articles whose text has not changed ("1")."""

    force = forms.BooleanField(required=False, widget=forms.HiddenInput)


class JobStartForm(ReingestForm):
    """The job page's start forms: all articles (the default), one outlet's, or one article."""

    SCOPES = (("all", "all articles"), ("outlet", "one outlet"), ("article", "one article"))

    scope = forms.ChoiceField(choices=SCOPES, required=False)
    outlet = forms.ModelChoiceField(queryset=Outlet.objects.all(), to_field_name="domain", required=False)
    article = forms.ModelChoiceField(queryset=Article.objects.all(), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["scope"] = data.get("scope") or "all"
        if data["scope"] == "outlet" and data.get("outlet") is None:
            self.errors.pop("outlet", None)
            raise forms.ValidationError("Choose an outlet to re-ingest.")
        if data["scope"] == "article" and data.get("article") is None:
            self.errors.pop("article", None)
            typed = str(self.data.get("article", "")).strip()[:20]
            raise forms.ValidationError(f"There is no article {typed or 'with that number'}.")
        return data
