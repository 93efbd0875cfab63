"""Bulk actions shared by the admins of published content (insights, initiative entries)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from toolkit.models import PublicationStatus
from toolkit_portal.pagecache import bump_content_version


def set_status(queryset, status) -> int:
    count = queryset.update(status=status)
    bump_content_version()  # update() sends no signals
    return count


@admin.action(description=_("Publish selected items"))
def publish(modeladmin, request, queryset):
    count = set_status(queryset, PublicationStatus.PUBLISHED)
    message = ngettext("%(count)d item published.", "%(count)d items published.", count)
    modeladmin.message_user(request, message % {"count": count}, messages.SUCCESS)


@admin.action(description=_("Unpublish selected items (back to draft)"))
def unpublish(modeladmin, request, queryset):
    count = set_status(queryset, PublicationStatus.DRAFT)
    message = ngettext(
        "%(count)d item unpublished (back to draft).",
        "%(count)d items unpublished (back to draft).",
        count,
    )
    modeladmin.message_user(request, message % {"count": count}, messages.SUCCESS)
