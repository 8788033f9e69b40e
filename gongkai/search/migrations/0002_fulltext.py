"""Full-text structures that depend on the database vendor (SQLite FTS5 or PostgreSQL tsvector + GIN)."""

from django.db import migrations

SQLITE_FORWARD = [
    # External-content FTS5 table: it stores only the inverted index; the text stays in the documents
    # table. unicode61 splits on the spaces that jieba segmentation put between words.
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title_seg, body_seg, content='search_searchdocument', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 0')",
    "INSERT INTO search_fts(search_fts) VALUES('rebuild')",
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS search_fts"]

POSTGRES_FORWARD = [
    "ALTER TABLE search_searchdocument ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple'::regconfig, coalesce(title_seg, '')), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, coalesce(body_seg, '')), 'B')) STORED",
    "CREATE INDEX search_vector_gin ON search_searchdocument USING gin (search_vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_vector_gin",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
