"""The worker keeps SQLite's planner statistics (PostgreSQL's autovacuum keeps its own)."""

import pytest
from django.db import connection

from jobs.registry import CHORES
from lib.database_statistics import refresh_statistics
from tests.factories import make_insight


@pytest.mark.django_db
def test_statistics_are_refreshed_by_an_hourly_chore(theme):
    make_insight(theme=theme)
    assert any(chore.run is refresh_statistics for chore in CHORES)
    if connection.vendor != "sqlite":
        assert refresh_statistics() == 0
        return
    assert refresh_statistics() == 1
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'toolkit_insight'")
        assert cursor.fetchone()[0] > 0
