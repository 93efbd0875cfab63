from django.db import migrations

# Each word is searched as the start of a word ("mobil" finds "mobility"): without an index
# of the words' starts, SQLite merges the entries of every word with that start on each
# search, which costs several times the search itself. The index holds starts of 2 to 12
# letters (a longer one is still found, the slower way); it makes the table about six
# times larger.
PREFIXES = "2 3 4 5 6 7 8 9 10 11 12"
CREATE = (
    "CREATE VIRTUAL TABLE search_text_new USING fts5("
    "title, text, tokenize = 'unicode61 remove_diacritics 2'{prefix})"
)


def with_prefix_index(apps, schema_editor):
    rebuild(schema_editor, f", prefix = '{PREFIXES}'")


def without(apps, schema_editor):
    rebuild(schema_editor, "")


def rebuild(schema_editor, prefix: str) -> None:
    """SQLite: the full-text table again, with (or without) the index, its rows copied."""
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute("DROP TABLE IF EXISTS search_text_new")
    schema_editor.execute(CREATE.format(prefix=prefix))
    # its rank: BM25 with a word of the title weighing as ten of the text
    schema_editor.execute(
        "INSERT INTO search_text_new (search_text_new, rank) VALUES ('rank', 'bm25(10.0, 1.0)')"
    )
    schema_editor.execute(
        "INSERT INTO search_text_new (rowid, title, text) SELECT rowid, title, text FROM search_text"
    )
    schema_editor.execute("DROP TABLE search_text")
    schema_editor.execute("ALTER TABLE search_text_new RENAME TO search_text")


class Migration(migrations.Migration):
    dependencies = [("publishing", "0003_search_rows")]

    operations = [migrations.RunPython(with_prefix_index, without)]
