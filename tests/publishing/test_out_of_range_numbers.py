"""Ids and numbers beyond what the database stores get a 400 or no match, never a 500."""

import pytest

from initiatives.models import Entry
from tests.factories import make_insight
from toolkit.models import Insight

HUGE = 10**30  # beyond a 64-bit integer: SQLite's driver raises OverflowError on it


@pytest.mark.django_db
def test_ids_out_of_range_in_a_list_match_nothing_on_every_kind_of_field(theme):
    insight = make_insight(theme=theme)
    assert list(Insight.objects.filter(pk__in=[HUGE, insight.pk])) == [insight]
    assert list(Insight.objects.filter(pk__in=[-HUGE])) == []
    assert list(Insight.objects.filter(theme__in=[HUGE, theme.pk])) == [insight]
    assert list(Insight.objects.filter(theme_id__in=[HUGE])) == []
    assert list(Entry.objects.filter(themes__in=[HUGE])) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        f"/admin/toolkit/insight/{HUGE}/change/",
        f"/admin/toolkit/insight/?theme__id__exact={HUGE}",
        f"/admin/toolkit/insight/?published_on__year={HUGE}",
        "/admin/toolkit/insight/?published_on__year=9999",
        f"/admin/signatories/signatory/?submitted_at__year={HUGE}",
        f"/admin/initiatives/entry/?published_on__year=2021&published_on__month={HUGE}",
        f"/admin/signatories/signatory/?themes__id__exact={HUGE}",
        f"/admin/toolkit/insight/?p={HUGE}",
    ],
)
def test_admin_pages_with_ids_out_of_range_are_not_server_errors(admin_client, theme, url):
    make_insight(theme=theme)
    assert admin_client.get(url).status_code < 500


@pytest.mark.django_db
def test_an_admin_bulk_action_on_ids_out_of_range_changes_nothing(admin_client, theme):
    insight = make_insight(theme=theme, status="draft")
    response = admin_client.post(
        "/admin/toolkit/insight/", {"action": "publish", "_selected_action": [str(HUGE)]}
    )
    assert response.status_code < 500
    insight.refresh_from_db()
    assert insight.status == "draft"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["toolkit/insight", "toolkit/theme", "signatories/signatory", "taggit/tag", "auth/user",
     "auth/group", "initiatives/entry", "initiatives/programme", "outbox/notification",
     "signatories/reportedtotal"],
)  # fmt: skip
def test_an_admin_action_on_forged_ids_is_refused_not_a_server_error(admin_client, theme, path):
    response = admin_client.post(
        f"/admin/{path}/", {"action": "delete_selected", "_selected_action": ["1e999", "abc"]}
    )
    assert response.status_code < 500
