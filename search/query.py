"""Site search across published insights and initiative entries.

On PostgreSQL: full-text search over a weighted tsvector column (title A, summary B,
body C) with a GIN index, ranked, with highlighted excerpts. On SQLite: a plain
substring search, so that the default install still finds things.
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
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Concat, Left, NullIf
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from initiatives.models import Entry
from publishing.search_vectors import CONFIGS, KINDS, fold, full_text
from toolkit.models import Insight

MAX_QUERY_LENGTH = 200
# Ranking reads every candidate's vector, so it is bounded (see `matching`); a search
# matching more asks for more words.
MAX_RANKED = 200
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
        terms = [(word, "plain") for word in query.split()[:MAX_WORDS]]
    else:
        terms = [(query, "websearch")]
    result = None
    for config in CONFIGS.values():
        for text, kind in terms:
            words = SearchQuery(text, search_type=kind, config=config)
            result = words if result is None else result | words
    return result


def matching(queryset: QuerySet, query: str, *, any_word: bool = False) -> QuerySet:
    """Rows of `queryset` that match every word of `query` (or one: `any_word`), ranked.

    Ranking reads every candidate, so candidates are bounded (`candidates`). The newest
    items whose title holds every word are always among them, so a title match ranks
    above body matches however old it is.
    """
    if full_text():
        words = search_query(query, any_word=any_word)
        condition, in_title = Q(search_vector=words), Q(title_vector=search_query(query))
        rank = SearchRank(F("search_vector"), words)
    else:
        condition = in_search_text(queryset, query, any_word=any_word)
        in_title = in_search_text(queryset, query, title_only=True)
        rank = search_text_rank(queryset, query, any_word=any_word)
    title_first = Case(When(in_title, then=Value(TITLE_BONUS)), default=Value(0.0))
    return queryset.filter(pk__in=candidates(queryset, condition, in_title)).annotate(
        rank=ExpressionWrapper(rank + title_first, output_field=FloatField())
    )


def candidates(queryset: QuerySet, condition: Q, in_title: Q) -> set[int]:
    """The newest MAX_RANKED + 1 items whose title holds every word, and the newest
    MAX_RANKED + 1 matches of any kind.

    Each is found the way that is fast for it, whatever the planner guesses: among the
    newest RECENT items first (words many items use), else through the full-text index
    (words few items use; ordering by `pk + 0` keeps PostgreSQL from walking the whole
    table newest first looking for them).
    """
    newest = plain(queryset).order_by("-pk").values_list("pk", flat=True)
    oldest_recent = newest[RECENT - 1 : RECENT].first()  # None: fewer items than RECENT
    found = set()
    for wanted in (in_title, condition):
        rows = plain(queryset).filter(wanted)
        recent = rows.filter(pk__gte=oldest_recent or 0).order_by("-pk")
        ids = list(recent.values_list("pk", flat=True)[: MAX_RANKED + 1])
        if oldest_recent and len(ids) <= MAX_RANKED:
            through_index = rows.order_by((F("pk") + 0).desc()).values_list("pk", flat=True)
            ids = list(through_index[: MAX_RANKED + 1])
        found.update(ids)
    return found


def plain(queryset: QuerySet) -> QuerySet:
    """The same rows without the translation layer's per-row work (ids and ranks only)."""
    return QuerySet(model=queryset.model, query=queryset.query.chain())


# How many of the newest items are looked through first for the newest matches.
RECENT = 2000


# Added to the rank of an item whose title holds every word: more than any text rank.
TITLE_BONUS = 10.0
MAX_WORDS = 10


def search_text_match(query: str, *, any_word: bool = False, title_only: bool = False) -> str:
    """An FTS5 query (SQLite): every word (or one) as the start of a word."""
    words = [f'"{word}"*' for word in fold(query).split()[:MAX_WORDS]]
    match = (" OR " if any_word else " AND ").join(words)
    return f"title : ({match})" if title_only and match else match


def in_search_text(queryset: QuerySet, query: str, **kwargs) -> Q:
    """The rows whose entry in SQLite's full-text table matches (search_vectors.py)."""
    match = search_text_match(query, **kwargs)
    if not match:
        return Q(pk__in=[])  # punctuation alone finds nothing
    kind = KINDS[queryset.model._meta.label_lower]
    found = "SELECT rowid / 8 FROM search_text WHERE search_text MATCH %s AND rowid %% 8 = %s"
    return Q(pk__in=RawSQL(found, (match, kind)))  # noqa: S611 - the words are parameters


def search_text_rank(queryset: QuerySet, query: str, **kwargs) -> RawSQL:
    """BM25 over SQLite's full-text table, a title word weighing as ten of the text."""
    table = queryset.model._meta.db_table
    kind = KINDS[queryset.model._meta.label_lower]
    row = f'"{table}"."id" * 8 + %s'
    score = f"SELECT -bm25(search_text, 10.0, 1.0) FROM search_text WHERE search_text MATCH %s AND rowid = {row}"  # noqa: S608, E501 - a model's table
    match = search_text_match(query, **kwargs) or '""'
    return RawSQL(f"COALESCE(({score}), 0.0)", (match, kind))  # noqa: S611 - words are parameters


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
    capped = sum(1 for count in per_kind.values() if count > MAX_RANKED)
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
    ranked = [
        plain(matching(queryset, query, any_word=any_word))
        .order_by()
        .values("pk", "rank")
        .annotate(kind=Value(name), some_words=Value(any_word))
        for name, queryset in searchable(theme).items()
        if kind in ("", name)
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
