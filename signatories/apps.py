from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignatoriesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "signatories"
    verbose_name = _("Signatories")

    def ready(self):
        from django.db.models.signals import post_delete

        from jobs.registry import register_chore
        from lib.spam import STARTED_FIELD, started_token
        from outbox.registry import emails_are_read_with, register_email_kinds, search_emails_by
        from pagecache.holes import register_hole
        from pagecache.versions import invalidate_on
        from publishing.loading import Loader, register_loader
        from publishing.sections import register_section

        from .emails import JoinEmail
        from .models import CONTACT_PERMISSION, ReportedTotal, Signatory
        from .sections import theme_signatories
        from .services import (
            PERSONAL_FIELDS,
            declined_contacts_erase,
            erase_from_versions,
            signatories_load_content,
            signatories_load_translations,
        )

        register_email_kinds(JoinEmail.choices)
        # Emails hold the contact details of those they are written to.
        emails_are_read_with(CONTACT_PERMISSION)
        search_emails_by("signatory__organisation")
        # A new request is pending and shows nowhere public; a review decision does.
        invalidate_on(Signatory, when=lambda s: s.status != Signatory.Status.PENDING)
        invalidate_on(Signatory.themes.through, ReportedTotal)
        register_section("theme", "signatories/theme_signatories.html", theme_signatories, order=90)
        # A deleted request can be recovered from its versions, but not its contact details.
        post_delete.connect(
            lambda instance, **kwargs: erase_from_versions(instance, PERSONAL_FIELDS),
            sender=Signatory,
            dispatch_uid="erase-deleted-request-contacts",
            weak=False,
        )
        # the join form is cached with its time stamp punched out and refilled per visitor
        register_hole(
            "join-started", rf'name="{STARTED_FIELD}" value="([^"]+)"', lambda r: started_token()
        )
        register_loader(
            Loader(
                order=3,
                fixture="signatories.json",
                load=signatories_load_content,
                translate=signatories_load_translations,
            )
        )
        register_chore(
            "Declined requests' contact details erased",
            declined_contacts_erase,
            every_seconds=3600,
        )
