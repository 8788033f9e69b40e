"""The narrow side table SearchEntry and full-text structures that index words plus filter tags.

SQLite: the external-content FTS5 table search_fts(title_seg, body_seg) becomes a contentless
search_fts(words, tags) with detail=column. PostgreSQL: the generated column search_vector (and its GIN
index) on the documents table is replaced by search_entry.vector (words, filter tags and recency
blocks) with a GIN index. Both are then filled from the documents table (backends.*.rebuild()).
"""

import django.db.models.deletion
from django.db import migrations, models

SQLITE_FORWARD = [
    "DROP TABLE IF EXISTS search_fts",
    "CREATE VIRTUAL TABLE search_fts USING fts5(words, tags, content='', columnsize=0, detail=column, "
    "tokenize=\"unicode61 remove_diacritics 0 tokenchars '_'\")",
]
SQLITE_BACKWARD = [
    "DROP TABLE IF EXISTS search_fts",
    "CREATE VIRTUAL TABLE search_fts USING fts5(title_seg, body_seg, content='search_searchdocument', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
    "INSERT INTO search_fts(search_fts) VALUES('rebuild')",
]
POSTGRES_FORWARD = [
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_vector",  # drops search_vector_gin too
    "ALTER TABLE search_entry ADD COLUMN vector tsvector NOT NULL DEFAULT ''::tsvector",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_entry_vector_gin",
    "ALTER TABLE search_entry DROP COLUMN IF EXISTS vector",
    "ALTER TABLE search_searchdocument ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple'::regconfig, coalesce(title_seg, '')), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, coalesce(body_seg, '')), 'B')) STORED",
    "CREATE INDEX search_vector_gin ON search_searchdocument USING gin (search_vector)",
]


def forward(apps, schema_editor):
    from gongkai.search.backends import PostgresBackend, SqliteBackend

    vendor = schema_editor.connection.vendor
    for sql in {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}.get(vendor, []):
        schema_editor.execute(sql)
    backend = {"sqlite": SqliteBackend, "postgresql": PostgresBackend}.get(vendor)
    if backend is not None:
        backend().rebuild()


def backward(apps, schema_editor):
    for sql in {"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


class Migration(migrations.Migration):

    dependencies = [
        ('organisations', '0002_role_groups'),
        ('search', '0002_fulltext'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchEntry',
            fields=[
                ('document', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='entry', serialize=False, to='search.searchdocument', verbose_name='检索文档')),
                ('is_public', models.BooleanField(verbose_name='已公开')),
                ('kind', models.CharField(max_length=30, verbose_name='类型')),
                ('published_on', models.DateField(blank=True, null=True, verbose_name='发布日期')),
                ('year', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='年份')),
                ('topic', models.CharField(blank=True, max_length=100, verbose_name='主题分类')),
                ('validity', models.CharField(blank=True, max_length=30, verbose_name='有效性')),
                ('unit', models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='organisations.unit', verbose_name='发布单位')),
            ],
            options={
                'db_table': 'search_entry',
                'verbose_name': '检索条目',
                'verbose_name_plural': '检索条目',
            },
        ),
        migrations.RunPython(forward, backward),
    ]
