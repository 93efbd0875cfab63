"""Guards for the whole site: migrations, shipped content, links, page structure, settings."""

import json
import os
import re
import secrets
import subprocess
import sys
from html.parser import HTMLParser
from io import StringIO
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.template.loader import render_to_string

from initiatives.models import Entry, Programme
from signatories.models import Signatory
from toolkit.models import Insight, Theme

THEME_TITLES = [
    "Sustainability and climate change",
    "Governance and citizen engagement",
    "Equity in health and care",
    "Gender equality",
    "Public space and housing",
    "Mobility, accessibility and transport",
    "Sustainable economy",
    "Digitalisation and innovation",
]


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.h1_count = 0

    def handle_starttag(self, tag, attrs):
        if tag == "a" and dict(attrs).get("href"):
            self.links.append(dict(attrs)["href"])
        if tag == "h1":
            self.h1_count += 1


def parse(html: str) -> LinkParser:
    parser = LinkParser()
    parser.feed(html)
    return parser


@pytest.fixture
def content(db):
    call_command("load_content", stdout=StringIO())


@pytest.mark.django_db
def test_no_migrations_are_missing():
    call_command("makemigrations", "--check", "--dry-run", stdout=StringIO())


@pytest.mark.django_db
def test_shipped_content_loads_with_eight_themes_and_enough_insights(content):
    assert list(Theme.objects.values_list("title", flat=True)) == THEME_TITLES
    assert list(Theme.objects.values_list("position", flat=True)) == list(range(1, 9))
    for theme in Theme.objects.with_insight_counts():
        assert theme.insight_count >= 4, theme.title
    assert Insight.objects.published().count() >= 32
    assert all(insight.tags.exists() for insight in Insight.objects.all())


@pytest.mark.django_db
def test_shipped_content_has_the_three_programmes_with_linked_entries(content):
    assert list(Programme.objects.values_list("slug", flat=True)) == [
        "metrotalks",
        "learning-from-cities",
        "cities-for-global-health",
    ]
    for programme in Programme.objects.all():
        assert programme.entries.published().exists(), programme
    for entry in Entry.objects.all():
        assert entry.themes.exists(), entry
        assert entry.tags.exists(), entry


@pytest.mark.django_db
def test_shipped_content_has_the_thirteen_early_signatories_approved(content):
    approved = Signatory.objects.approved()
    assert approved.count() == 13
    assert approved.filter(
        organisation="Berlin", public_note__startswith="Metropolis Presidency in 2020"
    ).exists()
    assert not approved.exclude(contact_email="").exists()  # no personal data is shipped


@pytest.mark.django_db
def test_loading_content_twice_changes_nothing(content):
    def counts():
        return [m.objects.count() for m in (Theme, Insight, Programme, Entry, Signatory)]

    before = counts()
    call_command("load_content", stdout=StringIO())
    assert counts() == before


@pytest.mark.django_db
def test_load_content_if_empty_keeps_staff_edits(content):
    Insight.objects.filter(pk=Insight.objects.first().pk).update(title="Edited by staff")
    out = StringIO()
    call_command("load_content", "--if-empty", stdout=out)
    assert "nothing loaded" in out.getvalue()
    assert Insight.objects.filter(title="Edited by staff").exists()


def test_shipped_content_has_unique_slugs_and_shared_tags():
    with open(settings.BASE_DIR / "fixtures" / "toolkit.json", encoding="utf-8") as f:
        data = json.load(f)
    slugs = [i["slug"] for i in data["insights"]]
    assert len(slugs) == len(set(slugs))
    tags = [t for i in data["insights"] for t in i["tags"]]
    assert all(tags.count(t) >= 2 for t in tags), "a tag page should gather several insights"


@pytest.mark.django_db
def test_every_internal_link_from_the_home_page_leads_to_a_200(client, content):
    """Crawl the public site from / and follow every internal link once."""
    seen, queue, broken = set(), ["/"], []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200:
            broken.append((url, response.status_code))
            continue
        if "text/html" not in response["Content-Type"]:
            continue
        for href in parse(response.content.decode()).links:
            target = urljoin(url, href)
            parts = urlsplit(target)
            if parts.netloc or parts.scheme or target.startswith("/admin/"):
                continue
            queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    assert not broken
    assert len(seen) > 50


@pytest.mark.django_db
def test_every_page_type_has_exactly_one_h1(client, content):
    insight = Insight.objects.published().first()
    tag = insight.tags.first()
    urls = [
        "/",
        "/toolkit/",
        insight.theme.get_absolute_url(),
        insight.get_absolute_url(),
        f"/tags/{tag.slug}/",
        "/initiatives/",
        Programme.objects.first().get_absolute_url(),
        Entry.objects.first().get_absolute_url(),
        "/join/",
        "/join/thanks/",
        "/join/privacy/",
        "/signatories/",
        "/signatories/ask-your-city/",
        "/no-such-page/",
    ]
    for url in urls:
        assert parse(client.get(url).content.decode()).h1_count == 1, url


def test_the_500_page_renders_without_a_request_or_database():
    html = render_to_string("500.html")
    assert parse(html).h1_count == 1
    assert "Something went wrong" in html


def run_manage(*args, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args, "--verbosity", "0"],
        cwd=settings.BASE_DIR,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = run_manage("check", DJANGO_DEBUG="false", DJANGO_SECRET_KEY="")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


PRODUCTION = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "CACHE_URL": "redis://127.0.0.1:6379/15",
    "SITE_URL": "https://toolkit.example.org",
    "POLICY_OFFICER_EMAIL": "officer@toolkit.example.org",
}


def test_production_settings_pass_the_deploy_checklist():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("setting", "check"),
    [
        ({"CACHE_URL": "locmemcache://"}, "portal.E001"),
        ({"SITE_URL": "http://127.0.0.1:8000"}, "portal.E002"),
        ({"SITE_URL": "http://localhost"}, "portal.E002"),
        ({"POLICY_OFFICER_EMAIL": "policy-officer@example.org"}, "portal.E003"),
        ({"EMAIL_TIMEOUT": "120", "NOTIFICATION_LEASE_SECONDS": "300"}, "portal.E004"),
    ],
)
def test_production_refuses_a_setting_that_would_quietly_misbehave(setting, check):
    result = run_manage("check", **{**PRODUCTION, **setting})
    assert result.returncode != 0
    assert check in result.stderr
    assert run_manage("check", **{**PRODUCTION, **setting, "DJANGO_DEBUG": "true"}).returncode == 0


def test_email_goes_to_the_console_until_a_host_is_set():
    script = "from django.conf import settings as s; print(s.EMAIL_BACKEND)"
    console = run_manage("shell", "-c", script, EMAIL_HOST="", EMAIL_BACKEND="")
    smtp = run_manage("shell", "-c", script, EMAIL_HOST="mail.example.org", EMAIL_BACKEND="")
    assert console.stdout.strip().endswith("console.EmailBackend")
    assert smtp.stdout.strip().endswith("smtp.EmailBackend")


def test_database_url_selects_postgresql():
    script = "from django.conf import settings as s; print(s.DATABASES['default']['ENGINE'])"
    result = run_manage(
        "shell", "-c", script, DATABASE_URL="postgres://u:p@db.example:5432/toolkit"
    )
    assert re.search(r"postgresql", result.stdout), result.stderr


def test_every_environment_variable_is_documented():
    source = (settings.BASE_DIR / "toolkit_portal" / "settings.py").read_text()
    names = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z_]+)"', source))
    names -= set(settings.RENAMED_SETTINGS)  # read for old environments, documented as renamed
    example = (settings.BASE_DIR / ".env.example").read_text()
    readme = (settings.BASE_DIR / "README.md").read_text()
    assert len(names) > 15
    for name in names:
        assert f"\n{name}=" in example, f"{name} missing from .env.example"
        assert f"`{name}`" in readme, f"{name} missing from README.md"


@pytest.mark.django_db
def test_page_titles_are_plain_text(client, content):
    for url in ["/", "/toolkit/", "/initiatives/", "/signatories/", "/join/", "/search/?q=care"]:
        title = re.search(r"<title>(.*?)</title>", client.get(url).content.decode(), re.S)[1]
        assert "<" not in title and len(title) < 120, (url, title)


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_translation_catalogues_are_complete(lang):
    from babel.messages.pofile import read_po

    path = settings.BASE_DIR / "locale" / lang / "LC_MESSAGES" / "django.po"
    with open(path, "rb") as f:
        catalog = read_po(f)
    assert len(catalog) > 300
    assert not [m.id for m in catalog if m.id and m.fuzzy]
    assert not [
        m.id
        for m in catalog
        if m.id and (not all(m.string) if isinstance(m.string, tuple) else not m.string)
    ]


@pytest.mark.django_db
def test_shipped_content_is_translated_into_french_and_spanish(content):
    for lang in ["fr", "es"]:
        assert not Theme.objects.filter(**{f"title_{lang}__isnull": True}).exists()
        assert not Insight.objects.filter(**{f"body_{lang}__isnull": True}).exists()
        assert not Entry.objects.filter(**{f"summary_{lang}__isnull": True}).exists()
        assert not Programme.objects.filter(**{f"tagline_{lang}__isnull": True}).exists()


def test_the_app_server_refuses_to_start_with_a_setting_that_would_quietly_misbehave():
    script = "import toolkit_portal.wsgi"
    refused = run_manage("shell", "-c", script, **{**PRODUCTION, "CACHE_URL": "locmemcache://"})
    assert refused.returncode != 0 and "portal.E001" in refused.stderr
    assert run_manage("shell", "-c", script, **PRODUCTION).returncode == 0


@pytest.mark.parametrize("url", ["", "http://0.0.0.0:8000", "http://localhost./", "http://[::1]/"])
def test_site_url_must_be_a_public_address(url):
    result = run_manage("check", **{**PRODUCTION, "SITE_URL": url})
    assert result.returncode != 0 and "portal.E002" in result.stderr


@pytest.mark.django_db
def test_liveness_answers_ok_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz/live")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_answers_ok_after_a_database_query(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


@pytest.mark.django_db
def test_unknown_page_gets_the_friendly_404(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.parametrize(
    ("old", "new", "value"),
    [("JOIN_MIN_SECONDS", "FORM_MIN_SECONDS", "7.0"),
     ("NOTIFICATION_FIRST_RETRY_SECONDS", "JOB_FIRST_RETRY_SECONDS", "7")],
)  # fmt: skip
def test_a_renamed_setting_still_reads_its_old_name_with_a_warning(old, new, value):
    env = {**os.environ, old: value}
    env.pop(new, None)
    probe = f"from django.conf import settings; print(settings.{new})"
    shell = [sys.executable, "manage.py", "shell", "-v", "0", "-c", probe]
    assert (
        subprocess.run(
            shell, env=env, capture_output=True, text=True, cwd=settings.BASE_DIR
        ).stdout.split()[-1]
        == value
    )
    check = subprocess.run(
        [sys.executable, "manage.py", "check"], env=env, capture_output=True, text=True
    )
    assert "portal.W001" in check.stderr + check.stdout and new in check.stderr + check.stdout
