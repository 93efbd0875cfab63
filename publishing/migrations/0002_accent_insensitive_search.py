from django.db import migrations

LANGUAGES = ["english", "french", "spanish"]


def create_configurations(apps, schema_editor):
    """PostgreSQL: text search configurations that ignore accents, the built-in ones with
    `unaccent` before the stemmer. SQLite: a full-text (FTS5) table that ignores them."""
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS search_text USING fts5("
            "title, text, tokenize = 'unicode61 remove_diacritics 2')"
        )
        # its rank: BM25 with a word of the title weighing as ten of the text
        schema_editor.execute(
            "INSERT INTO search_text (search_text, rank) VALUES ('rank', 'bm25(10.0, 1.0)')"
        )
        return
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    for language in LANGUAGES:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS portal_{language}")
        schema_editor.execute(
            f"CREATE TEXT SEARCH CONFIGURATION portal_{language} (COPY = pg_catalog.{language})"
        )
        schema_editor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION portal_{language} "
            f"ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {language}_stem"
        )


def drop_configurations(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_text")
    if schema_editor.connection.vendor != "postgresql":
        return
    for language in LANGUAGES:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS portal_{language}")


class Migration(migrations.Migration):
    dependencies = [("publishing", "0001_share_links")]

    operations = [migrations.RunPython(create_configurations, drop_configurations)]
