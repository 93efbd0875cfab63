from __future__ import annotations

from pathlib import PurePath
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from publishing.translation_status import SOURCE

from . import staging
from .models import Document, Image
from .uploads import clean_image_upload, clean_pdf_upload, refuse_file_name_alt_text

KEPT_FIELD = "file_staged"  # the signed token of the file kept from the last try
PREVIEW_BOX = 160  # CSS pixels; the preview itself is twice as large, for sharp screens


def alt_text_fields() -> list[str]:
    return [f"alt_text_{code}" for code, _name in settings.LANGUAGES]


class KeptFileInput(forms.FileInput):
    """A file input that shows the file kept from the last try, and carries its token."""

    kept: staging.StagedFile | None = None

    def use_required_attribute(self, initial) -> bool:
        return super().use_required_attribute(initial) and self.kept is None

    def render(self, name, value, attrs=None, renderer=None):
        chooser = super().render(name, value, attrs, renderer)
        if self.kept is None:
            return chooser
        width, height = self.kept.dimensions
        scale = min(1, PREVIEW_BOX / max(width, height))
        address = reverse("admin:media_library_image_kept")
        preview = f"{address}?{urlencode({'token': self.kept.token})}"
        return format_html(
            '<div class="kept-file">{}<input type="hidden" name="{}" value="{}">'
            '<p class="kept-file__preview"><img src="{}" alt="" width="{}" height="{}"> '
            "<span>{}, {}, {} × {}</span></p></div>",
            chooser, KEPT_FIELD, self.kept.token,
            preview, round(width * scale), round(height * scale),
            self.kept.content.name, filesizeformat(self.kept.content.size), width, height,
        )  # fmt: skip


class KeepsCheckedFile(forms.ModelForm):
    """A file that passed its checks is kept (`staging`) when another field has a mistake,
    and used when the form comes back without one: chosen once, checked once.

    `uploader`, set by the admin, owns the kept file; without one nothing is kept.
    """

    uploader = None
    kept: staging.StagedFile | None = None
    kept_refused: ValidationError | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        token = self.data.get(KEPT_FIELD) if self.is_bound and self.uploader else None
        if not token:
            return
        chosen = self.files.get("file")
        try:
            kept = staging.take(token, self.uploader)
        except ValidationError as error:
            if not chosen:
                self.kept_refused = error
                self.fields["file"].required = False  # the refusal says what to do
            return
        if chosen:
            staging.discard(kept)  # another file chosen: it replaces the kept one
            return
        self.kept = kept
        self.files = self.files.copy()
        self.files["file"] = kept.content

    def check_file(self, upload):
        raise NotImplementedError

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if self.kept_refused is not None:
            raise self.kept_refused
        if self.kept is not None and upload is self.kept.content:
            return upload  # checked before it was kept
        if "file" not in self.changed_data:
            return upload
        return self.check_file(upload)

    def full_clean(self):
        super().full_clean()
        if not self._errors or not self.uploader or "file" in self._errors:
            return
        if self.kept is None and "file" in self.changed_data:
            self.kept = staging.stage(self.cleaned_data["file"], self.uploader)
        if self.kept is not None:
            self.fields["file"].widget.kept = self.kept
            # On the bound field: it copied the field's help text when it was made.
            self["file"].help_text = _(
                "The file you chose is kept: choose another only to replace it."
            )

    def save(self, commit=True):
        saved = super().save(commit)
        if self.kept is not None:
            kept = self.kept
            transaction.on_commit(lambda: staging.discard(kept))
        return saved


class ImageForm(KeepsCheckedFile):
    """The checks of `uploads` on the file, once; alt text in English unless decorative,
    in French and Spanish when written (readers see the English text until then)."""

    # A plain file field: our checks give clearer messages than ImageField's one.
    file = forms.FileField(label=capfirst(gettext_lazy("file")), widget=KeptFileInput)
    source_url = forms.URLField(
        label=capfirst(gettext_lazy("source")),
        max_length=500,
        required=False,
        assume_scheme="https",
    )

    class Meta:
        model = Image
        fields = [
            "title",
            "file",
            "decorative",
            *alt_text_fields(),
            "credit",
            "licence",
            "source_url",
            "focal_x",
            "focal_y",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fallback = _("Optional: readers see the English text until this one is written.")
        for name in alt_text_fields():
            if name != f"alt_text_{SOURCE}" and name in self.fields:
                field = self.fields[name]
                field.help_text = f"{field.help_text} {fallback}".strip()

    def check_file(self, upload):
        return clean_image_upload(upload)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decorative"):
            # no alt text at all: none is shown, none waits for translators
            return {**cleaned, **dict.fromkeys(alt_text_fields(), "")}
        for field in alt_text_fields():
            text = (cleaned.get(field) or "").strip()
            if not text and field == f"alt_text_{SOURCE}":
                self.add_error(
                    field,
                    ValidationError(
                        _("Describe the picture in this language, or mark it decorative."),
                        code="alt_required",
                    ),
                )
                continue
            try:
                refuse_file_name_alt_text(text)
            except ValidationError as error:
                self.add_error(field, error)
        return cleaned


class DocumentForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = ["title", "file", "language"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if "file" in self.changed_data:
            self.instance.size, self.instance.pages = clean_pdf_upload(upload)
            stem = slugify(PurePath(upload.name or "document").stem)[:80] or "document"
            upload.name = f"{stem}.pdf"  # never .html or .svg, whatever it was called
        return upload
