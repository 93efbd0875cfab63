"""Published content: the one publication rule, and the fields every kind of it shares."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core import signing
from django.db import models
from django.db.models import Count, Min, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from .rendering import render_markdown_translations
from .translation_status import english_hash, stamp, status, text_fields

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
TRACKING_FIELDS = ("english_hash", "english_changed_at", "translated_from")


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


def count_of(rows: models.QuerySet, field: str):
    """How many of `rows` point at the outer row through `field`, as an annotation."""
    counted = rows.filter(**{field: OuterRef("pk")}).order_by().values(field)
    return Coalesce(Subquery(counted.annotate(n=Count("pk")).values("n")), 0)


class PublishedQuerySet(models.QuerySet):
    def published(self) -> PublishedQuerySet:
        return self.filter(published())

    def drafts(self) -> PublishedQuerySet:
        return self.filter(status=PublicationStatus.DRAFT)

    def scheduled(self) -> PublishedQuerySet:
        """Published, with a publication date still to come: hidden until that day."""
        return self.filter(
            status=PublicationStatus.PUBLISHED, published_on__gt=timezone.localdate()
        )

    def next_publication_day(self, today: datetime.date) -> datetime.date | None:
        """The first day after `today` on which published content appears (pagecache)."""
        scheduled = self.filter(status=PublicationStatus.PUBLISHED, published_on__gt=today)
        return scheduled.aggregate(day=Min("published_on"))["day"]


class TracksTranslations(models.Model):
    """Remembers which English text each translation was made from (translation_status.py)."""

    english_hash = models.CharField(max_length=64, blank=True, editable=False)
    english_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    translated_from = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        fields = text_fields(type(self))
        names = [f"{n}_{code}" for n in fields for code in LANGUAGE_CODES]
        only = kwargs.get("update_fields")
        if only is not None and not {*fields, *names} & set(only):
            return super().save(*args, **kwargs)  # no text saved (a status, a date): no stamp
        rows = type(self).objects.filter(pk=self.pk) if self.pk else None
        stamp(self, rows.values("english_hash", *names).first() if rows else None, timezone.now())
        if only is not None:
            kwargs["update_fields"] = {*only, *TRACKING_FIELDS}
        super().save(*args, **kwargs)

    def translation_status(self, code: str) -> str:
        return status(self, code)


def next_review_date():
    return timezone.localdate() + datetime.timedelta(days=settings.CONTENT_REVIEW_EVERY_DAYS)


class Reviewed(TracksTranslations):
    """A date by which a curator should check the item is still right: moved on whenever
    its English text changes (a substantive change) or a curator marks it reviewed."""

    review_by = models.DateField(
        _("review by"),
        null=True,
        blank=True,
        help_text=_(
            "Moved on when the English text changes or the item is marked reviewed; "
            "set it earlier if something it says will change sooner."
        ),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        only = kwargs.get("update_fields")
        texts = only is None or bool(set(text_fields(type(self))) & set(only))
        if self.review_by is None or (texts and english_hash(self) != self.english_hash):
            self.review_by = next_review_date()
            if only is not None:
                kwargs["update_fields"] = {*only, "review_by"}
        super().save(*args, **kwargs)


class Collection(Reviewed):
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


class PublishedContent(Reviewed):
    """Translated title, summary and Markdown body, tags and a publication status and date.

    The body is rendered to sanitised HTML on save (every language); what search reads is
    refreshed after (publishing/search_vectors.py). Subclasses add what is theirs and
    extend `Meta.indexes`.
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
    # When it was first set to published (its publication date may be earlier): digests
    # tell readers about what became visible since the last one.
    first_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    # What search reads is kept apart, current on save (publishing/search_vectors.py): a
    # narrow row of its own on PostgreSQL (SearchRow), SQLite's full-text table.

    objects = PublishedQuerySet.as_manager()

    class Meta(Reviewed.Meta):
        abstract = True
        indexes = [
            # tags used by public content, the newest first (search/kinds.py)
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
        if self.status == PublicationStatus.PUBLISHED and self.first_published_at is None:
            self.first_published_at = timezone.now()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "first_published_at"}
        super().save(*args, **kwargs)

    @property
    def is_scheduled(self) -> bool:
        """Published with a date still to come: readers see it from that day."""
        return self.status == self.Status.PUBLISHED and self.published_on > timezone.localdate()

    def render(self) -> None:
        """Render the Markdown of every language to HTML (on save, and for previews)."""
        render_markdown_translations(self, "body", "body_html")


class ShareLinkQuerySet(models.QuerySet):
    def for_item(self, item) -> ShareLinkQuerySet:
        content_type = ContentType.objects.get_for_model(item)
        return self.filter(content_type=content_type, object_id=item.pk)

    def active(self) -> ShareLinkQuerySet:
        return self.filter(revoked_at=None, expires_at__gt=timezone.now())


class ShareLink(models.Model):
    """A signed address at which anyone can read one draft until it expires or is revoked.

    The address carries the link's id, signed with the secret key: it cannot be guessed or
    altered, and revoking or expiring it in the database ends it at once.
    """

    SALT = "publishing.share-link"
    # addresses without a time stamp (one address per link); a salt of their own, so that
    # neither kind of token can be read as the other
    STABLE_SALT = "publishing.share-link.stable"

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = ShareLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        verbose_name = _("share link")
        verbose_name_plural = _("share links")

    def __str__(self) -> str:
        return f"{self.content_type.model} {self.object_id} until {self.expires_at:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        # the same address every time it is shown (no time stamp: the link's expiry is its own)
        token = signing.Signer(salt=self.STABLE_SALT).sign_object(self.pk, compress=True)
        return reverse("publishing:shared", kwargs={"token": token})

    @classmethod
    def from_token(cls, token: str) -> ShareLink | None:
        """The active link behind `token`; None when it is forged, expired or revoked."""
        try:
            pk = signing.Signer(salt=cls.STABLE_SALT).unsign_object(token)
        except signing.BadSignature:
            try:  # a link made before addresses were stable
                pk = signing.loads(token, salt=cls.SALT)
            except signing.BadSignature:
                return None
        return cls.objects.active().filter(pk=pk).first() if isinstance(pk, int) else None

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class SearchRow(models.Model):
    """An item as search ranks it on PostgreSQL, in a narrow row: its vectors (title A,
    summary B, body C; the title's alone), and for the kinds that can be many (insights,
    entries) whether it is published and from which day and the areas a search can be
    narrowed to. Ranking reads these rows, never the content's wide ones. Kept in step
    with the content by publishing/search_vectors.py (saves, deletes, area changes, bulk
    status changes); empty on SQLite, whose full-text table plays this part."""

    kind = models.PositiveSmallIntegerField()  # the number the kind is registered with
    item = models.BigIntegerField()
    # its status, its date aside (kinds without one: true, and search/kinds.py's rule)
    published = models.BooleanField()
    published_on = models.DateField(null=True)
    themes = ArrayField(models.IntegerField(), default=list)
    search_vector = SearchVectorField(null=True)
    title_vector = SearchVectorField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "item"], name="one_search_row_per_item")
        ]
        indexes = [
            GinIndex(fields=["search_vector"], name="search_row_vector_gin"),
            GinIndex(fields=["title_vector"], name="search_row_title_vector_gin"),
            # the newest published items of a kind first (search/candidates.py)
            models.Index(
                "kind",
                models.F("item").desc(),
                condition=Q(published=True),
                name="search_row_newest_published",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.item}"
