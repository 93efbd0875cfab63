"""A published item dated later is scheduled: lists, filters and save messages say so."""

import datetime

import pytest
import time_machine

from tests.factories import make_entry, make_insight
from toolkit.models import Insight

TODAY = datetime.date(2026, 12, 3)
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]


@pytest.fixture
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 12, 3, 9, 0, tzinfo=datetime.UTC)):
        yield


def test_the_list_says_scheduled_for_its_date_not_published(admin_client, theme):
    make_insight(theme=theme, title="Coming soon", published_on=datetime.date(2026, 12, 24))
    make_insight(theme=theme, title="Out already", published_on=TODAY)

    body = admin_client.get("/admin/toolkit/insight/").content.decode()

    assert "Scheduled for Dec. 24, 2026" in body
    assert body.count("Scheduled for") == 1


@pytest.mark.parametrize(
    ("choice", "listed", "not_listed"),
    [
        ("scheduled", "Coming soon", "Out already"),
        ("published", "Out already", "Coming soon"),
        ("draft", "Not ready", "Coming soon"),
    ],
)
def test_the_filter_tells_scheduled_from_published(admin_client, theme, choice, listed, not_listed):
    make_insight(theme=theme, title="Coming soon", published_on=datetime.date(2026, 12, 24))
    make_insight(theme=theme, title="Out already", published_on=TODAY)
    make_insight(theme=theme, title="Not ready", status=Insight.Status.DRAFT)

    body = admin_client.get(f"/admin/toolkit/insight/?publication={choice}").content.decode()

    assert listed in body and not_listed not in body


def test_entries_have_the_same_filter_and_column(admin_client):
    make_entry(title="Talk to come", published_on=datetime.date(2027, 1, 5))

    body = admin_client.get("/admin/initiatives/entry/?publication=scheduled").content.decode()

    assert "Talk to come" in body and "Scheduled for Jan. 5, 2027" in body


def test_saving_a_scheduled_item_says_when_readers_will_see_it(admin_client, theme):
    insight = make_insight(theme=theme, title="Coming soon", published_on=TODAY)
    form = admin_client.get(f"/admin/toolkit/insight/{insight.pk}/change/").context["adminform"]
    data = {name: value for name, value in form.form.initial.items() if value is not None}
    data.update(theme=theme.pk, tags="", published_on="2026-12-24", documents=[])

    done = admin_client.post(f"/admin/toolkit/insight/{insight.pk}/change/", data, follow=True)

    messages = [str(message) for message in done.context["messages"]]
    assert "Scheduled for Dec. 24, 2026: readers will see it from that day." in messages


def test_saving_an_item_dated_today_says_nothing_of_a_schedule(admin_client, theme):
    insight = make_insight(theme=theme, title="Out already", published_on=TODAY)
    form = admin_client.get(f"/admin/toolkit/insight/{insight.pk}/change/").context["adminform"]
    data = {name: value for name, value in form.form.initial.items() if value is not None}
    data.update(theme=theme.pk, tags="", documents=[])

    done = admin_client.post(f"/admin/toolkit/insight/{insight.pk}/change/", data, follow=True)

    assert not any("Scheduled" in str(message) for message in done.context["messages"])
