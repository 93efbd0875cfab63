from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    """Countries and metropolises: their signatories, commitments and city practice."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "places"
    verbose_name = _("Places")

    def ready(self):
        from django.db.models.signals import post_save

        from initiatives.models import Entry
        from pagecache.versions import invalidate_on
        from publishing.loading import Loader, register_loader
        from publishing.search_vectors import SearchFields, register_search_kind
        from publishing.sections import register_section
        from signatories.models import Signatory

        from .matching import entry_saved, place_saved, signatory_saved
        from .models import EntryPlace, Place, SignatoryPlace
        from .sections import entry_place, signatory_place
        from .services import places_load_content

        invalidate_on(Place, EntryPlace)
        # a new request is pending and shows nowhere public, nor does the place it is in
        pending = Signatory.Status.PENDING
        invalidate_on(SignatoryPlace, when=lambda link: link.signatory.status != pending)
        post_save.connect(signatory_saved, sender=Signatory, dispatch_uid="place-of-signatory")
        post_save.connect(entry_saved, sender=Entry, dispatch_uid="place-of-entry")
        post_save.connect(place_saved, sender=Place, dispatch_uid="place-matches")
        register_section("signatory", "places/place_link.html", signatory_place, order=10)
        register_section("entry", "places/place_link.html", entry_place, order=10)
        register_section("signatory-list", "places/places_link.html", lambda _page: {}, order=60)
        register_search_kind(
            Place,
            7,  # never renumber
            SearchFields(title=("name", "aliases"), text=(), body=("description",)),
        )
        # after the signatories and entries it matches
        register_loader(Loader(order=5, fixture="places.json", load=places_load_content))
