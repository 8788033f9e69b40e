"""The search index: one row per searchable publication or draft, fed by the source apps via services.

The row keeps what a result page shows (title, url, unit, date, metadata) plus the jieba-segmented
text that the full-text backends index:

A narrow side table, `SearchEntry` (same id), holds what the query path reads for every candidate:
visibility, the filter values and the date. The full-text structures index each document's words plus
its filter tags (`tags.py`), so that visibility and filters are part of the match:

- SQLite: a contentless FTS5 table `search_fts(words, tags)` (migration 0003), rowid = document id.
- PostgreSQL: `search_entry.vector` (tsvector of the words, the tags and recency blocks), GIN-indexed
  (migration 0003); a query reads only the GIN index and the matching entry rows.

Both are written by `services` in the caller's transaction and rebuilt from the documents table by
`backends.*.rebuild()`.

The index is derived data (it can always be rebuilt with `gongkai search reindex`), so it keeps no
history of its own; the source records carry theirs.
"""

from django.db import models

from .kinds import DocumentKind


class SearchDocument(models.Model):
    key = models.CharField("来源键", max_length=100, unique=True, help_text="如 disclosure.item:123")
    kind = models.CharField("类型", max_length=30, choices=DocumentKind.choices, db_index=True)
    title = models.CharField("标题", max_length=500)
    body = models.TextField("正文", blank=True)
    url = models.CharField("链接", max_length=500)
    unit = models.ForeignKey(
        "organisations.Unit", verbose_name="发布单位", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    published_on = models.DateField("发布日期", null=True, blank=True)
    year = models.PositiveSmallIntegerField("年份", null=True, blank=True, editable=False)
    topic = models.CharField("主题分类", max_length=100, blank=True)
    validity = models.CharField("有效性", max_length=30, blank=True)
    doc_number = models.CharField("发文字号", max_length=100, blank=True)
    is_public = models.BooleanField("已公开", default=True)
    title_seg = models.TextField("标题分词", blank=True, editable=False)
    body_seg = models.TextField("正文分词", blank=True, editable=False)
    indexed_at = models.DateTimeField("索引时间", auto_now=True)

    class Meta:
        verbose_name = "检索文档"
        verbose_name_plural = "检索文档"
        indexes = [
            models.Index(fields=["is_public", "published_on"], name="search_public_date"),
            models.Index(fields=["unit", "is_public"], name="search_unit_public"),
            models.Index(fields=["year"], name="search_year"),
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.title}"


class SearchEntry(models.Model):
    """The narrow twin of a SearchDocument (same id): the fields that the query path reads for each of up
    to a thousand candidates (visibility, filters, facets, date order), without the wide text columns."""

    document = models.OneToOneField(
        SearchDocument, primary_key=True, on_delete=models.CASCADE, related_name="entry", verbose_name="检索文档",
    )
    is_public = models.BooleanField("已公开")
    kind = models.CharField("类型", max_length=30)
    unit = models.ForeignKey(
        "organisations.Unit", verbose_name="发布单位", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", db_index=False,
    )
    published_on = models.DateField("发布日期", null=True, blank=True)
    year = models.PositiveSmallIntegerField("年份", null=True, blank=True)
    topic = models.CharField("主题分类", max_length=100, blank=True)
    validity = models.CharField("有效性", max_length=30, blank=True)

    class Meta:
        db_table = "search_entry"
        verbose_name = "检索条目"
        verbose_name_plural = "检索条目"

    def __str__(self) -> str:
        return f"{self.pk} {self.kind}"
