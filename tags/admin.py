"""Tag names per language: one list of every tag, its French and Spanish names edited in
place (the English name is the tag's own, edited under Tags)."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from publishing.admin import InputSafeAdminMixin, TranslationStatusAdmin

from .models import TagNames


@admin.register(TagNames)
class TagNamesAdmin(InputSafeAdminMixin, TranslationStatusAdmin, TranslationAdmin):
    list_display = ["name_en", "name_fr", "name_es", "translations"]
    list_display_links = None
    list_editable = ["name_fr", "name_es"]
    search_fields = ["name_en", "name_fr", "name_es", "tag__slug"]
    readonly_fields = ["name_en"]
    list_select_related = ["tag"]

    def has_add_permission(self, request):
        return False  # each tag has its row, made with the tag

    def has_delete_permission(self, request, obj=None):
        return False  # it goes with its tag
