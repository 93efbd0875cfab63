import pytest
from django.contrib.auth.models import User

from tests.factories import make_insight
from toolkit.models import Insight


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/admin/toolkit/theme/", "/admin/toolkit/insight/"])
def test_staff_see_the_changelists(admin_client, theme, url):
    make_insight(theme=theme, title="Listed insight", tags=["care"])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "Gender equality" in response.content.decode()


@pytest.mark.django_db
def test_insight_changelist_filters_by_theme_status_and_tag(admin_client, theme):
    tagged = make_insight(theme=theme, title="Tagged care", tags=["care"])
    make_insight(theme=theme, title="Untagged draft", status=Insight.Status.DRAFT)
    tag_id = tagged.tags.get().pk

    by_tag = admin_client.get(f"/admin/toolkit/insight/?tags__id__exact={tag_id}").content.decode()
    by_status = admin_client.get("/admin/toolkit/insight/?status__exact=draft").content.decode()
    by_search = admin_client.get("/admin/toolkit/insight/?q=care").content.decode()

    assert "Tagged care" in by_tag and "Untagged draft" not in by_tag
    assert "Untagged draft" in by_status and "Tagged care" not in by_status
    assert "Tagged care" in by_search and "Untagged draft" not in by_search


@pytest.mark.django_db
def test_insight_add_form_renders(admin_client, theme):
    response = admin_client.get("/admin/toolkit/insight/add/")
    assert response.status_code == 200
    assert "body_html" not in response.content.decode()


@pytest.mark.django_db
def test_staff_can_create_an_insight_in_the_admin(admin_client, theme):
    response = admin_client.post(
        "/admin/toolkit/insight/add/",
        {
            "theme": theme.pk,
            "title_en": "Count unpaid care",
            "title_fr": "Compter le travail de soin",
            "slug": "count-unpaid-care",
            "summary_en": "Make it visible.",
            "body_en": "Some **markdown**",
            "body_fr": "Du **markdown**",
            "tags": "care, data",
            "status": "published",
            "published_on": "2021-06-29",
            "source_url": "",
        },
    )
    assert response.status_code == 302
    insight = Insight.objects.get(slug="count-unpaid-care")
    assert insight.body_html_en == "<p>Some <strong>markdown</strong></p>"
    assert insight.body_html_fr == "<p>Du <strong>markdown</strong></p>"
    assert insight.title_fr == "Compter le travail de soin"
    assert sorted(insight.tags.names()) == ["care", "data"]


@pytest.mark.django_db
def test_publish_and_unpublish_actions(admin_client, theme):
    draft = make_insight(theme=theme, status=Insight.Status.DRAFT)
    url = "/admin/toolkit/insight/"

    done = admin_client.post(
        url, {"action": "publish", "_selected_action": [draft.pk]}, follow=True
    )
    draft.refresh_from_db()
    assert draft.status == Insight.Status.PUBLISHED
    assert "1 item published." in done.content.decode()

    done = admin_client.post(
        url, {"action": "unpublish", "_selected_action": [draft.pk]}, follow=True
    )
    draft.refresh_from_db()
    assert draft.status == Insight.Status.DRAFT
    assert "1 item unpublished (back to draft)." in done.content.decode()


@pytest.mark.django_db
def test_admin_offers_view_on_site(admin_client, theme):
    insight = make_insight(theme=theme)
    body = admin_client.get(f"/admin/toolkit/insight/{insight.pk}/change/").content.decode()
    assert "View on site" in body


@pytest.mark.django_db
def test_admin_is_closed_to_visitors_and_non_staff(client):
    assert client.get("/admin/toolkit/insight/").status_code == 302
    User.objects.create_user("reader", password="a-long-password-1")
    client.force_login(User.objects.get(username="reader"))
    response = client.get("/admin/toolkit/insight/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
