from django import forms
from django.utils.translation import gettext_lazy as _

from toolkit.models import Theme

from .query import clean_query


class SearchForm(forms.Form):
    q = forms.CharField(required=False, label=_("Search for"), strip=True)
    type = forms.ChoiceField(
        required=False,
        label=_("Show"),
        choices=[
            ("", _("Insights and initiatives")),
            ("insight", _("Key insights only")),
            ("entry", _("Initiative entries only")),
        ],
    )
    theme = forms.ModelChoiceField(
        queryset=Theme.objects.all(),
        to_field_name="slug",
        required=False,
        label=_("Thematic area"),
        empty_label=_("All areas"),
    )

    def clean_q(self):
        return clean_query(self.cleaned_data["q"])
