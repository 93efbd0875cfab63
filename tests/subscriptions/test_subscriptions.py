"""Following areas by email, through a real SMTP server: double opt-in, digests with
exactly what is new in what one follows, never twice, and one-click unsubscribe."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from outbox.address_requests import answer_address_requests
from outbox.models import Notification
from subscriptions.models import Subscription
from tests.factories import make_insight

from .conftest import started_seconds_ago

READER = "reader@example.org"


def subscribe(client, *themes, email=READER, **fields):
    """Sign up, and let the worker answer the request as it would a moment later."""
    data = {"email": email, "themes": [t.pk for t in themes], "rhythm": "weekly", "language": "en",
            "consent": "on", "started": started_seconds_ago(), **fields}  # fmt: skip
    response = client.post("/subscribe/", data)
    answer_address_requests()
    return response


def deliver():
    call_command("run_worker", "--once", stdout=StringIO())


def link(message, purpose: str) -> str:
    body = message.get_body(("plain",)).get_content()
    url = re.search(rf"https?://\S+/subscribe/{purpose}/\S+/", body).group(0)
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def digests(smtp_server):
    return [m for m in smtp_server.handler.to(READER) if "new item" in m["Subject"]]


@pytest.mark.django_db(transaction=True)
def test_subscribe_confirm_digest_once_then_one_click_unsubscribe(client, smtp_server, areas):
    followed, other = areas
    assert subscribe(client, followed).status_code == 200
    deliver()
    (confirmation,) = smtp_server.handler.to(READER)
    call_command("send_digests", "--now", stdout=StringIO())
    deliver()
    assert digests(smtp_server) == []  # nothing before confirmation

    confirm_url = link(confirmation, "confirm")
    assert client.get(confirm_url).status_code == 200  # a page with a button, not a click
    assert not Subscription.objects.get().is_active
    client.post(confirm_url)
    assert Subscription.objects.get().is_active

    make_insight(theme=followed, title="Night buses for carers")
    make_insight(theme=followed, title="Safe streets audit")
    make_insight(theme=other, title="Congestion charge")
    call_command("send_digests", "--now", stdout=StringIO())
    deliver()
    (digest,) = digests(smtp_server)
    text = digest.get_body(("plain",)).get_content()
    assert "Night buses for carers" in text and "Safe streets audit" in text
    assert "Congestion charge" not in text
    assert "2 new items" in digest["Subject"]
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "mailto:" in digest["List-Unsubscribe"]
    html = digest.get_body(("html",)).get_content()
    assert "Night buses for carers</a>" in html

    call_command("send_digests", "--now", stdout=StringIO())
    deliver()
    assert len(digests(smtp_server)) == 1  # nothing new: no email

    one_click = re.search(r"<(https?://[^>]+)>", digest["List-Unsubscribe"]).group(1)
    path = "/" + one_click.split("://", 1)[1].split("/", 1)[1]
    response = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert Subscription.objects.get().unsubscribed_at is not None

    make_insight(theme=followed, title="Another one")
    call_command("send_digests", "--now", stdout=StringIO())
    deliver()
    assert len(digests(smtp_server)) == 1


@pytest.mark.django_db(transaction=True)
def test_the_answer_is_the_same_whether_or_not_the_address_is_subscribed(
    client, smtp_server, areas
):
    first = subscribe(client, areas[0]).content.decode()
    Subscription.objects.update(confirmed_at="2026-01-01T00:00Z", covered_until="2026-01-01T00:00Z")
    again = subscribe(client, areas[1]).content.decode()
    strip = lambda html: re.sub(r'value="[^"]+"', "", html)  # noqa: E731
    assert strip(first) == strip(again)
    subscription = Subscription.objects.get()
    assert list(subscription.themes.all()) == [areas[0]]  # a stranger cannot change it
    deliver()
    subjects = [m["Subject"] for m in smtp_server.handler.to(READER)]
    assert subjects == [
        "Confirm your subscription to the Metropolitan toolkit",
        "You already follow the Metropolitan toolkit",
    ]


@pytest.mark.django_db
def test_bad_forms_are_400_and_keep_the_input(client, areas):
    response = subscribe(client, email="not an address")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Choose at least one area, programme or place, or everything." in html
    assert 'value="not an address"' in html
    assert subscribe(client, areas[0], consent="").status_code == 400
    assert not Subscription.objects.exists()


@pytest.mark.django_db
def test_sign_ups_are_rate_limited_and_bots_are_dropped(client, areas, settings):
    settings.SUBSCRIBE_RATE_LIMIT = 2
    codes = [subscribe(client, areas[0], email=f"r{n}@example.org").status_code for n in range(3)]
    assert codes == [200, 200, 429]
    assert subscribe(client, areas[0], email="bot@example.org", fax_number="x").status_code == 200
    assert subscribe(client, areas[0], email="fast@example.org", started="x").status_code == 400
    assert not Subscription.objects.filter(email__in=["bot@example.org", "fast@example.org"])


@pytest.mark.django_db
def test_preferences_change_by_signed_link_and_forged_links_are_404(client, areas):
    subscribe(client, areas[0])
    subscription = Subscription.objects.get()
    from subscriptions.links import token_for

    url = f"/subscribe/manage/{token_for(subscription, 'manage')}/"
    response = client.post(url, {"themes": [areas[1].pk], "rhythm": "monthly", "language": "fr"})
    assert response.status_code == 200
    subscription.refresh_from_db()
    assert (subscription.rhythm, subscription.language) == ("monthly", "fr")
    assert list(subscription.themes.all()) == [areas[1]]
    assert client.post(url, {"rhythm": "yearly", "language": "en"}).status_code == 400
    assert client.get(url[:-5] + "xxxx/").status_code == 404
    assert client.get("/subscribe/confirm/forged/").status_code == 404
    client.post(url, {"leave": "1"})
    subscription.refresh_from_db()
    assert subscription.unsubscribed_at is not None


@pytest.mark.django_db
def test_stale_subscriptions_are_erased_with_their_emails(client, areas):
    import datetime

    import time_machine

    subscribe(client, areas[0])
    assert Notification.objects.filter(to=READER).exists()
    with time_machine.travel(datetime.timedelta(days=8)):
        call_command("run_worker", "--once", stdout=StringIO())
    assert not Subscription.objects.exists()
    assert not Notification.objects.filter(to=READER).exists()


@pytest.mark.django_db
def test_theme_pages_invite_to_follow_by_email(client, areas):
    html = client.get("/toolkit/gender-equality/").content.decode()
    assert 'href="/subscribe/?theme=gender-equality"' in html
    form = client.get("/subscribe/?theme=gender-equality").content.decode()
    assert re.search(rf'value="{areas[0].pk}"[^>]*checked', form)


@pytest.mark.django_db
def test_staff_see_counts_and_only_contact_holders_see_addresses(client, areas, django_user_model):
    from django.contrib.auth.models import Group

    subscribe(client, areas[0])
    Subscription.objects.update(confirmed_at="2026-01-01T00:00Z", covered_until="2026-01-01T00:00Z")
    curator = django_user_model.objects.create_user("curator", password="x", is_staff=True)
    curator.groups.add(Group.objects.get(name="Content curators"))
    client.force_login(curator)
    dashboard = client.get("/admin/dashboard/").content.decode()
    assert "1 active subscriber" in dashboard and READER not in dashboard
    assert client.get("/admin/subscriptions/subscription/").status_code == 403

    officer = django_user_model.objects.create_user("officer", password="x", is_staff=True)
    officer.groups.add(Group.objects.get(name="Policy officers"))
    client.force_login(officer)
    assert READER in client.get("/admin/subscriptions/subscription/").content.decode()
    subscription = Subscription.objects.get()
    exported = client.post(
        "/admin/subscriptions/subscription/",
        {"action": "export_personal_data", "_selected_action": [subscription.pk]},
    )
    assert READER in exported.content.decode()
    client.post(
        "/admin/subscriptions/subscription/",
        {"action": "erase", "_selected_action": [subscription.pk]},
    )
    assert not Subscription.objects.exists()
    assert not Notification.objects.filter(to=READER).exists()


@pytest.mark.django_db
def test_join_emails_go_before_any_number_of_digests(areas):
    from signatories.models import Signatory
    from subscriptions.digests import digests_queue
    from subscriptions.models import Subscription as S

    for n in range(30):
        subscription = S.objects.create(
            email=f"r{n}@example.org", consent_at="2026-01-01T00:00Z", consent_version="1",
            confirmed_at="2026-01-01T00:00Z", covered_until="2026-01-01T00:00Z", everything=True,
        )  # fmt: skip
        subscription.themes.add(areas[0])
    make_insight(theme=areas[0])
    assert digests_queue(now=True) == 30
    signatory = Signatory.objects.create(organisation="Late city", kind="government")
    from signatories.emails import enqueue_new_request

    enqueue_new_request(signatory)  # queued after the digests
    from django.utils import timezone

    from jobs.queue import claim_next

    first = claim_next(Notification, timezone.now())
    assert first.kind == "new_request"


@pytest.mark.django_db
def test_a_digest_lists_entries_new_signatories_and_progress_in_the_reader_language(areas):
    from django.utils import timezone

    from commitments.models import Commitment, Milestone
    from signatories.models import Signatory
    from subscriptions.digests import digests_queue
    from tests.factories import make_entry, make_programme

    followed = areas[0]
    talks = make_programme(slug="metrotalks")
    subscription = Subscription.objects.create(
        email=READER, language="fr", consent_at=timezone.now(), consent_version="1",
        confirmed_at=timezone.now(), covered_until=timezone.now() - timezone.timedelta(hours=1),
    )  # fmt: skip
    subscription.themes.add(followed)
    subscription.programmes.add(talks)
    make_entry(talks, title="A talk on care")
    city = Signatory.objects.create(
        organisation="Ville Nouvelle", kind="government", status="approved",
        reviewed_at=timezone.now(),
    )  # fmt: skip
    city.themes.add(followed)
    commitment = Commitment.objects.create(signatory=city, theme=followed, statement="s")
    Milestone.objects.create(commitment=commitment, happened_on="2026-11-01", text="Lamps lit")
    elsewhere = Signatory.objects.create(
        organisation="Elsewhere", kind="government", status="approved", reviewed_at=timezone.now()
    )
    elsewhere.themes.add(areas[1])

    assert digests_queue(now=True) == 1
    body = Notification.objects.get(kind="digest").text_body
    assert "A talk on care" in body and "Ville Nouvelle" in body and "Lamps lit" in body
    assert "Elsewhere" not in body
    assert "/fr/signatories/ville-nouvelle/" in body


@pytest.mark.django_db
def test_a_draft_published_after_its_date_and_a_later_same_day_item_are_not_lost(areas):
    import datetime

    import time_machine
    from django.utils import timezone

    from subscriptions.digests import digests_queue

    subscription = Subscription.objects.create(
        email=READER, consent_at=timezone.now(), consent_version="1", confirmed_at=timezone.now(),
        covered_until=timezone.now(), everything=True,
    )  # fmt: skip
    draft = make_insight(
        theme=areas[0], title="Dated last week", status="draft",
        published_on=timezone.localdate() - datetime.timedelta(days=8),
    )  # fmt: skip
    with time_machine.travel(datetime.timedelta(minutes=5)):
        make_insight(theme=areas[0], title="Morning news")
        assert digests_queue(now=True) == 1
    with time_machine.travel(datetime.timedelta(minutes=10)):
        draft.status = "published"
        draft.save()
        make_insight(theme=areas[0], title="Afternoon news")
    with time_machine.travel(datetime.timedelta(minutes=15)):
        assert digests_queue(now=True) == 1
    first, second = Notification.objects.filter(kind="digest").order_by("pk")
    assert "Morning news" in first.text_body and "Afternoon news" not in first.text_body
    assert "Dated last week" in second.text_body and "Afternoon news" in second.text_body
    assert "Morning news" not in second.text_body
    assert subscription.emails.filter(kind="digest").count() == 2


@pytest.mark.django_db(transaction=True)
def test_an_address_with_non_ascii_capitals_is_one_subscriber_however_it_is_typed(
    client, smtp_server, areas
):
    """Python's lower() and SQLite's LOWER() disagree on "Ü": addresses are normalised once,
    in Python, so a second and a third sign-up are answered, never silently dropped."""
    for typed in ("x@BÜCHER.test", " X@Bücher.TEST ", "x@bücher.test"):
        assert subscribe(client, areas[0], email=typed).status_code == 200
        if not Subscription.objects.filter(confirmed_at__isnull=False).exists():
            Subscription.objects.update(confirmed_at="2026-01-01T00:00Z")
    assert list(Subscription.objects.values_list("email", flat=True)) == ["x@bücher.test"]
    deliver()
    # Django sends the domain as IDNA (punycode), as SMTP without SMTPUTF8 requires
    subjects = [m["Subject"] for m in smtp_server.handler.to("x@xn--bcher-kva.test")]
    assert subjects == [
        "Confirm your subscription to the Metropolitan toolkit",
        "You already follow the Metropolitan toolkit",
        "You already follow the Metropolitan toolkit",
    ]


@pytest.mark.django_db
def test_the_sign_up_form_is_cached_with_each_visitor_s_own_tokens(areas, settings):
    settings.FORM_MIN_SECONDS = 0
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    one, two = first.get("/subscribe/?theme=mobility"), second.get("/subscribe/?theme=mobility")
    assert two["X-Page-Cache"] == "hit" and "private" in two["Cache-Control"]
    tokens = [
        re.findall(r'name="(?:csrfmiddlewaretoken|started)" value="([^"]+)"', r.content.decode())
        for r in (one, two)
    ]
    assert len(tokens[1]) == 2 and not set(tokens[0]) & set(tokens[1])
    assert "@@hole" not in two.content.decode()
    csrf, started = tokens[1]
    data = {"email": READER, "themes": [areas[1].pk], "rhythm": "weekly", "language": "en",
            "consent": "on", "csrfmiddlewaretoken": csrf, "started": started}  # fmt: skip
    assert second.post("/subscribe/", data).status_code == 200
    answer_address_requests()
    assert Notification.objects.filter(to=READER).exists()
