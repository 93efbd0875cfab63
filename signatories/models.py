from __future__ import annotations

import datetime
import unicodedata

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Q, Value, When
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from lib.addresses import normalise_email
from outbox.models import Notification
from publishing.models import TracksTranslations
from publishing.rendering import render_markdown
from toolkit.models import Theme

from .activity import inactive_on
from .names import name_key
from .regions import Region, region_of


def unidecode_ascii(text: str) -> str:
    """ "Bogotá" → "Bogota": plain addresses in every language."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


PRIVACY_NOTICE_VERSION = "2026-11-27.4"  # bump whenever the notice changes
ACTIVE_STATUSES = ["pending", "approved"]
# Staff with it see contact details, and the emails written to them.
CONTACT_PERMISSION = "signatories.view_contact_details"
RESERVED_SLUGS = {"map", "update", "updates", "progress", "ask-your-city", "feed", "badge"}


class SignatoryQuerySet(models.QuerySet):
    def approved(self) -> SignatoryQuerySet:
        return self.filter(status=Signatory.Status.APPROVED)

    def with_activity(self) -> SignatoryQuerySet:
        """Each with `inactive`, as the registered rule says today (signatories/activity.py)."""
        return self.annotate(inactive=inactive_on(timezone.localdate()))

    def in_list_order(self, *, by_kind: bool = False, countries=()) -> SignatoryQuerySet:
        """Active first; by kind, or by region (unknown last) and country (in the order of
        the codes in `countries`: the reader's alphabet); then by name."""
        unknown_last = Case(When(region="", then=Value(1)), default=Value(0))
        ranks = [When(country=code, then=Value(rank)) for rank, code in enumerate(countries)]
        # a Case without a When is a bare number, which PostgreSQL reads as a column position
        by_name = [Case(*ranks, default=Value(len(ranks)))] if ranks else []
        order = ["kind"] if by_kind else [unknown_last, "region", *by_name, "country"]
        listed = self.with_activity()
        return listed.order_by("inactive", *order, Lower("organisation"), "pk")

    def active(self) -> SignatoryQuerySet:
        """Pending and approved requests: a new one like them is a possible duplicate."""
        return self.filter(status__in=ACTIVE_STATUSES)

    def like(self, *, organisation: str, country: str, email: str) -> SignatoryQuerySet:
        """Requests for the same institution (the same name, as `name_key` compares them,
        in the same country) or the same contact address."""
        key = name_key(organisation)  # none for a name in another script: compared as it is
        same_name = Q(name_key=key) if key else Q(organisation__iexact=organisation)
        same_institution = same_name & Q(country=country)
        same_contact = Q(contact_email=email) if email else Q(pk__in=[])
        return self.filter(same_institution | same_contact)


class Signatory(TracksTranslations):
    """An institution that asked to join the call to action, and the review of its request."""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("Metropolitan, regional or local government")
        INTERNATIONAL = "international", _("International organisation")
        NETWORK = "network", _("Network or association")
        OTHER = "other", _("Other institution")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending review")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn from the call")

    class Source(models.TextChoices):
        """Where a request came from: only those sent through the form count as requests."""

        WEB = "web", _("Web form")
        IMPORTED = "imported", _("Imported")
        SETUP = "setup", _("Loaded at setup")

    organisation = models.CharField(_("organisation"), max_length=200)
    # What the name names (names.py), kept on save: compared on every join request.
    name_key = models.CharField(max_length=200, blank=True, editable=False)
    # The profile's address, given on approval; kept if the name changes later.
    slug = models.SlugField(_("profile address"), max_length=220, blank=True, editable=False)
    kind = models.CharField(_("kind of institution"), max_length=20, choices=Kind.choices)
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = CountryField(_("country"), blank=True)
    region = models.CharField(
        _("region"), max_length=20, choices=Region.choices, blank=True, editable=False
    )
    website = models.URLField(_("website"), max_length=300, blank=True)
    logo = models.ForeignKey(
        "media_library.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("logo"),
        help_text=_("From the image library; shown on the signatory's public profile."),
    )
    themes = models.ManyToManyField(
        Theme,
        blank=True,
        related_name="signatories",
        verbose_name=_("thematic areas"),
        help_text=_("The areas the institution commits to work on."),
    )
    profile = models.TextField(
        _("profile"),
        max_length=5000,
        blank=True,
        help_text=_("Markdown. What the institution does for the call, on its public profile."),
    )
    profile_html = models.TextField(editable=False, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=7,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("Of the city, for its mark on the map (e.g. 41.3874)."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=7,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    public_note = models.CharField(
        _("public note"),
        max_length=120,
        blank=True,
        help_text=_("Shown on the public list, e.g. “Metropolis Co-Presidency”."),
    )

    # Personal data: never shown publicly.
    contact_name = models.CharField(_("contact name"), max_length=120, blank=True)
    contact_role = models.CharField(_("contact role"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    message = models.TextField(_("message"), max_length=2000, blank=True)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    consent_version = models.CharField(_("privacy notice version"), max_length=20, blank=True)
    contact_erased_at = models.DateTimeField(
        _("contact details erased at"), null=True, blank=True, editable=False
    )

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    source = models.CharField(
        _("source"),
        max_length=10,
        choices=Source.choices,
        default=Source.WEB,
        help_text=_(
            "Web form: sent by the institution through the join form. Imported: entered by "
            "staff. Loaded at setup: the starting list of signatories (fixtures/)."
        ),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    possible_duplicate = models.BooleanField(
        _("possible duplicate"),
        default=False,
        editable=False,
        help_text=_(
            "When it was sent, another pending or approved request had the same contact "
            "address, or the same or a similar institution name in the same country."
        ),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )

    # The emails written about the request: erased and deleted with its contact details.
    notifications = GenericRelation(
        Notification,
        content_type_field="about_type",
        object_id_field="about_id",
        related_query_name="signatory",
    )

    objects = SignatoryQuerySet.as_manager()

    class Meta:
        ordering = ["organisation"]
        verbose_name = _("join request")
        verbose_name_plural = _("join requests")
        permissions = [("view_contact_details", _("Can see the contact details of requests"))]
        constraints = [
            models.UniqueConstraint(
                "slug", condition=~Q(slug=""), name="signatory_profile_address_unique"
            ),
            # Pending duplicates are kept for the officer (refusing them would tell anyone
            # who is registered); two approved requests for one institution never are.
            models.UniqueConstraint(
                Lower("organisation"),
                "country",
                condition=Q(status="approved"),
                name="one_approved_request_per_organisation_and_country",
            ),
            models.UniqueConstraint(
                Lower("contact_email"),
                condition=Q(status="approved") & ~Q(contact_email=""),
                name="one_approved_request_per_contact_email",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-submitted_at"]),
            models.Index(fields=["status", "reviewed_at"], name="signatory_status_reviewed"),
            models.Index(fields=["country", "name_key"], name="signatory_country_name_key"),
            models.Index(fields=["contact_email"], name="signatory_contact_email"),
        ]

    def __str__(self) -> str:
        return self.organisation

    def save(self, *args, **kwargs) -> None:
        region = region_of(self.country.code if self.country else "")
        self.region = region.value if region else ""
        self.profile_html = render_markdown(self.profile)
        self.contact_email = normalise_email(self.contact_email)
        self.name_key = name_key(self.organisation)
        if self.status == self.Status.APPROVED and not self.slug:
            self.slug = self.free_slug()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "slug", "profile_html", "name_key"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("signatories:profile", kwargs={"slug": self.slug})

    def free_slug(self) -> str:
        base = slugify(unidecode_ascii(self.organisation))[:200] or "signatory"
        if base in RESERVED_SLUGS:  # addresses of other pages under /signatories/
            base = f"{base}-signatory"
        taken = set(
            Signatory.objects.filter(slug__startswith=base)
            .exclude(pk=self.pk)
            .values_list("slug", flat=True)
        )
        return next(
            slug
            for n in range(1, len(taken) + 2)
            if (slug := base if n == 1 else f"{base}-{n}") not in taken
        )

    @property
    def public(self) -> bool:
        return self.status == self.Status.APPROVED and bool(self.slug)

    @property
    def joined_on(self) -> datetime.date | None:
        return self.reviewed_at.date() if self.reviewed_at else None


class ReportedTotal(TracksTranslations):
    """A total of signatories that Metropolis reported, with its date and source.

    The public list holds only the signatories known by name; this says how many there
    were by a given day, so pages can show both for what they are.
    """

    more_than = models.PositiveIntegerField(
        _("more than"), help_text=_("The reported figure, as in “more than 30”.")
    )
    reported_on = models.DateField(_("reported on"))
    source = models.CharField(_("source"), max_length=200)
    source_url = models.URLField(_("source link"), max_length=500, blank=True)

    class Meta:
        ordering = ["-reported_on"]
        get_latest_by = "reported_on"
        verbose_name = _("reported total of signatories")
        verbose_name_plural = _("reported totals of signatories")

    def __str__(self) -> str:
        return f"> {self.more_than} ({self.reported_on:%Y-%m-%d})"
