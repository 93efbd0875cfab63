"""Translation status per language in lists and filters, and the country filter."""

from django.conf import settings
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .. import translation_status
from ..forms import countries_among


class CountryInUseFilter(admin.SimpleListFilter):
    """Only the countries that some row has, not all 250."""

    title = _("country")
    parameter_name = "country"

    def lookups(self, request, model_admin):
        codes = model_admin.get_queryset(request).exclude(country="").order_by()
        return countries_among(codes.values_list("country", flat=True).distinct())

    def queryset(self, request, queryset):
        return queryset.filter(country=self.value()) if self.value() else queryset


def translation_filter(code: str, name: str) -> type[admin.SimpleListFilter]:
    """A list filter: the items whose translation into `code` is complete, missing, partial
    or out of date."""

    class TranslationFilter(admin.SimpleListFilter):
        title = _("translation into %(language)s") % {"language": name}
        parameter_name = f"translation_{code}"

        def lookups(self, request, model_admin):
            return list(translation_status.STATUSES.items())

        def queryset(self, request, queryset):
            if self.value() in translation_status.STATUSES:
                return translation_status.filter_by_status(queryset, code, self.value())
            return queryset

    return TranslationFilter


class TranslationStatusAdmin(admin.ModelAdmin):
    """Each language's status in the list, and a filter per translated language."""

    def get_list_filter(self, request):
        languages = [(code, str(name)) for code, name in settings.LANGUAGES]
        filters = [translation_filter(code, name) for code, name in languages[1:]]
        return [*super().get_list_filter(request), *filters]

    @admin.display(description=_("translations"))
    def translations(self, obj):
        return " · ".join(
            f"{name} {translation_status.STATUSES[obj.translation_status(code)]}"
            for code, name in settings.LANGUAGES
        )
