"""The shared cache (Redis) going away slows the portal down but never breaks it."""

import pytest

from signatories.models import Signatory
from tests.factories import make_insight
from tests.signatories.conftest import free_port
from tests.test_site import run_manage


@pytest.fixture
def unreachable_redis(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",  # nothing listens
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


def test_a_redis_that_never_answers_costs_seconds_not_the_page(silent_server):
    probe = (
        "import time; from django.test import Client; began = time.monotonic(); "
        "r = Client(HTTP_HOST='localhost').get('/robots.txt'); "
        "print(r.status_code, round(time.monotonic() - began, 1))"
    )
    result = run_manage("shell", "-c", probe, CACHE_URL=f"redis://127.0.0.1:{silent_server.port}/0")
    status, seconds = result.stdout.split()[-2:]
    assert status == "200", result.stderr[-2000:]
    assert float(seconds) < 3, seconds  # settings give Redis 1 s a call (redis-py: 5 s)
