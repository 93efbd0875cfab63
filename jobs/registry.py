"""What the worker does on each pass, registered by each app in its `AppConfig.ready`.

Queues run in the order they were registered, each pass, so a long queue of one kind
(renditions, digests) never holds up the emails registered before it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Queue:
    name: str  # what the worker reports, e.g. "notification(s) sent"
    run_pass: Callable[[], int]  # does what is due, returns how many


@dataclass(frozen=True)
class Chore:
    name: str
    run: Callable[[], int]
    every_seconds: int


QUEUES: list[Queue] = []
CHORES: list[Chore] = []


def register_queue(name: str, run_pass: Callable[[], int]) -> None:
    if all(queue.name != name for queue in QUEUES):
        QUEUES.append(Queue(name, run_pass))


def register_chore(name: str, run: Callable[[], int], *, every_seconds: int) -> None:
    if all(chore.name != name for chore in CHORES):
        CHORES.append(Chore(name, run, every_seconds))
