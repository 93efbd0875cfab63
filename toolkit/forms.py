from django import forms
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from .models import Theme


class ThemeFilterField(forms.ModelChoiceField):
    """One of the eight areas, by slug, in every filter that offers them."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Thematic area"))
        kwargs.setdefault("empty_label", _("All areas"))
        super().__init__(
            queryset=Theme.objects.all(), to_field_name="slug", required=False, **kwargs
        )


class TagFilterForm(forms.Form):
    """A theme page's tag filter. A tag not used in the area gives an honest empty list."""

    tag = forms.SlugField(required=False, max_length=100, allow_unicode=True)

    def filter(self, insights):
        """(the insights with the chosen tag, that tag or None)"""
        slug = self.cleaned_data.get("tag")
        if not slug:
            return insights, None
        tag = Tag.objects.filter(slug=slug).first()
        return (insights.filter(tags=tag) if tag else insights.none()), tag
