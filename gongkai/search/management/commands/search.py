"""`gongkai search reindex|status|query`: maintain and try out the full-text index."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Count

from gongkai.search.kinds import kind_label
from gongkai.search.models import SearchDocument
from gongkai.search.reindex import reindex
from gongkai.search.selectors import Order, search
from gongkai.search.sources import all_sources


class Command(BaseCommand):
    help = "全文检索：重建索引（reindex）、查看索引状态（status）、试查询（query）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        names = [s.name for s in all_sources()]
        p = sub.add_parser("reindex", help="从各来源模块重建检索索引")
        p.add_argument("--source", action="append", choices=names, help="只重建指定来源（可重复）")
        sub.add_parser("status", help="显示检索后端和各类文档数量")
        q = sub.add_parser("query", help="按公众身份试查询")
        q.add_argument("text")
        q.add_argument("--order", choices=[Order.RELEVANCE, Order.DATE], default=Order.RELEVANCE)
        q.add_argument("--limit", type=int, default=10)

    def handle(self, *args, action, **options):
        return getattr(self, f"do_{action}")(**options)

    def do_reindex(self, source=None, **options):
        try:
            outcomes = reindex(names=source, write=self.stdout.write)
        except KeyError as exc:
            raise CommandError(str(exc))
        total = sum(o.count for o in outcomes)
        skipped = [o for o in outcomes if o.skipped_reason]
        self.stdout.write(self.style.SUCCESS(f"索引重建完成：共 {total} 条（{connection.vendor}）"))
        if skipped:
            self.stdout.write(self.style.WARNING(f"{len(skipped)} 个来源未能读取，见上文说明"))

    def do_status(self, **options):
        self.stdout.write(f"检索后端：{'SQLite FTS5' if connection.vendor == 'sqlite' else 'PostgreSQL 全文检索'}")
        rows = SearchDocument.objects.values("kind", "is_public").annotate(n=Count("id")).order_by("kind", "-is_public")
        for row in rows:
            state = "已公开" if row["is_public"] else "未公开（草稿等）"
            self.stdout.write(f"  {kind_label(row['kind'])}　{state}：{row['n']}")
        for source in all_sources():
            reason = source.unavailable_reason()
            self.stdout.write(f"  来源 {source.name}：{'可用' if not reason else reason}")

    def do_query(self, text, order, limit, **options):
        results = search(query=text, order=order, page_size=limit, with_facets=False)
        note = "（未找到同时包含全部词语的结果，以下结果包含部分词语）" if results.relaxed else ""
        self.stdout.write(f"共 {results.total} 条{note}")
        for hit in results.hits:
            self.stdout.write(f"- [{hit.kind_label}] {hit.title}  {hit.published_on or ''}  {hit.url}")
