from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitmentsConfig(AppConfig):
    """Signatories' commitments and progress, and their profile updates by emailed link,
    reviewed by a policy officer."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "commitments"
    verbose_name = _("Commitments and profile updates")

    def ready(self):
        from django.db.models.signals import post_save

        from jobs.registry import register_chore
        from outbox.address_requests import register_address_handler
        from outbox.registry import register_email_kinds
        from pagecache.schedule import changes_on
        from pagecache.versions import invalidate_on
        from publishing.search_vectors import SearchFields, register_search_kind
        from publishing.sections import register_section
        from signatories.activity import register_inactive_rule
        from signatories.models import Signatory

        from .models import Commitment, Milestone
        from .models.commitments import next_change_of_standing, signatory_inactive
        from .profile_updates import ProfileEmail, update_link_answer
        from .reporting import ReportingEmail, cycle_begins_on_approval, reminders_send
        from .sections import profile_commitments, profile_update_link, theme_commitments

        register_email_kinds(ProfileEmail.choices)
        register_email_kinds(ReportingEmail.choices)
        register_address_handler(
            "update_link", update_link_answer, answered_by=ProfileEmail.UPDATE_LINK
        )
        invalidate_on(Commitment, Milestone)
        # A signatory is found by its public fields and its commitments, so it is registered
        # here, where both are known; never by its contact details or message.
        public_text = SearchFields(
            title=("organisation",),
            text=("city", "public_note"),
            body=("profile", "commitments__statement"),
        )
        register_search_kind(Signatory, 6, public_text, follows={Commitment: "signatory_id"})
        register_section("theme", "commitments/theme_commitments.html", theme_commitments)
        register_section("signatory-list", "commitments/progress_link.html", lambda _page: {})
        register_section("signatory", "commitments/profile_commitments.html", profile_commitments)
        register_section(
            "signatory-footer", "commitments/profile_update_link.html", profile_update_link
        )
        # The reporting cycle: a signatory is inactive once its commitments have all been
        # overdue for a year; reminders go before updates are due.
        register_inactive_rule(signatory_inactive)
        changes_on(next_change_of_standing)  # pages show both without an edit
        post_save.connect(
            cycle_begins_on_approval, sender=Signatory, dispatch_uid="commitment-cycle-approval"
        )
        register_chore(
            "Reminders of commitment updates written", reminders_send, every_seconds=3600
        )
