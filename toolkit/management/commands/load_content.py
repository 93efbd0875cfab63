import json

from django.conf import settings
from django.core.management.base import BaseCommand

from toolkit.models import Theme
from toolkit.services import toolkit_load_content

FIXTURES_DIR = settings.BASE_DIR / "fixtures"


class Command(BaseCommand):
    help = "Load the portal's starting content from fixtures/ (idempotent: matched by slug)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already has content (used by `make run`).",
        )

    def handle(self, *args, if_empty=False, **options):
        if if_empty and Theme.objects.exists():
            self.stdout.write("Content already present: nothing loaded.")
            return
        with open(FIXTURES_DIR / "toolkit.json", encoding="utf-8") as f:
            themes, insights = toolkit_load_content(data=json.load(f))
        self.stdout.write(self.style.SUCCESS(f"Loaded {themes} themes and {insights} insights."))
