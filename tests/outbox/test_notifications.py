"""Delivery of the join emails through a real SMTP conversation (aiosmtpd on loopback)."""

import datetime
import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from jobs.queue import retry_delay
from outbox.delivery import deliver_due_notifications
from outbox.models import Notification
from outbox.services import notification_resend
from signatories import services
from signatories.models import Signatory

OFFICER = "officer@metropolis.example"


@pytest.fixture(autouse=True)
def generous_rate_limit(settings):
    settings.JOIN_RATE_LIMIT = 1000


def sign_up(client, join_data, n):
    response = client.post(
        "/join/",
        join_data(
            organisation=f"City number {n}",
            contact_email=f"contact{n}@city{n}.example",
            confirm_new="on",  # numbered names look alike: each is another institution
        ),
    )
    assert response.status_code == 302


def in_a_while(minutes=1):
    return timezone.now() + datetime.timedelta(minutes=minutes)


@pytest.mark.django_db(transaction=True)
def test_officer_gets_one_email_per_signup_and_each_applicant_one_acknowledgement(
    client, join_data, smtp_server, theme
):
    for n in range(5):
        sign_up(client, join_data, n)

    call_command("run_worker", "--once", stdout=StringIO())

    officer_mail = smtp_server.handler.to(OFFICER)
    assert len(officer_mail) == 5
    assert len(smtp_server.messages) == 10
    for n in range(5):
        acknowledgements = smtp_server.handler.to(f"contact{n}@city{n}.example")
        assert len(acknowledgements) == 1
        assert "received your request" in acknowledgements[0]["Subject"]
        assert acknowledgements[0]["Reply-To"] == OFFICER
    assert Notification.objects.filter(status="sent").count() == 10


@pytest.mark.django_db(transaction=True)
def test_officer_email_carries_every_field_and_a_review_link_but_no_spam_traps(
    client, join_data, smtp_server, theme
):
    client.post(
        "/join/",
        join_data(
            organisation="São Paulo Metropolitan Region",
            city="São Paulo",
            themes=[theme.pk],
            message="Line one\nLine two",
        ),
    )
    deliver_due_notifications()

    (message,) = smtp_server.handler.to(OFFICER)
    signatory = Signatory.objects.get()
    text = message.get_body(("plain",)).get_content().replace("\r\n", "\n")
    html = message.get_body(("html",)).get_content()
    assert "São Paulo Metropolitan Region" in message["Subject"]
    for value in [
        "São Paulo Metropolitan Region",
        "Metropolitan, regional or local government",
        "São Paulo",
        "Brazil",
        "https://testville.example.org",
        "Gender equality",
        "Ana Example",
        "International relations",
        "ana@testville.example.org",
        "Line one\nLine two",
        f"/admin/signatories/signatory/{signatory.pk}/change/",
    ]:
        assert value in text, value
    assert "São Paulo Metropolitan Region" in html
    assert message["Reply-To"] == "ana@testville.example.org"
    assert message["Message-ID"] == Notification.objects.get(kind="new_request").message_id
    for trap in ["fax_number", "started"]:
        assert trap not in text and trap not in html


@pytest.mark.django_db(transaction=True)
def test_signups_succeed_while_the_mail_server_is_down_and_are_delivered_once_it_is_back(
    client, join_data, smtp_server
):
    smtp_server.stop()
    started = time.monotonic()
    for n in range(3):
        sign_up(client, join_data, n)
    assert time.monotonic() - started < 2  # nothing waits for the mail server

    assert deliver_due_notifications() == 0
    waiting = Notification.objects.get(kind="new_request", signatory__organisation="City number 0")
    assert waiting.status == "pending"
    assert waiting.attempts == 1
    assert "ConnectionRefusedError" in waiting.last_error
    assert waiting.next_attempt_at > timezone.now()

    smtp_server.start()
    # Each pass stops at its first failure; a minute later everything is due again.
    while deliver_due_notifications(now=in_a_while()):
        pass

    assert len(smtp_server.handler.to(OFFICER)) == 3
    assert len(smtp_server.messages) == 6
    assert Notification.objects.exclude(status="sent").count() == 0

    # Nothing is sent twice.
    assert deliver_due_notifications(now=in_a_while(60)) == 0
    assert len(smtp_server.messages) == 6


@pytest.mark.django_db(transaction=True)
def test_a_hanging_mail_server_times_out_and_the_email_is_retried(
    client, join_data, hanging_smtp_server
):
    started = time.monotonic()
    sign_up(client, join_data, 1)
    assert time.monotonic() - started < 1

    deliver_due_notifications()

    notification = Notification.objects.filter(attempts=1).get()
    assert notification.status == "pending"
    assert "timed out" in notification.last_error.lower()
    assert notification.next_attempt_at > timezone.now()
    assert len(hanging_smtp_server) == 1


def test_retries_back_off_from_under_a_minute_to_a_quarter_of_an_hour():
    delays = [retry_delay(n).total_seconds() for n in range(1, 9)]
    assert delays[0] < 60
    assert delays == sorted(delays)
    assert max(delays) == 15 * 60


@pytest.mark.django_db(transaction=True)
def test_an_email_failing_for_a_day_is_marked_failed_and_can_be_resent(
    client, join_data, smtp_server
):
    sign_up(client, join_data, 1)
    smtp_server.stop()
    Notification.objects.update(queued_at=timezone.now() - datetime.timedelta(days=1, seconds=1))

    while deliver_due_notifications(now=in_a_while()):
        pass
    deliver_due_notifications(now=in_a_while(2))

    assert Notification.objects.filter(status="failed").count() == 2
    assert deliver_due_notifications(now=in_a_while(60)) == 0  # failed ones are left alone

    smtp_server.start()
    for notification in Notification.objects.all():
        notification_resend(notification=notification)
    assert deliver_due_notifications() == 2
    assert len(smtp_server.messages) == 2
    ids = {m["Message-ID"] for m in smtp_server.messages}
    assert ids == set(Notification.objects.values_list("message_id", flat=True))


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="concurrent writers need PostgreSQL; SQLite's in-memory test database locks tables",
)
@pytest.mark.django_db(transaction=True)
def test_two_workers_never_claim_the_same_email(client, join_data, smtp_server):
    import threading

    for n in range(10):
        sign_up(client, join_data, n)

    def work():
        try:
            while deliver_due_notifications(limit=3):
                pass
        finally:
            connection.close()

    workers = [threading.Thread(target=work) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    assert len(smtp_server.messages) == 20
    assert len({m["Message-ID"] for m in smtp_server.messages}) == 20


@pytest.mark.django_db(transaction=True)
def test_approval_and_decline_emails_reach_the_applicant(admin_user, smtp_server):
    approved = Signatory.objects.create(
        organisation="Approved City", kind="government", country="FR", contact_email="a@a.example"
    )
    declined = Signatory.objects.create(
        organisation="Declined City", kind="government", country="FR", contact_email="d@d.example"
    )
    services.signatory_review(signatory=approved, status="approved", reviewer=admin_user)
    services.signatory_review(signatory=declined, status="declined", reviewer=admin_user)

    deliver_due_notifications()

    (welcome,) = smtp_server.handler.to("a@a.example")
    (refusal,) = smtp_server.handler.to("d@d.example")
    assert "joined the call" in welcome["Subject"]
    assert "/signatories/" in welcome.get_body(("plain",)).get_content()
    assert "not able to add Declined City" in refusal.get_body(("plain",)).get_content()
