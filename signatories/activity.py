"""Whether a listed signatory is still active is decided by the app that knows what
signatories report: it registers its rule in its AppConfig.ready (commitments does: all
of a signatory's commitments overdue for a year). With no rule, every signatory is active.

A rule is a function of today's date returning a condition on the signatory (a Q, with
OuterRef("pk") for the signatory in subqueries), so lists and counts stay one query."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from functools import reduce
from operator import or_

from django.db.models import BooleanField, ExpressionWrapper, Q, Value

INACTIVE_RULES: list[Callable[[datetime.date], Q]] = []


def register_inactive_rule(rule: Callable[[datetime.date], Q]) -> None:
    if rule not in INACTIVE_RULES:
        INACTIVE_RULES.append(rule)


def inactive_on(today: datetime.date) -> ExpressionWrapper | Value:
    """True for a signatory that any registered rule calls inactive on `today`."""
    if not INACTIVE_RULES:
        return Value(False)
    condition = reduce(or_, (rule(today) for rule in INACTIVE_RULES))
    return ExpressionWrapper(condition, output_field=BooleanField())
