"""Following by email tells the truth: a manage link of an address that left says so and
offers to follow again, the manage page names its (masked) address, a digest's period
reads as dates in the reader's language, and a second sign-up leaves the first email's
confirmation link working."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from django.utils import timezone

from outbox.models import Notification
from subscriptions.digests import digests_queue
from subscriptions.links import token_for
from subscriptions.models import Subscription
from tests.factories import make_insight

from .test_subscriptions import READER, subscribe

pytestmark = pytest.mark.django_db


def confirmation_links() -> list[str]:
    """The confirmation link of each confirmation email to READER, oldest first."""
    bodies = Notification.objects.filter(to=READER, kind="subscribe_confirm").order_by("pk")
    found = [re.search(r"https?://\S+/subscribe/confirm/\S+/", n.text_body) for n in bodies]
    return ["/" + m.group(0).split("://", 1)[1].split("/", 1)[1] for m in found if m]


def manage_url(subscription: Subscription, language: str = "") -> str:
    prefix = f"/{language}" if language else ""
    return f"{prefix}/subscribe/manage/{token_for(subscription, 'manage')}/"


def confirmed(language: str = "en", **fields) -> Subscription:
    now = timezone.now()
    return Subscription.objects.create(
        email=READER, language=language, consent_at=now, consent_version="1",
        confirmed_at=now, covered_until=now - datetime.timedelta(hours=1), **fields,
    )  # fmt: skip


def test_a_manage_link_of_an_address_that_left_says_so_and_saves_nothing(client, areas):
    subscription = confirmed(language="fr")
    subscription.themes.add(areas[0])
    url = manage_url(subscription, "fr")
    client.post(url, {"leave": "1"})

    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Vous ne suivez plus" in html  # "you no longer follow"
    assert "Enregistrer mes choix" not in html  # no form of choices that would change nothing
    assert 'name="follow_again"' in html

    stale_form = client.post(url, {"themes": [areas[1].pk], "rhythm": "monthly", "language": "fr"})
    assert stale_form.status_code == 409
    assert "Vos choix sont enregistrés" not in stale_form.content.decode()
    subscription.refresh_from_db()
    assert subscription.rhythm == "weekly" and list(subscription.themes.all()) == [areas[0]]
    assert subscription.unsubscribed_at is not None


def test_an_address_that_left_follows_again_from_its_manage_link_with_consent(client, areas):
    subscription = confirmed()
    subscription.themes.add(areas[0])
    url = manage_url(subscription)
    client.post(url, {"leave": "1"})
    left_at = Subscription.objects.get().unsubscribed_at

    without_consent = client.post(url, {"follow_again": "1"})
    assert without_consent.status_code == 400
    assert Subscription.objects.get().unsubscribed_at == left_at

    with time_machine.travel(datetime.timedelta(days=2)):
        make_insight(theme=areas[0], title="While away")
        again = client.post(url, {"follow_again": "1", "consent": "on"})
        assert again.status_code == 200
        assert "You follow the Metropolitan toolkit again." in again.content.decode()
        subscription.refresh_from_db()
        assert subscription.is_active and subscription.consent_at > left_at
        assert digests_queue(now=True) == 0  # nothing from the time away is sent


def test_the_manage_page_names_its_address_masked(client, areas):
    subscription = confirmed(everything=True)
    html = client.get(manage_url(subscription)).content.decode()
    assert "r•••@example.org" in html
    assert READER not in html


def test_the_unsubscribed_page_offers_to_follow_again(client, areas):
    subscription = confirmed(everything=True)
    html = client.post(f"/subscribe/unsubscribe/{token_for(subscription, 'unsubscribe')}/")
    assert manage_url(subscription) in html.content.decode()


def test_a_confirmation_link_of_an_address_that_left_does_not_say_it_is_subscribed(client, areas):
    subscribe(client, areas[0])
    (link,) = confirmation_links()
    client.post(link)
    subscription = Subscription.objects.get()
    client.post(manage_url(subscription), {"leave": "1"})
    response = client.post(link, follow=True)
    assert "You are subscribed" not in response.content.decode()
    assert "You no longer follow" in response.content.decode()


@pytest.mark.parametrize(
    ("language", "one_day", "period"),
    [
        ("en", "on Dec. 2, 2026", "from Nov. 23, 2026 to Nov. 29, 2026"),
        ("fr", "le 2 décembre 2026", "du 23 novembre 2026 au 29 novembre 2026"),
        ("es", "el 2 de diciembre de 2026", "del 23 de noviembre de 2026 al 29 de noviembre"),
    ],
)
def test_a_digest_period_reads_as_dates_in_the_reader_language(areas, language, one_day, period):
    with time_machine.travel(datetime.datetime(2026, 12, 2, 9, tzinfo=datetime.UTC)):
        confirmed(language=language, everything=True)
        make_insight(theme=areas[0])
        with time_machine.travel(datetime.timedelta(hours=2)):
            assert digests_queue(now=True) == 1
    digest = Notification.objects.get(kind="digest")
    assert one_day in digest.text_body and one_day in digest.html_body
    assert digest.text_body.splitlines()[0].count("2026") == 1  # one day, one date

    Notification.objects.all().delete()
    Subscription.objects.update(
        covered_until=datetime.datetime(2026, 11, 23, tzinfo=datetime.UTC), rhythm="weekly"
    )
    with time_machine.travel(datetime.datetime(2026, 11, 25, 9, tzinfo=datetime.UTC)):
        make_insight(theme=areas[0])
    with time_machine.travel(datetime.datetime(2026, 11, 30, 1, tzinfo=datetime.UTC)):
        assert digests_queue() == 1
    digest = Notification.objects.get(kind="digest")
    assert period in digest.text_body and period in digest.html_body


def test_a_second_sign_up_leaves_the_first_confirmation_link_working(client, areas):
    subscribe(client, areas[0])
    subscribe(client, areas[0])  # a double click, or a second try the next day
    first, second = confirmation_links()
    assert client.get(first).status_code == 200
    assert client.post(first).status_code == 200
    assert Subscription.objects.get().is_active
    assert client.post(second).status_code == 200  # the other link is still good too


def test_the_first_confirmation_link_still_expires(client, areas):
    subscribe(client, areas[0])
    (first,) = confirmation_links()
    with time_machine.travel(datetime.timedelta(days=6)):
        subscribe(client, areas[0])
    with time_machine.travel(datetime.timedelta(days=8)):
        assert client.get(first).status_code == 404  # signed with its own time
        assert client.get(confirmation_links()[1]).status_code == 200


def test_a_sign_up_after_leaving_voids_the_old_links(client, areas):
    subscription = confirmed(everything=True)
    old = manage_url(subscription)
    client.post(old, {"leave": "1"})
    subscribe(client, areas[0])
    assert client.get(old).status_code == 404  # a fresh subscription, maybe not theirs
