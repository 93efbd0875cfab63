from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from publishing.admin import (
    CollectionAdmin,
    CountryInUseFilter,
    PublicationFilter,
    PublishedContentAdmin,
    ReviewFilter,
)

from .models import Entry, Programme
from .resources import EntryResource


@admin.register(Programme)
class ProgrammeAdmin(CollectionAdmin):
    fields = ["position", "title", "slug", "tagline", "description", "image", "review_by"]
    list_display = [
        "position",
        "title",
        "tagline",
        "all_entries",
        "published_entries",
        "translations",
    ]
    search_fields = [*CollectionAdmin.search_fields, "tagline"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_entry_counts().annotate(total=Count("entries"))

    @admin.display(description=_("entries"), ordering="total")
    def all_entries(self, programme):
        return programme.total

    @admin.display(description=_("published entries"), ordering="entry_count")
    def published_entries(self, programme):
        return programme.entry_count


@admin.register(Entry)
class EntryAdmin(PublishedContentAdmin):
    resource_classes = [EntryResource]
    list_display = [
        "title",
        "programme",
        "date",
        "city",
        "publication",
        "published_on",
        "translations",
    ]
    list_filter = [
        ("programme", admin.RelatedOnlyFieldListFilter),
        PublicationFilter,
        ReviewFilter,
        ("themes", admin.RelatedOnlyFieldListFilter),
        CountryInUseFilter,
        "tags",
        "published_on",
    ]
    list_select_related = ["programme"]
    search_fields = [*PublishedContentAdmin.search_fields, "people", "city"]
    filter_horizontal = ["themes", "insights"]
    fieldsets = [
        (None, {"fields": ["programme", "title", "slug", "summary", "body", "external_url"]}),
        (_("Who, where and when"), {"fields": ["people", "city", "country", "date"]}),
        (_("Links to the toolkit"), {"fields": ["themes", "insights", "tags"]}),
        (_("Picture and documents"), {"fields": ["image", "documents"]}),
        (_("Publication"), {"fields": ["status", "published_on", "review_by"]}),
    ]
