"""Site search across published insights and initiative entries.

On PostgreSQL: full-text search over a weighted tsvector column (title A, summary B,
body C) with a GIN index, ranked, with highlighted excerpts. On SQLite: its full-text
table (sqlite_text.py). On both, accents and case do not matter, an item whose title holds
every word ranks first (candidates.py), and when few items hold every word, items with
some of them follow.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import (
    Case,
    ExpressionWrapper,
    F,
    FloatField,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Concat, Left, NullIf
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from initiatives.models import Entry
from publishing.search_vectors import CONFIGS, fold, full_text
from toolkit.models import Insight

from . import candidates as bounds
from . import sqlite_text
from .candidates import candidates, plain

MAX_QUERY_LENGTH = 200
EXCERPT_WORDS = 30
START, STOP = "\x02", "\x03"
MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
MARKDOWN_MARKS = re.compile(r"[*_#>`]+")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


def clean_query(raw: str) -> str:
    """What we actually search for: control characters removed, spaces tidied, bounded."""
    return " ".join(CONTROL_CHARACTERS.sub(" ", raw).split())[:MAX_QUERY_LENGTH]


def search_query(query: str, *, any_word: bool = False) -> SearchQuery:
    """The words read in each of the three languages: the vector holds all three (the one
    rule on both databases: every language's text, whatever the page's language).
    Every word must match, or with `any_word` one of them."""
    if any_word:
        terms = [(word, "plain") for word in query.split()[: sqlite_text.MAX_WORDS]]
    else:
        terms = [(query, "websearch")]
    result = None
    for config in CONFIGS.values():
        for text, kind in terms:
            words = SearchQuery(text, search_type=kind, config=config)
            result = words if result is None else result | words
    return result


def matching(queryset: QuerySet, query: str, *, any_word: bool = False) -> QuerySet:
    """Rows of `queryset` that match every word of `query` (or one: `any_word`), ranked
    (PostgreSQL; candidates.py says which are ranked)."""
    words = search_query(query, any_word=any_word)
    condition, in_title = Q(search_vector=words), Q(title_vector=search_query(query))
    titles, found = candidates(queryset, condition, in_title)
    title_first = Case(When(in_title, then=Value(TITLE_BONUS)), default=Value(0.0))
    return queryset.filter(pk__in={*titles, *found}).annotate(
        rank=ExpressionWrapper(SearchRank(F("search_vector"), words) + title_first, FloatField())
    )


def ranked_by_search_text(queryset: QuerySet, query: str, *, any_word: bool = False):
    """[(pk, rank), …] of the best matches among the rows of `queryset` (SQLite), at most
    MAX_RANKED + 1: the newest title matches first, then the newest matches."""
    enough = 2 * (bounds.MAX_RANKED + 1)  # some may be drafts or in another area
    titles, found, shown = search_text_candidates(queryset, query, enough, any_word=any_word)
    if len(shown) <= bounds.MAX_RANKED and enough in (len(titles), len(found)):
        # most of the newest were left out (another area, drafts): rank every match
        titles, found, shown = search_text_candidates(queryset, query, None, any_word=any_word)
    ranked = sorted(
        ((pk, found.get(pk, score) + TITLE_BONUS) for pk, score in titles.items() if pk in shown),
        key=lambda hit: -hit[1],
    ) + [(pk, score) for pk, score in found.items() if pk in shown and pk not in titles]
    return ranked[: bounds.MAX_RANKED + 1]


def search_text_candidates(queryset: QuerySet, query: str, limit: int | None, **kwargs):
    """({pk: score} of title matches, {pk: score} of matches, the pks among `queryset`)."""
    model = queryset.model
    titles = dict(sqlite_text.newest_ranked(model, query, limit, title_only=True))
    found = dict(sqlite_text.newest_ranked(model, query, limit, **kwargs))
    shown = plain(queryset).filter(pk__in={*titles, *found}).order_by()
    return titles, found, set(shown.values_list("pk", flat=True))


# Added to the rank of an item whose title holds every word: more than any text rank.
TITLE_BONUS = 10.0


def with_headlines(queryset: QuerySet, query: str) -> QuerySet:
    if not full_text():
        return queryset
    return queryset.annotate(
        headline=SearchHeadline(
            Concat(*headline_fields(), output_field=TextField()),
            search_query(query),
            config=CONFIGS.get(get_language() or "en", CONFIGS["en"]),
            start_sel=START,
            stop_sel=STOP,
            max_words=EXCERPT_WORDS,
            min_words=15,
        )
    )


def headline_fields() -> list:
    """Summary and body in the reader's language, or in English where not translated."""
    code = get_language() if get_language() in CONFIGS else "en"
    text = TextField()
    return [
        Coalesce(NullIf(f"summary_{code}", Value("")), "summary_en", output_field=text),
        Value(" "),
        # The excerpt comes from the start of the body: highlighting all of it is slow.
        Left(Coalesce(NullIf(f"body_{code}", Value("")), "body_en", output_field=text), 1500),
    ]


def excerpt(item, query: str) -> SafeString:
    """A short passage of the item with the matched words in <mark>, safe to show."""
    text = getattr(item, "headline", None)
    if text is None:
        text = mark_words(f"{item.summary} {item.body}", query)
    text = MARKDOWN_MARKS.sub("", MARKDOWN_LINK.sub(r"\1", text))
    html = escape(text).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped above; only our <mark> tags are added


def mark_words(text: str, query: str) -> str:
    """The SQLite fallback's excerpt: a window around the first match, words marked."""
    words = [accent_blind(word) for word in fold(query).split()]
    if not words:
        return " ".join(text.split()[:EXCERPT_WORDS])
    pattern = re.compile(r"\b(?:" + "|".join(words) + ")", re.IGNORECASE)
    first = pattern.search(text)
    start = max(0, first.start() - 120) if first else 0
    window = text[start : start + 320]
    return ("… " if start else "") + pattern.sub(lambda m: f"{START}{m[0]}{STOP}", window) + " …"


ACCENTED = "àáâäãåāçčèéêëēěìíîïīñńòóôöõøōùúûüūýÿž"


def accent_blind(word: str) -> str:
    """A pattern matching `word` (folded) with or without accents."""
    variants = {}
    for letter in ACCENTED:
        variants.setdefault(fold(letter).strip(), []).append(letter)
    return "".join(f"[{c}{''.join(variants[c])}]" if c in variants else re.escape(c) for c in word)


def for_results(queryset: QuerySet) -> QuerySet:
    """What a result shows needs neither the vector nor the rendered bodies: leave them."""
    heavy = [
        field.name
        for field in queryset.model._meta.concrete_fields
        if field.name == "search_vector"
        or field.name.startswith("body_html")
        or (full_text() and field.name.startswith("body"))
    ]
    relations = RESULT_RELATIONS[queryset.model._meta.model_name]
    return queryset.select_related(*relations).defer(*heavy).order_by()


RESULT_RELATIONS = {"insight": ["theme"], "entry": ["programme"]}


@dataclass
class Result:
    kind: str
    item: object
    excerpt: SafeString
    some_words: bool = False  # it lacks some of the words searched for


def searchable(theme=None) -> dict[str, QuerySet]:
    """The published content that search covers, by kind, optionally in one theme."""
    insights, entries = Insight.objects.published(), Entry.objects.published()
    if theme:
        insights, entries = insights.filter(theme=theme), entries.filter(themes=theme)
    return {"insight": insights, "entry": entries}


def more_than(hits: list[dict]) -> int:
    """0 if `hits` are all the matches; else how many there are at least (some kind had
    more than MAX_RANKED, and its extra row only says so)."""
    per_kind = Counter(hit["kind"] for hit in hits)
    capped = sum(1 for count in per_kind.values() if count > bounds.MAX_RANKED)
    return len(hits) - capped if capped else 0


def ranked_hits(query: str, *, kind: str = "", theme=None) -> list[dict]:
    """One query for all kinds: rows of (pk, rank, kind, some_words), best first, ready to
    paginate. Items matching every word; when they are few, then items matching some of
    the words (`some_words` true).

    At most MAX_RANKED + 1 of each kind, so they are fetched at once: counting them in a
    second query would cost as much as ranking them again."""
    hits = hits_matching(query, kind, theme)
    if len(hits) < FEW_HITS and len(query.split()) > 1:
        seen = {(hit["kind"], hit["pk"]) for hit in hits}
        more = hits_matching(query, kind, theme, any_word=True)
        hits += [hit for hit in more if (hit["kind"], hit["pk"]) not in seen]
    return hits


# Fewer items with every word, and items with some of the words follow them.
FEW_HITS = 5


def hits_matching(query: str, kind: str, theme, *, any_word: bool = False) -> list[dict]:
    kinds = {name: rows for name, rows in searchable(theme).items() if kind in ("", name)}
    if not full_text():
        hits = [
            {"pk": pk, "rank": rank, "kind": name, "some_words": any_word}
            for name, rows in kinds.items()
            for pk, rank in ranked_by_search_text(rows, query, any_word=any_word)
        ]
        return sorted(hits, key=lambda hit: (-hit["rank"], hit["kind"], hit["pk"]))
    ranked = [
        plain(matching(rows, query, any_word=any_word))
        .order_by()
        .values("pk", "rank")
        .annotate(kind=Value(name), some_words=Value(any_word))
        for name, rows in kinds.items()
    ]
    return list(ranked[0].union(*ranked[1:], all=True).order_by("-rank", "kind", "pk"))


def results(hits: list[dict], query: str) -> list[Result]:
    """The objects behind one page of hits, in rank order, with their excerpts."""
    found = {
        name: with_headlines(for_results(queryset), query).in_bulk(
            [hit["pk"] for hit in hits if hit["kind"] == name]
        )
        for name, queryset in searchable().items()
    }
    return [
        Result(hit["kind"], item, excerpt(item, query), bool(hit.get("some_words")))
        for hit in hits
        if (item := found[hit["kind"]].get(hit["pk"]))
    ]
