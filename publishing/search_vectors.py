"""What every kind of searched content keeps so that search can find it, kept current on
save. Querying it is the search app's business; keeping it current is the content's: each
content app registers its searched models and their fields (`register_search_kind`).

- PostgreSQL: a narrow row per item (SearchRow) with a weighted vector of its kind's
  fields (title A, text B, body C) in every language, each translation stemmed in its
  language (a field that is not translated, in all three), and a vector of the titles
  alone (title matches rank first); for insights and entries also their publication
  and areas, so that ranking never reads the content's wide rows. The text search
  configurations drop accents (`unaccent`), so "mobilite" finds "mobilité". Rows follow
  saves, deletes, area changes and bulk status changes (publishing/admin/statuses.py).
- SQLite: a full-text table (FTS5, `search_text`) with the titles and the rest of the text
  in every language, also without accents. Its row id encodes the item: `kind << 40 | pk`,
  so that each kind's rows are one range.

On both, a hyphen inside a word and the step between letters and digits separate words
(`split_words`), in the text and in what is searched for: "Covid19", "covid-19" and
"COVID 19" are the same two words. The configurations and the full-text table are
created by publishing/migrations/0002_accent_insensitive_search.py, SearchRow by 0003.
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
from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchVector
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import connection, connections
from django.db.models import (
    BooleanField,
    DateField,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
)
from django.db.models.signals import m2m_changed, post_delete, post_save

from .models import SearchRow

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
    # the areas a search can be narrowed to (a foreign key or a many-to-many field), kept
    # in the item's SearchRow with its publication for the kinds that can be many
    themes: str = ""
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
    if fields.themes and model._meta.get_field(fields.themes).many_to_many:
        through = getattr(model, fields.themes).through
        m2m_changed.connect(
            refresh_themed, sender=through, dispatch_uid=f"search-{label}", weak=False
        )


def refresh_themed(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    """An item's areas changed, or an area's items (`reverse`; `model` is then the item's)."""
    if not full_text() or not action.startswith("post_"):
        return
    if not reverse:
        rebuild_search_vectors(type(instance)._default_manager.filter(pk=instance.pk))
        return
    if action == "post_clear":  # which items it had is not said: those the rows name
        kind = KINDS[model._meta.label_lower]
        had = SearchRow.objects.filter(kind=kind, themes__contains=[instance.pk])
        pk_set = set(had.values_list("item", flat=True))
    rebuild_search_vectors(model._default_manager.filter(pk__in=pk_set))


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
            if "__" in field and not related_to(model, field):
                continue  # a migration's model from before the relation (tags' names)
            part = SearchVector(words_apart(text_of(model, field)), weight=weight, config=config)
            vector = part if vector is None else vector + part
    return vector


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
        if rows_kept_apart(model):
            return keep_search_rows(queryset)
        if not any(field.name == "search_vector" for field in model._meta.concrete_fields):
            return 0  # tags: computed in the query then
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


def rows_kept_apart(model) -> bool:
    """False in a migration from before SearchRow, whose models keep their vectors."""
    if model._meta.apps is apps:  # the live models
        return True
    return SearchRow._meta.db_table in connection.introspection.table_names()


def themes_of(model, name: str):
    """The ids of an item's areas as an array: `name` is a foreign key or many-to-many
    ("": none)."""
    ids = ArrayField(IntegerField())
    if not name:
        return Value([], ids)
    field = model._meta.get_field(name)
    if not field.many_to_many:
        return Func(F(field.attname), template="ARRAY[%(expressions)s]", output_field=ids)
    through = field.remote_field.through
    links = through.objects.filter(**{field.m2m_field_name(): OuterRef("pk")})
    return ArraySubquery(links.order_by().values(field.m2m_reverse_field_name()))


UPSERT = """
INSERT INTO {table} ({columns}) {rows}
ON CONFLICT (kind, item) DO UPDATE SET {updates}
"""


def keep_search_rows(queryset: QuerySet) -> int:
    """Write the narrow rows (SearchRow) of `queryset`'s items (PostgreSQL), in one query."""
    model, fields = queryset.model, fields_of(queryset.model)
    dated = any(field.name == "published_on" for field in model._meta.concrete_fields)
    published = Q(status="published") if dated else Q(pk__isnull=False)
    values = {
        "kind": Value(KINDS[model._meta.label_lower]),
        "item": F("pk"),
        "published": ExpressionWrapper(published, output_field=BooleanField()),
        "published_on": F("published_on") if dated else Value(None, DateField()),
        "themes": themes_of(model, fields.themes),
        "search_vector": search_vector(model),
        "title_vector": search_vector(model, weights="A"),
    }
    # named apart from the model's fields (an entry's `themes`), in this order
    # the rows without the translation layer, which would rewrite the names
    plain = QuerySet(model=model, query=queryset.query.chain()).order_by()
    rows = plain.values(**{f"row_{name}": value for name, value in values.items()})
    sql, params = rows.query.sql_with_params()
    columns = tuple(values)
    upsert = UPSERT.format(
        table=SearchRow._meta.db_table,
        columns=", ".join(columns),
        rows=sql,
        updates=", ".join(f"{name} = EXCLUDED.{name}" for name in columns[2:]),
    )
    with connection.cursor() as cursor:
        cursor.execute(upsert, params)  # the ORM's SQL, every value a parameter
        return cursor.rowcount


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
    """Remove a deleted item from SQLite's full-text table, or its narrow row (PostgreSQL;
    the vectors of other kinds go with their rows)."""
    kind = KINDS[instance._meta.label_lower]
    if full_text():
        SearchRow.objects.filter(kind=kind, item=instance.pk).delete()
    if connection.vendor != "sqlite":
        return
    row = kind << KIND_SHIFT | instance.pk
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_text WHERE rowid = %s", [row])
