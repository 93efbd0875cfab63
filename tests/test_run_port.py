"""`PORT=8131 make run`: emailed links and badge snippets point at the port served."""

from __future__ import annotations

import shutil
import subprocess

from django.conf import settings

from tests.test_site import run_manage

SITE_URL = "from django.conf import settings as s; print(s.SITE_URL)"


def test_site_url_follows_port_unless_it_is_set():
    assert run_manage("shell", "-c", SITE_URL, PORT="8131", SITE_URL="").stdout.strip() == (
        "http://127.0.0.1:8131"
    )
    assert run_manage("shell", "-c", SITE_URL, PORT="", SITE_URL="").stdout.strip() == (
        "http://127.0.0.1:8000"
    )
    chosen = run_manage("shell", "-c", SITE_URL, PORT="8131", SITE_URL="https://t.example/")
    assert chosen.stdout.strip() == "https://t.example"


def test_make_run_gives_its_port_to_the_server_and_the_worker():
    dry_run = subprocess.run(
        [shutil.which("make") or "make", "--dry-run", "--always-make", "run", "PORT=8131"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    ).stdout
    commands = [line for line in dry_run.splitlines() if "manage.py r" in line]
    assert commands and all("PORT=8131" in line for line in commands), commands
    assert "runserver 127.0.0.1:8131" in dry_run
