import csv

import reversion
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.admin import GenericTabularInline
from django.contrib.contenttypes.forms import BaseGenericInlineFormSet
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Case, Value, When
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from lib.personal_data import PersonalDataAdminMixin
from outbox.models import Notification
from publishing.admin import (
    CountryInUseFilter,
    InputSafeAdminMixin,
    TranslationStatusAdmin,
    VersionHistoryAdmin,
)
from publishing.spreadsheets import safe_cell

from . import services
from .forms import DeclineReasonForm
from .models import CONTACT_PERMISSION, ReportedTotal, Signatory

CONTACT_FIELDS = ["contact_name", "contact_role", "contact_email", "message"]
PUBLIC_EXPORT_FIELDS = [
    "organisation", "kind", "city", "country", "region", "website", "public_note", "status",
    "submitted_at", "reviewed_at", "source",
]  # fmt: skip


def can_see_contacts(request) -> bool:
    return request.user.has_perm(CONTACT_PERMISSION)


class NotificationFormSet(BaseGenericInlineFormSet):
    @classmethod
    def get_default_prefix(cls):
        return "notifications"  # the admin's form field names from before the outbox app


class NotificationInline(GenericTabularInline):
    model = Notification
    ct_field, ct_fk_field = "about_type", "about_id"
    formset = NotificationFormSet
    fields = ["kind", "to", "status", "attempts", "sent_at", "next_attempt_at", "last_error"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


# Versions of a request hold its own fields only, not the emails written about it.
reversion.register(Signatory, follow=())


@admin.register(Signatory)
class SignatoryAdmin(
    PersonalDataAdminMixin,
    InputSafeAdminMixin,
    VersionHistoryAdmin,
    TranslationStatusAdmin,  # the role notes' translations, filtered
    TranslationAdmin,
):
    personal_data_permission = CONTACT_PERMISSION
    personal_data_actions = ("export_personal_data", "erase_contact")
    export_description = _("Export the personal data of the selected requests (JSON)")

    list_display = [
        "organisation", "status", "possible_duplicate", "kind", "country", "city", "submitted_at",
        "source",
    ]  # fmt: skip
    list_filter = [
        "status",
        "source",
        "possible_duplicate",
        "kind",
        "region",
        CountryInUseFilter,
        ("themes", admin.RelatedOnlyFieldListFilter),
        "submitted_at",
    ]
    search_fields = ["organisation", "city", "contact_name", "contact_email"]
    date_hierarchy = "submitted_at"
    # Pending requests first, newest first within each status.
    ordering = [
        Case(When(status=Signatory.Status.PENDING, then=Value(0)), default=Value(1)),
        "-submitted_at",
    ]
    actions = ["approve", "decline", "export_csv", "export_personal_data", "erase_contact"]
    filter_horizontal = ["themes"]
    change_form_template = "admin/signatories/signatory/change_form.html"

    def view_on_site(self, signatory):
        """Only approved signatories have a public page to view."""
        return signatory.get_absolute_url() if signatory.public else None

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    readonly_fields = [
        "status", "region", "slug", "language", "consent_at", "consent_version",
        "contact_erased_at", "submitted_at", "reviewed_at", "reviewed_by", "possible_duplicate",
        "source",
    ]  # fmt: skip
    inlines = [NotificationInline]

    def get_history_hidden_fields(self, request):
        return () if can_see_contacts(request) else tuple(services.PERSONAL_FIELDS)

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (
                _("Institution"),
                {
                    "fields": [
                        "organisation",
                        "kind",
                        "city",
                        "country",
                        "region",
                        "website",
                        "logo",
                        "themes",
                        *self.replace_orig_field(["public_note"]),  # in every language
                    ]  # fmt: skip
                },
            ),
            (
                _("Public profile"),
                {"fields": ["slug", "profile", "latitude", "longitude"]},
            ),
            (
                _("Review"),
                {
                    "fields": [
                        "status",
                        "source",
                        "possible_duplicate",
                        "submitted_at",
                        "reviewed_at",
                        "reviewed_by",
                    ]  # fmt: skip
                },
            ),
        ]
        if can_see_contacts(request):
            fieldsets.insert(
                1,
                (
                    _("Contact (personal data)"),
                    {
                        "fields": [
                            *CONTACT_FIELDS,
                            "language",
                            "consent_at",
                            "consent_version",
                            "contact_erased_at",
                        ]
                    },
                ),
            )
        return fieldsets

    def save_model(self, request, obj, form, change):
        if not change:  # a request staff enter by hand did not come through the form
            obj.source = Signatory.Source.IMPORTED
        super().save_model(request, obj, form, change)

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.contact_erased_at:
            return [*self.readonly_fields, *CONTACT_FIELDS]  # erased stays erased
        return self.readonly_fields

    def get_search_fields(self, request):
        if can_see_contacts(request):
            return self.search_fields
        return [f for f in self.search_fields if f not in CONTACT_FIELDS]

    def get_inlines(self, request, obj):
        return self.inlines if can_see_contacts(request) else []

    def review(self, request, queryset, status, reason=""):
        changed, refused = 0, []
        for signatory in queryset:
            try:
                services.signatory_review(
                    signatory=signatory, status=status, reviewer=request.user, reason=reason
                )
                changed += 1
            except services.DuplicateRequest:
                refused.append(signatory.organisation)
        return changed, refused

    @admin.action(description=_("Approve selected requests (publish them and tell the applicant)"))
    def approve(self, request, queryset):
        changed, refused = self.review(
            request, queryset.exclude(status=Signatory.Status.APPROVED), Signatory.Status.APPROVED
        )
        self.message_user(
            request,
            ngettext("%d request approved.", "%d requests approved.", changed) % changed,
            messages.SUCCESS,
        )
        if refused:
            self.message_user(
                request,
                _("Not approved, because the same institution or contact already has an "
                  "approved request: %s") % ", ".join(refused),
                messages.WARNING,
            )  # fmt: skip

    @admin.action(description=_("Decline selected requests (and tell the applicant)"))
    def decline(self, request, queryset):
        """Asks first (with an optional reason), like deleting does."""
        form = DeclineReasonForm(request.POST if request.POST.get("confirmed") else None)
        if not form.is_valid():
            hidden = [(helpers.ACTION_CHECKBOX_NAME, s.pk) for s in queryset]
            hidden += [("action", "decline"), ("confirmed", "yes")]
            return self.decline_page(request, form, items=list(queryset), hidden=hidden)
        changed, _refused = self.review(
            request,
            queryset.exclude(status=Signatory.Status.DECLINED),
            Signatory.Status.DECLINED,
            reason=form.cleaned_data["reason"],
        )
        self.message_user(
            request,
            ngettext("%d request declined.", "%d requests declined.", changed) % changed,
            messages.SUCCESS,
        )
        return None

    def decline_page(self, request, form, *, items, hidden=(), item_url=""):
        changelist = reverse("admin:signatories_signatory_changelist")
        context = {
            **self.admin_site.each_context(request),
            "title": _("Decline these requests?") if len(items) > 1 else _("Decline this request?"),
            "explanation": _(
                "The applicants are told by email, in their language; a reason you give "
                "below is written into that email."
            )
            if len(items) > 1
            else _(
                "The applicant is told by email, in the applicant's language; a reason you "
                "give below is written into that email."
            ),
            "opts": self.model._meta,
            "items": items,
            "hidden": hidden,
            "form": form,
            "changelist_url": changelist,
            "item_url": item_url,
            "cancel_url": item_url or changelist,
        }
        return TemplateResponse(request, "admin/decline_confirmation.html", context)

    # The officer decides on the request's own page: Approve, or Decline with a reason.

    def get_urls(self):
        decline = self.admin_site.admin_view(self.decline_view)
        urls = [path("<path:object_id>/decline/", decline, name="signatories_signatory_decline")]
        return urls + super().get_urls()

    def decisions(self, signatory) -> list[str]:
        return {
            Signatory.Status.PENDING: ["approve", "decline"],
            Signatory.Status.DECLINED: ["approve"],
        }.get(signatory.status, [])

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        can_decide = obj is not None and self.has_change_permission(request, obj)
        context["decisions"] = self.decisions(obj) if can_decide else []
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)

    def response_change(self, request, obj):
        if "_decline" in request.POST and "decline" in self.decisions(obj):
            url = reverse("admin:signatories_signatory_decline", args=[obj.pk])
            return HttpResponseRedirect(url)
        if "_approve" in request.POST and "approve" in self.decisions(obj):
            self.approve(request, Signatory.objects.filter(pk=obj.pk))
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    def decline_view(self, request, object_id):
        signatory = self.get_object(request, unquote(object_id))
        if signatory is None or not self.has_change_permission(request, signatory):
            raise Http404(_("No such request."))
        item_url = reverse("admin:signatories_signatory_change", args=[signatory.pk])
        if "decline" not in self.decisions(signatory):
            self.message_user(request, _("This request was already decided."), messages.WARNING)
            return HttpResponseRedirect(item_url)
        form = DeclineReasonForm(request.POST if request.method == "POST" else None)
        if not form.is_valid():
            return self.decline_page(request, form, items=[signatory], item_url=item_url)
        self.review(request, [signatory], Signatory.Status.DECLINED, form.cleaned_data["reason"])
        self.message_user(request, _("Request declined; the applicant is told by email."))
        return HttpResponseRedirect(item_url)

    @admin.action(description=_("Export selected requests as CSV"))
    def export_csv(self, request, queryset):
        fields = PUBLIC_EXPORT_FIELDS + (CONTACT_FIELDS if can_see_contacts(request) else [])
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stamp = timezone.now().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="join-requests-{stamp}.csv"'
        writer = csv.writer(response)
        writer.writerow([*fields, "themes"])
        for signatory in queryset.prefetch_related("themes"):
            row = [export_value(signatory, field) for field in fields]
            row.append("; ".join(theme.title for theme in signatory.themes.all()))
            writer.writerow([safe_cell(value) for value in row])
        return response

    def personal_data(self, obj):
        return services.signatory_personal_data(signatory=obj)

    def personal_data_exported(self, request, obj):
        self.log_change(request, obj, "Personal data exported.")

    @admin.action(
        description=_("Erase the contact details of the selected requests"),
        permissions=["change"],
    )
    def erase_contact(self, request, queryset):
        if not can_see_contacts(request):
            raise PermissionDenied
        if request.POST.get("confirmed") != "yes":
            return TemplateResponse(
                request,
                "admin/signatories/erase_contact_confirmation.html",
                {
                    **self.admin_site.each_context(request),
                    "title": _("Erase contact details?"),
                    "opts": self.model._meta,
                    "requests": queryset,
                    "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                },
            )
        count = 0
        for signatory in queryset:
            services.signatory_erase_contact(signatory=signatory)
            self.log_change(request, signatory, "Contact details erased.")
            count += 1
        self.message_user(
            request,
            ngettext(
                "Contact details erased from %d request.",
                "Contact details erased from %d requests.",
                count,
            )
            % count,
            messages.SUCCESS,
        )
        return None


def export_value(signatory, field):
    value = getattr(signatory, field)
    return value.code if field == "country" else value


@admin.register(ReportedTotal)
class ReportedTotalAdmin(InputSafeAdminMixin, TranslationStatusAdmin, TranslationAdmin):
    list_display = ["reported_on", "more_than", "source"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
