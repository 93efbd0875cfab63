"""Secure by default: production headers, the content security policy, login lockout."""

import json
import re
import secrets

import pytest
from django.conf import settings
from django.contrib.auth.models import User

from tests.test_site import run_manage

PROBE = """
import json
from django.test import Client
c = Client()
out = {}
for name, extra in [("plain", {}), ("proxied", {"HTTP_X_FORWARDED_PROTO": "https"})]:
    r = c.get("/robots.txt", **extra)
    out[name] = {"status": r.status_code, "headers": dict(r.headers)}
print(json.dumps(out))
"""


def production_responses(**env):
    result = run_manage(
        "shell", "-c", PROBE, DJANGO_DEBUG="false", DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="testserver", **env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_redirects_to_https_and_sends_every_security_header():
    responses = production_responses(DJANGO_TRUST_X_FORWARDED_PROTO="true")

    assert responses["plain"]["status"] == 301
    assert responses["plain"]["headers"]["Location"].startswith("https://")
    secure = responses["proxied"]
    assert secure["status"] == 200
    headers = secure["headers"]
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert "script-src 'self'" in headers["Content-Security-Policy"]


def test_a_forwarded_proto_header_is_ignored_unless_the_proxy_is_trusted():
    responses = production_responses(DJANGO_TRUST_X_FORWARDED_PROTO="false")
    assert responses["proxied"]["status"] == 301


def test_production_cookies_are_secure_and_http_only():
    script = (
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY)"
    )
    result = run_manage(
        "shell", "-c", script, DJANGO_DEBUG="false", DJANGO_SECRET_KEY=secrets.token_urlsafe(50)
    )
    assert result.stdout.split()[-3:] == ["True", "True", "True"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/", "/toolkit/", "/join/", "/fr/signatories/", "/no-such-page/", "/admin/login/"]
)
def test_every_page_forbids_inline_script_and_framing(client, theme, url):
    for _ in range(2):  # rendered, then from the page cache
        policy = client.get(url)["Content-Security-Policy"]
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
        assert directives["script-src"] == "'self'"
        assert directives["frame-ancestors"] == "'none'"
        assert directives["object-src"] == "'none'"
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_no_template_relies_on_inline_script_or_style():
    """The policy would block them; emails are not web pages and may style inline."""
    for path in (settings.BASE_DIR / "templates").rglob("*.html"):
        if "emails" in path.parts:
            continue
        html = path.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), path
        assert not re.search(r"\son[a-z]+=", html), path
        assert not re.search(r"\sstyle=|<style", html), path


@pytest.fixture
def curator(db):
    return User.objects.create_user("curator", password="a-long-password-1", is_staff=True)


def admin_login(client, username, password):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        REMOTE_ADDR="203.0.113.7",
    )


@pytest.mark.django_db
def test_repeated_failed_admin_logins_lock_the_account_out(client, curator):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert admin_login(client, "curator", "wrong").status_code == 200

    locked = admin_login(client, "curator", "wrong")

    assert locked.status_code == 429
    assert "Too many failed sign-ins" in locked.content.decode()
    # even the right password is refused while locked out
    assert admin_login(client, "curator", "a-long-password-1").status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_lockout_does_not_spill_over_to_other_accounts(client, curator):
    User.objects.create_user("officer", password="another-long-password-2", is_staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        admin_login(client, "curator", "wrong")

    response = admin_login(client, "officer", "another-long-password-2")

    assert response.status_code == 302


@pytest.mark.django_db
def test_a_successful_login_before_the_limit_resets_the_count(client, curator):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        admin_login(client, "curator", "wrong")
    assert admin_login(client, "curator", "a-long-password-1").status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert admin_login(client, "curator", "wrong").status_code == 200


def test_passwords_are_validated():
    names = [v["NAME"].rsplit(".", 1)[-1] for v in settings.AUTH_PASSWORD_VALIDATORS]
    assert {"MinimumLengthValidator", "CommonPasswordValidator"} <= set(names)


@pytest.mark.django_db
def test_a_forged_host_header_gets_a_400_page_not_a_server_error(client):
    response = client.get("/", HTTP_HOST="attacker.example")
    assert response.status_code == 400
    assert "<h1>" in response.content.decode()


FORM_ADDRESSES = [
    "/join/",
    "/fr/join/",
    "/subscribe/",
    "/signatories/some-city/update/",
    "/signatories/update/any-token/",
    "/subscribe/manage/any-token/",
    "/admin/login/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", FORM_ADDRESSES)
@pytest.mark.parametrize("charset", ["latin-1", "utf-16", "no-such-charset"])
def test_a_form_sent_in_another_character_set_is_a_400_not_a_server_error(url, charset):
    from django.test import Client

    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.get("/join/")  # the visitor has a CSRF cookie, as a browser would
    assert "csrftoken" in client.cookies
    body = "organisation=Caf\xe9&email=x%40y.example".encode("latin-1")
    response = client.generic(  # the body's bytes, sent as they are
        "POST", url, body, content_type=f"application/x-www-form-urlencoded; charset={charset}"
    )
    if charset == "no-such-charset":  # Django ignores it and reads UTF-8: no CSRF token
        assert response.status_code == 403
    else:
        assert response.status_code == 400
        read = "n’a pas pu être lu" if url.startswith("/fr/") else "The form could not be read"
        assert read in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    ["/tags/%00/", "/tags/a%00b/feed.rss", "/fr/tags/%00/feed.atom", "/toolkit/%00/",
     "/signatories/%00/", "/search/%00", "/%00", "/data/insights%00.json"],
)  # fmt: skip
def test_a_nul_character_in_an_address_is_a_404_on_every_database(client, theme, url):
    from django.test import Client

    response = Client(raise_request_exception=False).get(url)
    assert response.status_code == 404


@pytest.mark.django_db
def test_pages_with_a_visitors_tokens_are_private_to_shared_caches(client):
    for _ in range(2):  # rendered, then from the page cache with fresh tokens filled in
        response = client.get("/join/")
        assert "private" in response["Cache-Control"]
        assert "public" not in response["Cache-Control"]
    assert response["X-Page-Cache"] == "hit"
    assert "private" in client.get("/subscribe/")["Cache-Control"]
    page = client.get("/about/")  # no token: still fine for a shared cache
    assert "private" not in page.get("Cache-Control", "")


@pytest.mark.django_db
def test_a_trailing_dot_or_capitals_in_the_host_are_one_cache_key(client, settings):
    settings.ALLOWED_HOSTS = ["portal.example"]
    assert client.get("/about/", HTTP_HOST="portal.example")["X-Page-Cache"] == "miss"
    assert client.get("/about/", HTTP_HOST="portal.example.")["X-Page-Cache"] == "hit"
    assert client.get("/about/", HTTP_HOST="PORTAL.example")["X-Page-Cache"] == "hit"


def test_the_procfile_env_example_and_deploy_guide_agree_on_proxy_and_bind_address():
    """With one trusted proxy, gunicorn must be reachable by that proxy alone: bound to
    loopback, or a spoofed X-Forwarded-For bypasses every rate limit."""
    base = settings.BASE_DIR
    procfile = (base / "Procfile").read_text()
    example = (base / ".env.example").read_text()
    deploy = (base / "docs" / "DEPLOY.md").read_text()
    web = next(line for line in procfile.splitlines() if line.startswith("web:"))
    assert "--bind ${BIND_ADDRESS:-127.0.0.1}:" in web
    assert web in deploy
    assert re.search(r"^DJANGO_PROXY_COUNT=1$", example, re.M)
    assert re.search(r"^BIND_ADDRESS=127\.0\.0\.1$", example, re.M)
    for unit in (base / "docs" / "systemd").glob("*.service"):
        for bind in re.findall(r"--bind\s+(\S+)", unit.read_text()):
            assert bind.startswith(("127.0.0.1:", "unix:")), (unit.name, bind)
