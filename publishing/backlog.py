"""What waits for translators: per language, for every kind of item whose translations are
tracked, how many are missing, partial and out of date, each with the admin list filtered
to them. One aggregate query per kind, however many items there are."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count
from django.urls import NoReverseMatch, reverse
from django.utils.text import capfirst
from django.utils.translation import ngettext

from .po_files import translatable_models
from .translation_status import (
    MISSING,
    OUT_OF_DATE,
    PARTIAL,
    SOURCE,
    WORK,
    annotate_made_from,
    conditions,
)


@dataclass(frozen=True)
class KindBacklog:
    """One kind of item (insights, tag names…) in one language."""

    model: type
    counts: dict[str, int]  # status → how many
    links: dict[str, str | None]  # status → the admin list filtered to them

    @property
    def name(self) -> str:
        return capfirst(self.model._meta.verbose_name_plural)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def cells(self) -> list[tuple[str, int, str, str | None]]:
        """(status, count, "3 missing", link) in the order of WORK."""
        return [(s, self.counts[s], counted(s, self.counts[s]), self.links[s]) for s in WORK]

    @property
    def waiting(self) -> list[tuple[str, int, str, str | None]]:
        return [cell for cell in self.cells if cell[1]]


@dataclass(frozen=True)
class LanguageBacklog:
    code: str
    name: str  # translated, e.g. "French"
    kinds: list[KindBacklog]

    @property
    def counts(self) -> dict[str, int]:
        return {status: sum(kind.counts[status] for kind in self.kinds) for status in WORK}

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def summary(self) -> str:
        """In words: 3 missing, 1 partial, 2 out of date."""
        return ", ".join(counted(status, n) for status, n in self.counts.items())

    @property
    def waiting(self) -> list[KindBacklog]:
        return [kind for kind in self.kinds if kind.total]


def backlog(user=None) -> list[LanguageBacklog]:
    """The backlog of every translated language, over the kinds `user` may see (all of
    them when `user` is None)."""
    models = [model for model in translatable_models() if user is None or may_view(user, model)]
    counted_by_model = {model: count(model) for model in models}
    return [
        LanguageBacklog(
            code,
            name,
            [
                KindBacklog(model, counted_by_model[model][code], links(model, code))
                for model in models
            ],
        )
        for code, name in settings.LANGUAGES
        if code != SOURCE
    ]


def count(model) -> dict[str, dict[str, int]]:
    """language → status → how many items of `model`, in one query."""
    languages = [code for code, _name in settings.LANGUAGES if code != SOURCE]
    queryset, wanted = model._default_manager.order_by(), {}
    for code in languages:
        queryset = annotate_made_from(queryset, code)
        tests = conditions(model, code)
        wanted.update({f"{code}__{s}": Count("pk", filter=tests[s]) for s in WORK})
    row = queryset.aggregate(**wanted)
    return {code: {s: row[f"{code}__{s}"] for s in WORK} for code in languages}


def links(model, code: str) -> dict[str, str | None]:
    opts = model._meta
    try:
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    except NoReverseMatch:
        return dict.fromkeys(WORK)
    return {status: f"{changelist}?translation_{code}={status}" for status in WORK}


def may_view(user, model) -> bool:
    opts = model._meta
    return any(
        user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")
        for action in ("view", "change")
    )


def counted(status: str, n: int) -> str:
    """In words, in the reader's language: 3 missing, 1 partial, 2 out of date."""
    if status == MISSING:
        return ngettext("%(count)d missing", "%(count)d missing", n) % {"count": n}
    if status == PARTIAL:
        return ngettext("%(count)d partial", "%(count)d partial", n) % {"count": n}
    assert status == OUT_OF_DATE
    return ngettext("%(count)d out of date", "%(count)d out of date", n) % {"count": n}
