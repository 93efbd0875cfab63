"""SQLite under concurrent writers: eight people following by email and eight joining at
the same moment, through a real server with two processes and two workers, while the
workers claim their jobs. Writes take the lock at once (`transaction_mode` IMMEDIATE)
and wait for it (the busy timeout) instead of failing with "database is locked"."""

from __future__ import annotations

import http.cookiejar
import os
import re
import sqlite3
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.conf import settings
from django.db import connection

from tests.production.stack import free_port, wait_for
from tests.test_site import run_manage

PEOPLE = 8

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's locking; PostgreSQL runs the same paths"
)


def test_sqlite_writes_take_the_lock_at_once_and_wait_for_it():
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5


class Visitor:
    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def form(self, path: str) -> dict[str, str]:
        html = self.opener.open(self.base + path, timeout=30).read().decode()
        return dict(re.findall(r'name="(csrfmiddlewaretoken|started)" value="([^"]+)"', html))

    def post(self, path: str, data: dict) -> int:
        body = urllib.parse.urlencode(data, doseq=True).encode()
        request = urllib.request.Request(self.base + path, body, headers={"Referer": self.base})
        try:
            return self.opener.open(request, timeout=60).status
        except urllib.error.HTTPError as error:
            return error.code


@pytest.fixture
def server(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'portal.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        "FORM_MIN_SECONDS": "0",
        "JOIN_RATE_LIMIT": "1000",
        "SUBSCRIBE_RATE_LIMIT": "1000",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    migrated = run_manage("migrate", "--no-input", **env)
    assert migrated.returncode == 0, migrated.stderr
    run_manage("load_content", **env)
    port = free_port()
    gunicorn = [sys.executable, "-m", "gunicorn", "toolkit_portal.wsgi", "--workers", "2",
                "--threads", "8", "--bind", f"127.0.0.1:{port}", "--no-control-socket"]  # fmt: skip
    worker = [sys.executable, "manage.py", "run_worker", "--interval", "0.05"]
    processes = [
        subprocess.Popen(command, cwd=settings.BASE_DIR, env=env, stderr=subprocess.PIPE)
        for command in (gunicorn, worker, worker)
    ]
    base = f"http://127.0.0.1:{port}"
    wait_for(lambda: answers(base), timeout=30, message="gunicorn")
    yield base, tmp_path / "portal.sqlite3"
    for process in processes:
        process.terminate()
    for process in processes:
        _out, errors = process.communicate(timeout=30)
        assert b"database is locked" not in errors, errors.decode()[-2000:]


def answers(base: str) -> bool:
    try:
        return urllib.request.urlopen(base + "/healthz/live", timeout=2).status == 200
    except OSError:
        return False


def count(database, table: str) -> int:
    with sqlite3.connect(database) as db:
        return db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]  # noqa: S608


def test_eight_people_following_and_eight_joining_at_once_all_get_through(server):
    base, database = server
    visitors = [Visitor(base) for _ in range(PEOPLE * 2)]
    forms = [visitor.form("/subscribe/" if n < PEOPLE else "/join/")
             for n, visitor in enumerate(visitors)]  # fmt: skip
    barrier = threading.Barrier(len(visitors))
    statuses: list[int] = []

    def send(n: int) -> None:
        tokens = forms[n]
        if n < PEOPLE:
            path, data = (
                "/subscribe/",
                {
                    "email": f"reader{n}@example.org",
                    "everything": "on",
                    "rhythm": "weekly",
                    "language": "en",
                    "consent": "on",
                },
            )
        else:
            path, data = "/join/", {"organisation": f"Concurrent City {n}", "kind": "government",
                                    "city": "C", "country": "FR", "contact_name": "P",
                                    "contact_email": f"city{n}@example.org", "consent": "on",
                                    "confirm_new": "on"}  # fmt: skip
        barrier.wait()
        statuses.append(visitors[n].post(path, {**data, **tokens}))

    threads = [threading.Thread(target=send, args=(n,)) for n in range(len(visitors))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert sorted(statuses) == [200] * len(visitors)  # thanks pages, after the redirect
    wait_for(lambda: count(database, "subscriptions_subscription") == PEOPLE, timeout=60,
             message="the workers to answer every sign-up")  # fmt: skip
    assert count(database, "signatories_signatory") >= PEOPLE  # with the starting content
    wait_for(lambda: count(database, "signatories_addressrequest") == 0, timeout=30)
