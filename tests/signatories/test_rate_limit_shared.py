"""The join rate limit lives in the cache, so processes sharing a Redis cache share it."""

import os
import random
import socket
import subprocess
import sys

import pytest
from django.conf import settings as django_settings

from signatories.models import Signatory

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
pytestmark = pytest.mark.xdist_group("redis-15")  # with pytest-xdist: one worker, in turn


def redis_answers() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


@pytest.fixture
def redis_cache(settings):
    if not redis_answers():
        if os.environ.get("CI"):
            pytest.fail("Redis must answer on 127.0.0.1:6379 in CI (.ci/run starts it)")
        pytest.skip("no Redis on 127.0.0.1:6379")
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }


def hit_from_another_process(address: str) -> None:
    script = (
        "from django.conf import settings; from django.test import RequestFactory;"
        "from lib.ratelimit import over_limit;"
        f"request = RequestFactory().post('/join/', REMOTE_ADDR='{address}');"
        "over_limit(request, scope='join', limit=settings.JOIN_RATE_LIMIT,"
        " window=settings.JOIN_RATE_LIMIT_WINDOW)"
    )
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", script],
        cwd=django_settings.BASE_DIR,
        env={**os.environ, "CACHE_URL": REDIS_URL},
        check=True,
        timeout=60,
    )


@pytest.mark.django_db
def test_a_submission_counted_by_another_process_counts_here_too(
    client, join_data, settings, redis_cache
):
    settings.JOIN_RATE_LIMIT = 1
    address = f"2001:db8::{random.randrange(1, 0xFFFF):x}"  # a fresh client for each run

    hit_from_another_process(address)
    response = client.post("/join/", join_data(), REMOTE_ADDR=address)

    assert response.status_code == 429
    assert Signatory.objects.count() == 0


@pytest.mark.django_db
def test_without_the_other_process_the_same_client_gets_through(
    client, join_data, settings, redis_cache
):
    settings.JOIN_RATE_LIMIT = 1
    address = f"2001:db8::{random.randrange(1, 0xFFFF):x}"

    response = client.post("/join/", join_data(), REMOTE_ADDR=address)

    assert response.status_code == 302
