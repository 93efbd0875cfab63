import json

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from publishing.loading import LOADERS

FIXTURES_DIR = settings.BASE_DIR / "fixtures"


def read_fixture(name: str) -> dict:
    with open(FIXTURES_DIR / name, encoding="utf-8") as f:
        return json.load(f)


class Command(BaseCommand):
    help = "Load the portal's starting content from fixtures/ (idempotent: matched by slug)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already has content (used by `make run`).",
        )

    @transaction.atomic
    def handle(self, *args, if_empty=False, **options):
        if if_empty and any(ld.marker and ld.marker.objects.exists() for ld in LOADERS):
            self.stdout.write("Content already present: nothing loaded.")
            return
        loaded = [
            loader.load(data=read_fixture(loader.fixture)) for loader in LOADERS if loader.load
        ]
        translated = 0
        for path in sorted((FIXTURES_DIR / "translations").glob("*.json")):
            data = read_fixture(f"translations/{path.name}")
            for loader in LOADERS:
                if loader.translate:
                    translated += loader.translate(data=data, language=path.stem)
        loaded.append(f"{translated} translations")
        self.stdout.write(self.style.SUCCESS(f"Loaded {', '.join(loaded)}."))
