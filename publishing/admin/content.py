"""The admins of published content, assembled from the concerns beside this module."""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from ..imports import SpreadsheetAdmin
from .input_guards import InputSafeAdminMixin
from .previews import PreviewAdmin
from .reviews import ReviewFilter, mark_reviewed
from .share_links import ShareLinkAdmin
from .statuses import PublicationAdmin, PublicationFilter, publish, unpublish
from .translations import TranslationStatusAdmin
from .versions import VersionHistoryAdmin


class SlugAsYouTypeAdmin(admin.ModelAdmin):
    """The slug follows the English title however it is entered (see the script)."""

    prepopulated_fields = {"slug": ["title"]}

    class Media:
        js = ["admin_extras/slug_as_you_type.js"]


class CollectionAdmin(
    InputSafeAdminMixin,
    TranslationStatusAdmin,
    ShareLinkAdmin,
    PreviewAdmin,
    VersionHistoryAdmin,
    SlugAsYouTypeAdmin,
    TranslationAdmin,
):
    """Areas and programmes: few, ordered by position, found by title."""

    list_display_links = ["title"]
    list_filter = [ReviewFilter]
    search_fields = ["title", "description"]
    actions = [mark_reviewed]


class PublishedContentAdmin(
    InputSafeAdminMixin,
    SpreadsheetAdmin,
    PublicationAdmin,
    TranslationStatusAdmin,
    ShareLinkAdmin,
    PreviewAdmin,
    VersionHistoryAdmin,
    SlugAsYouTypeAdmin,
    TranslationAdmin,
):
    """Translated fields side by side, the slug from the title, bulk publishing, import and
    export of spreadsheets (CSV, XLSX) with a dry run first."""

    list_filter = [PublicationFilter, ReviewFilter, "published_on"]
    search_fields = ["title", "summary", "body", "tags__name"]
    date_hierarchy = "published_on"
    actions = [publish, unpublish, mark_reviewed]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("tags")

    @admin.display(description=_("tags"))
    def tag_list(self, item):
        return ", ".join(tag.name for tag in item.tags.all())
