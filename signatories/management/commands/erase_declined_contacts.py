from django.conf import settings
from django.core.management.base import BaseCommand

from signatories.services import declined_contacts_erase


class Command(BaseCommand):
    help = (
        "Erase the contact details of join requests declined more than "
        "DJANGO_ERASE_DECLINED_AFTER_DAYS days ago. The worker also runs this every hour."
    )

    def handle(self, *args, **options):
        erased = declined_contacts_erase()
        self.stdout.write(
            f"Erased the contact details of {erased} declined request(s) "
            f"(declined {settings.ERASE_DECLINED_AFTER_DAYS} or more days ago)."
        )
