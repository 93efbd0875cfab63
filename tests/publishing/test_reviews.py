"""Content kept fresh: every item has a review date a year after its English text last
changed, lists filter on it, marking items reviewed moves it, and the admin home says
what is due."""

import datetime

import pytest
import time_machine
from reversion.models import Version

from tests.factories import make_entry, make_insight
from tests.publishing.test_revisions import edit
from toolkit.models import Insight

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 3)
A_YEAR_ON = datetime.date(2027, 12, 3)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 12, 3, 9, 0, tzinfo=datetime.UTC)):
        yield


def test_new_content_is_due_for_review_a_year_after_it_is_written(theme):
    assert make_insight(theme=theme).review_by == A_YEAR_ON
    assert make_entry().review_by == A_YEAR_ON
    assert theme.review_by is not None


def test_the_review_period_is_a_setting(theme, settings):
    settings.CONTENT_REVIEW_EVERY_DAYS = 90
    assert make_insight(theme=theme).review_by == TODAY + datetime.timedelta(days=90)


def test_a_change_to_the_english_text_moves_the_date_and_nothing_else_does(admin_client, theme):
    insight = make_insight(theme=theme, title="Original title")
    Insight.objects.filter(pk=insight.pk).update(review_by=datetime.date(2026, 1, 1))
    insight.refresh_from_db()

    edit(admin_client, insight, title_fr="Titre en français")  # a translation only
    assert insight.review_by == datetime.date(2026, 1, 1)

    insight.status = Insight.Status.DRAFT
    insight.save(update_fields=["status"])
    insight.refresh_from_db()
    assert insight.review_by == datetime.date(2026, 1, 1)

    edit(admin_client, insight, title_en="A new English title")
    assert insight.review_by == A_YEAR_ON


@pytest.mark.parametrize(
    ("choice", "listed", "not_listed"),
    [("due", "Long unread", "Just written"), ("later", "Just written", "Long unread")],
)
def test_lists_filter_on_review_due(admin_client, theme, choice, listed, not_listed):
    old = make_insight(theme=theme, title="Long unread")
    Insight.objects.filter(pk=old.pk).update(review_by=datetime.date(2026, 11, 1))
    make_insight(theme=theme, title="Just written")

    body = admin_client.get(f"/admin/toolkit/insight/?review={choice}").content.decode()

    assert listed in body and not_listed not in body


def test_marking_items_reviewed_moves_their_date_and_keeps_a_version(admin_client, theme):
    old = make_insight(theme=theme, title="Long unread")
    Insight.objects.filter(pk=old.pk).update(review_by=datetime.date(2026, 11, 1))

    done = admin_client.post(
        "/admin/toolkit/insight/",
        {"action": "mark_reviewed", "_selected_action": [old.pk]},
        follow=True,
    )

    old.refresh_from_db()
    assert old.review_by == A_YEAR_ON
    assert "1 item marked reviewed: next review by Dec. 3, 2027." in done.content.decode()
    assert Version.objects.get_for_object(old).get().revision.comment == "Marked reviewed."


def test_areas_and_programmes_can_be_marked_reviewed_too(admin_client, theme):
    done = admin_client.post(
        "/admin/toolkit/theme/",
        {"action": "mark_reviewed", "_selected_action": [theme.pk]},
        follow=True,
    )
    theme.refresh_from_db()
    assert theme.review_by == A_YEAR_ON and done.status_code == 200


def test_the_admin_home_lists_what_is_due_for_review_only_when_something_is(admin_client, theme):
    insight = make_insight(theme=theme)
    assert "due for review" not in admin_client.get("/admin/").content.decode()

    Insight.objects.filter(pk=insight.pk).update(review_by=TODAY)
    body = admin_client.get("/admin/").content.decode()

    assert 'href="/admin/toolkit/insight/?review=due">Insights due for review: 1' in body
