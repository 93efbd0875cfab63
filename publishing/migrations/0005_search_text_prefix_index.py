from django.db import migrations

# Each word is searched as the start of a word ("mobil" finds "mobility"): without an index
# of the words' starts, SQLite merges the entries of every word with that start on each
# search, which costs several times the search itself. The index holds starts of 2 to 12
# letters (a longer one is still found, the slower way); it makes the table about six
# times larger.
PREFIXES = "2 3 4 5 6 7 8 9 10 11 12"
CREATE = (
    "CREATE VIRTUAL TABLE search_text USING fts5("
    "title, text, tokenize = 'unicode61 remove_diacritics 2'{prefix})"
)


def with_prefix_index(apps, schema_editor):
    rebuild(apps, schema_editor, f", prefix = '{PREFIXES}'")


def without(apps, schema_editor):
    rebuild(apps, schema_editor, "")


def rebuild(apps, schema_editor, prefix: str) -> None:
    """SQLite: the full-text table again, with (or without) the index, and every row."""
    if schema_editor.connection.vendor != "sqlite":
        return
    from publishing.search_vectors import KINDS, rebuild_search_vectors

    schema_editor.execute("DROP TABLE IF EXISTS search_text")
    schema_editor.execute(CREATE.format(prefix=prefix))
    # its rank: BM25 with a word of the title weighing as ten of the text
    schema_editor.execute(
        "INSERT INTO search_text (search_text, rank) VALUES ('rank', 'bm25(10.0, 1.0)')"
    )
    for label in KINDS:
        rebuild_search_vectors(apps.get_model(label)._default_manager.all())


class Migration(migrations.Migration):
    dependencies = [
        ("publishing", "0004_search_rows_of_every_kind"),
        ("toolkit", "0015_theme_vectors_in_search_rows"),
        ("initiatives", "0016_programme_vectors_in_search_rows"),
        ("signatories", "0020_signatory_vectors_in_search_rows"),
        ("places", "0003_place_vectors_in_search_rows"),
        ("commitments", "0004_reporting_cycle"),
    ]

    operations = [migrations.RunPython(with_prefix_index, without)]
