"""The worker (`manage.py run_worker`): what apps register, in order, with retries that back
off, and a fault in one chore that stops nothing else."""

import datetime

import pytest
from django.core.management import call_command

from jobs.queue import MAX_RETRY_SECONDS, retry_delay
from jobs.registry import CHORES, QUEUES, Chore, Queue, register_chore, register_queue


@pytest.fixture
def only(monkeypatch):
    """Run the worker with these queues and chores instead of the apps' own."""

    def replace(queues=(), chores=()):
        monkeypatch.setattr("jobs.management.commands.run_worker.QUEUES", list(queues))
        monkeypatch.setattr("jobs.management.commands.run_worker.CHORES", list(chores))

    return replace


def test_a_failing_chore_stops_neither_the_other_chores_nor_the_queues(db, only, caplog):
    done = []

    def broken():
        raise ValueError("broken chore")

    only(
        queues=[Queue("Emails", lambda: done.append("queue") or 0)],
        chores=[
            Chore("Broken", broken, 3600),
            Chore("Fine", lambda: done.append("chore") or 0, 3600),
        ],
    )
    call_command("run_worker", "--once")
    assert "Chore failed" in caplog.text and "Broken" in caplog.text
    assert done == ["chore", "queue"]


def test_queues_run_in_the_order_registered_until_nothing_is_due(db, only):
    ran, waiting = [], {"first": 3, "second": 1}

    def pass_of(name):
        def run_pass():
            ran.append(name)
            count, waiting[name] = waiting[name], 0  # each pass does all that is due
            return count

        return run_pass

    only(queues=[Queue("first", pass_of("first")), Queue("second", pass_of("second"))])
    call_command("run_worker", "--once")
    # a pass that did something is followed by another, until a pass finds nothing
    assert ran == ["first", "second", "first", "second"]


def test_retries_back_off_doubling_up_to_a_quarter_of_an_hour(settings):
    settings.JOB_FIRST_RETRY_SECONDS = 30
    delays = [retry_delay(attempts).total_seconds() for attempts in range(1, 8)]
    assert delays == [30, 60, 120, 240, 480, 900, 900]
    assert retry_delay(10**6) == datetime.timedelta(seconds=MAX_RETRY_SECONDS)


def test_registering_twice_under_one_name_keeps_one(monkeypatch):
    monkeypatch.setattr("jobs.registry.QUEUES", list(QUEUES))
    monkeypatch.setattr("jobs.registry.CHORES", list(CHORES))
    from jobs import registry

    for _ in range(2):
        register_queue("Test queue", lambda: 0)
        register_chore("Test chore", lambda: 0, every_seconds=60)
    assert [q.name for q in registry.QUEUES].count("Test queue") == 1
    assert [c.name for c in registry.CHORES].count("Test chore") == 1
