from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from toolkit.models import Theme


class EntryFilterForm(forms.Form):
    """The filters of a programme page. They combine, and live in the URL."""

    theme = forms.ModelChoiceField(
        queryset=Theme.objects.all(),
        to_field_name="slug",
        required=False,
        label=_("Thematic area"),
        empty_label=_("All areas"),
    )
    country = forms.ChoiceField(required=False, label=_("Country"))
    year = forms.IntegerField(required=False, min_value=1900, max_value=2100, label=_("Year"))

    def __init__(self, *args, country_codes=(), **kwargs):
        super().__init__(*args, **kwargs)
        # Any country is accepted (an empty result is an honest answer); the menu offers
        # those that have entries.
        self.fields["country"].choices = [("", _("All countries")), *countries]
        self.menu_countries = [(code, name) for code, name in countries if code in country_codes]

    def filter(self, entries):
        data = self.cleaned_data
        if data.get("theme"):
            entries = entries.filter(themes=data["theme"])
        if data.get("country"):
            entries = entries.filter(country=data["country"])
        if data.get("year"):
            entries = entries.filter(date__year=data["year"])
        return entries
