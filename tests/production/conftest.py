"""One production-like stack for the whole session (see stack.py); each test leaves it as
it found it: both servers up, both workers running, mail flowing, the mailbox emptied."""

from pathlib import Path

import pytest

from .stack import MailServer, Portal, Postgres, Redis, wait_for

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "production"


@pytest.fixture(scope="session")
def stack():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    postgres, redis, mail = Postgres(), Redis(), MailServer()
    portal = Portal(postgres, redis, mail, ARTIFACTS)
    try:
        postgres.create()
        redis.start()
        mail.start()
        portal.prepare()
        portal.start()
        yield portal
    finally:
        portal.stop()
        mail.stop()
        redis.stop()
        postgres.destroy()


@pytest.fixture
def portal(stack):
    stack.mail.hang = False
    stack.mail.mailbox.delay = 0
    yield stack
    stack.mail.hang = False
    stack.mail.mailbox.delay = 0
    if len(stack.workers) < 2:
        stack.kill_workers()
        stack.start_workers()
    # let the outbox drain so the next test starts with an empty mailbox
    wait_for(
        lambda: not stack.sql("SELECT 1 FROM signatories_notification WHERE status = 'pending'"),
        60,
        message="the outbox to drain",
    )
    stack.mail.mailbox.clear()


@pytest.fixture
def record():
    """Write a line of figures for the closing note to test-artifacts/production/."""

    def write(name: str, line: str) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / f"{name}.txt").write_text(line + "\n")
        print(line)

    return write
