from django.core.management.base import BaseCommand

from subscriptions.digests import digests_queue


class Command(BaseCommand):
    help = (
        "Queue the digests that are due (a week or a month has ended) in the outbox; the "
        "worker sends them. The worker runs this every hour by itself."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            action="store_true",
            help="Do not wait for the period to end: queue what is new up to today.",
        )

    def handle(self, *args, now=False, **options):
        queued = digests_queue(now=now)
        self.stdout.write(f"Queued {queued} digest(s); `run_worker` sends them.")
