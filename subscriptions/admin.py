"""Subscribers are personal data: only staff who may see contact details see addresses,
export one subscriber's data or erase it. Everyone else sees counts on the dashboard."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from lib.personal_data import PersonalDataOnlyAdminMixin
from publishing.admin import InputSafeAdminMixin
from signatories.models import CONTACT_PERMISSION

from . import services
from .models import Subscription


@admin.register(Subscription)
class SubscriptionAdmin(PersonalDataOnlyAdminMixin, InputSafeAdminMixin, admin.ModelAdmin):
    personal_data_permission = CONTACT_PERMISSION
    personal_data_filename = "subscriber-data"
    export_description = _("Export the personal data of the selected subscribers (JSON)")
    list_display = ["email", "rhythm", "language", "everything", "confirmed_at", "unsubscribed_at"]
    list_filter = ["rhythm", "language", "everything", "themes", "programmes"]
    search_fields = ["email"]
    readonly_fields = [
        "email", "themes", "programmes", "everything", "language", "rhythm", "consent_at",
        "consent_version", "created_at", "confirmed_at", "unsubscribed_at", "covered_until",
    ]  # fmt: skip
    fields = readonly_fields
    actions = ["export_personal_data", "erase"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # subscribers change their choices through their own links

    def personal_data(self, obj):
        return services.subscriber_personal_data(subscription=obj)

    @admin.action(
        description=_("Erase the selected subscribers and every email sent to them"),
        permissions=["delete"],
    )
    def erase(self, request, queryset):
        if not self.can_see_personal_data(request):
            raise PermissionDenied
        count = 0
        for subscription in queryset:
            services.subscriber_erase(subscription=subscription)
            count += 1
        message = ngettext("%d subscriber erased.", "%d subscribers erased.", count) % count
        self.message_user(request, message, messages.SUCCESS)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # erase also removes the outbox's copies
        return actions
