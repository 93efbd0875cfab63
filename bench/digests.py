"""How long queueing a digest for 5,000 subscribers takes: `make bench-digests`.

Uses a throwaway SQLite database (or DATABASE_URL, which it may empty), 5,000 confirmed
subscribers following one or two areas, and a week of new insights; prints the time of
`send_digests --now` and appends it to bench/RESULTS.md.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/digests.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "toolkit_portal.settings")
os.environ.setdefault("DJANGO_DEBUG", "true")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402
from notes import add_note  # noqa: E402

SUBSCRIBERS = int(os.environ.get("BENCH_SUBSCRIBERS", "5000"))


def main() -> None:
    call_command("migrate", "--no-input", verbosity=0)
    call_command("load_content", "--if-empty", verbosity=0)
    from outbox.models import Notification
    from subscriptions.models import Subscription
    from toolkit.models import Insight, Theme

    Subscription.objects.all().delete()
    Notification.objects.filter(kind="digest").delete()
    themes = list(Theme.objects.order_by("position"))
    today = timezone.localdate()
    subscriptions = Subscription.objects.bulk_create(
        Subscription(
            email=f"reader{n}@bench.example", consent_at=timezone.now(), consent_version="1",
            confirmed_at=timezone.now(), covered_until=timezone.now() - timezone.timedelta(days=7),
            language=["en", "fr", "es"][n % 3], rhythm="weekly",
        )
        for n in range(SUBSCRIBERS)
    )  # fmt: skip
    through = Subscription.themes.through
    through.objects.bulk_create(
        through(subscription_id=s.pk, theme_id=themes[(s.pk + k) % len(themes)].pk)
        for s in subscriptions
        for k in range(1 + s.pk % 2)
    )
    Insight.objects.filter(status="published").update(published_on=today)
    started = time.perf_counter()
    call_command("send_digests", "--now", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    seconds = time.perf_counter() - started
    queued = Notification.objects.filter(kind="digest").count()
    line = (
        f"- digests: {queued} of {SUBSCRIBERS} subscribers queued by `send_digests --now` in "
        f"{seconds:.1f} s ({os.environ['DATABASE_URL'].split(':', 1)[0]})"
    )
    print(line)
    add_note(line, replaces=f" s ({line.rsplit('(', 1)[1]}")


if __name__ == "__main__":
    main()
