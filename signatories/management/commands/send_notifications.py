import logging
import signal
import time

from django.core.management.base import BaseCommand
from django.db import InterfaceError, OperationalError, close_old_connections, connection

from signatories.services import declined_contacts_erase
from signatories.tasks import deliver_due_notifications

ERASE_EVERY_SECONDS = 3600
logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Send the emails waiting in the outbox, retrying failures with back-off; once an "
        "hour, erase the contact details of requests declined long enough ago."
    )

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
        erased_at = None
        while True:
            if not once:  # a long-running worker drops connections that are broken or old
                close_old_connections()
            try:
                if erased_at is None or time.monotonic() - erased_at > ERASE_EVERY_SECONDS:
                    self.erase_declined_contacts()
                    erased_at = time.monotonic()
                sent = deliver_due_notifications()
            except (OperationalError, InterfaceError) as error:
                if once:
                    raise
                # The database is down or restarting: wait and try again, never exit.
                logger.warning("Database unavailable, retrying in %g s: %s", interval, error)
                connection.close()
                sent = 0
            if sent:
                self.stdout.write(f"Sent {sent} notification(s).")
            if self.stopping:
                return
            if sent:
                continue  # more may be due
            if once:
                return
            self.sleep(interval)

    def erase_declined_contacts(self):
        erased = declined_contacts_erase()
        if erased:
            self.stdout.write(f"Erased the contact details of {erased} declined request(s).")

    def stop(self, signum, frame):
        self.stopping = True

    def sleep(self, seconds):
        deadline = time.monotonic() + seconds
        while not self.stopping and time.monotonic() < deadline:
            time.sleep(0.1)
