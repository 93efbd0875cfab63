"""The forms of profile updates: asking for a link, and the changes sent through it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.addresses import NormalisedEmailField
from signatories.forms import error_list
from signatories.models import Signatory
from toolkit.models import Theme

from .models import Commitment
from .models.commitments import PROGRESS_ONLY_UNDER_WAY


class UpdateLinkRequestForm(forms.Form):
    email = NormalisedEmailField(
        label=_("The email address we have for your institution"),
        max_length=254,
        help_text=_("The one used to join the call. We send a link to change the profile."),
    )


class ProfileUpdateForm(forms.Form):
    profile = forms.CharField(
        label=_("About your institution and the call"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        required=False,
        help_text=_("Markdown: *emphasis*, lists, [links](https://example.org)."),
    )
    website = forms.URLField(
        label=_("Website"), max_length=300, required=False, assume_scheme="https"
    )
    withdraw = forms.BooleanField(label=_("Withdraw our institution from the call"), required=False)
    withdraw_reason = forms.CharField(
        label=_("Why (for the policy officer)"), max_length=500, required=False
    )


class AreaForm(forms.Form):
    """One thematic area. Joined: what the institution commits to, how far along, a new
    update, or leaving it (said explicitly: nothing leaves unasked). Not joined: adding it."""

    add = forms.BooleanField(label=_("Add this area"), required=False)
    leave = forms.BooleanField(label=_("Withdraw from this area"), required=False)
    statement = forms.CharField(
        label=_("What you commit to"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=600,
        required=False,
    )
    status = forms.ChoiceField(
        label=_("Progress"), choices=Commitment.Status.choices, initial=Commitment.Status.PLANNED
    )
    progress = forms.IntegerField(
        label=_("Done (%)"),
        min_value=0,
        max_value=100,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
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

    def __init__(self, *args, theme: Theme, joined: bool, commitment: Commitment | None, **kwargs):
        initial = {}
        if commitment is not None:
            initial = {
                "statement": commitment.statement,
                "status": commitment.status,
                "progress": commitment.progress,
            }
        super().__init__(*args, prefix=theme.slug, initial=initial, **kwargs)
        self.theme, self.joined, self.committed = theme, joined, commitment is not None
        if joined:
            del self.fields["add"]
            self.fields["statement"].required = self.committed  # its words stay, or it leaves
        else:
            del self.fields["leave"]
            self.fields["statement"].help_text = _("Needed to add the area.")

    @property
    def chosen(self) -> bool:
        """The area is the institution's after this update."""
        data = self.cleaned_data
        return data.get("add", False) or (self.joined and not data.get("leave"))

    @property
    def opened(self) -> bool:
        """Shown open: what was typed into it, or its errors, stay in sight."""
        return bool(
            self.is_bound and (self.errors or ("add" in self.fields and self["add"].value()))
        )

    @property
    def update_opened(self) -> bool:
        fields = ("milestone_date", "milestone_text")
        return bool(self.is_bound and any(self[f].value() or self.errors.get(f) for f in fields))

    def clean(self):
        cleaned = super().clean()
        if not self.chosen:  # what is typed in an area not chosen (or left) does not count
            self._errors.clear()
            return cleaned
        statement = (cleaned.get("statement") or "").strip()
        if not statement and "statement" not in self.errors and not self.joined:
            self.add_error("statement", _("Say what you commit to in this area."))
        if self.committed and self.has_error("statement", "required"):
            self.errors["statement"] = self.error_class(
                [_("Say what you commit to in this area, or withdraw from it.")]
            )
        under_way = cleaned.get("status") == Commitment.Status.UNDER_WAY
        if cleaned.get("progress") is not None and not under_way and "status" not in self.errors:
            self.add_error("progress", PROGRESS_ONLY_UNDER_WAY)
        day, text = cleaned.get("milestone_date"), (cleaned.get("milestone_text") or "").strip()
        if day and day > timezone.localdate():
            self.add_error(
                "milestone_date", _("An update tells what has happened: not a future date.")
            )
        if bool(day) != bool(text) and "milestone_date" not in self.errors:
            self.add_error("milestone_text", _("Give both the date and what happened, or neither."))
        if (day or text) and not statement and "statement" not in self.errors:
            self.add_error("statement", _("Say what you commit to before adding an update."))
        return cleaned

    def commitment(self) -> dict[str, Any] | None:
        """The commitment as the update would publish it; None when nothing is stated."""
        statement = (self.cleaned_data.get("statement") or "").strip()
        if not self.chosen or not statement:
            return None
        day, milestone = self.cleaned_data.get("milestone_date"), None
        if day:
            milestone = {
                "date": day.isoformat(),
                "text": self.cleaned_data["milestone_text"].strip(),
            }
        return {
            "statement": statement,
            "status": self.cleaned_data["status"],
            "progress": self.cleaned_data.get("progress"),
            "milestone": milestone,
        }


class ProfileUpdate:
    """The whole update page: the profile form and one form per area, the areas joined
    first (open), the others to add."""

    def __init__(self, signatory: Signatory, data=None):
        current = {c.theme_id: c for c in signatory.commitments.all()}
        joined = {theme.pk for theme in signatory.themes.all()} | set(current)
        self.profile = ProfileUpdateForm(
            data, initial={"profile": signatory.profile, "website": signatory.website}
        )
        self.areas = [
            AreaForm(data, theme=theme, joined=theme.pk in joined, commitment=current.get(theme.pk))
            for theme in Theme.objects.order_by("position")
        ]

    @property
    def joined(self) -> list[AreaForm]:
        return [form for form in self.areas if form.joined]

    @property
    def others(self) -> list[AreaForm]:
        return [form for form in self.areas if not form.joined]

    @property
    def adding(self) -> bool:
        return any(form.opened for form in self.others)

    @property
    def withdrawing(self) -> bool:
        form = self.profile
        return bool(form.is_bound and (form["withdraw"].value() or form.errors))

    def is_valid(self) -> bool:
        return all([self.profile.is_valid(), *(form.is_valid() for form in self.areas)])

    @property
    def error_list(self) -> list[dict[str, str]]:
        if not self.profile.is_bound:
            return []
        areas = [error_list(form, label=form.theme.title) for form in self.areas]
        return [entry for entries in [error_list(self.profile), *areas] for entry in entries]

    def proposed(self) -> dict[str, Any]:
        commitments = {form.theme.slug: form.commitment() for form in self.areas}
        return {
            "profile": self.profile.cleaned_data["profile"].strip(),
            "website": self.profile.cleaned_data["website"],
            "areas": sorted(form.theme.slug for form in self.areas if form.chosen),
            "commitments": {slug: data for slug, data in commitments.items() if data},
            "withdraw": self.profile.cleaned_data["withdraw"],
            "withdraw_reason": self.profile.cleaned_data["withdraw_reason"].strip(),
        }


class ExtensionForm(forms.Form):
    """An officer's one extension of a cycle, with the reason kept beside it."""

    note = forms.CharField(
        label=_("Note"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text=_("Why more time is given. Kept with the extension, for the officers."),
    )
