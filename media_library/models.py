"""The image and document library: checked uploads, alt text in every language, credits.

An image is shown only through its renditions (resized copies in WebP and JPEG or PNG),
which the worker makes after the upload; until then pages show no picture, never the
original. A document is served at an address with a random folder, and only while
published content uses it. Content models get an image or documents from the abstract
mixins below.
"""

from __future__ import annotations

import datetime
import secrets

from django.apps import apps
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobs.models import QueuedJob
from publishing.models import TracksTranslations, published

from .renditions import delete_files, delete_renditions

PERCENT = [MinValueValidator(0), MaxValueValidator(100)]


class Licence(models.TextChoices):
    CC0 = "cc0", _("CC0 (public domain dedication)")
    PUBLIC_DOMAIN = "public-domain", _("Public domain")
    CC_BY = "cc-by-4.0", _("Creative Commons Attribution 4.0")
    CC_BY_SA = "cc-by-sa-4.0", _("Creative Commons Attribution-ShareAlike 4.0")
    PERMISSION = "permission", _("Used with the holder's permission")
    METROPOLIS = "metropolis", _("© Metropolis, all rights reserved")


class Image(TracksTranslations):
    """A picture; its alt text is translated like content (an untranslated one is missing
    translation work, and readers see the English text meanwhile)."""

    title = models.CharField(_("title"), max_length=200, help_text=_("For staff: not shown."))
    file = models.ImageField(
        _("file"), upload_to="images/originals/", width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(_("width"), editable=False, default=0)
    height = models.PositiveIntegerField(_("height"), editable=False, default=0)
    decorative = models.BooleanField(
        _("decorative"),
        default=False,
        help_text=_("Adds nothing a reader would miss: shown with empty alt text."),
    )
    alt_text = models.CharField(
        _("alt text"),
        max_length=300,
        blank=True,
        help_text=_("What the picture shows, for someone who cannot see it; not a file name."),
    )
    credit = models.CharField(_("credit"), max_length=200, help_text=_("Who made it."))
    licence = models.CharField(_("licence"), max_length=20, choices=Licence.choices)
    source_url = models.URLField(_("source"), max_length=500, blank=True)
    focal_x = models.PositiveSmallIntegerField(
        # xgettext:no-python-format
        _("focal point, % from the left"),
        null=True,
        blank=True,
        validators=PERCENT,
    )
    focal_y = models.PositiveSmallIntegerField(
        # xgettext:no-python-format
        _("focal point, % from the top"),
        null=True,
        blank=True,
        validators=PERCENT,
    )
    # Written by the worker: [{"shape", "format", "width", "height", "name"}, ...]
    renditions = models.JSONField(_("renditions"), default=list, blank=True, editable=False)
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        saved = getattr(self, "_saved_look", None)
        looks_new = self.look() != saved
        if looks_new:
            stale, self.renditions = self.renditions, []
            transaction.on_commit(lambda: delete_renditions(stale))
        if saved and saved[0] != self.file.name:  # a new picture: the old original goes
            transaction.on_commit(lambda: delete_files([saved[0]]))
        super().save(*args, **kwargs)
        if looks_new:
            RenditionJob.objects.create(image=self)
        self._saved_look = self.look()

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        if {"file", "focal_x", "focal_y"} <= set(field_names):
            instance._saved_look = instance.look()
        return instance

    def look(self) -> tuple:
        """What the renditions depend on: a change means making them again."""
        return (self.file.name, self.focal_x, self.focal_y)

    def files(self) -> list[str]:
        return [self.file.name, *(rendition["name"] for rendition in self.renditions)]

    @property
    def ready(self) -> bool:
        return bool(self.renditions)

    @property
    def alt(self) -> str:
        return "" if self.decorative else self.alt_text


class RenditionJob(QueuedJob):
    """Make an image's renditions: queued with the upload, done by the worker."""

    class Status(models.TextChoices):
        PENDING = QueuedJob.PENDING, _("Waiting")
        DONE = "done", _("Done")
        FAILED = QueuedJob.FAILED, _("Failed")

    MAX_ATTEMPTS = 5
    lease_seconds = 120

    image = models.ForeignKey(
        Image, on_delete=models.CASCADE, related_name="rendition_jobs", verbose_name=_("image")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    class Meta:
        ordering = ["-queued_at"]
        verbose_name = _("rendition job")
        verbose_name_plural = _("rendition jobs")
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.image} ({self.get_status_display()})"

    def gives_up(self, now: datetime.datetime) -> bool:
        return self.attempts >= self.MAX_ATTEMPTS

    def mark_done(self) -> None:
        RenditionJob.objects.filter(pk=self.pk).update(
            status=self.Status.DONE, done_at=timezone.now(), last_error=""
        )


def document_languages() -> list[tuple[str, str]]:
    return [*settings.LANGUAGES, ("pt", _("Portuguese")), ("other", _("Other language"))]


def document_path(document: Document, filename: str) -> str:
    """A folder of 128 random bits per upload: the address of a document cannot be
    guessed from its file name, and a replaced file gets a new one."""
    return f"documents/{secrets.token_hex(16)}/{filename}"


class DocumentFile(FieldFile):
    @property
    def url(self) -> str:
        """The portal's address, which applies the publication rule: never the storage's."""
        self._require_file()
        return reverse("document_file", kwargs={"name": self.name.removeprefix("documents/")})


class DocumentFileField(models.FileField):
    attr_class = DocumentFile


class DocumentQuerySet(models.QuerySet):
    def public(self) -> DocumentQuerySet:
        """Documents that published content uses (`WithDocuments`: insights, entries)."""
        used = Q(pk__in=[])
        for model in apps.get_models():
            if issubclass(model, WithDocuments):
                used |= Q(pk__in=model._default_manager.filter(published()).values("documents"))
        return self.filter(used)


class Document(models.Model):
    """A PDF attached to insights or entries: a report, a presentation. Public only while
    a published item uses it (`media_library.views.document_file`)."""

    title = models.CharField(_("title"), max_length=200)
    file = DocumentFileField(_("file"), upload_to=document_path, max_length=255)
    language = models.CharField(
        _("language"), max_length=8, choices=document_languages, default="en"
    )
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0, editable=False)
    pages = models.PositiveIntegerField(_("pages"), default=0, editable=False)
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now, editable=False)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        previous = getattr(self, "_saved_file", None)
        super().save(*args, **kwargs)
        if previous and previous != self.file.name:  # replaced: the old file goes
            transaction.on_commit(lambda: delete_files([previous]))
        self._saved_file = self.file.name

    def get_absolute_url(self) -> str:
        return self.file.url

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        if "file" in field_names:
            instance._saved_file = instance.file.name
        return instance

    def files(self) -> list[str]:
        return [self.file.name]


class Illustrated(models.Model):
    """Content with an optional picture (themes, programmes, insights, entries)."""

    image = models.ForeignKey(
        Image,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("image"),
    )

    class Meta:
        abstract = True


class WithDocuments(models.Model):
    """Published content with attached documents (insights, entries): a document is
    public while one of them that is published uses it."""

    documents = models.ManyToManyField(
        Document, blank=True, related_name="+", verbose_name=_("documents")
    )

    class Meta:
        abstract = True
