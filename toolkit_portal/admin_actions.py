"""Bulk actions shared by the admins of published content (insights, initiative entries)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from toolkit.models import PublicationStatus
from toolkit_portal.pagecache import bump_content_version


def set_status(modeladmin, request, queryset, status, verb):
    count = queryset.update(status=status)
    bump_content_version()  # update() sends no signals
    meta = queryset.model._meta
    name = meta.verbose_name if count == 1 else meta.verbose_name_plural
    modeladmin.message_user(request, f"{count} {name} {verb}.", messages.SUCCESS)


@admin.action(description=_("Publish selected items"))
def publish(modeladmin, request, queryset):
    set_status(modeladmin, request, queryset, PublicationStatus.PUBLISHED, _("published"))


@admin.action(description=_("Unpublish selected items (back to draft)"))
def unpublish(modeladmin, request, queryset):
    set_status(modeladmin, request, queryset, PublicationStatus.DRAFT, _("unpublished"))
