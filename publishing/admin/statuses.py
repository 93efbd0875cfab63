"""An item's publication as readers meet it (draft, published, scheduled for a date), and
publishing or unpublishing many items at once, each keeping a version."""

import reversion
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from ..models import PublicationStatus
from ..search_vectors import rebuild_search_vectors
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
        rebuild_search_vectors(rows)  # what search shows follows the status
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


def scheduled_for(item) -> str:
    return gettext("Scheduled for %(date)s") % {"date": date_format(item.published_on)}


class PublicationFilter(admin.SimpleListFilter):
    """Published items dated later are not public yet: a status of their own."""

    title = _("publication")
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [("draft", _("Draft")), ("published", _("Published")), ("scheduled", _("Scheduled"))]

    def queryset(self, request, queryset):
        """The rules of PublishedQuerySet, which the dashboard counts with too."""
        if self.value() == "draft":
            return queryset.drafts()
        if self.value() == "published":
            return queryset.published()
        if self.value() == "scheduled":
            return queryset.scheduled()
        return queryset


class PublicationAdmin(admin.ModelAdmin):
    """The publication column and filter, and a save message that names a scheduled date."""

    @admin.display(description=_("publication"), ordering="status")
    def publication(self, item):
        return scheduled_for(item) if item.is_scheduled else item.get_status_display()

    def response_add(self, request, obj, post_url_continue=None):
        self.tell_when_scheduled(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        self.tell_when_scheduled(request, obj)
        return super().response_change(request, obj)

    def tell_when_scheduled(self, request, obj) -> None:
        if obj.is_scheduled:
            message = gettext("%(status)s: readers will see it from that day.")
            self.message_user(request, message % {"status": scheduled_for(obj)}, messages.INFO)
