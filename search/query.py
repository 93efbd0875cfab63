"""Site search across everything a reader looks for (kinds.py): insights, initiative
entries, the thematic areas, programmes, tags and signatories.

On PostgreSQL: full-text search over weighted tsvectors (title A, summary B, body C) with
GIN indexes, ranked, with highlighted excerpts. On SQLite: its full-text table
(sqlite_text.py). On both, accents, case and hyphens do not matter, an item whose title
holds every word ranks first (candidates.py), an area, programme or tag whose name does
comes before all, and when few items hold every word, items with some of them follow.
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
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
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from initiatives.models import Entry
from publishing.search_vectors import CONFIGS, KINDS, fold, full_text, split_words
from toolkit.models import Insight

from . import candidates as bounds
from . import kinds, many, sqlite_text

MAX_QUERY_LENGTH = 200
EXCERPT_WORDS = 30
START, STOP = "\x02", "\x03"
MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
MARKDOWN_MARKS = re.compile(r"[*_#>`]+")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


def clean_query(raw: str) -> str:
    """What we actually search for: control characters removed, spaces tidied, bounded."""
    return " ".join(CONTROL_CHARACTERS.sub(" ", raw).split())[:MAX_QUERY_LENGTH]


def query_terms(query: str, *, any_word: bool = False) -> list[tuple[str, str]]:
    """[(text, search type)]: the query, or each of its words (not numbers) for `any_word`."""
    if any_word:
        words = query.split()[: sqlite_text.MAX_WORDS]
        return [(word, "plain") for word in words if not word.isdigit()] or [(query, "plain")]
    return [(query, "websearch")]


def search_query(query: str, *, any_word: bool = False, terms=None) -> SearchQuery:
    """The words read in each of the three languages: the vector holds all three (the one
    rule on both databases: every language's text, whatever the page's language).
    Every word must match, or with `any_word` one of them."""
    terms = terms or query_terms(query, any_word=any_word)
    result = None
    for config in CONFIGS.values():
        for text, kind in terms:
            words = SearchQuery(text, search_type=kind, config=config)
            result = words if result is None else result | words
    return result


def ranked_by_search_text(name: str, theme, query: str, *, any_word: bool = False):
    """[(pk, rank), …] of the best matches of kind `name` that search shows (SQLite), at
    most MAX_RANKED + 1: the newest title matches first, then the newest matches."""
    enough = 2 * (bounds.MAX_RANKED + 1)  # some may be drafts or in another area
    candidates = functools.partial(search_text_candidates, name, theme, query, any_word=any_word)
    titles, found, shown = candidates(enough)
    if len(shown) <= bounds.MAX_RANKED and enough in (len(titles), len(found)):
        # most of the newest were left out (another area, drafts): rank every match
        titles, found, shown = candidates(None)
    ranked = sorted(
        ((pk, found.get(pk, score) + TITLE_BONUS) for pk, score in titles.items() if pk in shown),
        key=lambda hit: -hit[1],
    ) + [(pk, score) for pk, score in found.items() if pk in shown and pk not in titles]
    return ranked[: bounds.MAX_RANKED + 1]


def search_text_candidates(name: str, theme, query: str, limit: int | None, **kwargs):
    """({pk: score} of title matches, {pk: score} of matches, the pks search shows)."""
    model = kinds.searchable(theme)[name].model
    titles = dict(sqlite_text.newest_ranked(model, query, limit, title_only=True))
    found = dict(sqlite_text.newest_ranked(model, query, limit, **kwargs))
    return titles, found, shown_among(name, theme, {*titles, *found})


def shown_among(name: str, theme, ids: set[int]) -> set[int]:
    """Which of `ids` search shows, by the kind's rule (SQLite): the ids are one parameter,
    as JSON; the ORM's list of hundreds would cost more to build than to run."""
    rule = shown_ids(timezone.localdate(), theme, name)
    if rule is None or not ids:
        return ids
    sql, params = rule
    among = "SELECT value FROM json_each(%s)"
    with connection.cursor() as cursor:
        # the SQL is the ORM's; every value is a parameter
        cursor.execute(
            f"SELECT pk FROM ({sql}) AS shown WHERE pk IN ({among})",  # noqa: S608
            [*params, json.dumps(sorted(ids))],
        )
        return {pk for (pk,) in cursor.fetchall()}


# Added to the rank of an item whose title holds every word: more than any text rank.
TITLE_BONUS = 10.0


def with_headlines(queryset: QuerySet, query: str) -> QuerySet:
    if not full_text() or queryset.model not in HIGHLIGHTED:
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


HIGHLIGHTED = (Insight, Entry)  # the kinds with a body to cut an excerpt from


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


def excerpt(kind: str, item, query: str) -> SafeString:
    """A short passage of the item with the matched words in <mark>, safe to show."""
    text = getattr(item, "headline", None)
    if text is None:
        text = mark_words(kinds.text_of(kind, item), query)
    text = MARKDOWN_MARKS.sub("", MARKDOWN_LINK.sub(r"\1", text))
    html = escape(text).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped above; only our <mark> tags are added


def mark_words(text: str, query: str) -> str:
    """The SQLite fallback's excerpt: a window around the first match, words marked."""
    if not text:
        return ""
    pattern = words_pattern(query)
    if pattern is None:
        return " ".join(text.split()[:EXCERPT_WORDS])
    first = pattern.search(text)
    start = max(0, first.start() - 120) if first else 0
    window = text[start : start + 320]
    return ("… " if start else "") + pattern.sub(lambda m: f"{START}{m[0]}{STOP}", window) + " …"


@functools.lru_cache(maxsize=64)
def words_pattern(query: str) -> re.Pattern | None:
    """The start of any word of `query`, accents and case aside (None: no word)."""
    words = [accent_blind(word) for word in fold(query).split()]
    return re.compile(r"\b(?:" + "|".join(words) + ")", re.IGNORECASE) if words else None


ACCENTED = "àáâäãåāçčèéêëēěìíîïīñńòóôöõøōùúûüūýÿž"


@functools.cache
def accented() -> dict[str, str]:
    """Each plain letter → its accented forms."""
    variants = {}
    for letter in ACCENTED:
        variants.setdefault(fold(letter).strip(), []).append(letter)
    return {plain: "".join(letters) for plain, letters in variants.items()}


def accent_blind(word: str) -> str:
    """A pattern matching `word` (folded) with or without accents."""
    variants = accented()
    return "".join(f"[{c}{variants[c]}]" if c in variants else re.escape(c) for c in word)


@dataclass
class Result:
    kind: str
    item: object
    excerpt: SafeString
    some_words: bool = False  # it lacks some of the words searched for
    best: bool = False  # an area, programme or tag whose name holds every word

    @property
    def label(self) -> str:
        return kinds.LABELS[self.kind]

    @property
    def title(self) -> str:
        return kinds.title_of(self.kind, self.item)

    @property
    def url(self) -> str:
        return kinds.url_of(self.kind, self.item)


def more_than(hits: list[dict]) -> int:
    """0 if `hits` are all the matches; else how many there are at least (some kind had
    more than MAX_RANKED, and its extra row only says so)."""
    per_kind = Counter(hit["kind"] for hit in hits)
    capped = sum(1 for count in per_kind.values() if count > bounds.MAX_RANKED)
    return len(hits) - capped if capped else 0


def ranked_hits(query: str, *, kind: str = "", theme=None) -> list[dict]:
    """One query for all kinds: rows of (pk, rank, kind, some_words, best), best first,
    ready to paginate: areas, programmes and tags whose name holds every word, then items
    matching every word; when they are few, then items matching some of the words
    (`some_words` true).

    At most MAX_RANKED + 1 of each kind, so they are fetched at once: counting them in a
    second query would cost as much as ranking them again."""
    query = split_words(query)
    hits = hits_matching(query, kind, theme)
    words = [word for word in query.split() if not word.isdigit()]  # "covid 19": one word
    if len(hits) < FEW_HITS and len(words) > 1:
        seen = {(hit["kind"], hit["pk"]) for hit in hits}
        more = hits_matching(query, kind, theme, any_word=True)
        hits += [hit for hit in more if (hit["kind"], hit["pk"]) not in seen]
    return hits


# Fewer items with every word, and items with some of the words follow them.
FEW_HITS = 5


def in_order(hit: dict) -> tuple:
    """Best matches first, areas before programmes before tags (a reader naming an area
    wants it before a shorter tag that holds the same word), then by rank."""
    kind_first = kinds.BEST.index(hit["kind"]) if hit["best"] else 0
    return (not hit["best"], kind_first, -hit["rank"], hit["kind"], hit["pk"])


def hits_matching(query: str, kind: str, theme, *, any_word: bool = False) -> list[dict]:
    found = {
        name: rows
        for name, rows in kinds.searchable(theme).items()
        if kind in ("", name) and not rows.query.is_empty()
    }
    bounded = {name: rows for name, rows in found.items() if name in kinds.BOUNDED}
    few = {name: rows for name, rows in found.items() if name not in kinds.BOUNDED}
    if not full_text():
        hits = [
            {"pk": pk, "rank": rank, "kind": name, "some_words": any_word, "best": False}
            for name in bounded
            for pk, rank in ranked_by_search_text(name, theme, query, any_word=any_word)
        ] + few_by_search_text(few, query, theme, any_word=any_word)
        return sorted(hits, key=in_order)
    terms = query_terms(query, any_word=any_word)
    with_words, parts, params = "", [], []
    if bounded:
        every_word = query_terms(query)
        models = {name: rows.model for name, rows in bounded.items()}
        with_words, parts, params = many.statement(
            models, theme, terms, every_word, any_word=any_word, bonus=TITLE_BONUS
        )
    if few:
        day, search_types = timezone.localdate(), tuple(kind for _text, kind in terms)
        sql, few_params = few_kinds_sql(day, theme, tuple(few), any_word, search_types)
        texts = {f"{PLACEHOLDER}{n}": text for n, (text, _kind) in enumerate(terms)}
        texts[f"{PLACEHOLDER}t"] = query
        parts.append(sql)
        params += [texts.get(p, p) if isinstance(p, str) else p for p in few_params]
    if not parts:
        return []
    union = " UNION ALL ".join(f"({sql})" for sql in parts)
    with connection.cursor() as cursor:
        # the SQL is the ORM's and many.py's; every value is a parameter
        cursor.execute(f"{with_words} SELECT * FROM ({union}) AS hits", params)  # noqa: S608
        names = [column.name for column in cursor.description]
        hits = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    return sorted(hits, key=in_order)  # the one order on both databases


def union_of(querysets: list[QuerySet]) -> QuerySet:
    return querysets[0].union(*querysets[1:], all=True) if len(querysets) > 1 else querysets[0]


# Stands for the words searched for in the SQL of the kinds with few rows, made once.
PLACEHOLDER = "\x00search-"


@functools.lru_cache(maxsize=256)
def few_kinds_sql(day, theme, names: tuple, any_word: bool, search_types: tuple):
    """The SQL that ranks the kinds with few rows (PostgreSQL), with placeholders for the
    words searched for: building and compiling it costs more than running it."""
    terms = [(f"{PLACEHOLDER}{n}", kind) for n, kind in enumerate(search_types)]
    searchable = kinds.searchable(theme)
    ranked = [
        few_matching(name, searchable[name], f"{PLACEHOLDER}t", any_word=any_word, terms=terms)
        for name in names
    ]
    return union_of(ranked).query.sql_with_params()


def few_matching(name: str, queryset: QuerySet, query: str, *, any_word: bool, terms=None):
    """The ranked matches of a kind with few rows (PostgreSQL): no bound is needed to find
    them, only to rank at most MAX_RANKED + 1."""
    words = search_query(query, any_word=any_word, terms=terms)
    in_title = Q(title_vector=search_query(query))
    title_first = Case(When(in_title, then=Value(TITLE_BONUS)), default=Value(0.0))
    best = Case(When(in_title, then=Value(name in kinds.BEST)), default=Value(False))
    rows = kinds.rows_of(queryset).filter(search_vector=words).order_by()
    rank = ExpressionWrapper(SearchRank(F("search_vector"), words) + title_first, FloatField())
    rows = rows.annotate(rank=rank).values(pk=F("item"), rank=F("rank"))
    return rows.annotate(kind=Value(name), some_words=Value(any_word), best=best).order_by(
        "-best", "-rank", "item"
    )[: bounds.MAX_RANKED + 1]


@functools.lru_cache(maxsize=64)
def shown_ids(day, theme, name: str) -> tuple[str, tuple] | None:
    """The SQL of the ids of `name` that search shows (None: all), made once a day: the
    rule for tags costs more to compile than the search it is part of."""
    rows = kinds.searchable(theme)[name]
    return rows.order_by().values("pk").query.sql_with_params() if rows.query.where else None


def few_by_search_text(
    few: dict[str, QuerySet], query: str, theme, *, any_word: bool
) -> list[dict]:
    """The public matches of the kinds with few rows, from one query of SQLite's full-text
    table, at most MAX_RANKED + 1 of each."""
    numbers = {KINDS[rows.model._meta.label_lower]: name for name, rows in few.items()}
    if not numbers:
        return []
    day = timezone.localdate()
    in_kinds = {number: shown_ids(day, theme, name) for number, name in numbers.items()}
    hits, per_kind = [], Counter()
    for number, pk, score, in_title in sqlite_text.ranked_in_kinds(
        in_kinds, query, any_word=any_word
    ):
        name = numbers[number]
        per_kind[name] += 1
        if per_kind[name] <= bounds.MAX_RANKED + 1:
            best = bool(in_title) and name in kinds.BEST
            rank = score + TITLE_BONUS * in_title
            hit = {"pk": pk, "rank": rank, "kind": name, "some_words": any_word, "best": best}
            hits.append(hit)
    return hits


def results(hits: list[dict], query: str) -> list[Result]:
    """The objects behind one page of hits, in rank order, with their excerpts."""
    shown = {hit["kind"] for hit in hits}
    found = {
        name: with_headlines(kinds.for_results(name, queryset), query).in_bulk(
            [hit["pk"] for hit in hits if hit["kind"] == name]
        )
        for name, queryset in kinds.searchable().items()
        if name in shown
    }
    return [
        Result(
            hit["kind"],
            item,
            excerpt(hit["kind"], item, query),
            bool(hit.get("some_words")),
            bool(hit.get("best")),
        )
        for hit in hits
        if (item := found[hit["kind"]].get(hit["pk"]))
    ]
