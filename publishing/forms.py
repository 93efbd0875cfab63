"""Form fields that every filter of the portal shares."""

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from lib.collation import sorted_by_name


class CountryFilterField(forms.ChoiceField):
    """Any ISO 3166 country, upper or lower case (an empty result is an honest answer);
    anything else is refused. The menu offers only the countries that have content (the
    form's `menu_countries`): the field renders none, so it holds no list of every country
    to copy for each form, and checks a code against the ISO list itself."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Country"))
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        return super().to_python(value).strip().upper()

    def valid_value(self, value) -> bool:
        return value in countries


def countries_among(codes) -> list[tuple[str, str]]:
    """(code, name) of the given countries, in the reader's alphabet."""
    codes = set(codes)
    return sorted_by_name(((code, name) for code, name in countries if code in codes), _name)


def _name(country: tuple[str, str]) -> str:
    return country[1]


MAX_PO_BYTES = 5 * 1024 * 1024
PO_SALT = "publishing.po-import"


class TranslationFileForm(forms.Form):
    """Import a PO file: first a dry run (the file), then the same content, signed, to apply."""

    language = forms.ChoiceField(label=_("Language"))
    file = forms.FileField(label=_("PO file"), required=False)
    checked = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, languages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = languages

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload and upload.size > MAX_PO_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        if not upload and not cleaned.get("checked"):
            raise forms.ValidationError(_("Choose a PO file to check."))
        return cleaned

    def content(self) -> bytes:
        if self.cleaned_data.get("file"):
            return self.cleaned_data["file"].read()
        try:
            return signing.loads(self.cleaned_data["checked"], salt=PO_SALT, max_age=3600).encode()
        except signing.BadSignature as error:
            raise ValueError(_("This check has expired: choose the file again.")) from error

    @property
    def applying(self) -> bool:
        return bool(self.cleaned_data.get("checked"))


def sign_checked(content: bytes) -> str:
    return signing.dumps(content.decode("utf-8"), salt=PO_SALT, compress=True)
