"""Two gunicorn servers and two workers on one PostgreSQL and one Redis behave as one portal."""

import secrets
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from .stack import Visitor, wait_for

SIGNUPS = 300


def test_concurrent_signups_across_both_servers_give_one_row_and_two_emails_each(portal, record):
    run = secrets.token_hex(3)
    barrier = threading.Barrier(SIGNUPS, timeout=120)

    def sign_up(n: int) -> int:
        visitor = Visitor(f"10.{n // 250}.{n % 250}.{1 + int(run, 16) % 250}")
        port = portal.ports[n % 2]
        barrier.wait()  # all at once, half on each server
        return visitor.join(port, f"{run}-{n}", form_port=portal.ports[(n + 1) % 2]).status

    started = time.monotonic()
    with ThreadPoolExecutor(SIGNUPS) as pool:
        statuses = Counter(pool.map(sign_up, range(SIGNUPS)))
    answered = time.monotonic() - started
    assert statuses == {302: SIGNUPS}, statuses

    rows = portal.sql(
        "SELECT count(*) FROM signatories_signatory WHERE organisation LIKE %s",
        f"Scale City {run}-%",
    )[0][0]
    assert rows == SIGNUPS

    mailbox = portal.mail.mailbox
    wait_for(lambda: len(mailbox.snapshot()) >= 2 * SIGNUPS, 180, message="600 emails")
    time.sleep(2)  # anything sent twice would arrive now
    messages = mailbox.snapshot()
    delivered = time.monotonic() - started
    ids = Counter(m["Message-ID"] for m in messages)
    assert len(messages) == 2 * SIGNUPS, len(messages)
    assert max(ids.values()) == 1, "a message was delivered twice"
    officer = [m for m in messages if m["To"] == "officer@portal.example"]
    applicants = Counter(m["To"] for m in messages if m["To"] != "officer@portal.example")
    assert len(officer) == SIGNUPS
    assert len(applicants) == SIGNUPS and set(applicants.values()) == {1}
    record(
        "scale-out",
        f"{SIGNUPS} concurrent signups over 2 gunicorn servers: {rows} rows, {len(officer)} "
        f"officer emails, {len(applicants)} acknowledgements, 0 duplicates; all answered in "
        f"{answered:.1f} s, all emails delivered by 2 workers in {delivered:.1f} s",
    )


def test_the_rate_limit_holds_across_both_servers(portal):
    visitor = Visitor(f"192.0.2.{secrets.randbelow(250) + 1}")
    run = secrets.token_hex(3)
    statuses = [visitor.join(portal.ports[n % 2], f"limit-{run}-{n}").status for n in range(6)]
    assert statuses == [302] * 5 + [429]


def test_an_edit_through_one_server_shows_through_the_other_at_once(portal):
    reader, other = portal.ports
    slug = portal.sql("SELECT slug FROM toolkit_theme ORDER BY slug LIMIT 1")[0][0]
    insight_id, insight_slug = portal.sql(
        "SELECT i.id, i.slug FROM toolkit_insight i JOIN toolkit_theme t ON t.id = i.theme_id "
        "WHERE t.slug = %s AND i.status = 'published' ORDER BY i.slug LIMIT 1",
        slug,
    )[0]
    url = f"/toolkit/{slug}/{insight_slug}/"
    visitor = Visitor("203.0.113.9")
    assert visitor.get(reader, url).status == 200
    assert visitor.get(reader, url).headers.get("x-page-cache") == "hit"

    admin = portal.admin_session(other)
    changelist = admin.get(other, "/admin/toolkit/insight/")
    token = changelist.body.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    done = admin.post(
        other, "/admin/toolkit/insight/",
        {"action": "unpublish", "_selected_action": insight_id, "csrfmiddlewaretoken": token},
    )  # fmt: skip
    assert done.status == 302
    try:
        assert visitor.get(reader, url).status == 404
    finally:
        portal.sql("UPDATE toolkit_insight SET status = 'published' WHERE id = %s", insight_id)
        portal.manage("clear_page_cache")
