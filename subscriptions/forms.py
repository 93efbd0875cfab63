from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from initiatives.models import Programme
from lib.addresses import NormalisedEmailField
from lib.spam import SpamProtectedForm
from toolkit.models import Theme

from .models import Subscription


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
    rhythm = forms.ChoiceField(
        label=_("How often"),
        choices=Subscription.Rhythm.choices,
        initial=Subscription.Rhythm.WEEKLY,
        widget=forms.RadioSelect,
    )
    language = forms.ChoiceField(label=_("Language of the emails"), choices=settings.LANGUAGES)

    def clean(self):
        cleaned = super().clean()
        chosen = cleaned.get("themes") or cleaned.get("programmes") or cleaned.get("everything")
        if not chosen and not (self.has_error("themes") or self.has_error("programmes")):
            raise forms.ValidationError(
                _("Choose at least one area or programme, or everything."), code="nothing"
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

    field_order = ["email", "everything", "themes", "programmes", "rhythm", "language", "consent"]

    def choices(self) -> dict:
        keys = ("everything", "themes", "programmes", "rhythm", "language")
        return {key: self.cleaned_data[key] for key in keys}

    def choices_as_data(self) -> dict:
        """The choices as JSON can keep them (areas and programmes by id)."""
        choices = self.choices()
        for key in ("themes", "programmes"):
            choices[key] = sorted(item.pk for item in choices[key])
        return choices
