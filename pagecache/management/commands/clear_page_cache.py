from django.core.management.base import BaseCommand

from pagecache.versions import bump_content_version


class Command(BaseCommand):
    help = (
        "Make every cached public page stale, e.g. after deploying new templates "
        "(content edits do this by themselves)."
    )

    def handle(self, *args, **options):
        bump_content_version()
        self.stdout.write("Every cached page will be rendered afresh.")
