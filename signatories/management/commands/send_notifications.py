import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from signatories.tasks import deliver_due_notifications


class Command(BaseCommand):
    help = "Send the emails waiting in the outbox, retrying failures with back-off."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Send what is due now, then exit.")
        parser.add_argument(
            "--interval", type=float, default=2.0, help="Seconds between passes (default 2)."
        )

    def handle(self, *args, once=False, interval=2.0, **options):
        self.stopping = False
        if not once:
            signal.signal(signal.SIGTERM, self.stop)
            signal.signal(signal.SIGINT, self.stop)
            self.stdout.write(f"Sending notifications every {interval:g} s (Ctrl-C to stop).")
        while True:
            close_old_connections()
            sent = deliver_due_notifications()
            if sent:
                self.stdout.write(f"Sent {sent} notification(s).")
            if self.stopping:
                return
            if sent:
                continue  # more may be due
            if once:
                return
            self.sleep(interval)

    def stop(self, signum, frame):
        self.stopping = True

    def sleep(self, seconds):
        deadline = time.monotonic() + seconds
        while not self.stopping and time.monotonic() < deadline:
            time.sleep(0.1)
