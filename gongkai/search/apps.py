from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _clear_stale_fulltext(sender, using="default", **kwargs):
    """`flush` (and so every transactional test) empties the documents table but not the FTS5 table,
    which Django does not know about; flush then emits post_migrate. Clear the FTS5 index when its
    documents table is empty, so that stale entries cannot match documents that reuse their ids."""
    from django.db import connections

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    tables = connection.introspection.table_names()
    if "search_fts" not in tables or "search_searchdocument" not in tables:
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT EXISTS (SELECT 1 FROM search_searchdocument)")
        if not cursor.fetchone()[0]:
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES('delete-all')")


class SearchConfig(AppConfig):
    name = "gongkai.search"
    verbose_name = "全文检索"

    def ready(self):
        post_migrate.connect(_clear_stale_fulltext, sender=self, dispatch_uid="search_clear_stale_fulltext")
