from django import forms
from django.utils.translation import gettext_lazy as _

from toolkit.forms import ThemeFilterField

from .query import clean_query


class SearchForm(forms.Form):
    q = forms.CharField(required=False, label=_("Search for"), strip=True)
    type = forms.ChoiceField(
        required=False,
        label=_("Show"),
        choices=[
            ("", _("Everything")),
            ("insight", _("Key insights only")),
            ("entry", _("Initiative entries only")),
            ("theme", _("Thematic areas only")),
            ("programme", _("Programmes only")),
            ("tag", _("Tags only")),
            ("signatory", _("Signatories only")),
            ("place", _("Places only")),
        ],
    )
    theme = ThemeFilterField()

    def clean_q(self):
        return clean_query(self.cleaned_data["q"])
