"""Publishing and unpublishing many items at once, each keeping a version."""

import reversion
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ..models import PublicationStatus
from ..signals import statuses_changed


def set_status(queryset, status, comment: str = "") -> int:
    """One UPDATE of the items whose status changes, then `statuses_changed` once; in the
    admin (a revision is open) each changed item also keeps a version."""
    changed = list(queryset.exclude(status=status).values_list("pk", flat=True))
    rows = queryset.model._default_manager.filter(pk__in=changed)
    count = rows.update(status=status, updated_at=timezone.now())
    if status == PublicationStatus.PUBLISHED:
        rows.filter(first_published_at=None).update(first_published_at=timezone.now())
    if count:
        statuses_changed.send(sender=queryset.model)
    if count and reversion.is_active():
        reversion.set_comment(comment)
        for item in rows.iterator():
            reversion.add_to_revision(item)
    return count


@admin.action(description=_("Publish selected items"))
def publish(modeladmin, request, queryset):
    count = set_status(queryset, PublicationStatus.PUBLISHED, "Published (bulk action).")
    message = ngettext("%(count)d item published.", "%(count)d items published.", count)
    modeladmin.message_user(request, message % {"count": count}, messages.SUCCESS)


@admin.action(description=_("Unpublish selected items (back to draft)"))
def unpublish(modeladmin, request, queryset):
    count = set_status(queryset, PublicationStatus.DRAFT, "Unpublished (bulk action).")
    message = ngettext(
        "%(count)d item unpublished (back to draft).",
        "%(count)d items unpublished (back to draft).",
        count,
    )
    modeladmin.message_user(request, message % {"count": count}, messages.SUCCESS)
