"""Form fields that every filter of the portal shares."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries


class CountryFilterField(forms.ChoiceField):
    """Any ISO 3166 country, upper or lower case (an empty result is an honest answer);
    anything else is refused. The menu offers only the countries that have content."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Country"))
        super().__init__(required=False, choices=[("", _("All countries")), *countries], **kwargs)

    def to_python(self, value):
        return super().to_python(value).strip().upper()


def countries_among(codes) -> list[tuple[str, str]]:
    """(code, name) of the given countries, in the order of the translated names."""
    codes = set(codes)
    return [(code, name) for code, name in countries if code in codes]
