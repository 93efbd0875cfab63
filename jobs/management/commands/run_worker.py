import logging
import signal
import time

from django.core.management.base import BaseCommand
from django.db import InterfaceError, OperationalError, close_old_connections, connection

from jobs.registry import CHORES, QUEUES

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Do the background work waiting in the queues (emails, image renditions...), "
        "retrying failures with back-off, and the periodic chores (erasures)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Do what is due now, then exit.")
        parser.add_argument(
            "--interval", type=float, default=2.0, help="Seconds between passes (default 2)."
        )

    def handle(self, *args, once=False, interval=2.0, **options):
        self.stopping = False
        if not once:
            signal.signal(signal.SIGTERM, self.stop)
            signal.signal(signal.SIGINT, self.stop)
            self.stdout.write(f"Working every {interval:g} s (Ctrl-C to stop).")
        self.chores_done_at = {}
        while True:
            if not once:  # a long-running worker drops connections that are broken or old
                close_old_connections()
            try:
                self.run_chores()
                done = self.run_queues()
            except (OperationalError, InterfaceError) as error:
                if once:
                    raise
                # The database is down or restarting: wait and try again, never exit.
                logger.warning("Database unavailable, retrying in %g s: %s", interval, error)
                connection.close()
                done = 0
            if self.stopping:
                return
            if done:
                continue  # more may be due
            if once:
                return
            self.sleep(interval)

    def run_queues(self) -> int:
        total = 0
        for queue in QUEUES:
            done = queue.run_pass()
            if done:
                self.stdout.write(f"{queue.name}: {done}")
            total += done
        return total

    def run_chores(self) -> None:
        for chore in CHORES:
            last = self.chores_done_at.get(chore.name)
            if last is not None and time.monotonic() - last < chore.every_seconds:
                continue
            try:
                done = chore.run()
            except (OperationalError, InterfaceError):
                raise  # the database is away: the whole pass waits and tries again
            except Exception:  # one chore's fault must not stop the queues or the others
                logger.exception("Chore failed, trying again in %s s: %s", chore.every_seconds,
                                 chore.name)  # fmt: skip
                done = 0
            self.chores_done_at[chore.name] = time.monotonic()
            if done:
                self.stdout.write(f"{chore.name}: {done}")

    def stop(self, signum, frame):
        self.stopping = True

    def sleep(self, seconds):
        deadline = time.monotonic() + seconds
        while not self.stopping and time.monotonic() < deadline:
            time.sleep(0.1)
