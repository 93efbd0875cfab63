"""Planner statistics. PostgreSQL's autovacuum keeps them; SQLite has none until asked,
and without them it picks poor indexes for the lists (e.g. the newest of 10,000 items)."""

from __future__ import annotations

from django.db import connection


def refresh_statistics() -> int:
    """ANALYZE on SQLite (the worker does it hourly); nothing to do on PostgreSQL."""
    if connection.vendor != "sqlite":
        return 0
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return 1
