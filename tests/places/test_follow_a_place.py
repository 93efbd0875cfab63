"""Following a place by email: from its page, chosen on the form, and its digest holds its
entries, its new signatories and their updates, nothing from elsewhere."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from commitments.models import Commitment, Milestone
from outbox.address_requests import answer_address_requests
from outbox.models import Notification
from places.models import Place
from signatories.models import Signatory
from subscriptions.digests import digests_queue
from subscriptions.models import Subscription
from tests.factories import make_entry
from tests.subscriptions.conftest import started_seconds_ago


@pytest.fixture
def montreal(db):
    return Place.objects.create(
        country="CA", slug="montreal", name_en="Montréal", name_fr="Montréal", name_es="Montreal"
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("prefix", "language"), [("", "en"), ("/fr", "fr"), ("/es", "es")])
def test_a_place_page_invites_to_follow_it_and_the_form_has_it_ticked(
    client, montreal, prefix, language
):
    with translation.override(language):
        label = gettext("Follow “%(name)s” by email") % {"name": montreal.name}
    html = client.get(f"{prefix}/places/ca/montreal/").content.decode()
    assert f'href="{prefix}/subscribe/?place=ca/montreal"' in html
    assert label in html
    form = client.get(f"{prefix}/subscribe/?place=ca/montreal").content.decode()
    assert re.search(rf'value="{montreal.pk}"[^>]*checked', form)
    assert f"{montreal.name} (" in form


@pytest.mark.django_db
@pytest.mark.parametrize("place", ["xx/nowhere", "ca", "\x00", "ca/" + "m" * 5000, ""])
def test_unknown_places_to_follow_tick_nothing(client, montreal, place):
    response = client.get("/subscribe/", {"place": place})
    assert response.status_code in (200, 400)  # a NUL character in a query: 400
    assert not re.search(rf'value="{montreal.pk}"[^>]*checked', response.content.decode())


@pytest.mark.django_db
def test_a_sign_up_for_a_place_alone_is_accepted_and_kept(client, montreal):
    data = {"email": "reader@example.org", "places": [montreal.pk], "rhythm": "weekly",
            "language": "en", "consent": "on", "started": started_seconds_ago()}  # fmt: skip
    assert client.post("/subscribe/", data).status_code == 200
    answer_address_requests()
    assert list(Subscription.objects.get().places.all()) == [montreal]


@pytest.mark.django_db
def test_a_place_digest_holds_its_entries_signatories_and_updates_only(montreal, theme):
    subscription = Subscription.objects.create(
        email="reader@example.org", language="en", consent_at=timezone.now(),
        consent_version="1", confirmed_at=timezone.now(),
        covered_until=timezone.now() - timezone.timedelta(hours=1),
    )  # fmt: skip
    subscription.places.add(montreal)
    make_entry(title="Open streets", city="Montreal", country="CA")
    make_entry(title="Elsewhere entry", city="Lyon", country="FR")
    city = Signatory.objects.create(
        organisation="Ville de Montréal", kind="government", country="CA", city="Montréal",
        status="approved", reviewed_at=timezone.now(),
    )  # fmt: skip
    commitment = Commitment.objects.create(signatory=city, theme=theme, statement="s")
    Milestone.objects.create(commitment=commitment, happened_on="2026-11-01", text="Trees planted")
    Signatory.objects.create(
        organisation="Elsewhere city", kind="government", country="FR", status="approved",
        reviewed_at=timezone.now(),
    )  # fmt: skip
    assert digests_queue(now=True) == 1
    body = Notification.objects.get(kind="digest").text_body
    assert "Open streets" in body and "Ville de Montréal" in body and "Trees planted" in body
    assert "Elsewhere" not in body
