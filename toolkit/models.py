from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lib.links import link_key, links_in
from media_library.models import Illustrated, WithDocuments
from publishing.models import (
    LANGUAGE_CODES,
    Collection,
    PublishedContent,
    PublishedQuerySet,
    count_of,
)

THEME_COUNT = 8


class ThemeQuerySet(models.QuerySet):
    def with_insight_counts(self) -> ThemeQuerySet:
        # A subquery per theme, not a join and GROUP BY over every theme column.
        return self.annotate(insight_count=count_of(Insight.objects.published(), "theme"))


class Theme(Collection, Illustrated):
    """One of the toolkit's eight thematic areas."""

    position = models.PositiveSmallIntegerField(
        _("position"),
        unique=True,
        validators=[MinValueValidator(1), MaxValueValidator(THEME_COUNT)],
        help_text=_("Order of the area in the toolkit, 1 to 8."),
    )
    summary = models.CharField(_("summary"), max_length=300)

    objects = ThemeQuerySet.as_manager()

    class Meta(Collection.Meta):
        ordering = ["position"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = [
            models.CheckConstraint(
                condition=Q(position__gte=1) & Q(position__lte=THEME_COUNT),
                name="theme_position_1_to_8",
            )
        ]

    def get_absolute_url(self) -> str:
        return reverse("toolkit:theme", kwargs={"theme": self.slug})


class InsightQuerySet(PublishedQuerySet):
    def for_listing(self) -> InsightQuerySet:
        return self.select_related("theme", "image").prefetch_related("tags")

    def latest_first(self) -> InsightQuerySet:
        """By publication date, newest first; within a day, the last to go public first,
        then by title (not the slug order that otherwise reads as an alphabetical list)."""
        went_public = F("first_published_at").desc(nulls_last=True)
        return self.order_by("-published_on", went_public, "title", "pk")


# The groups of items public pages read (pagecache/shown.py): an area's and a tag's
# insights or entries, the insights an entry feeds, the entries feeding an insight.
def in_theme(theme_id) -> str:
    return f"theme:{theme_id}"


def tagged(tag_id) -> str:
    return f"tag:{tag_id}"


def fed_by(entry_id) -> str:
    return f"entry:{entry_id}"


def feeding(insight_id) -> str:
    return f"insight:{insight_id}"


class Insight(PublishedContent, Illustrated, WithDocuments):
    """A key insight of the toolkit, under one thematic area."""

    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, related_name="insights", verbose_name=_("theme")
    )
    body = models.TextField(_("body"), help_text=_("Markdown."))
    source_url = models.URLField(_("source link"), max_length=500, blank=True)

    objects = InsightQuerySet.as_manager()

    class Meta(PublishedContent.Meta):
        # Slugs, unlike titles, are the same in every language.
        ordering = ["-published_on", "slug"]
        verbose_name = _("insight")
        verbose_name_plural = _("insights")
        indexes = [
            models.Index(fields=["theme", "status", "-published_on"]),
            # the newest first (home, feeds) and the sitemap's last change
            models.Index(fields=["status", "-published_on", "slug"], name="insight_newest"),
            models.Index(fields=["status", "published_on", "updated_at"], name="insight_changed"),
            *PublishedContent.Meta.indexes,
        ]

    def groups(self) -> list[str]:
        """The groups of insights public pages read it in (pagecache/shown.py)."""
        groups = [in_theme(self.theme_id)]
        if self.pk:
            groups += [tagged(pk) for pk in self.tags.values_list("pk", flat=True)]
            groups += [fed_by(pk) for pk in self.related_entries.values_list("pk", flat=True)]
        return groups

    def get_absolute_url(self) -> str:
        return reverse("toolkit:insight", kwargs={"theme": self.theme.slug, "insight": self.slug})

    def cites(self, *addresses: str) -> bool:
        """Whether its source or a link in its text, in any language, is one of `addresses`."""
        bodies = " ".join(getattr(self, f"body_html_{code}") or "" for code in LANGUAGE_CODES)
        cited = links_in(bodies)
        if self.source_url:
            cited.add(link_key(self.source_url))
        return any(address and link_key(address) in cited for address in addresses)

    def neighbours(self) -> tuple[Insight | None, Insight | None]:
        """The published insights before and after this one in its theme's list order."""
        siblings = Insight.objects.published().filter(theme_id=self.theme_id).exclude(pk=self.pk)
        newer = (
            siblings.filter(
                Q(published_on__gt=self.published_on)
                | Q(published_on=self.published_on, slug__lt=self.slug)
            )
            .order_by("published_on", "-slug")
            .first()
        )
        older = siblings.filter(
            Q(published_on__lt=self.published_on)
            | Q(published_on=self.published_on, slug__gt=self.slug)
        ).first()
        for neighbour in (newer, older):
            if neighbour:
                neighbour.theme = self.theme
        return newer, older
