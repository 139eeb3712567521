from typing import TYPE_CHECKING

from django.contrib import admin
from django.db import models
from django.db.models import Model
from django.http import HttpRequest

from claims.models import Article, ArticleRevision, AuditEntry, Claim, FactGroup, Feed, FeedItem, Job, Outlet, Verdict

if TYPE_CHECKING:
    from django.contrib.admin import ModelAdmin
else:

    class ModelAdmin:
        """ModelAdmin[Model] for the type checker (django-stubs makes it generic); at runtime,
        without django_stubs_ext in production, it is plain admin.ModelAdmin."""

        def __class_getitem__(cls, model: type[Model]) -> type[admin.ModelAdmin]:
            return admin.ModelAdmin


@admin.register(Outlet)
class OutletAdmin(ModelAdmin[Outlet]):
    list_display = ("name", "domain")
    search_fields = ("name", "domain")


@admin.register(Article)
class ArticleAdmin(ModelAdmin[Article]):
    list_display = ("id", "title", "outlet", "published", "source_name", "copy_of", "updated_at")
    list_filter = ("outlet",)
    search_fields = ("title", "url", "source_name")
    exclude = ("raw",)
    readonly_fields = (
        "content_hash",
        "copy_of",
        "copy_similarity",
        "nearest",
        "nearest_similarity",
        "extractor_version",
        "matcher_version",
    )


@admin.register(ArticleRevision)
class ArticleRevisionAdmin(ModelAdmin[ArticleRevision]):
    list_display = ("article", "number", "content_hash", "extractor_version", "created_at")
    exclude = ("raw",)


@admin.register(Claim)
class ClaimAdmin(ModelAdmin[Claim]):
    list_display = ("id", "text", "kind", "value", "unit", "hedge", "status", "review", "group", "article")
    list_filter = ("kind", "status", "review")
    search_fields = ("text", "sentence")
    raw_id_fields = ("article", "revision", "linked_to", "group", "lease_holder")


@admin.register(FactGroup)
class FactGroupAdmin(ModelAdmin[FactGroup]):
    list_display = ("id", "relation", "origins", "label", "matcher_version")
    list_filter = ("relation",)


class AppendOnlyAdmin(ModelAdmin[Model]):
    """Verdicts and audit entries are history: viewable, never edited or deleted here."""

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Verdict)
class VerdictAdmin(AppendOnlyAdmin):
    list_display = ("id", "claim", "reviewer", "verdict", "created_at", "retracted_at")
    list_filter = ("verdict",)


@admin.register(AuditEntry)
class AuditEntryAdmin(AppendOnlyAdmin):
    list_display = ("id", "claim", "actor", "action", "old", "new", "created_at")


@admin.register(Job)
class JobAdmin(ModelAdmin[Job]):
    list_display = ("id", "kind", "state", "total", "done", "failed", "created_at")


@admin.register(Feed)
class FeedAdmin(ModelAdmin[Feed]):
    list_display = (
        "id",
        "url",
        "outlet",
        "active",
        "paused_at",
        "poll_minutes",
        "last_status",
        "error_count",
        "last_polled",
        "articles_found",
    )
    list_filter = ("active", "last_status")
    search_fields = ("url", "outlet", "include")
    readonly_fields = (
        "last_status",
        "last_error",
        "etag",
        "last_modified",
        "error_count",
        "last_polled",
        "polling_since",
        "articles_found",
        "last_new",
        "created_at",
        "updated_at",
    )
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(FeedItem)
class FeedItemAdmin(ModelAdmin[FeedItem]):
    list_display = ("id", "feed", "url", "outcome", "attempts", "article", "updated_at")
    list_filter = ("outcome",)
    search_fields = ("url",)
    raw_id_fields = ("feed", "article")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
