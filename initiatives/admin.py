from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from toolkit_portal.admin_actions import publish, unpublish

from .models import Entry, Programme


@admin.register(Programme)
class ProgrammeAdmin(TranslationAdmin):
    list_display = ["position", "title", "tagline", "entries"]
    list_display_links = ["title"]
    search_fields = ["title", "tagline", "description"]
    prepopulated_fields = {"slug": ["title"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(entry_count=Count("entries"))

    @admin.display(description=_("entries"), ordering="entry_count")
    def entries(self, programme):
        return programme.entry_count


@admin.register(Entry)
class EntryAdmin(TranslationAdmin):
    list_display = ["title", "programme", "date", "city", "country", "status"]
    list_filter = ["programme", "status", "themes", "country", "tags"]
    list_select_related = ["programme"]
    search_fields = ["title", "summary", "body", "people", "city"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["themes", "insights"]
    actions = [publish, unpublish]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["programme", "title", "slug", "summary", "body", "external_url"]}),
        (_("Who, where and when"), {"fields": ["people", "city", "country", "date"]}),
        (_("Links to the toolkit"), {"fields": ["themes", "insights", "tags"]}),
        (_("Publication"), {"fields": ["status"]}),
    ]
