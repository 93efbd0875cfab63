import os

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tests.factories import make_theme

# The browser tests run in a pytest process of their own (`make test` runs both, and sets
# BROWSER_TESTS=1 for that one): Playwright keeps an event loop open in the main thread,
# which Django would hold against every ORM call of the tests that follow.
collect_ignore = [] if os.environ.get("BROWSER_TESTS") else ["browser"]
# The production tests (`make test-production`) start their own PostgreSQL, Redis, SMTP
# server, gunicorn servers and workers, and need PostgreSQL's server programs installed.
if not os.environ.get("PRODUCTION_TESTS"):
    collect_ignore.append("production")


@pytest.fixture
def theme(db):
    return make_theme(title="Gender equality", slug="gender-equality", position=4)


@pytest.fixture
def count_queries():
    """`count_queries(client, url)`: how many SQL queries a GET of `url` makes, once it has
    answered `status`. Pinned counts per page type are in tests/test_query_counts.py."""

    def count(client, url: str, status: int = 200) -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == status, url
        return len(captured)

    return count


@pytest.fixture(autouse=True)
def empty_cache():
    """Cached pages must not leak from one test's database into the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def english_between_tests():
    """A request in French leaves French active in this thread; start each test in English."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def content_types_from_the_database(request):
    """The transactional test before may have emptied the content types table (its flush):
    emails written now point to the rows in the table, not to ids remembered from before."""
    marker = request.node.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction"):
        ContentType.objects.clear_cache()


@pytest.fixture(autouse=True, scope="session")
def media_in_a_temporary_folder(tmp_path_factory):
    """Uploads go to a temporary folder, never into the working tree."""
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@pytest.fixture(autouse=True, scope="session")
def a_shared_cache_of_its_own_per_worker():
    """Parallel workers (pytest-xdist) with the cache in one Redis each use a database of
    their own (14, 13, …): one test's `cache.clear()` must not empty another's cache."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    default = settings.CACHES["default"]
    if not worker.startswith("gw") or "redis" not in default["BACKEND"].lower():
        yield
        return
    server, _slash, database = default["LOCATION"].rpartition("/")
    location = f"{server}/{(int(database or 0) - int(worker[2:])) % 16}"
    caches = {**settings.CACHES, "default": {**default, "LOCATION": location}}
    with override_settings(CACHES=caches):
        yield


def pytest_collection_modifyitems(items):
    """Tests with serialized_rollback reload the database as `migrate` left it, which works
    only before another transactional test has flushed it (`post_migrate` then makes the
    content types again, under other ids): they open the transactional tests, whatever
    their folder's name. pytest-django has already put the transactional tests last."""

    def marked(item, option: str) -> bool:
        marker = item.get_closest_marker("django_db")
        return bool(marker and marker.kwargs.get(option))

    for item in items:
        if marked(item, "transaction"):  # with pytest-xdist, one worker runs them, in order
            item.add_marker(pytest.mark.xdist_group("transactional"))
    first = next((n for n, item in enumerate(items) if marked(item, "transaction")), None)
    if first is not None:
        items[first:] = sorted(
            items[first:], key=lambda item: not marked(item, "serialized_rollback")
        )
