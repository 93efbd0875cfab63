from django import forms
from taggit.models import Tag


class TagFilterForm(forms.Form):
    """A theme page's tag filter. A tag not used in the area gives an honest empty list."""

    tag = forms.SlugField(required=False, max_length=100)

    def filter(self, insights):
        """(the insights with the chosen tag, that tag or None)"""
        slug = self.cleaned_data.get("tag")
        if not slug:
            return insights, None
        tag = Tag.objects.filter(slug=slug).first()
        return (insights.filter(tags=tag) if tag else insights.none()), tag
