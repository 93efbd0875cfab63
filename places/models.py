"""Places: a metropolis (a city, a city-region) in a country, curated once by staff, and
the links that say where each signatory and initiative entry is.

Signatories and entries name their city in free text; they never name a Place (their apps
sit below this one). The links live here: one row per signatory and per entry, kept by
matching (matching.py) and set by hand by staff, which then wins.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from initiatives.models import Entry
from publishing.models import TracksTranslations
from publishing.search_vectors import fold
from signatories.models import Signatory


def coordinate(label, limit: int) -> models.DecimalField:
    return models.DecimalField(
        label,
        max_digits=7,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(-limit), MaxValueValidator(limit)],
    )


class Place(TracksTranslations):
    country = CountryField(_("country"))
    slug = models.SlugField(
        _("address"), max_length=80, help_text=_("In the address of its page, after the country.")
    )
    name = models.CharField(_("name"), max_length=120)  # translated (translation.py)
    aliases = models.TextField(
        _("other names"),
        blank=True,
        max_length=2000,
        help_text=_(
            "One per line, as signatories and entries may write it: “Montreal”, “Ville de "
            "Montréal”. Accents and capitals do not matter."
        ),
    )
    description = models.TextField(_("description"), blank=True, max_length=2000)
    latitude = coordinate(_("latitude"), 90)
    longitude = coordinate(_("longitude"), 180)
    # every name and alias, folded, one per line between newlines: what matching reads
    keys = models.TextField(editable=False, blank=True)

    class Meta:
        ordering = ["country", "name"]
        verbose_name = _("place")
        verbose_name_plural = _("places")
        constraints = [
            models.UniqueConstraint(fields=["country", "slug"], name="one_place_per_address")
        ]

    def __str__(self) -> str:
        return f"{self.name_en or self.name} ({self.country.code})"

    def save(self, *args, **kwargs) -> None:
        self.keys = "\n" + "\n".join(sorted(self.name_keys())) + "\n"
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "keys"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse(
            "places:place", kwargs={"country": self.country.code.lower(), "place": self.slug}
        )

    def name_keys(self) -> set[str]:
        names = [getattr(self, f"name_{code}", "") or "" for code in ("en", "fr", "es")]
        names += self.aliases.splitlines()
        return {key for key in map(fold, names) if key}

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class Link(models.Model):
    place = models.ForeignKey(
        Place, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("place")
    )
    by_staff = models.BooleanField(
        _("linked by staff"),
        default=False,
        help_text=_("Kept as it is; otherwise the place is found again from the names."),
    )

    class Meta:
        abstract = True


class SignatoryPlace(Link):
    signatory = models.OneToOneField(
        Signatory,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="place_link",
        verbose_name=_("signatory"),
    )

    class Meta:
        verbose_name = _("place of a signatory")
        verbose_name_plural = _("places of signatories")
        indexes = [models.Index(fields=["place"], name="signatory_place")]

    def __str__(self) -> str:
        return str(self.signatory)


class EntryPlace(Link):
    entry = models.OneToOneField(
        Entry,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="place_link",
        verbose_name=_("initiative entry"),
    )

    class Meta:
        verbose_name = _("place of an initiative entry")
        verbose_name_plural = _("places of initiative entries")
        indexes = [models.Index(fields=["place"], name="entry_place")]

    def __str__(self) -> str:
        return str(self.entry)
