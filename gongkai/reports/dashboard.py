"""Workspace panels: the statutory report dates (1月31日 / 3月31日) and what each role must do about them."""

from __future__ import annotations

from django.utils import timezone

from gongkai.core.dashboard import Panel
from gongkai.organisations.models import Role, UnitKind
from gongkai.organisations.selectors import scope_root

from . import access, conf, deadlines, selectors
from .models import AnnualReport, ReportStatus


def panels(user) -> list[Panel]:
    if not user.is_authenticated or user.unit_id is None:
        return []
    today = timezone.localdate()
    year = deadlines.report_year(today)
    out = []
    unit = user.unit
    if unit.kind != UnitKind.OFFICE and access.can_compose(user, unit) and not user.has_role(Role.COORDINATOR):
        due = deadlines.due_date(unit, year)
        report = AnnualReport.objects.filter(unit=unit, year=year).order_by("scope").first()
        days = (due - today).days if due else 0
        published = report is not None and report.status == ReportStatus.PUBLISHED
        tone = "" if published else ("danger" if days < 0 else "warn" if days <= conf.reminder_days() else "")
        rows = [("法定发布期限", f"{due:%Y年%m月%d日}前" if due else "—", ""),
                ("报告状态", report.get_status_display() if report else "未编制",
                 f"/staff/reports/{report.pk}/" if report else "/staff/reports/")]
        if not published and due:
            rows.append(("距期限", f"{days}天" if days >= 0 else f"已逾期{-days}天", ""))
        out.append(Panel(f"{year}年度政府信息公开工作年度报告", rows, "/staff/reports/", "年度报告", tone))
    if user.has_role(Role.REVIEWER, Role.COORDINATOR):
        waiting = selectors.visible_reports(user).filter(status=ReportStatus.IN_REVIEW)
        if not user.has_role(Role.COORDINATOR):
            waiting = waiting.filter(unit=unit)
        rows = [(r.title, "待审核", f"/staff/reports/{r.pk}/") for r in waiting[:5]]
        if rows:
            out.append(Panel("待审核的年度报告", rows, "/staff/reports/?status=in_review", "全部待审核", "warn"))
    if user.has_role(Role.COORDINATOR, Role.LEADER):
        root = scope_root(user)
        if root is not None and root.pk:
            obligations = deadlines.obligations(root=root, year=year, on=today)
            published = sum(o.published for o in obligations)
            overdue = [o for o in obligations if o.tone == "danger"]
            soon = [o for o in obligations if o.tone == "warn"]
            rows = [("应发布单位", str(len(obligations)), ""), ("已发布", str(published), ""),
                    ("临近期限未发布", str(len(soon)), ""), ("已逾期未发布", str(len(overdue)), "")]
            rows += [(o.unit.short_name or o.unit.name, o.state, "") for o in (overdue + soon)[:5]]
            tone = "danger" if overdue else "warn" if soon else ""
            out.append(Panel(f"{year}年度报告发布进度", rows, f"/staff/reports/?year={year}", "发布进度", tone))
    return out
