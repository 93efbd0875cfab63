""" "Latest insights" on the home page: the newest first, not the alphabet."""

import datetime
import re

import pytest
from django.utils import timezone

from tests.factories import make_insight, make_theme


def at(hour: int) -> datetime.datetime:
    return timezone.now().replace(hour=hour, minute=0, second=0, microsecond=0)


@pytest.mark.django_db
def test_latest_insights_are_the_last_published_first_then_by_title(client):
    theme = make_theme()
    today = timezone.localdate()
    make_insight(
        theme, title="Apple earliest", slug="a", published_on=today, first_published_at=at(1)
    )
    make_insight(
        theme, title="Zebra newest", slug="z", published_on=today, first_published_at=at(3)
    )
    make_insight(theme, title="Mango twin", slug="m", published_on=today, first_published_at=at(2))
    make_insight(theme, title="Lime twin", slug="l", published_on=today, first_published_at=at(2))
    yesterday = today - datetime.timedelta(days=1)
    make_insight(
        theme, title="Backdated", slug="b", published_on=yesterday, first_published_at=at(4)
    )
    html = client.get("/").content.decode()
    latest = html[html.index('id="latest-heading"') :]
    titles = re.findall(r'class="card__title"><a [^>]*>([^<]+)</a>', latest)
    assert titles[:5] == ["Zebra newest", "Lime twin", "Mango twin", "Apple earliest", "Backdated"]
