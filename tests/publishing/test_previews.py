"""Previews: the public template for a draft or unsaved changes, in each language, never
cached, never indexed, never saved."""

import pytest

from tests.factories import make_entry, make_insight, make_programme
from tests.publishing.test_revisions import insight_form
from toolkit.models import Insight


@pytest.mark.django_db
def test_a_draft_is_previewed_with_the_public_template_and_never_cached(admin_client, theme):
    draft = make_insight(theme=theme, title="Draft title", status="draft")
    response = admin_client.get(f"/admin/toolkit/insight/{draft.pk}/change/preview/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Draft title</h1>" in body and "Written for this portal" in body
    assert '<meta name="robots" content="noindex, nofollow">' in body
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "X-Page-Cache" not in response
    assert "not public" in body


@pytest.mark.django_db
def test_unsaved_changes_are_previewed_in_each_language_and_nothing_is_saved(
    admin_client, client, theme
):
    insight = make_insight(theme=theme, title="Saved title")
    url = f"/admin/toolkit/insight/{insight.pk}/change/preview/"
    form = insight_form(
        insight, title_en="Unsaved title", title_fr="Titre non enregistré", body_en="New *body*",
        tags="unsaved-tag",
    )  # fmt: skip
    english = admin_client.post(f"{url}?lang=en", form).content.decode()
    french = admin_client.post(f"{url}?lang=fr", form).content.decode()
    assert "Unsaved title" in english and "<em>body</em>" in english and "unsaved-tag" in english
    assert "Titre non enregistré" in french and 'lang="fr"' in french
    insight.refresh_from_db()
    assert insight.title == "Saved title" and not insight.tags.exists()
    assert "Saved title" in client.get(insight.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_a_new_item_can_be_previewed_before_it_exists(admin_client, theme):
    form = insight_form(
        Insight(theme=theme, slug="new-one", title_en="Brand new"), summary_en="s", body_en="b"
    )
    response = admin_client.post("/admin/toolkit/insight/add/preview/?lang=es", form)
    assert response.status_code == 200 and "Brand new" in response.content.decode()
    assert not Insight.objects.filter(slug="new-one").exists()


@pytest.mark.django_db
def test_a_form_with_mistakes_is_not_previewed(admin_client, theme):
    insight = make_insight(theme=theme)
    form = insight_form(insight, published_on="not a date")
    response = admin_client.post(f"/admin/toolkit/insight/{insight.pk}/change/preview/", form)
    assert response.status_code == 400
    assert "nothing was saved" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["entry", "programme", "theme"])
def test_every_kind_of_content_has_a_preview(admin_client, theme, kind):
    programme = make_programme(title="Programme in preview")
    entry = make_entry(programme=programme, title="Entry in preview", status="draft")
    obj, app, text = {
        "entry": (entry, "initiatives", "Entry in preview"),
        "programme": (programme, "initiatives", "Programme in preview"),
        "theme": (theme, "toolkit", theme.title),
    }[kind]
    response = admin_client.get(f"/admin/{app}/{kind}/{obj.pk}/change/preview/")
    assert response.status_code == 200 and text in response.content.decode()


@pytest.mark.django_db
def test_the_change_form_offers_a_preview_button_per_language(admin_client, theme):
    insight = make_insight(theme=theme)
    body = admin_client.get(f"/admin/toolkit/insight/{insight.pk}/change/").content.decode()
    for code in ["en", "fr", "es"]:
        assert (
            f'formaction="/admin/toolkit/insight/{insight.pk}/change/preview/?lang={code}"' in body
        )


@pytest.mark.django_db
def test_previews_are_for_staff_only(client, theme):
    draft = make_insight(theme=theme, title="Secret draft", status="draft")
    response = client.get(f"/admin/toolkit/insight/{draft.pk}/change/preview/")
    assert response.status_code == 302 and "Secret draft" not in response.content.decode()
