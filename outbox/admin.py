"""The outbox in the admin: what was sent, what failed, and sending it again."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from lib.personal_data import PersonalDataOnlyAdminMixin
from publishing.admin import InputSafeAdminMixin

from . import services
from .models import Notification
from .registry import ABOUT_SEARCH_FIELDS, READER_PERMISSIONS


@admin.register(Notification)
class NotificationAdmin(PersonalDataOnlyAdminMixin, InputSafeAdminMixin, admin.ModelAdmin):
    list_display = ["subject", "to", "kind", "status", "attempts", "queued_at", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["to", "subject"]
    readonly_fields = [
        "about", "kind", "to", "reply_to", "subject", "text_body", "message_id", "status",
        "attempts", "queued_at", "next_attempt_at", "sent_at", "last_error",
    ]  # fmt: skip
    exclude = ["html_body", "about_type", "about_id"]
    actions = ["resend"]

    def can_see_personal_data(self, request) -> bool:
        return request.user.has_perms(READER_PERMISSIONS)

    def get_search_fields(self, request):
        return [*self.search_fields, *ABOUT_SEARCH_FIELDS]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Send selected notifications again"))
    def resend(self, request, queryset):
        for notification in queryset:
            services.notification_resend(notification=notification)
        count = len(queryset)
        self.message_user(
            request,
            ngettext("%d notification queued again.", "%d notifications queued again.", count)
            % count,
            messages.SUCCESS,
        )
