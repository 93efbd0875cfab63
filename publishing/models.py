"""Published content: the one publication rule, and the fields every kind of it shares."""

from __future__ import annotations

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from .rendering import render_markdown_translations
from .search_vectors import rebuild_search_vectors


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


def published(prefix: str = "") -> Q:
    """The rule for public content: published, and dated today or earlier.

    `prefix` applies it across a relation, e.g. `published("insights__")` on themes.
    """
    return Q(**{f"{prefix}status": PublicationStatus.PUBLISHED}) & Q(
        **{f"{prefix}published_on__lte": timezone.localdate()}
    )


class PublishedQuerySet(models.QuerySet):
    def published(self) -> PublishedQuerySet:
        return self.filter(published())


class Collection(models.Model):
    """A page that gathers content (a thematic area, a programme): a title and a Markdown
    description, rendered to sanitised HTML in every language on save."""

    title = models.CharField(_("title"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    description_html = models.TextField(editable=False, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.render()
        super().save(*args, **kwargs)

    def render(self) -> None:
        """Render the Markdown of every language to HTML (on save, and for previews)."""
        render_markdown_translations(self, "description", "description_html")


class PublishedContent(models.Model):
    """Translated title, summary and Markdown body, tags and a publication status and date.

    The body is rendered to sanitised HTML on save (every language), and the search
    vector refreshed. Subclasses add what is theirs and extend `Meta.indexes`.
    """

    Status = PublicationStatus

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    summary = models.CharField(_("summary"), max_length=300)
    body = models.TextField(_("body"), blank=True, help_text=_("Markdown."))
    body_html = models.TextField(editable=False, blank=True)
    tags = TaggableManager(_("tags"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_on = models.DateField(
        _("publication date"),
        default=timezone.localdate,
        help_text=_("Published content with a future date stays hidden until that day."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Weighted title, summary and body, kept up to date on save (PostgreSQL only).
    search_vector = SearchVectorField(null=True, editable=False)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        abstract = True
        indexes = [
            GinIndex(fields=["search_vector"], name="%(class)s_search_vector_gin"),
            # search ranks the newest published matches first (search/query.py)
            models.Index(
                fields=["-id"],
                condition=Q(status="published"),
                name="%(class)s_published_newest",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.render()
        super().save(*args, **kwargs)
        rebuild_search_vectors(type(self).objects.filter(pk=self.pk))

    def render(self) -> None:
        """Render the Markdown of every language to HTML (on save, and for previews)."""
        render_markdown_translations(self, "body", "body_html")
