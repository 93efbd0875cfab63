"""Places, curated once; and where each signatory and entry is, with those no place
matched first to be linked by hand (pick the place in the list, then Save)."""

from django.contrib import admin, messages
from django.db.models import Count, F
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from publishing.admin import (
    CountryInUseFilter,
    InputSafeAdminMixin,
    TranslationStatusAdmin,
    VersionHistoryAdmin,
)

from .matching import match_entry, match_signatory
from .models import EntryPlace, Place, SignatoryPlace


@admin.register(Place)
class PlaceAdmin(
    InputSafeAdminMixin, TranslationStatusAdmin, VersionHistoryAdmin, TranslationAdmin
):
    list_display = [
        "name", "country", "slug", "signatories", "entries", "has_coordinates", "translations"
    ]  # fmt: skip
    list_filter = [CountryInUseFilter]
    search_fields = ["name_en", "name_fr", "name_es", "aliases", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    fields = [
        "country", "name", "slug", "aliases", "description", "latitude", "longitude"
    ]  # fmt: skip

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            signatory_total=Count("signatoryplace", distinct=True),
            entry_total=Count("entryplace", distinct=True),
        )  # fmt: skip

    @admin.display(description=_("signatories"), ordering="signatory_total")
    def signatories(self, place):
        return place.signatory_total

    @admin.display(description=_("entries"), ordering="entry_total")
    def entries(self, place):
        return place.entry_total

    @admin.display(description=_("on the map"), boolean=True)
    def has_coordinates(self, place):
        return place.has_coordinates


class MatchedFilter(admin.SimpleListFilter):
    title = _("place")
    parameter_name = "matched"

    def lookups(self, request, model_admin):
        return [("no", _("No place found")), ("yes", _("Has a place"))]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.filter(place__isnull=True)
        if self.value() == "yes":
            return queryset.filter(place__isnull=False)
        return queryset


class LinkAdmin(InputSafeAdminMixin, admin.ModelAdmin):
    """Pick a place in the list and Save: the link is then kept as staff set it."""

    list_editable = ["place"]
    list_filter = [MatchedFilter, "by_staff"]
    list_per_page = 50
    ordering = [F("place").asc(nulls_first=True), "pk"]  # those without a place first
    actions = ["match_again"]
    readonly_fields = ["by_staff"]

    def has_add_permission(self, request):
        return False  # each signatory and entry has its row, made when it is saved

    def has_delete_permission(self, request, obj=None):
        # No deleting from the list: a link goes with its signatory or entry. Deleting one of
        # those asks about its link (obj given), which must not stop the deletion.
        return obj is not None

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "place":  # one query for every row's menu, not one a row
            if not hasattr(request, "_place_choices"):
                request._place_choices = list(field.choices)
            field.choices = request._place_choices
        return field

    def save_model(self, request, obj, form, change):
        obj.by_staff = True
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Find the place again from the names (undo staff links)"))
    def match_again(self, request, queryset):
        found = 0
        for link in queryset:
            link.by_staff = False
            link.save(update_fields=["by_staff"])
            found += self.match(link).place_id is not None
        self.message_user(
            request,
            ngettext("%(n)s place found.", "%(n)s places found.", found) % {"n": found},
            messages.SUCCESS,
        )


@admin.register(SignatoryPlace)
class SignatoryPlaceAdmin(LinkAdmin):
    list_display = ["signatory", "status", "city", "country", "place", "by_staff"]
    list_select_related = ["signatory", "place"]
    search_fields = ["signatory__organisation", "signatory__city"]
    fields = ["signatory", "place", "by_staff"]
    readonly_fields = ["signatory", "by_staff"]

    @admin.display(description=_("status"), ordering="signatory__status")
    def status(self, link):
        return link.signatory.get_status_display()

    @admin.display(description=_("city"), ordering="signatory__city")
    def city(self, link):
        return link.signatory.city

    @admin.display(description=_("country"), ordering="signatory__country")
    def country(self, link):
        return link.signatory.country.name

    def match(self, link):
        return match_signatory(link.signatory)


@admin.register(EntryPlace)
class EntryPlaceAdmin(LinkAdmin):
    list_display = ["entry", "city", "country", "place", "by_staff"]
    list_select_related = ["entry", "place"]
    search_fields = ["entry__title", "entry__city"]
    fields = ["entry", "place", "by_staff"]
    readonly_fields = ["entry", "by_staff"]

    @admin.display(description=_("city"), ordering="entry__city")
    def city(self, link):
        return link.entry.city

    @admin.display(description=_("country"), ordering="entry__country")
    def country(self, link):
        return link.entry.country.name

    def match(self, link):
        return match_entry(link.entry)
