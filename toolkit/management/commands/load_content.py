import json

from django.conf import settings
from django.core.management.base import BaseCommand

from initiatives.services import initiatives_load_content, initiatives_load_translations
from signatories.services import signatories_load_content
from toolkit.models import Theme
from toolkit.services import toolkit_load_content, toolkit_load_translations

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

    def handle(self, *args, if_empty=False, **options):
        if if_empty and Theme.objects.exists():
            self.stdout.write("Content already present: nothing loaded.")
            return
        themes, insights = toolkit_load_content(data=read_fixture("toolkit.json"))
        programmes, entries = initiatives_load_content(data=read_fixture("initiatives.json"))
        signatories = signatories_load_content(data=read_fixture("signatories.json"))
        translated = 0
        for path in sorted((FIXTURES_DIR / "translations").glob("*.json")):
            data = read_fixture(f"translations/{path.name}")
            translated += toolkit_load_translations(data=data, language=path.stem)
            translated += initiatives_load_translations(data=data, language=path.stem)
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {themes} themes, {insights} insights, {programmes} programmes, "
                f"{entries} initiative entries, {signatories} signatories and "
                f"{translated} translations."
            )
        )
