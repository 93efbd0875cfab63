from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from publishing.previews import PAGES
from publishing.services import share_link_create


class Command(BaseCommand):
    help = "Print a new share link to one item, e.g. `share_link toolkit.insight 12`."

    def add_arguments(self, parser):
        parser.add_argument("model", help="app_label.model, e.g. toolkit.insight")
        parser.add_argument("pk", type=int)
        parser.add_argument("--days", type=int, default=settings.SHARE_LINK_DAYS)

    def handle(self, *args, model, pk, days, **options):
        try:
            model_class = apps.get_model(model)
        except (LookupError, ValueError) as error:
            raise CommandError(f"Unknown model {model!r}: use app_label.model") from error
        if model_class not in PAGES:
            raise CommandError(f"{model} has no public page to share")
        item = model_class._default_manager.filter(pk=pk).first()
        if item is None:
            raise CommandError(f"No {model} with id {pk}")
        link = share_link_create(item=item, days=days)
        self.stdout.write(f"{settings.SITE_URL}{link.get_absolute_url()}")
