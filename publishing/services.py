from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from .models import ShareLink


def share_link_create(*, item, created_by=None, days: int | None = None) -> ShareLink:
    """A new link to `item` that expires in `days` (SHARE_LINK_DAYS by default)."""
    days = settings.SHARE_LINK_DAYS if days is None else days
    return ShareLink.objects.create(
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
        created_by=created_by,
        expires_at=timezone.now() + datetime.timedelta(days=days),
    )


def share_link_revoke(*, link: ShareLink) -> None:
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
