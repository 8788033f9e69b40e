"""gongkai report annual --year YEAR --unit UNIT [--format json|html|docx|pdf] [-o OUT]
gongkai report reminders [--on DATE] [--mail]

`annual` prints or writes the unit's report: the stored report when one exists (as reviewed and
published), otherwise a preview computed from the records (not saved). UNIT is an id or any name the
organisation resolver understands (江门市民政局, 市民政局, 民政局 …).
"""

from __future__ import annotations

import datetime as dt
import json
import sys

from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from gongkai.organisations.models import Role, Unit
from gongkai.organisations.resolver import resolve_name
from gongkai.organisations.selectors import staff_with_role

from ... import deadlines, docx_writer, render, selectors, services
from ...export import report_json
from ...models import AnnualReport, ReportScope


def resolve_unit(text: str) -> Unit:
    if text.isdigit():
        unit = Unit.objects.filter(pk=int(text)).first()
        if unit is None:
            raise CommandError(f"没有编号为{text}的单位")
        return unit
    result = resolve_name(text)
    if result.unit is None:
        hint = "、".join(name for name, _ in result.candidates[:5])
        raise CommandError(f"无法识别单位“{text}”" + (f"，是否指：{hint}" if hint else ""))
    return result.unit


def preview_report(*, unit: Unit, year: int, scope: str) -> AnnualReport:
    """An unsaved report computed from the records, with the drafted texts."""
    fmt = services.formats.format_for_year(year)
    report = AnnualReport(unit=unit, year=year, scope=scope, format=fmt, title=services.report_title(unit, year),
                          section2=services.formats.empty_section2(fmt), section2_sources={})
    services._apply_snapshot(report, services.compute_snapshot(unit=unit, year=year, scope=scope, fmt=fmt))
    services._redraft(report, ("section1_text", "section5_text", "section6_text"))
    return report


class Command(BaseCommand):
    help = "政府信息公开工作年度报告：导出报告、发布期限提醒"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        annual = sub.add_parser("annual", help="输出某单位某年度的年度报告")
        annual.add_argument("--year", type=int, required=True)
        annual.add_argument("--unit", required=True, help="单位编号或名称")
        annual.add_argument("--scope", choices=ReportScope.values, help="unit=本机关，consolidated=汇总（人民政府默认）")
        annual.add_argument("--format", choices=["json", "html", "docx", "pdf"], default="json")
        annual.add_argument("-o", "--output", help="输出文件（默认标准输出；docx/pdf 必须指定）")
        annual.add_argument("--fresh", action="store_true", help="忽略已保存的报告，按当前数据重新统计（不保存）")
        reminders = sub.add_parser("reminders", help="列出临近或超过法定发布期限而未发布报告的单位")
        reminders.add_argument("--on", help="以该日期计算（YYYY-MM-DD，默认今天）")
        reminders.add_argument("--unit", help="只看该单位及所属单位（默认全部）")
        reminders.add_argument("--mail", action="store_true", help="给各单位联络员发送提醒邮件")

    def handle(self, *args, **options):
        if options["action"] == "annual":
            return self.annual(options)
        return self.reminders(options)

    def annual(self, options):
        unit = resolve_unit(options["unit"])
        scope = options["scope"] or services.default_scope(unit)
        year = options["year"]
        report = None if options["fresh"] else AnnualReport.objects.filter(unit=unit, year=year, scope=scope).first()
        if report is None:
            with transaction.atomic():
                report = preview_report(unit=unit, year=year, scope=scope)
            self.stderr.write(f"{unit.name}{year}年度尚无已保存的报告，以下按当前数据统计（草稿预览）")
        fmt, output = options["format"], options["output"]
        if fmt in ("docx", "pdf") and not output:
            raise CommandError("docx 和 pdf 格式须用 -o 指定输出文件")
        if fmt == "json":
            findings = selectors.report_findings(report, with_similarity=False) if report.pk else None
            data: bytes | str = json.dumps(report_json(report, findings), ensure_ascii=False, indent=2)
        elif fmt == "html":
            data = render.standalone_html(report)
        elif fmt == "docx":
            data = docx_writer.docx_bytes(report)
        else:
            data = render.pdf_bytes(report)
        if output:
            mode = "wb" if isinstance(data, bytes) else "w"
            with open(output, mode, **({} if mode == "wb" else {"encoding": "utf-8"})) as fh:
                fh.write(data)
            self.stderr.write(f"已写入 {output}")
        else:
            sys.stdout.write(data if isinstance(data, str) else data.decode())
            sys.stdout.write("\n")

    def reminders(self, options):
        on = dt.date.fromisoformat(options["on"]) if options["on"] else timezone.localdate()
        year = deadlines.report_year(on)
        roots = [resolve_unit(options["unit"])] if options["unit"] else list(Unit.objects.filter(parent=None))
        pending = []
        for root in roots:
            pending += [o for o in deadlines.obligations(root=root, year=year, on=on) if o.tone in ("warn", "danger")]
        if not pending:
            self.stdout.write(f"{year}年度报告：没有临近或超过法定期限而未发布的单位")
            return
        for o in pending:
            self.stdout.write(f"{o.unit.name}\t{o.due:%Y-%m-%d}前\t{o.status_label}\t{o.state}")
            if options["mail"]:
                recipients = [u.email for u in staff_with_role(o.unit, Role.LIAISON) if u.email]
                if recipients:
                    send_mail(
                        f"【提醒】{year}年度政府信息公开工作年度报告{o.state}",
                        f"{o.unit.name}：根据《政府信息公开条例》第四十九条，{year}年度报告应于{o.due:%Y年%m月%d日}前公布。"
                        f"当前状态：{o.status_label}。请登录政务公开平台“年度报告”办理。",
                        None, recipients,
                    )
        self.stdout.write(f"共{len(pending)}个单位")
