from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignatoriesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "signatories"
    verbose_name = _("Signatories")

    def ready(self):
        from django.db.models.signals import post_delete

        from jobs.registry import register_chore, register_queue
        from pagecache.versions import invalidate_on
        from publishing.loading import Loader, register_loader
        from publishing.search_vectors import SearchFields, register_search_kind
        from publishing.sections import register_section

        from .address_requests import answer_address_requests, register_address_handler
        from .models import AddressRequest, Commitment, Milestone, ReportedTotal, Signatory
        from .profile_updates import update_link_answer
        from .sections import theme_commitments
        from .services import (
            PERSONAL_FIELDS,
            declined_contacts_erase,
            erase_from_versions,
            signatories_load_content,
        )
        from .tasks import deliver_due_notifications

        # A new request is pending and shows nowhere public; a review decision does.
        invalidate_on(Signatory, when=lambda s: s.status != Signatory.Status.PENDING)
        invalidate_on(Signatory.themes.through, ReportedTotal, Commitment, Milestone)
        # public fields only: never the contact details or the message
        public_text = SearchFields(
            title=("organisation",),
            text=("city", "public_note"),
            body=("profile", "commitments__statement"),
        )
        register_search_kind(Signatory, 6, public_text, follows={Commitment: "signatory_id"})
        register_section("theme", "signatories/theme_commitments.html", theme_commitments)
        # A deleted request can be recovered from its versions, but not its contact details.
        post_delete.connect(
            lambda instance, **kwargs: erase_from_versions(instance, PERSONAL_FIELDS),
            sender=Signatory,
            dispatch_uid="erase-deleted-request-contacts",
            weak=False,
        )
        register_loader(Loader(order=3, fixture="signatories.json", load=signatories_load_content))
        register_queue("Requests by email address answered", answer_address_requests)
        register_queue("Notifications sent", deliver_due_notifications)
        register_address_handler("update_link", update_link_answer)
        register_chore(
            "Failed requests by email address forgotten",
            AddressRequest.forget_stale,
            every_seconds=3600,
        )
        register_chore(
            "Declined requests' contact details erased",
            declined_contacts_erase,
            every_seconds=3600,
        )
