"""Content kept fresh: which items are due for review, and marking them reviewed."""

import datetime

import reversion
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ..models import next_review_date

SOON_DAYS = 30


class ReviewFilter(admin.SimpleListFilter):
    title = _("review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("due", _("Review due")),
            ("soon", _("Due within 30 days")),
            ("later", _("Not due for 30 days")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        soon = today + datetime.timedelta(days=SOON_DAYS)
        if self.value() == "due":
            return queryset.filter(review_by__lte=today)
        if self.value() == "soon":
            return queryset.filter(review_by__gt=today, review_by__lte=soon)
        if self.value() == "later":
            return queryset.filter(review_by__gt=soon)
        return queryset


@admin.action(description=_("Mark selected items reviewed (moves their review date on)"))
def mark_reviewed(modeladmin, request, queryset):
    next_review = next_review_date()
    rows = queryset.model._default_manager.filter(pk__in=queryset.values("pk"))
    count = rows.update(review_by=next_review)
    if count and reversion.is_active():
        reversion.set_comment("Marked reviewed.")
        for item in rows.iterator():
            reversion.add_to_revision(item)
    message = ngettext(
        "%(count)d item marked reviewed: next review by %(date)s.",
        "%(count)d items marked reviewed: next review by %(date)s.",
        count,
    )
    done = message % {"count": count, "date": date_format(next_review)}
    modeladmin.message_user(request, done, messages.SUCCESS)
