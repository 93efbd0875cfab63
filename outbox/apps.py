from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    """Emails and requests by email address, answered by the worker; the apps above
    register their kinds of email and their handlers (see registry.py)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "outbox"
    verbose_name = _("Outbox")

    def ready(self):
        from jobs.registry import register_chore, register_queue

        from .address_requests import answer_address_requests
        from .delivery import deliver_due_notifications
        from .models import AddressRequest

        register_queue("Requests by email address answered", answer_address_requests)
        register_queue("Notifications sent", deliver_due_notifications)
        register_chore(
            "Failed requests by email address forgotten",
            AddressRequest.forget_stale,
            every_seconds=3600,
        )
