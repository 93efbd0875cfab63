"""The shared cache (Redis) going away slows the portal down but never breaks it."""

import socket

import pytest

from signatories.models import Signatory
from tests.factories import make_insight


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens here once the socket is closed


@pytest.fixture
def unreachable_redis(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
        }
    }


@pytest.mark.django_db
def test_pages_are_served_uncached_while_the_cache_is_down(client, theme, unreachable_redis):
    insight = make_insight(theme=theme, title="Still here")
    for url in ["/", "/toolkit/", theme.get_absolute_url(), insight.get_absolute_url()]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "X-Page-Cache" not in response or response["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_edits_are_saved_while_the_cache_is_down(theme, unreachable_redis):
    insight = make_insight(theme=theme, title="Before")
    insight.title = "After"
    insight.save()  # bumps the page cache version: must not fail
    insight.refresh_from_db()
    assert insight.title == "After"


@pytest.mark.django_db
def test_the_join_form_still_takes_requests_while_the_cache_is_down(
    client, join_data, unreachable_redis
):
    response = client.post("/join/", join_data())
    assert response.status_code == 302
    assert Signatory.objects.filter(organisation="Metropolitan Area of Testville").exists()
