import pytest
from taggit.models import Tag

from tests.factories import make_insight, make_theme
from toolkit.models import Insight


@pytest.mark.django_db
def test_home_lists_the_themes_with_published_counts_and_latest_insights(client, theme):
    make_insight(theme=theme, title="Count unpaid care work")
    make_insight(theme=theme, title="Secret plan", status=Insight.Status.DRAFT)

    response = client.get("/")

    body = response.content.decode()
    assert response.status_code == 200
    assert "Gender equality" in body
    assert "1 key insight" in body
    assert "Count unpaid care work" in body
    assert "Secret plan" not in body


@pytest.mark.django_db
def test_toolkit_index_lists_themes_and_popular_tags(client, theme):
    make_insight(theme=theme, tags=["care"])
    make_insight(theme=theme, tags=["hidden-tag"], status=Insight.Status.DRAFT)

    body = client.get("/toolkit/").content.decode()

    assert "Gender equality" in body
    assert 'href="/tags/care/"' in body
    assert "hidden-tag" not in body


@pytest.mark.django_db
def test_theme_page_lists_its_published_insights_only(client, theme):
    make_insight(theme=theme, title="Mine")
    make_insight(theme=theme, title="My draft", status=Insight.Status.DRAFT)
    make_insight(title="Other theme's")

    body = client.get("/toolkit/gender-equality/").content.decode()

    assert "Mine" in body
    assert "My draft" not in body
    assert "Other theme&#x27;s" not in body


@pytest.mark.django_db
def test_theme_page_filters_by_tag(client, theme):
    make_insight(theme=theme, title="About care", tags=["care"])
    make_insight(theme=theme, title="About data", tags=["data"])

    body = client.get("/toolkit/gender-equality/?tag=care").content.decode()

    assert "About care" in body
    assert "About data" not in body


@pytest.mark.django_db
def test_theme_page_with_an_unknown_tag_says_nothing_matches(client, theme):
    make_insight(theme=theme, title="About care", tags=["care"])

    response = client.get("/toolkit/gender-equality/?tag=no-such-tag")

    assert response.status_code == 200
    assert "About care" not in response.content.decode()
    assert "No insight in this area has this tag" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["tag=%00", "page=%00", "tag=a%00b"])
def test_null_characters_in_the_query_string_are_a_400(client, theme, query):
    assert client.get(f"/toolkit/gender-equality/?{query}").status_code == 400


@pytest.mark.django_db
def test_theme_page_paginates_and_tolerates_bad_page_numbers(client, theme):
    for n in range(15):
        make_insight(theme=theme, title=f"Insight number {n:02}")

    first = client.get("/toolkit/gender-equality/").content.decode()
    second = client.get("/toolkit/gender-equality/?page=2").content.decode()

    assert "Page 1 of 2" in first and "Page 2 of 2" in second
    assert first.count('class="card"') == 12 and second.count('class="card"') == 3
    for bad in ["abc", "0", "-1", "999", "1e9"]:
        assert client.get(f"/toolkit/gender-equality/?page={bad}").status_code == 200


@pytest.mark.django_db
def test_pagination_links_keep_the_tag_filter(client, theme):
    for _ in range(13):
        make_insight(theme=theme, tags=["care"])

    body = client.get("/toolkit/gender-equality/?tag=care").content.decode()

    assert 'href="?tag=care&amp;page=2"' in body


@pytest.mark.django_db
def test_unknown_theme_is_404(client):
    assert client.get("/toolkit/no-such-theme/").status_code == 404


@pytest.mark.django_db
def test_insight_page_shows_body_tags_theme_and_neighbours(client, theme):
    make_insight(theme=theme, title="Aaa first", slug="aaa")
    insight = make_insight(
        theme=theme,
        title="Bbb middle",
        slug="bbb",
        body="Use **gender-based data**.",
        tags=["data"],
        source_url="https://example.org/source",
    )
    make_insight(theme=theme, title="Ccc last", slug="ccc")

    response = client.get(insight.get_absolute_url())

    body = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Bbb middle</h1>" in body
    assert "<strong>gender-based data</strong>" in body
    assert 'href="/tags/data/"' in body
    assert 'href="/toolkit/gender-equality/"' in body
    assert 'href="https://example.org/source"' in body
    assert 'href="/toolkit/gender-equality/aaa/"' in body
    assert 'href="/toolkit/gender-equality/ccc/"' in body


@pytest.mark.django_db
def test_draft_insight_is_404_for_visitors_and_staff(client, admin_client, theme):
    draft = make_insight(theme=theme, status=Insight.Status.DRAFT)

    assert client.get(draft.get_absolute_url()).status_code == 404
    assert admin_client.get(draft.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_insight_under_the_wrong_theme_is_404(client, theme):
    insight = make_insight()
    assert client.get(f"/toolkit/gender-equality/{insight.slug}/").status_code == 404


@pytest.mark.django_db
def test_insight_body_with_a_script_is_inert_on_the_page(client, theme):
    insight = make_insight(
        theme=theme, body="<script>alert('owned')</script><img src=x onerror=alert(1)>"
    )

    body = client.get(insight.get_absolute_url()).content.decode()

    assert "alert(" not in body
    assert "onerror" not in body


@pytest.mark.django_db
def test_title_with_markup_is_escaped(client, theme):
    make_insight(theme=theme, title="<b>bold</b> claim")
    body = client.get("/toolkit/gender-equality/").content.decode()
    assert "&lt;b&gt;bold&lt;/b&gt; claim" in body


@pytest.mark.django_db
def test_tag_page_lists_published_insights_from_every_theme(client, theme):
    other = make_theme(title="Public space and housing", slug="public-space-and-housing")
    make_insight(theme=theme, title="Care in the home", tags=["care"])
    make_insight(theme=other, title="Care in the street", tags=["care"])
    make_insight(theme=theme, title="Draft care", tags=["care"], status=Insight.Status.DRAFT)

    body = client.get("/tags/care/").content.decode()

    assert "Care in the home" in body and "Care in the street" in body
    assert "Draft care" not in body
    assert "2 key insights" in body


@pytest.mark.django_db
def test_tag_page_is_404_for_unknown_tags_and_tags_only_on_drafts(client, theme):
    make_insight(theme=theme, tags=["embargoed"], status=Insight.Status.DRAFT)

    assert client.get("/tags/no-such-tag/").status_code == 404
    assert client.get("/tags/embargoed/").status_code == 404


@pytest.mark.django_db
def test_tags_with_accents_get_plain_slugs_and_their_pages_and_filters_work(client, theme):
    make_insight(theme=theme, title="Local economy", tags=["Économie locale"])
    assert Tag.objects.get().slug == "economie-locale"
    assert "Local economy" in client.get("/tags/economie-locale/").content.decode()
    filtered = client.get("/toolkit/gender-equality/?tag=economie-locale")
    assert filtered.status_code == 200 and "Local economy" in filtered.content.decode()


@pytest.mark.django_db
def test_a_tag_whose_slug_kept_its_accents_still_has_a_page_and_a_filter(client, theme):
    insight = make_insight(theme=theme, title="Shared kitchens")
    insight.tags.add(Tag.objects.create(name="Cocina", slug="cocina-común"))
    body = client.get("/toolkit/gender-equality/").content.decode()
    assert 'href="/tags/cocina-com%C3%BAn/"' in body
    assert "Shared kitchens" in client.get("/tags/cocina-común/").content.decode()
    assert client.get("/toolkit/gender-equality/?tag=cocina-común").status_code == 200
