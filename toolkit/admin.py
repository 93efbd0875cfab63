from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from publishing.admin import (
    CollectionAdmin,
    PublicationFilter,
    PublishedContentAdmin,
    ReviewFilter,
)

from .models import Insight, Theme
from .resources import InsightResource


@admin.register(Theme)
class ThemeAdmin(CollectionAdmin):
    fields = ["position", "title", "slug", "summary", "description", "image", "review_by"]
    list_display = ["position", "title", "slug", "published_insights", "translations"]
    search_fields = [*CollectionAdmin.search_fields, "summary"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_insight_counts()

    @admin.display(description=_("published insights"), ordering="insight_count")
    def published_insights(self, theme):
        return theme.insight_count


@admin.register(Insight)
class InsightAdmin(PublishedContentAdmin):
    resource_classes = [InsightResource]
    list_display = ["title", "theme", "publication", "published_on", "tag_list", "translations"]
    list_filter = [
        PublicationFilter,
        ReviewFilter,
        ("theme", admin.RelatedOnlyFieldListFilter),
        "tags",
        "published_on",
    ]
    list_select_related = ["theme"]
    fieldsets = [
        (None, {"fields": ["theme", "title", "slug", "summary", "body", "tags"]}),
        (_("Picture and documents"), {"fields": ["image", "documents"]}),
        (_("Publication"), {"fields": ["status", "published_on", "source_url", "review_by"]}),
    ]
