from __future__ import annotations

from django.db import models
from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from media_library.models import Illustrated, WithDocuments
from publishing.models import Collection, PublishedContent, PublishedQuerySet, count_of
from toolkit.models import Insight, Theme, feeding, in_theme, tagged


class ProgrammeQuerySet(models.QuerySet):
    def with_entry_counts(self) -> ProgrammeQuerySet:
        # A subquery per programme, not a join and GROUP BY over every programme column.
        return self.annotate(entry_count=count_of(Entry.objects.published(), "programme"))


class Programme(Collection, Illustrated):
    """One of the three initiatives: MetroTalks, Learning from Cities, Cities for Global Health."""

    position = models.PositiveSmallIntegerField(_("position"), unique=True)
    tagline = models.CharField(_("tagline"), max_length=200)

    objects = ProgrammeQuerySet.as_manager()

    class Meta(Collection.Meta):
        ordering = ["position"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def get_absolute_url(self) -> str:
        return reverse("initiatives:programme", kwargs={"programme": self.slug})


class EntryQuerySet(PublishedQuerySet):
    def for_listing(self) -> EntryQuerySet:
        return self.select_related("programme", "image")


# The groups of entries public pages read (pagecache/shown.py), besides an area's, a
# tag's and an insight's (toolkit/models.py): a programme's.
def in_programme(programme_id) -> str:
    return f"programme:{programme_id}"


class Entry(PublishedContent, Illustrated, WithDocuments):
    """A talk, a city leader's story or a city policy published by one of the programmes."""

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="entries", verbose_name=_("programme")
    )
    date = models.DateField(
        _("date"),
        null=True,
        blank=True,
        help_text=_("When the talk or event took place; leave empty when it is not known."),
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = CountryField(_("country"), blank=True)
    people = models.TextField(
        _("people"),
        blank=True,
        help_text=_("Speakers or city leaders, one per line: name, role, organisation."),
    )
    external_url = models.URLField(
        _("external link"), max_length=500, blank=True, help_text=_("The video or the source.")
    )
    themes = models.ManyToManyField(
        Theme, related_name="entries", blank=True, verbose_name=_("thematic areas")
    )
    insights = models.ManyToManyField(
        Insight,
        related_name="related_entries",
        blank=True,
        verbose_name=_("related insights"),
    )

    objects = EntryQuerySet.as_manager()

    class Meta(PublishedContent.Meta):
        ordering = [F("date").desc(nulls_last=True), "-created_at", "slug"]
        verbose_name = _("initiative entry")
        verbose_name_plural = _("initiative entries")
        indexes = [
            models.Index(fields=["programme", "status", "-date"]),
            # the list order (home, feeds) and the sitemap's last change
            # (SQLite cannot index NULLS LAST, and sorts NULL dates last anyway)
            models.Index(fields=["status", "-date", "-created_at", "slug"], name="entry_newest"),
            models.Index(fields=["status", "published_on", "updated_at"], name="entry_changed"),
            # a programme page's count and country menu, from the index alone
            models.Index(
                fields=["programme", "status", "published_on", "country"],
                name="entry_programme_countries",
            ),
            *PublishedContent.Meta.indexes,
        ]

    def groups(self) -> list[str]:
        """The groups of entries public pages read it in (pagecache/shown.py)."""
        groups = [in_programme(self.programme_id)]
        if self.pk:
            groups += [in_theme(pk) for pk in self.themes.values_list("pk", flat=True)]
            groups += [feeding(pk) for pk in self.insights.values_list("pk", flat=True)]
            groups += [tagged(pk) for pk in self.tags.values_list("pk", flat=True)]
        return groups

    def get_absolute_url(self) -> str:
        return reverse(
            "initiatives:entry", kwargs={"programme": self.programme.slug, "entry": self.slug}
        )

    @property
    def people_list(self) -> list[str]:
        """One line per person, in the reader's language (else in English)."""
        return [line.strip() for line in (self.people or "").splitlines() if line.strip()]

    @property
    def place(self) -> str:
        return ", ".join(part for part in [self.city, str(self.country.name or "")] if part)
