from django import forms
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from publishing.forms import CountryFilterField, countries_among
from toolkit.forms import ThemeFilterField


class EntryFilterForm(forms.Form):
    """The filters of a programme page. They combine, and live in the URL."""

    theme = ThemeFilterField()
    country = CountryFilterField()
    year = forms.IntegerField(required=False, min_value=1900, max_value=2100, label=_("Year"))

    def __init__(self, *args, country_codes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.country_codes = country_codes

    @cached_property
    def menu_countries(self) -> list[tuple[str, str]]:
        """Read when the menu is rendered: not when the page's fragment is kept."""
        return countries_among(self.country_codes)

    def filter(self, entries):
        """The entries that pass the filters; none when a filter is invalid."""
        if not self.is_valid():
            return entries.none()
        data = self.cleaned_data
        if data.get("theme"):
            entries = entries.filter(themes=data["theme"])
        if data.get("country"):
            entries = entries.filter(country=data["country"])
        if data.get("year"):
            entries = entries.filter(date__year=data["year"])
        return entries

    @property
    def filtered(self) -> bool:
        return any(self.data.get(name, "").strip() for name in self.fields)
