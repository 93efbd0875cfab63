"""Browser tests: Playwright drives Debian's Chromium against the live test server.

They never skip: if Chromium cannot start, they fail (CI installs it; see .ci/run).
"""

import os
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import call_command
from playwright.sync_api import expect

# Playwright's sync API runs an event loop in the main thread; the ORM calls of these tests
# are still synchronous and safe. This process runs the browser tests only.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"
LANGUAGES = {"en": "", "fr": "/fr", "es": "/es"}
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium package")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run",
        ],
    }  # fmt: skip


@pytest.fixture
def site(live_server, settings):
    """The live portal with its real starting content."""
    settings.FORM_MIN_SECONDS = 0.2
    settings.JOIN_RATE_LIMIT = 1000
    call_command("load_content", stdout=StringIO())
    return live_server.url


@pytest.fixture
def curator(page, site):
    """A page signed in to the admin as a superuser."""
    User.objects.create_superuser("curator", "curator@example.org", "a-long-password-1")
    page.goto(f"{site}/admin/")
    page.fill("#id_username", "curator")
    page.fill("#id_password", "a-long-password-1")
    page.locator("input[type=submit]").click()
    expect(page.locator("#user-tools")).to_contain_text("curator")
    return page


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
