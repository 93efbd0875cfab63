"""The per-visitor values refilled in a cached page: the CSRF token made as Django makes it."""

import re
from collections import Counter

import pytest
from django.middleware.csrf import CSRF_ALLOWED_CHARS, _unmask_cipher_token
from django.test import Client, RequestFactory

from pagecache.holes import csrf_token, random_picks


def token_in(response) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())[1]


def test_a_first_visit_gets_a_new_secret_and_a_masked_token_of_it():
    request = RequestFactory().get("/join/")
    token = csrf_token(request)
    secret = request.META["CSRF_COOKIE"]
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"] is True
    assert len(secret) == 32 and len(token) == 64
    assert set(token + secret) <= set(CSRF_ALLOWED_CHARS)
    assert _unmask_cipher_token(token) == secret
    assert csrf_token(request) != token  # masked afresh each time, the secret kept
    assert _unmask_cipher_token(csrf_token(request)) == secret


def test_every_character_is_as_likely():
    counts = Counter(random_picks(62 * 500))
    assert set(counts) == set(range(62))
    assert max(counts.values()) < 2 * min(counts.values())


@pytest.mark.django_db
def test_a_returning_visitor_gets_a_token_of_their_own_secret_on_the_cached_form(settings):
    settings.FORM_MIN_SECONDS = 0
    Client().get("/join/")  # the form is now cached
    visitor = Client(enforce_csrf_checks=True)
    first = visitor.get("/join/")
    secret = first.cookies["csrftoken"].value
    again = visitor.get("/join/")
    assert again["X-Page-Cache"] == "hit"
    assert _unmask_cipher_token(token_in(again)) == secret
    assert again.cookies["csrftoken"].value == secret  # renewed, not replaced
    data = {
        "organisation": "Hole City", "kind": "government", "city": "Lyon", "country": "FR",
        "contact_name": "Ana", "contact_email": "ana@hole.example", "consent": "on",
        "csrfmiddlewaretoken": token_in(again),
        "started": re.search(r'name="started" value="([^"]+)"', again.content.decode())[1],
    }  # fmt: skip
    assert visitor.post("/join/", data).status_code == 302
