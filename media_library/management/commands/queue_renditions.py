from django.core.management.base import BaseCommand

from media_library.models import Image, RenditionJob


class Command(BaseCommand):
    help = (
        "Queue the making of renditions for every image (after the widths or formats "
        "change), or only for those without any with --missing; the worker makes them."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--missing", action="store_true", help="Only images that have no renditions."
        )

    def handle(self, *args, missing=False, **options):
        images = Image.objects.all()
        if missing:
            images = images.filter(renditions=[])
        RenditionJob.objects.bulk_create(RenditionJob(image=image) for image in images)
        self.stdout.write(f"Queued {images.count()} image(s); `run_worker` makes them.")
