"""Signatory profiles, commitments, and updates by emailed link through a real SMTP server."""

from __future__ import annotations

import datetime
import re
from io import StringIO

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import gettext

from commitments.models import Commitment, Milestone, ProfileChange, UpdateLink
from signatories.models import Signatory
from tests.factories import make_theme
from tests.signatories.conftest import CONTACT

OFFICER = "officer@metropolis.example"


@pytest.fixture
def areas(db):
    return [
        make_theme(title="Gender equality", slug="gender-equality", position=4),
        make_theme(title="Mobility", slug="mobility", position=6),
    ]


def deliver():
    call_command("run_worker", "--once", stdout=StringIO())


def link_in(message) -> str:
    body = message.get_body(("plain",)).get_content()
    return re.search(r"https?://\S+/signatories/update/\S+/", body).group(0).split("://", 1)[1]


def path_of(url: str) -> str:
    return "/" + url.split("/", 1)[1]


def ask_for_link(client, signatory, email=CONTACT):
    return client.post(f"/signatories/{signatory.slug}/update/", {"email": email})


def update_form(areas, **overrides) -> dict:
    data = {"profile": "We **share** streets.", "website": "https://city.example"}
    for area in areas:
        data[f"{area.slug}-status"] = "planned"
    data.update(
        {
            "gender-equality-add": "on",
            "gender-equality-statement": "Safe night transport for women.",
            "gender-equality-status": "under_way",
            "gender-equality-milestone_date": "2026-11-01",
            "gender-equality-milestone_text": "First night bus line opened.",
        }
    )
    data.update(overrides)
    return data


@pytest.mark.django_db(transaction=True)
def test_a_signatory_updates_its_profile_by_link_and_an_officer_approves_it(
    client, smtp_server, city, areas
):
    assert city.slug == "ciudad-ejemplo-metropolitana"
    response = ask_for_link(client, city)
    assert response.status_code == 200
    deliver()
    (mail,) = smtp_server.handler.to(CONTACT)
    url = path_of(link_in(mail))

    form_page = client.get(url)
    assert (
        form_page.status_code == 200
        and 'name="gender-equality-statement"' in form_page.content.decode()
    )
    sent = client.post(url, update_form(areas))
    assert sent.status_code == 200, sent.content.decode()[:2000]
    change = ProfileChange.objects.get()
    assert change.status == "pending"
    assert not Commitment.objects.exists()  # nothing public before approval
    assert "Safe night transport" not in client.get(city.get_absolute_url()).content.decode()
    deliver()
    assert len(smtp_server.handler.to(OFFICER)) == 1

    officer = User.objects.create_superuser("officer")
    client.force_login(officer)
    review = client.get(f"/admin/commitments/profilechange/{change.pk}/change/")
    assert "Safe night transport for women." in review.content.decode()  # field by field
    client.post(
        f"/admin/commitments/profilechange/{change.pk}/change/", {"note": "", "_approve": "1"}
    )
    client.logout()

    change.refresh_from_db()
    assert (change.status, change.reviewed_by) == ("approved", officer)
    page = client.get(city.get_absolute_url()).content.decode()
    assert "Safe night transport for women." in page and "First night bus line opened." in page
    assert "<strong>share</strong>" in page
    theme_page = client.get("/toolkit/gender-equality/").content.decode()
    assert "1 commitment: 0 planned, 1 under way, 0 achieved." in theme_page
    assert "First night bus line opened." in theme_page
    feed = client.get("/signatories/updates/gender-equality/feed.atom").content.decode()
    assert "First night bus line opened." in feed
    deliver()
    decision = [m for m in smtp_server.handler.to(CONTACT) if m is not mail]
    assert len(decision) == 1
    assert f"/es/signatories/{city.slug}/" in decision[0].get_body(("plain",)).get_content()


@pytest.mark.django_db(transaction=True)
def test_a_link_works_once_and_not_after_a_day(client, smtp_server, city, areas):
    ask_for_link(client, city)
    ask_for_link(client, city)
    deliver()
    first, second = (path_of(link_in(m)) for m in smtp_server.handler.to(CONTACT))

    assert client.post(first, update_form(areas)).status_code == 200
    again = client.post(first, update_form(areas))
    with translation.override("es"):  # the link is in the signatory's language
        used, expired = gettext("This link has already been used"), gettext("This link has expired")
    assert again.status_code == 410 and used in again.content.decode()
    assert client.get(first).status_code == 410
    assert ProfileChange.objects.count() == 1

    with time_machine.travel(datetime.timedelta(hours=25)):
        late = client.get(second)
        assert late.status_code == 410 and expired in late.content.decode()
        assert client.post(second, update_form(areas)).status_code == 410
    assert ProfileChange.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_another_address_gets_the_same_answer_and_no_email(client, smtp_server, city):
    right = ask_for_link(client, city).content.decode()
    wrong = ask_for_link(client, city, email="someone@else.example").content.decode()
    strip = lambda html: re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)  # noqa: E731
    assert strip(right) == strip(wrong)
    deliver()
    assert len(smtp_server.messages) == 1 and UpdateLink.objects.count() == 1


@pytest.mark.django_db
def test_a_tampered_link_is_404_and_bad_forms_are_400_with_input_kept(client, city, areas):
    assert client.get("/signatories/update/not-a-token/").status_code == 404
    assert ask_for_link(client, city, email="not an email").status_code == 400

    from commitments.profile_updates import update_link_request

    assert update_link_request(signatory=city, email=CONTACT)
    link = UpdateLink.objects.get()
    token = re.search(r"/signatories/update/(\S+?)/", link.signatory.notifications.last().text_body)
    url = f"/signatories/update/{token.group(1)}/"
    assert client.get(url.replace(token.group(1)[-3:], "xyz")).status_code == 404
    bad = update_form(
        areas, **{"gender-equality-statement": "", "gender-equality-milestone_date": "2999-01-01"}
    )
    response = client.post(url, bad)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Say what you commit to in this area." in html and "First night bus line opened." in html
    assert UpdateLink.objects.get().used_at is None  # a refused form does not spend the link


@pytest.mark.django_db
def test_requests_for_links_are_rate_limited(client, city, settings):
    settings.UPDATE_LINK_RATE_LIMIT = 2
    statuses = [ask_for_link(client, city, email=f"x{n}@example.org").status_code for n in range(4)]
    assert statuses == [200, 200, 429, 429]


@pytest.mark.django_db
def test_a_withdrawn_signatory_is_gone_everywhere_at_once(client, city, areas):
    commitment = Commitment.objects.create(signatory=city, theme=areas[0], statement="Safe streets")
    Milestone.objects.create(commitment=commitment, happened_on="2026-01-02", text="Lights on")
    assert client.get(city.get_absolute_url()).status_code == 200
    assert "Ciudad Ejemplo" in client.get("/signatories/").content.decode()

    city.status = Signatory.Status.WITHDRAWN
    city.save()
    assert client.get(city.get_absolute_url()).status_code == 410
    for url in ("/signatories/", "/toolkit/gender-equality/", "/signatories/updates/feed.atom"):
        assert "Ciudad Ejemplo" not in client.get(url).content.decode(), url
    assert client.get(f"{city.get_absolute_url()}badge.svg").status_code == 404


def queries_for(client, url: str) -> int:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from pagecache.fragments import content_stamp

    cache.clear()  # the page rendered, not its kept fragment
    content_stamp()  # once per content version for the whole site, not this page's cost
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_profile_and_theme_pages_keep_their_query_counts_as_updates_pile_up(client, city, areas):
    def grow(n):
        for area in areas:
            commitment, _ = Commitment.objects.get_or_create(
                signatory=city, theme=area, defaults={"statement": "s"}
            )
            for day in range(n):
                Milestone.objects.create(
                    commitment=commitment, happened_on=f"2026-01-{day + 1:02}", text="t"
                )

    grow(1)
    urls = [city.get_absolute_url(), "/toolkit/gender-equality/"]
    for url in urls:
        queries_for(client, f"{url}?warm")
    few = [queries_for(client, f"{url}?few") for url in urls]
    grow(20)
    assert [queries_for(client, f"{url}?many") for url in urls] == few
    assert few[0] <= 4  # signatory with logo, commitments, their updates


@pytest.mark.django_db
def test_profile_text_is_sanitised_markdown(client, city, areas):
    from commitments.profile_updates import apply_profile

    text = '**Bold** <script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror="y">'
    proposed = {
        "profile": text, "website": "", "commitments": {}, "withdraw": False, "withdraw_reason": "",
    }  # fmt: skip
    apply_profile(city, proposed)
    html = client.get(city.get_absolute_url()).content.decode()
    assert "<strong>Bold</strong>" in html
    assert "<script>alert" not in html and "javascript:" not in html and "onerror" not in html


@pytest.mark.django_db
def test_an_older_update_cannot_undo_a_newer_approved_one(city, areas):
    from commitments.profile_updates import (
        ProfileChanged,
        current_profile,
        profile_change_review,
    )

    before = current_profile(city)
    old = ProfileChange.objects.create(
        signatory=city, before=before, proposed={**before, "profile": "Old"}
    )
    new = ProfileChange.objects.create(
        signatory=city, before=before, proposed={**before, "profile": "New"}
    )
    officer = User.objects.create_superuser("officer")
    assert profile_change_review(change=new, approve=True, reviewer=officer)
    with pytest.raises(ProfileChanged):
        profile_change_review(change=old, approve=True, reviewer=officer)
    city.refresh_from_db()
    old.refresh_from_db()
    assert city.profile == "New" and old.status == "pending"
    assert profile_change_review(change=old, approve=False, reviewer=officer)


@pytest.mark.django_db
def test_a_kept_profile_shows_a_new_update_and_its_place_at_once(client, city, areas, settings):
    """The profile is a fragment (one query when kept): an update or a place link made
    since shows on the next request, with the page cache off as with it on."""
    from places.models import Place, SignatoryPlace

    settings.PAGE_CACHE = False
    commitment = Commitment.objects.create(signatory=city, theme=areas[0], statement="Buses")
    client.get(city.get_absolute_url())
    Milestone.objects.create(commitment=commitment, happened_on="2026-02-03", text="Night bus")
    place = Place.objects.create(country=city.country.code, slug="ejemplo", name="Ejemplo")
    SignatoryPlace.objects.update_or_create(signatory=city, defaults={"place": place})
    body = client.get(city.get_absolute_url()).content.decode()
    assert "Night bus" in body and place.get_absolute_url() in body
