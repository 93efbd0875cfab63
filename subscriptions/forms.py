from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from initiatives.models import Programme
from lib.addresses import NormalisedEmailField
from lib.spam import SpamProtectedForm
from places.models import Place
from toolkit.models import Theme

from .models import Subscription


class PlaceChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, place) -> str:
        return f"{place.name} ({place.country.name})"


class PreferencesForm(forms.Form):
    everything = forms.BooleanField(label=_("Everything new on the portal"), required=False)
    themes = forms.ModelMultipleChoiceField(
        queryset=Theme.objects.order_by("position"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Thematic areas"),
    )
    programmes = forms.ModelMultipleChoiceField(
        queryset=Programme.objects.order_by("position"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Programmes"),
    )
    places = PlaceChoiceField(
        queryset=Place.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Places"),
    )
    rhythm = forms.ChoiceField(
        label=_("How often"),
        choices=Subscription.Rhythm.choices,
        initial=Subscription.Rhythm.WEEKLY,
        widget=forms.RadioSelect,
    )
    language = forms.ChoiceField(label=_("Language of the emails"), choices=settings.LANGUAGES)

    def clean(self):
        cleaned = super().clean()
        lists = ("themes", "programmes", "places")
        chosen = any(cleaned.get(name) for name in (*lists, "everything"))
        if not chosen and not any(self.has_error(name) for name in lists):
            raise forms.ValidationError(
                _("Choose at least one area, programme or place, or everything."), code="nothing"
            )
        return cleaned


def consent_field() -> forms.BooleanField:
    return forms.BooleanField(
        label=_("I agree that Metropolis keeps this address and my choices to send me these "
                "emails, as the privacy notice says."),
        error_messages={"required": _("Please agree, so that we may send you the emails.")},
    )  # fmt: skip


class FollowAgainForm(forms.Form):
    """Following again from the manage link of an address that left: consent once more."""

    consent = consent_field()


class SubscribeForm(SpamProtectedForm, PreferencesForm):
    email = NormalisedEmailField(label=_("Your email address"), max_length=254)
    consent = consent_field()

    field_order = [
        "email", "everything", "themes", "programmes", "places", "rhythm", "language", "consent"
    ]  # fmt: skip

    def choices(self) -> dict:
        keys = ("everything", "themes", "programmes", "places", "rhythm", "language")
        return {key: self.cleaned_data[key] for key in keys}

    def choices_as_data(self) -> dict:
        """The choices as JSON can keep them (areas, programmes and places by id)."""
        choices = self.choices()
        for key in ("themes", "programmes", "places"):
            choices[key] = sorted(item.pk for item in choices[key])
        return choices
