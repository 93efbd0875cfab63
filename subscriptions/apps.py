from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubscriptionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "subscriptions"
    verbose_name = _("Email subscriptions")

    def ready(self):
        from jobs.registry import register_chore
        from lib.spam import STARTED_FIELD, started_token
        from outbox.address_requests import register_address_handler
        from outbox.registry import register_email_kinds
        from pagecache.holes import register_hole
        from publishing.sections import register_section

        from .digests import digests_queue
        from .models import SubscriberEmail
        from .sections import follow_place, follow_programme, follow_theme
        from .services import stale_subscriptions_erase, subscription_answer

        register_email_kinds(SubscriberEmail.choices)
        register_address_handler(
            "subscribe", subscription_answer, answered_by=SubscriberEmail.SUBSCRIPTION_CONFIRM
        )
        follow = "subscriptions/follow_section.html"
        register_section("theme", follow, follow_theme, order=10)
        register_section("programme", follow, follow_programme, order=10)
        register_section("place", follow, follow_place, order=10)

        # the form is cached with its time stamp punched out and refilled per visitor
        started = rf'name="{STARTED_FIELD}" value="([^"]+)"'
        register_hole("subscribe-started", started, lambda request: started_token())
        # Hourly: a digest is due once its week or month has ended.
        register_chore("Digests queued", digests_queue, every_seconds=3600)
        register_chore("Stale subscriptions erased", stale_subscriptions_erase, every_seconds=3600)
