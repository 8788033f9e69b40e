"""gongkai policies …: the library's scheduled and maintenance commands.

  gongkai policies expire [--on DATE]       mark documents whose 有效期 has ended as 失效 (idempotent; run daily)
  gongkai policies alerts [--on DATE] [--government NAME]
                                            list documents due for 评估 (届满前 6 个月) and overdue interpretations
  gongkai policies sync                     publish documents/interpretations whose item was approved elsewhere
  gongkai policies gazette-pdf ISSUE_ID     (re)generate the PDF of a draft gazette issue
"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gongkai.core.exceptions import DomainError
from gongkai.organisations.models import Unit, UnitKind

from ... import validity
from ...models import GazetteIssue, PolicyDocument
from ...selectors import evaluation_alerts, interpretation_backlog
from ...services import gazette_issue_generate_pdf, policy_documents_expire_due, policy_items_sync


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"日期格式应为 YYYY-MM-DD：{text}")


class Command(BaseCommand):
    help = "规范性文件库：到期失效、评估提醒、发布同步、公报PDF"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        expire = sub.add_parser("expire", help="将有效期已届满的文件标为失效（可重复执行）")
        expire.add_argument("--on", type=_date, help="按此日期判断，默认今天")
        alerts = sub.add_parser("alerts", help="列出需评估的文件和逾期未解读的文件")
        alerts.add_argument("--on", type=_date)
        alerts.add_argument("--government", help="人民政府名称，默认全部")
        sub.add_parser("sync", help="已在信息发布中审核通过的文件和解读，同步为已发布")
        pdf = sub.add_parser("gazette-pdf", help="重新生成一期公报的PDF")
        pdf.add_argument("issue_id", type=int)

    def handle(self, *args, action, **options):
        try:
            getattr(self, "do_" + action.replace("-", "_"))(**options)
        except DomainError as exc:
            raise CommandError(exc.message)

    def do_expire(self, on=None, **_):
        on = on or timezone.localdate()
        lapsed = policy_documents_expire_due(on=on)
        if not lapsed:
            self.stdout.write(f"{on}：没有到期的文件")
            return
        for document in lapsed:
            self.stdout.write(f"失效：{document.title}（{document.doc_number}），有效期至{validity.cn_date(document.expires_on)}")
        self.stdout.write(self.style.SUCCESS(f"{on}：{len(lapsed)} 件文件已失效"))

    def do_alerts(self, on=None, government=None, **_):
        on = on or timezone.localdate()
        documents = PolicyDocument.objects.select_related("unit")
        if government:
            unit = Unit.objects.filter(kind=UnitKind.GOVERNMENT, name=government).first()
            if unit is None:
                raise CommandError(f"找不到人民政府“{government}”")
            documents = documents.filter(government=unit)
        due = evaluation_alerts(documents, on=on)
        self.stdout.write(f"需评估（有效期届满前6个月内）：{len(due)} 件")
        for document in due:
            self.stdout.write(f"  {document.expires_on}  {document.unit}  {document.title}（{document.doc_number}）")
        backlog = interpretation_backlog(documents, today=on)
        self.stdout.write(f"解读逾期（文件发布后3个工作日内未发布解读）：{len(backlog)} 件")
        for document, timing in backlog:
            state = f"{timing.published_on}发布" if timing.published_on else "尚未发布"
            self.stdout.write(f"  应于{timing.due_on}前  {document.unit}  {document.title}：解读{state}，"
                              f"逾期{timing.working_days_late}个工作日{'（暂定）' if timing.provisional else ''}")

    def do_sync(self, **_):
        done = policy_items_sync()
        self.stdout.write(f"同步发布 {len(done)} 项")

    def do_gazette_pdf(self, issue_id, **_):
        issue = GazetteIssue.objects.filter(pk=issue_id).first()
        if issue is None:
            raise CommandError(f"没有编号为{issue_id}的公报")
        issue = gazette_issue_generate_pdf(issue=issue)
        self.stdout.write(f"{issue}：PDF 已生成（SHA-256 {issue.pdf_sha256[:16]}…）")
