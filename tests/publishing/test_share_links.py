"""Share links: a reviewer without an account reads a draft through a signed link that
expires and can be revoked; anything else answers 404; never cached, never indexed."""

import datetime
import io

import pytest
import time_machine
from django.conf import settings
from django.core import signing
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from publishing.models import ShareLink
from publishing.services import share_link_create
from tests.factories import make_entry, make_insight, make_programme


def share(item, *args) -> str:
    out = io.StringIO()
    call_command(
        "share_link", f"{item._meta.app_label}.{item._meta.model_name}", item.pk, *args, stdout=out
    )
    url = out.getvalue().strip()
    assert url.startswith(f"{settings.SITE_URL}/share/")
    return url.removeprefix(settings.SITE_URL)


@pytest.fixture
def draft(theme):
    return make_insight(theme=theme, title="Draft for review", status="draft")


@pytest.mark.django_db
def test_a_share_link_shows_the_draft_read_only_noindex_and_never_cached(client, draft):
    path = share(draft)
    for _ in range(2):
        response = client.get(path)
        body = response.content.decode()
        assert response.status_code == 200
        assert "<h1>Draft for review</h1>" in body and "not public" in body
        assert '<meta name="robots" content="noindex, nofollow">' in body
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert "no-store" in response["Cache-Control"]
        assert "X-Page-Cache" not in response  # neither stored nor served by the page cache
        assert 'name="csrfmiddlewaretoken"' not in body  # nothing to submit
    assert client.get(draft.get_absolute_url()).status_code == 404  # still a draft
    assert "Disallow: /share/" in client.get("/robots.txt").content.decode()


@pytest.mark.django_db
def test_a_share_link_works_in_each_language(client, draft):
    draft.title_fr = "Brouillon à relire"
    draft.save()
    path = share(draft)
    assert "Brouillon à relire" in client.get(f"/fr{path}").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "tamper",
    [
        lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"),
        lambda t: "x" + t,
        lambda t: "1",
        lambda t: "%00",
    ],
)
def test_a_tampered_link_answers_404(client, draft, tamper):
    token = share(draft).split("/")[2]
    assert client.get(f"/share/{tamper(token)}/").status_code in (400, 404)


@pytest.mark.django_db
def test_a_link_expires_after_seven_days_by_default(client, draft):
    path = share(draft)
    link = ShareLink.objects.get()
    assert link.expires_at - link.created_at == pytest.approx(
        datetime.timedelta(days=7), abs=datetime.timedelta(seconds=5)
    )
    with time_machine.travel(timezone.now() + datetime.timedelta(days=6, hours=23)):
        assert client.get(path).status_code == 200
    with time_machine.travel(timezone.now() + datetime.timedelta(days=7, minutes=1)):
        assert client.get(path).status_code == 404


@pytest.mark.django_db
def test_staff_create_list_and_revoke_links_on_the_item(admin_client, client, draft):
    change = f"/admin/toolkit/insight/{draft.pk}/change/"
    created = admin_client.post(f"{change}share/", follow=True).content.decode()
    link = ShareLink.objects.get()
    assert "Share link created" in created
    assert link.get_absolute_url() in created  # listed on the item
    assert client.get(link.get_absolute_url()).status_code == 200
    revoked = admin_client.post(f"{change}share/{link.pk}/", follow=True).content.decode()
    assert "Share link revoked" in revoked and "revoked" in revoked
    assert client.get(link.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_creating_a_link_needs_a_post_and_staff(admin_client, client, draft):
    change = f"/admin/toolkit/insight/{draft.pk}/change/"
    assert admin_client.get(f"{change}share/").status_code == 405
    assert client.post(f"{change}share/").status_code == 302  # to the login page
    assert not ShareLink.objects.exists()


@pytest.mark.django_db
def test_a_link_to_a_deleted_item_answers_404(client, draft):
    path = share(draft)
    draft.delete()
    assert client.get(path).status_code == 404


@pytest.mark.django_db
def test_entries_programmes_and_themes_can_be_shared(client, theme):
    programme = make_programme(title="Shared programme")
    entry = make_entry(programme=programme, title="Shared entry", status="draft")
    for item, text in [
        (entry, "Shared entry"),
        (programme, "Shared programme"),
        (theme, theme.title),
    ]:
        assert text in client.get(share(item)).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["toolkit.nothing", "1"], "Unknown model"),
        (["toolkit.insight", "999"], "No toolkit.insight"),
        (["auth.user", "1"], "no public page"),
    ],
)
def test_the_command_explains_what_it_cannot_share(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("share_link", *args)


@pytest.mark.django_db
def test_a_link_has_one_address_and_earlier_addresses_keep_working(client, draft):
    link = share_link_create(item=draft)
    first = link.get_absolute_url()
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=5)):
        assert link.get_absolute_url() == first
    earlier = reverse("publishing:shared", kwargs={"token": signing.dumps(link.pk, salt=link.SALT)})
    assert client.get(earlier).status_code == client.get(first).status_code == 200
