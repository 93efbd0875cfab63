"""Commitments and their dated updates by hand, and their reporting cycle: filters for
what is due soon, overdue or of an inactive signatory, and an officer's one extension
per cycle."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from publishing.admin import InputSafeAdminMixin
from signatories.models import Signatory

from .. import reporting
from ..forms import ExtensionForm
from ..models import Commitment, Extension, Milestone

DUE_SOON_DAYS = 30
ALREADY_EXTENDED = _(
    "This commitment's due date has already been extended in this cycle. Another "
    "extension is possible once the signatory has sent an update and it is approved."
)


class ReportingFilter(admin.SimpleListFilter):
    title = _("reporting")
    parameter_name = "reporting"

    def lookups(self, request, model_admin):
        return [
            ("due_soon", _("Due in 30 days")),
            ("overdue", _("Overdue")),
            ("inactive", _("Of inactive signatories")),
        ]

    def queryset(self, request, queryset):
        """Of public signatories only: the others are not asked for updates."""
        today, public = timezone.localdate(), queryset.public()
        if self.value() == "due_soon":
            return public.due_within(DUE_SOON_DAYS, today)
        if self.value() == "overdue":
            return public.overdue(today)
        if self.value() == "inactive":
            inactive = Signatory.objects.with_activity().filter(inactive=True)
            return public.filter(signatory__in=inactive.values("pk"))
        return None


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0
    fields = ["happened_on", "text"]


class ExtensionInline(admin.TabularInline):
    model = Extension
    extra = 0
    fields = ["granted_at", "granted_by", "due_before", "due_after", "note"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Commitment)
class CommitmentAdmin(InputSafeAdminMixin, admin.ModelAdmin):
    list_display = [
        "signatory", "theme", "status", "progress", "last_reported_on", "due_on", "reporting",
    ]  # fmt: skip
    list_filter = [ReportingFilter, "status", "theme"]
    search_fields = ["signatory__organisation", "statement"]
    list_select_related = ["signatory", "theme"]
    readonly_fields = ["last_reported_on", "due_on"]
    inlines = [MilestoneInline, ExtensionInline]
    change_form_template = "admin/commitments/commitment/change_form.html"

    @admin.display(description=_("reporting"))
    def reporting(self, commitment: Commitment) -> str:
        if commitment.overdue:
            return _("Overdue")
        if commitment.due_on <= timezone.localdate() + datetime.timedelta(days=DUE_SOON_DAYS):
            return _("Due soon")
        return "—"

    def get_urls(self):
        extend = self.admin_site.admin_view(self.extend_view)
        name = "commitments_commitment_extend"
        return [path("<path:object_id>/extend/", extend, name=name), *super().get_urls()]

    def extend_view(self, request, object_id):
        commitment = self.get_object(request, unquote(object_id))
        if commitment is None or not self.has_change_permission(request, commitment):
            raise Http404(_("No such commitment."))
        item_url = reverse("admin:commitments_commitment_change", args=[commitment.pk])
        form = ExtensionForm(request.POST if request.method == "POST" else None)
        if form.is_valid():
            self.extend(request, commitment, note=form.cleaned_data["note"])
            return HttpResponseRedirect(item_url)
        granted = commitment.extensions.filter(cycle_began_on=commitment.last_reported_on).first()
        return TemplateResponse(request, "admin/commitments/commitment/extend.html", {
            **self.admin_site.each_context(request),
            "title": _("Extend the due date?"), "opts": self.model._meta,
            "commitment": commitment, "form": form, "granted": granted,
            "days": settings.COMMITMENT_EXTENSION_DAYS, "item_url": item_url,
        }, status=400 if form.is_bound else 200)  # fmt: skip

    def extend(self, request, commitment: Commitment, *, note: str) -> None:
        try:
            extension = reporting.commitment_extend(
                commitment=commitment, officer=request.user, note=note
            )
        except reporting.AlreadyExtended:
            self.message_user(request, ALREADY_EXTENDED, messages.ERROR)
            return
        due = date_format(extension.due_after, "DATE_FORMAT")
        self.message_user(request, _("The next update is now due on %s.") % due, messages.SUCCESS)
