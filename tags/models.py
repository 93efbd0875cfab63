"""A tag's name in every language of the portal.

Tags are taggit's (a third-party table, not migrated here): each has one row of names
beside it, kept by the signals in names.py. The English name is the tag's own; its slug,
and so its address, never changes with its names.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from publishing.models import TracksTranslations


class TagNames(TracksTranslations):
    tag = models.OneToOneField(
        Tag, on_delete=models.CASCADE, primary_key=True, related_name="names", verbose_name=_("tag")
    )
    # translated (translation.py): the English one is the tag's name, copied on save
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("tag name")
        verbose_name_plural = _("tag names")

    def __str__(self) -> str:
        return self.name_en or ""

    def save(self, *args, **kwargs) -> None:
        self.name_en = self.tag.name
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "name_en"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("tags:tag", kwargs={"tag": self.tag.slug})
