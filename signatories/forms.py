from __future__ import annotations

import re

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from lib.addresses import normalise_email
from lib.spam import SpamProtectedForm
from publishing.forms import CountryFilterField, countries_among
from toolkit.forms import ThemeFilterField
from toolkit.models import Theme

from .models import Signatory
from .similar import similar_requests

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def country_choices():
    # A callable: the ~250 translated names are only listed when the menu is rendered.
    return [("", _("Choose a country…")), *countries]


def error_list(form: forms.BaseForm, *, label: str = "") -> list[dict[str, str]]:
    """The form's errors for a summary at the top of the page: the form's own (unlinked),
    then each field's, linked to it and named by its label (after `label`, if given)."""
    entries = [
        {"anchor": "", "label": "", "message": str(error)} for error in form.non_field_errors()
    ]
    for field in form:
        if field.errors:
            name = f"{label}: {field.label}" if label else str(field.label)
            message = " ".join(str(error) for error in field.errors)
            entries.append({"anchor": field.auto_id, "label": name, "message": message})
    return entries


ALREADY_JOINED = _("Already joined? {} has a similar name and has joined the call.")
ANOTHER_ONE = _("If your institution is another one, tick the box below and send the form again.")


def already_joined_message(similar: list[Signatory]) -> str:
    """Public signatories with a similar name, linked: all the applicant may learn.

    Pending requests are never named nor hinted at: the answer would tell a stranger who
    has asked to join."""
    links = format_html_join(
        ", ", '<a href="{}">{}</a>', ((s.get_absolute_url(), s.organisation) for s in similar)
    )
    return format_html("{} {}", format_html(str(ALREADY_JOINED), links), ANOTHER_ONE)


class JoinForm(SpamProtectedForm, forms.ModelForm):
    country = forms.ChoiceField(choices=country_choices, label=_("Country"))
    website = forms.URLField(
        label=_("Website"),
        required=False,
        max_length=300,
        assume_scheme="https",
        help_text=_("For example https://www.example.org"),
    )
    themes = forms.ModelMultipleChoiceField(
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Thematic areas your institution commits to work on"),
    )
    confirm_new = forms.BooleanField(
        required=False,
        label=_("Our institution is not one of these: send our request."),
    )
    consent = forms.BooleanField(
        label=_("I have read the privacy notice and agree that Metropolis stores these details "
                "to review this request and to contact me about it."),
        error_messages={"required": _("Please agree to the privacy notice so that we can "
                                      "review your request.")},
    )  # fmt: skip

    class Meta:
        model = Signatory
        fields = [
            "organisation",
            "kind",
            "city",
            "country",
            "website",
            "themes",
            "contact_name",
            "contact_role",
            "contact_email",
            "message",
        ]
        labels = {
            "organisation": _("Name of the institution"),
            "city": _("City or metropolitan area"),
            "contact_name": _("Your name"),
            "contact_role": _("Your role"),
            "contact_email": _("Your email address"),
            "message": _("Message to the policy officer"),
        }
        help_texts = {
            "contact_email": _("We write to this address about your request only."),
            "message": _("Optional. At most 2,000 characters."),
        }
        widgets = {
            "message": forms.Textarea(attrs={"rows": 5}),
        }

    required_fields = ["organisation", "kind", "city", "country", "contact_name", "contact_email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.required_fields:
            self.fields[name].required = True
        self.fields["kind"].choices = [("", _("Choose one…")), *Signatory.Kind.choices]
        self.fields["contact_email"].widget.attrs["autocomplete"] = "email"
        self.fields["contact_name"].widget.attrs["autocomplete"] = "name"
        self.fields["contact_role"].widget.attrs["autocomplete"] = "organization-title"
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"

    @property
    def error_list(self) -> list[dict[str, str]]:
        return error_list(self)

    def resembles_a_signatory(self) -> bool:
        return self.has_error(NON_FIELD_ERRORS, "similar")

    def clean_contact_email(self) -> str:
        return normalise_email(self.cleaned_data["contact_email"])

    def clean(self):
        cleaned = super().clean()
        for name, value in cleaned.items():
            if isinstance(value, str):
                keep_newlines = name == "message"
                value = CONTROL_CHARACTERS.sub("", value)
                cleaned[name] = value if keep_newlines else " ".join(value.split())
        if cleaned.get("organisation") and not cleaned.get("confirm_new"):
            similar = similar_requests(
                cleaned["organisation"], cleaned.get("country", ""), public_only=True
            )
            if similar:
                raise forms.ValidationError(already_joined_message(similar), code="similar")
        return cleaned

    def signatory_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name != "themes"}


class DeclineReasonForm(forms.Form):
    """The officer's optional reason for declining, written into the applicant's email."""

    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 5, "cols": 60}),
        help_text=_(
            "Optional. Sent as you write it, in the email that tells the applicant, which "
            "is in the applicant's language."
        ),
    )


class SignatoryFilterForm(forms.Form):
    """The filters of the signatory list: country, area and grouping, all in the URL."""

    country = CountryFilterField()
    theme = ThemeFilterField()
    group = forms.ChoiceField(
        required=False,
        label=_("Group by"),
        choices=[("region", _("Region and country")), ("kind", _("Kind of institution"))],
    )

    def __init__(self, *args, country_codes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.menu_countries = countries_among(country_codes)

    def filter(self, signatories):
        """The signatories that pass the filters, in the chosen grouping's order."""
        if not self.is_valid():
            return signatories.none()
        if self.cleaned_data["country"]:
            signatories = signatories.filter(country=self.cleaned_data["country"])
        if self.cleaned_data["theme"]:
            signatories = signatories.filter(themes=self.cleaned_data["theme"])
        countries = [code for code, _name in self.menu_countries]
        return signatories.in_list_order(by_kind=self.grouping == "kind", countries=countries)

    @property
    def grouping(self) -> str:
        self.is_valid()  # cleans each field: a valid grouping stands beside a wrong country
        return self.cleaned_data.get("group") or "region"

    @property
    def filtered(self) -> bool:
        return any(self.data.get(name, "").strip() for name in ("country", "theme"))
