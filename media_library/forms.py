from __future__ import annotations

from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Document, Image
from .uploads import clean_image_upload, clean_pdf_upload, refuse_file_name_alt_text


def alt_text_fields() -> list[str]:
    return [f"alt_text_{code}" for code, _name in settings.LANGUAGES]


class ImageForm(forms.ModelForm):
    """The checks of `uploads` on the file; alt text in every language unless decorative."""

    # A plain file field: our checks give clearer messages than ImageField's one.
    file = forms.FileField(label=gettext_lazy("file"))
    source_url = forms.URLField(
        label=gettext_lazy("source"), max_length=500, required=False, assume_scheme="https"
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

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if "file" not in self.changed_data:
            return upload
        return clean_image_upload(upload)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decorative"):
            return cleaned
        for field in alt_text_fields():
            text = (cleaned.get(field) or "").strip()
            if not text:
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
