"""The worker's rendition queue (`jobs.queue`): one job per uploaded or changed image."""

from __future__ import annotations

import datetime

from jobs.queue import work_through

from .models import Image, RenditionJob
from .renditions import delete_renditions, make_renditions
from .signals import renditions_made


def make_image_renditions(job: RenditionJob) -> None:
    image = Image.objects.get(pk=job.image_id)
    previous = image.renditions
    made = [rendition.as_dict() for rendition in make_renditions(image)]
    # Only if the picture is still the one the renditions were made from.
    updated = Image.objects.filter(
        pk=image.pk, file=image.file.name, focal_x=image.focal_x, focal_y=image.focal_y
    ).update(renditions=made)
    if updated:
        renditions_made.send(sender=Image, instance=image)
        names = {rendition["name"] for rendition in made}
        delete_renditions([r for r in previous if r["name"] not in names])
    else:
        delete_renditions(made)


def make_due_renditions(now: datetime.datetime | None = None, limit: int = 20) -> int:
    """One failing image (a file gone from storage) does not hold up the others."""
    return work_through(RenditionJob, make_image_renditions, now=now, limit=limit)
