"""Faults against real servers: a mail server that hangs, PostgreSQL restarting, a worker
killed in the middle of sending. The portal keeps answering and loses nothing."""

import secrets
import threading
import time
from collections import Counter

from .stack import Visitor, request, wait_for


def notifications_of(portal, organisation: str) -> list[tuple]:
    return portal.sql(
        "SELECT n.status, n.attempts, n.last_error, n.message_id FROM signatories_notification n "
        "JOIN django_content_type t ON t.id = n.about_type_id AND t.model = 'signatory' "
        "JOIN signatories_signatory s ON s.id = n.about_id WHERE s.organisation = %s",
        organisation,
    )


def test_a_mail_server_that_never_answers_delays_email_but_not_the_form(portal, record):
    run = secrets.token_hex(3)
    portal.mail.hang = True
    visitor = Visitor(f"198.18.0.{secrets.randbelow(250) + 1}")

    began = time.monotonic()
    response = visitor.join(portal.ports[0], f"hang-{run}")
    answered = time.monotonic() - began

    assert response.status == 302
    assert answered < 1.0, f"the form took {answered:.2f} s"
    # the workers time out (EMAIL_TIMEOUT=2) and schedule a retry; nothing is marked sent
    organisation = f"Scale City hang-{run}"
    wait_for(
        lambda: all(row[1] >= 1 and row[2] for row in notifications_of(portal, organisation)),
        30,
        message="a timed-out attempt",
    )
    rows = notifications_of(portal, organisation)
    assert len(rows) == 2 and {row[0] for row in rows} == {"pending"}
    assert all("timed out" in row[2] for row in rows), rows

    portal.mail.hang = False  # the mail server recovers
    wait_for(
        lambda: {row[0] for row in notifications_of(portal, f"Scale City hang-{run}")} == {"sent"},
        60,
        message="delivery after the mail server recovered",
    )
    received = [m["Message-ID"] for m in portal.mail.mailbox.snapshot()]
    assert sorted(received) == sorted(row[3] for row in rows)
    attempts = max(row[1] for row in notifications_of(portal, f"Scale City hang-{run}"))
    record(
        "fault-hanging-smtp",
        f"mail server hanging: join form answered in {answered * 1000:.0f} ms; sends timed out "
        f"and were retried ({attempts} attempts at most); both emails delivered once it answered",
    )


TERMINATE_PORTAL_CONNECTIONS = """
    SELECT pg_terminate_backend(pid) FROM pg_stat_activity
    WHERE datname = 'toolkit' AND pid <> pg_backend_pid() AND backend_type = 'client backend'
"""


def test_postgresql_restarting_gives_a_friendly_503_and_the_portal_recovers(portal, record):
    statuses: Counter = Counter()
    bad_pages: list[str] = []
    stop = threading.Event()

    def browse(port: int) -> None:
        n = 0
        while not stop.is_set():
            n += 1
            # a fresh search each time: never in the page cache, always asks the database
            try:
                response = request(port, "GET", f"/search/?q=care+{n}+{port}", timeout=10)
            except OSError as error:
                statuses[type(error).__name__] += 1
                continue
            statuses[response.status] += 1
            if response.status not in (200, 503) or (
                response.status == 503 and "Back in a moment" not in response.body
            ):
                bad_pages.append(f"{response.status}: {response.body[:300]}")
            time.sleep(0.02)

    threads = [threading.Thread(target=browse, args=(port,)) for port in portal.ports]
    for thread in threads:
        thread.start()
    try:
        time.sleep(1)
        # Connections dropped mid-request: the driver itself then raises while a page is
        # rendering (closing the cursor of the search form's menu), past Django's wrapper.
        killed = 0
        for _ in range(40):
            killed += len(portal.sql(TERMINATE_PORTAL_CONNECTIONS))
            time.sleep(0.05)
        dropped = dict(statuses)
        portal.postgres.stop("fast")
        down_at = time.monotonic()
        time.sleep(3)
        during = dict(statuses)
        portal.postgres.start()
        up_at = time.monotonic()
        for port in portal.ports:  # a fresh query on each: the cache cannot answer it
            path = f"/search/?q=recovered+{port}+{secrets.token_hex(4)}"
            wait_for(lambda p=port, path=path: request(p, "GET", path).status == 200, 30)
        recovered = time.monotonic() - up_at
        time.sleep(1)
    finally:
        stop.set()
        for thread in threads:
            thread.join()

    assert not bad_pages, bad_pages[:3]
    assert statuses[503] > 0, statuses  # the outage was seen, and answered politely
    assert set(statuses) <= {200, 503}, statuses  # no 500, no dropped connection
    assert during.get(503, 0) > 0
    assert killed > 0 and set(dropped) <= {200, 503}, (killed, dropped)

    # the workers lived through it and still deliver
    run = secrets.token_hex(3)
    assert Visitor("198.18.1.1").join(portal.ports[1], f"after-pg-{run}").status == 302
    wait_for(
        lambda: {r[0] for r in notifications_of(portal, f"Scale City after-pg-{run}")} == {"sent"},
        30,
        message="delivery after the restart",
    )
    assert all(worker.poll() is None for worker in portal.workers)
    record(
        "fault-postgres-restart",
        f"PostgreSQL down {up_at - down_at:.1f} s under traffic: {statuses[200]} pages 200, "
        f"{statuses[503]} friendly 503, 0 other ({killed} connections dropped mid-traffic "
        f"before: {dropped}); both servers served again {recovered:.1f} s "
        "after it came back; workers survived and delivered",
    )


def test_a_worker_killed_mid_send_delivers_everything_after_restart(portal, record):
    run = secrets.token_hex(3)
    mailbox = portal.mail.mailbox
    portal.kill_workers()
    mailbox.delay = 1.5  # the server records the message but is slow to confirm it
    for n in range(3):
        assert (
            Visitor(f"198.18.2.{n + 1}").join(portal.ports[n % 2], f"kill-{run}-{n}").status == 302
        )
    expected = {
        row[3] for n in range(3) for row in notifications_of(portal, f"Scale City kill-{run}-{n}")
    }
    assert len(expected) == 6

    portal.start_workers()
    wait_for(lambda: mailbox.snapshot(), 20, interval=0.01, message="a send in progress")
    portal.kill_workers()  # in the middle of a send: the message is in, the 250 is not out
    in_flight = {m["Message-ID"] for m in mailbox.snapshot()}
    mailbox.delay = 0
    portal.start_workers()

    wait_for(
        lambda: expected <= {m["Message-ID"] for m in mailbox.snapshot()}, 60,
        message="every notification delivered after the restart",
    )  # fmt: skip
    wait_for(
        lambda: (
            not portal.sql(
                "SELECT 1 FROM signatories_notification "
                "WHERE message_id = ANY(%s) AND status <> 'sent'",
                list(expected),
            )
        ),
        30,
        message="the outbox to record every send",
    )
    counts = Counter(m["Message-ID"] for m in mailbox.snapshot())
    assert set(counts) == expected  # nothing lost, nothing unknown
    twice = [mid for mid, count in counts.items() if count > 1]
    assert set(twice) <= in_flight  # only a send cut short is repeated, with its Message-ID
    record(
        "fault-worker-killed",
        f"workers killed mid-send: {len(expected)} notifications, all delivered after restart; "
        f"{len(twice)} delivered twice (cut short in flight), each with its stable Message-ID",
    )
