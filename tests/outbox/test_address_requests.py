"""Pages whose answer must not depend on an address (an update link, following by email)
take the same path for every address: the worker does the looking up and the sending."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from outbox.address_requests import EMAILS_PER_ADDRESS_PER_DAY, answer_address_requests
from outbox.models import AddressRequest, Notification
from pagecache.fragments import content_stamp
from signatories.models import Signatory
from subscriptions.models import Subscription
from tests.factories import make_theme
from tests.signatories.conftest import started_seconds_ago

KNOWN = "policy@city.example"
UNKNOWN = "stranger@nowhere.example"


@pytest.fixture
def city(db):
    return Signatory.objects.create(
        organisation="Ciudad Ejemplo", kind="government", country="PE", status="approved",
        contact_email=KNOWN,
    )  # fmt: skip


def statements(client, url, data, address) -> list[str]:
    """The SQL a request ran, with the address (and ids and times) taken out."""
    content_stamp()  # asked once per content version for the whole site, not per address
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, data)
    assert response.status_code == 200
    shapes = []
    for query in queries.captured_queries:
        sql = query["sql"].replace(address, "?")
        shapes.append(re.sub(r"'\d{4}-\d\d-\d\d[ T][\d:.+]+'|\b\d+\b", "N", sql))
    return shapes


@pytest.mark.django_db
def test_asking_for_an_update_link_takes_the_same_path_for_a_known_and_an_unknown_address(
    client, city
):
    url = f"/signatories/{city.slug}/update/"
    known = statements(client, url, {"email": KNOWN}, KNOWN)
    unknown = statements(client, url, {"email": UNKNOWN}, UNKNOWN)
    assert known == unknown
    assert not Notification.objects.exists()  # nothing is looked up or sent by the page

    answer_address_requests()
    assert list(Notification.objects.values_list("to", "kind")) == [(KNOWN, "update_link")]
    assert not AddressRequest.objects.exists()  # answered requests keep no address


@pytest.mark.django_db
def test_following_by_email_takes_the_same_path_for_a_subscribed_and_a_new_address(client):
    area = make_theme(title="Mobility", slug="mobility", position=6)
    Subscription.objects.create(
        email=KNOWN, confirmed_at="2026-01-01T00:00Z", consent_at="2026-01-01T00:00Z",
        consent_version="1",
    )  # fmt: skip

    def form(email):
        return {"email": email, "themes": [area.pk], "rhythm": "weekly", "language": "en",
                "consent": "on", "started": started_seconds_ago()}  # fmt: skip

    known = statements(client, "/subscribe/", form(KNOWN), KNOWN)
    unknown = statements(client, "/subscribe/", form(UNKNOWN), UNKNOWN)
    assert known == unknown
    assert not Notification.objects.exists()

    answer_address_requests()
    subjects = dict(Notification.objects.values_list("to", "subject"))
    assert subjects[KNOWN] == "You already follow the Metropolitan toolkit"
    assert subjects[UNKNOWN] == "Confirm your subscription to the Metropolitan toolkit"


@pytest.mark.django_db
def test_one_address_gets_at_most_a_few_such_emails_a_day(client, city, settings):
    settings.UPDATE_LINK_RATE_LIMIT = 100  # many clients, or one patient attacker
    for _ in range(EMAILS_PER_ADDRESS_PER_DAY + 3):
        client.post(f"/signatories/{city.slug}/update/", {"email": KNOWN.upper()})
    answer_address_requests()
    assert Notification.objects.filter(to=KNOWN).count() == EMAILS_PER_ADDRESS_PER_DAY
    assert not AddressRequest.objects.exists()
