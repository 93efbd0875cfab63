"""What search finds follows every change of what it covers: saves, deletes, unpublishing,
scheduled items, area changes (from either side) and the admin's bulk actions. On
PostgreSQL search reads narrow rows kept apart from the content (publishing.SearchRow): a
path that forgot them would leave search showing what it should not, or missing what it
should, and `rows_follow_the_content` names the row that is wrong."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from initiatives.models import Entry
from publishing.models import SearchRow
from publishing.search_vectors import KINDS
from search.query import ranked_hits
from tests.factories import make_entry, make_insight, make_programme, make_theme
from toolkit.models import Insight


def found(query: str, theme=None) -> set[tuple[str, int]]:
    return {(hit["kind"], hit["pk"]) for hit in ranked_hits(query, theme=theme)}


def rows_follow_the_content() -> None:
    """PostgreSQL: each insight and entry has one row, with its publication and areas."""
    if connection.vendor != "postgresql":
        return
    expected = {
        (KINDS["toolkit.insight"], item.pk, item.status == "published", item.published_on,
         (item.theme_id,))
        for item in Insight.objects.all()
    } | {
        (KINDS["initiatives.entry"], item.pk, item.status == "published", item.published_on,
         tuple(sorted(item.themes.values_list("pk", flat=True))))
        for item in Entry.objects.all()
    }  # fmt: skip
    rows = SearchRow.objects.filter(kind__in=[KINDS["toolkit.insight"], KINDS["initiatives.entry"]])
    kept = {
        (row.kind, row.item, row.published, row.published_on, tuple(sorted(row.themes)))
        for row in rows
    }
    assert kept == expected


@pytest.mark.django_db
def test_a_saved_change_is_found_at_once(theme):
    insight = make_insight(theme=theme, title="Tramways return")
    assert found("tramways") == {("insight", insight.pk)}

    insight.title = "Ferries return"
    insight.save()

    assert found("tramways") == set()
    assert found("ferries") == {("insight", insight.pk)}
    rows_follow_the_content()


@pytest.mark.django_db
def test_a_deleted_item_is_no_longer_found(theme):
    insight = make_insight(theme=theme, title="Tramways return")
    entry = make_entry(make_programme(), title="Tramways in Lyon", themes=[theme])
    Insight.objects.filter(pk=insight.pk).delete()  # a queryset's delete, as the admin's
    entry.delete()

    assert found("tramways") == set()
    rows_follow_the_content()


@pytest.mark.django_db
def test_unpublishing_hides_and_publishing_shows(theme):
    insight = make_insight(theme=theme, title="Tramways return")
    insight.status = Insight.Status.DRAFT
    insight.save()
    assert found("tramways") == set()

    insight.status = Insight.Status.PUBLISHED
    insight.save(update_fields=["status"])
    assert found("tramways") == {("insight", insight.pk)}
    rows_follow_the_content()


@pytest.mark.django_db
def test_a_scheduled_item_is_found_from_its_day(theme, time_machine):
    today = timezone.localdate()
    insight = make_insight(
        theme=theme, title="Tramways return", published_on=today + datetime.timedelta(days=2)
    )
    assert found("tramways") == set()
    rows_follow_the_content()

    time_machine.move_to(timezone.now() + datetime.timedelta(days=2))
    assert found("tramways") == {("insight", insight.pk)}


@pytest.mark.django_db
def test_the_admin_s_bulk_actions_are_followed(admin_client, theme):
    drafts = [
        make_insight(theme=theme, title=f"Tramways {n}", status=Insight.Status.DRAFT)
        for n in range(2)
    ]
    ids = [insight.pk for insight in drafts]
    url = "/admin/toolkit/insight/"

    admin_client.post(url, {"action": "publish", "_selected_action": ids})
    assert found("tramways") == {("insight", pk) for pk in ids}
    rows_follow_the_content()

    admin_client.post(url, {"action": "unpublish", "_selected_action": ids[:1]})
    assert found("tramways") == {("insight", ids[1])}
    rows_follow_the_content()


@pytest.mark.django_db
def test_an_entry_s_areas_are_followed_from_either_side(theme):
    other = make_theme(title="Mobility", slug="mobility")
    entry = make_entry(make_programme(), title="Tramways in Lyon", themes=[other])
    assert found("tramways", theme) == set()

    entry.themes.add(theme)
    assert found("tramways", theme) == {("entry", entry.pk)}
    rows_follow_the_content()

    other.entries.clear()  # from the area's side: which entries is not said
    assert found("tramways", other) == set()
    assert found("tramways", theme) == {("entry", entry.pk)}
    rows_follow_the_content()

    theme.entries.remove(entry)
    assert found("tramways", theme) == set()
    other.entries.add(entry)
    assert found("tramways", other) == {("entry", entry.pk)}
    entry.themes.set([])
    assert found("tramways", other) == set()
    rows_follow_the_content()


@pytest.mark.django_db
def test_an_insight_moved_to_another_area_is_found_there_only(theme):
    other = make_theme(title="Mobility", slug="mobility")
    insight = make_insight(theme=theme, title="Tramways return")
    insight.theme = other
    insight.save()

    assert found("tramways", theme) == set()
    assert found("tramways", other) == {("insight", insight.pk)}
    rows_follow_the_content()


@pytest.mark.django_db
def test_a_search_in_one_area_shows_that_area_s_items_only(client, theme):
    other = make_theme(title="Mobility", slug="mobility")
    make_insight(theme=theme, title="Tramways for women at night")
    make_insight(theme=other, title="Tramways every five minutes")
    make_entry(make_programme(), title="Tramways in Lyon", themes=[other, theme])
    make_entry(make_programme(), title="Tramways in Porto", themes=[other])

    text = client.get("/search/", {"q": "tramways", "theme": theme.slug}).content.decode()

    assert "Tramways for women at night" in text
    assert "Tramways in Lyon" in text
    assert "Tramways every five minutes" not in text
    assert "Tramways in Porto" not in text
