"""Who the client is, for rate limits and login lockouts: never a value a client invents."""

import pytest
from django.contrib.auth.models import User
from django.test import RequestFactory

from lib.ratelimit import UNKNOWN_ADDRESS, client_address


def address(settings, proxies, remote="192.0.2.10", forwarded=None):
    settings.PROXY_COUNT = proxies
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    request = RequestFactory().get("/", REMOTE_ADDR=remote, **headers)
    return client_address(request)


def test_without_a_proxy_the_forwarded_header_is_ignored(settings):
    assert address(settings, 0, forwarded="198.51.100.7") == "192.0.2.10"


def test_behind_one_proxy_the_entry_it_added_is_the_client(settings):
    # the client sent "1.2.3.4" itself; our proxy appended the address it really saw
    assert address(settings, 1, forwarded="1.2.3.4, 198.51.100.7") == "198.51.100.7"
    assert address(settings, 2, forwarded="1.2.3.4, 198.51.100.7, 10.0.0.2") == "198.51.100.7"


@pytest.mark.parametrize("forwarded", ["", "unknown", "not-an-ip", "1.2.3.4, <script>", "::::"])
def test_anything_but_an_ip_address_falls_back_to_the_peer(settings, forwarded):
    assert address(settings, 1, forwarded=forwarded) == "192.0.2.10"


def test_no_usable_address_at_all_gives_a_placeholder(settings):
    assert address(settings, 1, remote="", forwarded="garbage") == UNKNOWN_ADDRESS


@pytest.mark.django_db
def test_a_forged_forwarded_header_cannot_break_the_admin_login(client, settings):
    settings.PROXY_COUNT = 1
    User.objects.create_user("curator", password="a-long-password-1", is_staff=True)
    for password in ["wrong", "a-long-password-1"]:
        response = client.post(
            "/admin/login/?next=/admin/",
            {"username": "curator", "password": password},
            HTTP_X_FORWARDED_FOR="unknown",
        )
        assert response.status_code in (200, 302)
    assert response.status_code == 302
