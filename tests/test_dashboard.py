"""The staff dashboard: requests through the web form per month and region (from the first
one), the median days to a decision on them, drafts, scheduled items and profile updates
waiting, failed emails, searches that found nothing (grouped as search reads them, with a
link to run them again), subscribers by rhythm and language; numbers in tables beside the
charts; each role sees its own sections, and its link on the admin home says which."""

import datetime
import re
from io import StringIO

import pytest
import time_machine
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.utils import timezone

from commitments.models import ProfileChange
from search.models import UnansweredSearch
from signatories.models import Signatory
from subscriptions.models import Subscription
from tests.factories import make_entry, make_insight
from toolkit_portal.roles import CONTENT_CURATORS, POLICY_OFFICERS

DASHBOARD = "/admin/dashboard/"


def request(name, *, submitted, decided_after=None, source="web", **fields):
    return Signatory.objects.create(
        organisation=name, kind="government", submitted_at=submitted, source=source,
        reviewed_at=submitted + datetime.timedelta(days=decided_after) if decided_after else None,
        status="approved" if decided_after else "pending", **fields,
    )  # fmt: skip


def month_rows(body: str) -> list[str]:
    table = body.split('id="requests-by-month"')[1].split("</table>")[0]
    return re.findall(r'<th scope="row">([^<]+)</th>', table)


def staff(name: str, group: str) -> User:
    user = User.objects.create_user(name, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.mark.django_db
def test_the_dashboard_counts_requests_by_month_and_region_and_times_decisions(admin_client):
    now = timezone.now()
    for n, (country, days) in enumerate([("PE", 2), ("FR", 4), ("KE", None)]):
        request(f"City {n}", submitted=now, decided_after=days, country=country)
    admin_client.get("/search/", {"q": "cable cars"})
    body = admin_client.get(DASHBOARD).content.decode()
    this_month = now.strftime("%B %Y")
    row = body.split(f'<th scope="row">{this_month}</th>')[1].split("</tr>")[0]
    assert row.count("<td>1</td>") == 3 and row.endswith("<td>3</td>")  # three regions, all
    assert "Median time from request to decision: 3.0 days." in body
    assert "<svg" in body and "<title" in body
    assert "cable cars" in body


@pytest.mark.django_db
def test_signatories_loaded_at_setup_are_not_requests(admin_client):
    call_command("load_content", stdout=StringIO())
    request("Typed In By Staff", submitted=timezone.now(), source="imported")
    body = admin_client.get(DASHBOARD).content.decode()
    assert "No join request has come through the web form yet." in body
    assert 'id="requests-by-month"' not in body and "Median time" not in body


@pytest.mark.django_db
def test_the_median_time_to_decision_is_of_web_requests_alone(admin_client):
    now = timezone.now()
    request("Web 1", submitted=now, decided_after=2)
    request("Web 2", submitted=now, decided_after=4)
    request("Imported", submitted=now, decided_after=0.01, source="imported")
    request("Loaded", submitted=now, decided_after=0.01, source="setup")
    body = admin_client.get(DASHBOARD).content.decode()
    assert "Median time from request to decision: 3.0 days." in body


@pytest.mark.django_db
@time_machine.travel(datetime.datetime(2026, 6, 15, 12, tzinfo=datetime.UTC), tick=False)
def test_the_months_start_at_the_first_web_request(admin_client):
    request("Imported long ago", submitted=timezone.now().replace(year=2025), source="imported")
    request("First from the form", submitted=timezone.now().replace(month=3, day=10))
    rows = month_rows(admin_client.get(DASHBOARD).content.decode())
    assert rows == ["March 2026", "April 2026", "May 2026", "June 2026"]


@pytest.mark.django_db
@time_machine.travel(datetime.datetime(2026, 6, 15, 12, tzinfo=datetime.UTC), tick=False)
def test_the_months_go_back_twelve_at_most(admin_client):
    request("From the form long ago", submitted=timezone.now().replace(year=2024))
    rows = month_rows(admin_client.get(DASHBOARD).content.decode())
    assert len(rows) == 12 and rows[0] == "July 2025" and rows[-1] == "June 2026"


@pytest.mark.django_db
def test_searches_are_grouped_as_search_reads_them_with_a_link_to_run_them_again(
    admin_client, client
):
    searched = [("/fr/search/", "égalité"), ("/fr/search/", "Égalité"), ("/search/", "égalité"),
                ("/search/", "egalite"), ("/search/", "velo")]  # fmt: skip
    for page, words in searched:
        client.get(page, {"q": words})
    # a row from before languages were kept
    today = timezone.localdate()
    UnansweredSearch.objects.create(words="tranvía", folded="tranvia", day=today, count=1)
    body = admin_client.get(DASHBOARD).content.decode()
    table = body.split('id="searches-heading"')[1].split("</table>")[0]
    row = r'<tr><th scope="row"><a href="([^"]+)">([^<]+)</a></th><td>(\d+)</td>'
    rows = re.findall(row, table)
    assert rows == [
        ("/fr/search/?q=%C3%A9galit%C3%A9", "égalité", "4"),
        ("/search/?q=tranv%C3%ADa", "tranvía", "1"),
        ("/search/?q=velo", "velo", "1"),
    ]


@pytest.mark.django_db
def test_drafts_scheduled_items_and_profile_updates_are_counted_with_their_lists(admin_client):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    make_insight(title="A draft", status="draft")
    make_insight(title="Next week", published_on=tomorrow)
    make_insight(title="Out already")
    make_entry(title="Entry draft", status="draft")
    make_entry(title="Entry tomorrow", published_on=tomorrow)
    make_entry(title="Entry later", published_on=tomorrow)
    city = request("City", submitted=timezone.now(), decided_after=1)
    ProfileChange.objects.create(signatory=city, before={}, proposed={"profile": "New"})
    body = admin_client.get(DASHBOARD).content.decode()
    links = dict(re.findall(r'<a href="(/admin/[^"]+\?[^"]+)">([^<]+)</a>', body))
    assert links["/admin/toolkit/insight/?publication=draft"] == "Draft insights: 1"
    assert links["/admin/toolkit/insight/?publication=scheduled"] == "Scheduled insights: 1"
    assert links["/admin/initiatives/entry/?publication=draft"] == "Draft entries: 1"
    assert links["/admin/initiatives/entry/?publication=scheduled"] == "Scheduled entries: 2"
    assert links["/admin/commitments/profilechange/?status__exact=pending"] == (
        "Profile updates to review: 1"
    )
    listed = admin_client.get("/admin/toolkit/insight/?publication=scheduled").content.decode()
    assert "Next week" in listed and "A draft" not in listed and "Out already" not in listed


@pytest.mark.django_db
def test_subscribers_are_counted_by_rhythm_and_language_by_name(admin_client):
    now = timezone.now()
    for n, (rhythm, language) in enumerate([("weekly", "fr"), ("weekly", "fr"), ("monthly", "es")]):
        Subscription.objects.create(
            email=f"r{n}@example.org", consent_at=now, consent_version="1", confirmed_at=now,
            rhythm=rhythm, language=language, everything=True,
        )  # fmt: skip
    body = admin_client.get(DASHBOARD).content.decode()
    table = body.split('id="subscribers-by-rhythm"')[1].split("</table>")[0]
    head = re.findall(r'<th scope="col">([^<]+)</th>', table)
    assert head == ["Rhythm", "English", "French", "Spanish", "All"]
    cells = dict(re.findall(r'<th scope="row">([^<]+)</th>((?:<td>\d+</td>)+)', table))
    assert cells["Weekly"] == "<td>0</td><td>2</td><td>0</td><td>2</td>"
    assert cells["Monthly"] == "<td>0</td><td>0</td><td>1</td><td>1</td>"
    assert cells["All"] == "<td>0</td><td>2</td><td>1</td><td>3</td>"


@pytest.mark.django_db
def test_a_curator_sees_drafts_scheduled_items_and_searches_and_the_link_says_so(client):
    client.force_login(staff("curator", CONTENT_CURATORS))
    shown = "drafts, scheduled items, translations, reviews due, searches, subscribers"
    assert f"Dashboard: {shown}" in client.get("/admin/").content.decode()
    body = client.get(DASHBOARD).content.decode()
    assert shown in body
    for heading in [
        "content-heading", "translations-heading", "reviews-heading", "searches-heading",
        "subscribers-heading",
    ]:  # fmt: skip
        assert f'id="{heading}"' in body
    for heading in ["requests-heading", "profiles-heading", "progress-heading", "emails-heading"]:
        assert f'id="{heading}"' not in body


@pytest.mark.django_db
def test_an_officer_sees_requests_commitments_and_emails_and_the_link_says_so(client):
    client.force_login(staff("officer", POLICY_OFFICERS))
    link = "Dashboard: requests, profile updates, commitments, emails, searches, subscribers"
    assert link in client.get("/admin/").content.decode()
    body = client.get(DASHBOARD).content.decode()
    for heading in ["requests-heading", "profiles-heading", "progress-heading", "emails-heading"]:
        assert f'id="{heading}"' in body
    assert 'id="content-heading"' not in body and 'id="reviews-heading"' not in body


@pytest.mark.django_db
def test_the_public_pages_and_the_dashboard_count_the_same_signatories(admin_client, client):
    call_command("load_content", stdout=StringIO())
    now = timezone.now()
    request("Approved From The Form", submitted=now, decided_after=1)
    request("Waiting", submitted=now)
    request("Imported And Approved", submitted=now, decided_after=1, source="imported")
    Signatory.objects.filter(organisation="Berlin").update(status="withdrawn")
    home = client.get("/").content.decode()
    home = re.search(r"(\d+) institutions listed as signatories", home)
    listed = client.get("/signatories/").content.decode()
    listed = re.search(r"(\d+) institutions are listed here", listed)
    body = admin_client.get(DASHBOARD).content.decode()
    total = r'id="signatories-listed".*?<td>(\d+)</td>\s*</tr>\s*</tfoot>'
    dashboard = re.search(total, body, re.S)
    assert home[1] == listed[1] == dashboard[1] == "14"  # 12 of 13 loaded, 2 approved here
    by_source = body.split('id="signatories-listed"')[1].split("</tbody>")[0]
    assert re.findall(r'<th scope="row">([^<]+)</th><td>(\d+)</td>', by_source) == [
        ("Web form", "1"),
        ("Imported", "1"),
        ("Loaded at setup", "12"),
    ]


@pytest.mark.django_db
def test_the_dashboard_is_for_staff_only(client):
    assert client.get(DASHBOARD).status_code == 302


@pytest.mark.django_db
def test_the_translation_backlog_is_counted_with_links_to_its_lists(admin_client, theme):
    make_insight(theme=theme, title="Only in English")
    body = admin_client.get(DASHBOARD).content.decode()
    section = body.split('id="translations-heading"')[1].split("</section>")[0]
    assert ">French</h3>" in section and ">Spanish</h3>" in section
    assert '<a href="/admin/toolkit/insight/?translation_fr=missing">1</a>' in section
    assert 'href="/admin/translations/"' in section


@pytest.mark.django_db
def test_content_due_for_review_is_counted_per_area(admin_client, theme):
    from initiatives.models import Entry
    from toolkit.models import Insight, Theme

    with time_machine.travel(datetime.datetime(2026, 12, 3, 9, 0, tzinfo=datetime.UTC)):
        late = make_insight(theme=theme, title="Long unread")
        make_insight(theme=theme, title="Just written")
        entry = make_entry(title="An old talk")
        entry.themes.add(theme)
        Insight.objects.filter(pk=late.pk).update(review_by=datetime.date(2026, 6, 1))
        Entry.objects.filter(pk=entry.pk).update(review_by=datetime.date(2026, 12, 3))
        Theme.objects.filter(pk=theme.pk).update(review_by=datetime.date(2026, 1, 1))
        body = admin_client.get(DASHBOARD).content.decode()

    section = body.split('id="reviews-heading"')[1].split("</section>")[0]
    row = section.split("Gender equality</th>")[1].split("</tr>")[0]
    assert f'href="/admin/toolkit/theme/{theme.pk}/change/">due</a>' in row
    insights = f"/admin/toolkit/insight/?review=due&amp;theme__id__exact={theme.pk}"
    entries = f"/admin/initiatives/entry/?review=due&amp;themes__id__exact={theme.pk}"
    assert f'<a href="{insights}">1</a>' in row and f'<a href="{entries}">1</a>' in row
    listed = admin_client.get(insights.replace("&amp;", "&")).content.decode()
    assert "Long unread" in listed and "Just written" not in listed
