"""The staff dashboard: requests per month and region, median days to a decision, failed
emails, searches that found nothing; numbers in tables beside the charts."""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone

from signatories.models import Signatory
from toolkit_portal.roles import CONTENT_CURATORS


@pytest.mark.django_db
def test_the_dashboard_counts_requests_by_month_and_region_and_times_decisions(admin_client):
    now = timezone.now()
    for n, (country, days) in enumerate([("PE", 2), ("FR", 4), ("KE", None)]):
        Signatory.objects.create(
            organisation=f"City {n}", kind="government", country=country, submitted_at=now,
            reviewed_at=now + datetime.timedelta(days=days) if days else None,
            status="approved" if days else "pending",
        )  # fmt: skip
    admin_client.get("/search/", {"q": "cable cars"})
    body = admin_client.get("/admin/dashboard/").content.decode()
    this_month = now.strftime("%B %Y")
    row = body.split(f'<th scope="row">{this_month}</th>')[1].split("</tr>")[0]
    assert row.count("<td>1</td>") == 3 and row.endswith("<td>3</td>")  # three regions, all
    assert "Median time from request to decision: 3.0 days." in body
    assert "<svg" in body and "<title" in body
    assert "cable cars" in body


@pytest.mark.django_db
def test_curators_see_searches_but_not_join_requests(client):
    curator = User.objects.create_user("curator", is_staff=True)
    curator.groups.add(Group.objects.get(name=CONTENT_CURATORS))
    client.force_login(curator)
    body = client.get("/admin/dashboard/").content.decode()
    assert "Searches that found nothing" in body and "Join requests received" not in body


@pytest.mark.django_db
def test_the_dashboard_is_for_staff_only(client):
    assert client.get("/admin/dashboard/").status_code == 302
