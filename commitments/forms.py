"""The forms of profile updates: asking for a link, and the changes sent through it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.addresses import NormalisedEmailField
from signatories.models import Signatory
from toolkit.models import Theme

from .models import Commitment


class UpdateLinkRequestForm(forms.Form):
    email = NormalisedEmailField(
        label=_("The email address we have for your institution"),
        max_length=254,
        help_text=_("The one used to join the call. We send a link to change the profile."),
    )


class ProfileUpdateForm(forms.Form):
    profile = forms.CharField(
        label=_("About your institution and the call"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        required=False,
        help_text=_("Markdown: *emphasis*, lists, [links](https://example.org)."),
    )
    website = forms.URLField(
        label=_("Website"), max_length=300, required=False, assume_scheme="https"
    )
    withdraw = forms.BooleanField(label=_("Withdraw our institution from the call"), required=False)
    withdraw_reason = forms.CharField(
        label=_("Why (optional, for the policy officer)"), max_length=500, required=False
    )


class CommitmentForm(forms.Form):
    """One thematic area: whether the institution commits to it, what, and how far along."""

    committed = forms.BooleanField(required=False)
    statement = forms.CharField(
        label=_("What you commit to"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=600,
        required=False,
    )
    status = forms.ChoiceField(
        label=_("Progress"), choices=Commitment.Status.choices, initial=Commitment.Status.PLANNED
    )
    milestone_date = forms.DateField(
        label=_("Date of a new update"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    milestone_text = forms.CharField(
        label=_("What happened"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        required=False,
    )

    def __init__(self, *args, theme: Theme, **kwargs):
        super().__init__(*args, prefix=theme.slug, **kwargs)
        self.theme = theme
        self.fields["committed"].label = theme.title

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("committed"):
            return cleaned
        if not (cleaned.get("statement") or "").strip():
            self.add_error("statement", _("Say what you commit to in this area."))
        day, text = cleaned.get("milestone_date"), (cleaned.get("milestone_text") or "").strip()
        if day and day > timezone.localdate():
            self.add_error(
                "milestone_date", _("An update tells what has happened: not a future date.")
            )
        if bool(day) != bool(text) and "milestone_date" not in self.errors:
            self.add_error("milestone_text", _("Give both the date and what happened, or neither."))
        return cleaned

    def as_data(self) -> dict[str, Any] | None:
        if not self.cleaned_data.get("committed"):
            return None
        day = self.cleaned_data.get("milestone_date")
        milestone = {"date": day.isoformat(), "text": self.cleaned_data["milestone_text"].strip()}
        return {
            "statement": self.cleaned_data["statement"].strip(),
            "status": self.cleaned_data["status"],
            "milestone": milestone if day else None,
        }


class ProfileUpdate:
    """The whole update page: the profile form and one commitment form per area."""

    def __init__(self, signatory: Signatory, data=None):
        current = {c.theme_id: c for c in signatory.commitments.all()}
        self.profile = ProfileUpdateForm(
            data, initial={"profile": signatory.profile, "website": signatory.website}
        )
        self.commitments = [
            CommitmentForm(data, theme=theme, initial=initial_for(current.get(theme.pk)))
            for theme in Theme.objects.order_by("position")
        ]

    def is_valid(self) -> bool:
        return all([self.profile.is_valid(), *(form.is_valid() for form in self.commitments)])

    def proposed(self) -> dict[str, Any]:
        commitments = {form.theme.slug: form.as_data() for form in self.commitments}
        return {
            "profile": self.profile.cleaned_data["profile"].strip(),
            "website": self.profile.cleaned_data["website"],
            "commitments": {slug: data for slug, data in commitments.items() if data},
            "withdraw": self.profile.cleaned_data["withdraw"],
            "withdraw_reason": self.profile.cleaned_data["withdraw_reason"].strip(),
        }


def initial_for(commitment: Commitment | None) -> dict[str, Any]:
    if commitment is None:
        return {}
    return {"committed": True, "statement": commitment.statement, "status": commitment.status}
