"""Forms of the facts pages: the fact list's filters and the reviewers' corrections."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from django import forms
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from claims.fact_selectors import STATUS_CHOICES, FactFilters
from claims.review_forms import NOTE_MAX, RELATION_CHOICES, _blank, _OutletChoiceMixin

ORDER_CHOICES = [("", "conflicts first"), ("newest", "newest first")]


class FactFilterForm(_OutletChoiceMixin, forms.Form):
    """The fact list's filters, read from the query string; a bad value drops that filter."""

    q = forms.CharField(required=False, max_length=200, label="Search subject or claim",
                        widget=forms.TextInput(attrs={"type": "search"}))
    relation = forms.ChoiceField(required=False, choices=_blank("Any relation", RELATION_CHOICES), label="Relation")
    outlet = forms.TypedChoiceField(required=False, coerce=int, empty_value=None, choices=[], label="Outlet")
    status = forms.ChoiceField(required=False, choices=_blank("Any status", STATUS_CHOICES), label="Review status")
    order = forms.ChoiceField(required=False, choices=ORDER_CHOICES, label="Order")

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._add_outlets()

    def filters(self) -> FactFilters:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return FactFilters(relation=data.get("relation") or "", outlet=data.get("outlet"),
                           status=data.get("status") or "", q=(data.get("q") or "").strip(),
                           order=data.get("order") or "")


@dataclass(frozen=True)
class SelectField:
    """A filter select written out by the fact list's template: its options are built here in one
    format_html_join (the widget templates cost more than the rest of the page at 200 outlets)."""

    name: str
    label: str
    options: SafeString


def filter_selects(form: FactFilterForm) -> list[SelectField]:
    """The form's choice fields with the submitted value selected (a bad value selects nothing)."""
    data = form.data if form.is_bound else {}
    selects = []
    for name in ("relation", "outlet", "status", "order"):
        field = form.fields[name]
        assert isinstance(field, forms.ChoiceField)
        chosen = str(data.get(name, ""))
        choices = cast(list[tuple[object, str]], field.choices)
        options = format_html_join("", '<option value="{}"{}>{}</option>', (
            (value, " selected" if str(value) == chosen else "", label) for value, label in choices))
        selects.append(SelectField(name=name, label=str(field.label or name.capitalize()), options=options))
    return selects


def _note() -> forms.CharField:
    return forms.CharField(required=False, max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 1}))


class SplitForm(forms.Form):
    claim = forms.IntegerField(min_value=1)
    note = _note()


class MoveForm(forms.Form):
    claim = forms.IntegerField(min_value=1)
    target = forms.IntegerField(min_value=1, label="Move to fact")
    note = _note()


class JoinForm(forms.Form):
    claim = forms.IntegerField(min_value=1, label="Claim id")
    note = _note()


class RelationForm(forms.Form):
    MATCHER = "matcher"
    relation = forms.ChoiceField(choices=[*RELATION_CHOICES, (MATCHER, "the matcher's suggestion")])
    note = _note()


class ConstraintForm(forms.Form):
    action = forms.ChoiceField(choices=[("confirm", "confirm"), ("dismiss", "dismiss")])
    note = _note()

