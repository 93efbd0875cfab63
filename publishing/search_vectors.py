"""What every kind of searched content keeps so that search can find it, kept current on
save. Querying it is the search app's business; keeping it current is the content's: each
content app registers its searched models and their fields (`register_search_kind`).

- PostgreSQL: a weighted vector of a kind's fields (title A, text B, body C) in every
  language, each translation stemmed in its language (a field that is not translated, in
  all three), and a vector of the titles alone (title matches rank first). Models without
  these two columns (tags) get them computed in the query. The text search configurations
  drop accents (`unaccent`), so "mobilite" finds "mobilité".
- SQLite: a full-text table (FTS5, `search_text`) with the titles and the rest of the text
  in every language, also without accents. Its row id encodes the item: `kind << 40 | pk`,
  so that each kind's rows are one range.

On both, a hyphen inside a word and the step between letters and digits separate words
(`split_words`), in the text and in what is searched for: "Covid19", "covid-19" and
"COVID 19" are the same two words. Both are created by
publishing/migrations/0002_accent_insensitive_search.py.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchVector
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import connection, connections
from django.db.models import F, Func, OuterRef, QuerySet, Subquery, TextField, Value
from django.db.models.signals import post_delete, post_save

LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)
CONFIGS = settings.SEARCH_CONFIGURATIONS
# model label → its number in SQLite's full-text table, registered by the content's app
KINDS: dict[str, int] = {}
KIND_SHIFT = 40
NOT_A_WORD = re.compile(r"[\W_]+")
# a hyphen between two letters or digits, and the step from letters to digits or back
WORD_JOINS = re.compile(r"(?<=[^\W_])-(?=[^\W_])|(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")
PG_WORD_JOINS = (
    r"([[:alnum:]])-(?=[[:alnum:]])|([[:alpha:]])(?=[[:digit:]])|([[:digit:]])(?=[[:alpha:]])"
)


@dataclass(frozen=True)
class SearchFields:
    """A kind's searched fields by weight. A field translated with modeltranslation is read
    in every language; `relation__field` reads the text of every related row."""

    title: tuple[str, ...] = ("title",)
    text: tuple[str, ...] = ("summary",)
    body: tuple[str, ...] = ("body",)
    stored: bool = True  # PostgreSQL: the model has `search_vector` and `title_vector`
    # a result's title for the reader, when not its `title`: (text, shown in English
    # instead of the reader's language), e.g. a tag's name (tags/names.py)
    shown: Callable[[Any], tuple[str, bool]] | None = None

    def by_weight(self) -> list[tuple[str, str]]:
        return [
            *((name, "A") for name in self.title),
            *((name, "B") for name in self.text),
            *((name, "C") for name in self.body),
        ]


FIELDS: dict[str, SearchFields] = {}


def register_search_kind(model, number: int, fields=SearchFields(), follows=None) -> None:
    """A content app says in its `AppConfig.ready` that `model` is searched. `number` is
    stored in SQLite's full-text table with each row: it must never change or be reused.
    `follows` maps another model to the field naming the row its text belongs to (a
    signatory's commitments): saving or deleting one refreshes that row."""
    label = model._meta.label_lower
    taken = {kind: other for other, kind in KINDS.items() if other != label}
    if number in taken or KINDS.get(label, number) != number:
        raise ImproperlyConfigured(f"Search kind {number} of {label} is taken: {KINDS}")
    KINDS[label], FIELDS[label] = number, fields
    post_save.connect(refresh_saved, sender=model, dispatch_uid=f"search-{label}", weak=False)
    post_delete.connect(forget_deleted, sender=model, dispatch_uid=f"search-{label}", weak=False)
    for other, field in (follows or {}).items():

        def refresh_owner(instance, field=field, **kwargs):
            rebuild_search_vectors(model._default_manager.filter(pk=getattr(instance, field)))

        for signal in (post_save, post_delete):
            signal.connect(refresh_owner, sender=other, dispatch_uid=f"search-{label}", weak=False)


def refresh_saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        rebuild_search_vectors(sender._default_manager.filter(pk=instance.pk))


def forget_deleted(sender, instance, **kwargs) -> None:
    forget_search_text(instance)


def fields_of(model) -> SearchFields:
    return FIELDS[model._meta.label_lower]


def full_text() -> bool:
    return connection.vendor == "postgresql"


def split_words(text: str) -> str:
    """ "Covid-19" and "Covid19" → "Covid 19": written either way, the same words."""
    return WORD_JOINS.sub(" ", text)


def fold(text: str) -> str:
    """Lower case, accents removed, words separated by single spaces (split_words)."""
    decomposed = unicodedata.normalize("NFKD", split_words(text.casefold()))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(NOT_A_WORD.sub(" ", plain).split())


def translated(model, name: str) -> bool:
    return any(field.name == f"{name}_{LANGUAGES[0]}" for field in model._meta.concrete_fields)


def text_of(model, name: str):
    """A field's text as an expression; `relation__field`: every related row's, joined."""
    if "__" not in name:
        return F(name)
    relation, field = name.split("__", 1)
    related = model._meta.get_field(relation)
    owner = related.field.name
    rows = related.related_model._default_manager.filter(**{owner: OuterRef("pk")})
    joined_text = rows.order_by().values(owner).annotate(text=StringAgg(field, " ")).values("text")
    return Subquery(joined_text, output_field=TextField())


def words_apart(expression) -> Func:
    """PostgreSQL's split_words (its parser reads the "-19" of "Covid-19" as a number)."""
    return Func(
        expression,
        Value(PG_WORD_JOINS),
        Value(r"\1\2\3 "),
        Value("g"),
        function="regexp_replace",
        output_field=TextField(),
    )


def search_vector(model, weights=None) -> SearchVector:
    """The weighted vector of `model`'s fields (`weights`: only those weights)."""
    vector = None
    for name, weight in fields_of(model).by_weight():
        if weights and weight not in weights:
            continue
        if translated(model, name):
            parts = [(f"{name}_{code}", config) for code, config in CONFIGS.items()]
        else:  # the same text read in every language
            parts = [(name, config) for config in CONFIGS.values()]
        for field, config in parts:
            part = SearchVector(words_apart(text_of(model, field)), weight=weight, config=config)
            vector = part if vector is None else vector + part
    return vector


def with_vectors(queryset: QuerySet) -> QuerySet:
    """`queryset` with `search_vector` and `title_vector` to search in: its columns, or
    for a model without them computed in the query (PostgreSQL)."""
    if fields_of(queryset.model).stored:
        return queryset
    model = queryset.model
    return queryset.alias(
        search_vector=search_vector(model), title_vector=search_vector(model, weights="A")
    )


def documents(queryset: QuerySet):
    """(pk, [(language or "" for all of them, weight, text), …]) for each row: what SQLite's
    full-text table and the list of the portal's words are made of."""
    model, fields = queryset.model, fields_of(queryset.model).by_weight()
    columns = []
    for name, weight in fields:
        if "__" in name:
            continue
        for code in LANGUAGES if translated(model, name) else [""]:
            columns.append((f"{name}_{code}" if code else name, code, weight))
    related = [
        (name, weight) for name, weight in fields if "__" in name and related_to(model, name)
    ]
    rows = queryset.order_by().values_list("pk", *(column for column, *_ in columns))
    chunk = []
    for row in rows.iterator(chunk_size=2000):
        chunk.append(row)
        if len(chunk) == 2000:
            yield from chunk_documents(model, chunk, columns, related)
            chunk = []
    yield from chunk_documents(model, chunk, columns, related)


def related_to(model, name: str) -> bool:
    """`model` has the relation `name` reads through (a migration's model of an earlier
    state may not have it yet: tags before their names)."""
    try:
        model._meta.get_field(name.split("__", 1)[0])
    except FieldDoesNotExist:
        return False
    return True


def chunk_documents(model, rows, columns, related):
    extra = defaultdict(list)
    for name, weight in related:
        relation, field = name.split("__", 1)
        owner = model._meta.get_field(relation).field.name
        texts = model._meta.get_field(relation).related_model._default_manager.filter(
            **{f"{owner}__in": [row[0] for row in rows]}
        )
        for pk, text in texts.order_by("pk").values_list(owner, field):
            extra[pk].append(("", weight, text))
    for pk, *values in rows:
        texts = zip(columns, values, strict=True)
        yield pk, [(code, weight, text) for (_, code, weight), text in texts if text] + extra[pk]


def joined(texts) -> str:
    return split_words(" ".join(text for text in texts if text))


def rebuild_search_vectors(queryset: QuerySet) -> int:
    """Refresh what search reads for every row of `queryset`."""
    model = queryset.model
    if full_text():
        if not fields_of(model).stored:
            return 0  # computed in the query
        return queryset.update(
            search_vector=search_vector(model), title_vector=search_vector(model, weights="A")
        )
    if connection.vendor != "sqlite":
        return 0
    kind = KINDS[model._meta.label_lower]
    rows = [
        (
            kind << KIND_SHIFT | pk,
            joined(text for _code, weight, text in texts if weight == "A"),
            joined(text for _code, weight, text in texts if weight != "A"),
        )
        for pk, texts in documents(queryset)
    ]
    with connection.cursor() as cursor:
        cursor.executemany("DELETE FROM search_text WHERE rowid = %s", [row[:1] for row in rows])
        cursor.executemany("INSERT INTO search_text (rowid, title, text) VALUES (%s, %s, %s)", rows)
    return len(rows)


VANISHED = """
DELETE FROM search_text
WHERE rowid BETWEEN %s AND %s AND rowid - %s NOT IN (SELECT {pk} FROM {table})
"""


def forget_vanished_rows(using: str = "default", **kwargs) -> None:
    """Drop the full-text rows of items gone without a signal (`flush` empties the tables
    and then sends post_migrate): else search counts them and shows pages short of results."""
    cursor_of = connections[using]
    if cursor_of.vendor != "sqlite" or "search_text" not in cursor_of.introspection.table_names():
        return
    with cursor_of.cursor() as cursor:
        for label, number in KINDS.items():
            first = number << KIND_SHIFT
            meta = apps.get_model(label)._meta
            cursor.execute(
                VANISHED.format(pk=meta.pk.column, table=meta.db_table),
                [first, first + (1 << KIND_SHIFT) - 1, first],
            )


def forget_search_text(instance) -> None:
    """Remove a deleted item from SQLite's full-text table (PostgreSQL's vectors go with it)."""
    if connection.vendor != "sqlite":
        return
    row = KINDS[instance._meta.label_lower] << KIND_SHIFT | instance.pk
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_text WHERE rowid = %s", [row])
