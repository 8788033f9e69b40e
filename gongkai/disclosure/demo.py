"""Demo data for the 政府信息公开 platform: columns for the city and a few departments, items over the last
months published through the real review workflow (some columns deliberately stale or blank for the
freshness monitor), an undated legacy item, catalogues with a late publication, and items waiting in review.
Idempotent: columns are found by (unit, slug), items by (column, title)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from gongkai.organisations.models import Unit, User

from . import services
from .models import (
    Article20,
    Catalogue,
    CatalogueKind,
    Column,
    CustomPeriod,
    FreshnessClass,
    InformationItem,
    ItemKind,
    ItemStatus,
    PlatformSection,
    ReviewStep,
    WordList,
    WordListKind,
)

S, F = PlatformSection, FreshnessClass
# (slug, name, section, article20, freshness class)
STANDARD_COLUMNS = [
    ("xxgkzn", "政府信息公开指南", S.GUIDE, None, F.STATIC),
    ("xxgkzd", "政府信息公开制度", S.SYSTEM, None, F.STATIC),
    ("jgzn", "机构职能", S.STATUTORY, Article20.FUNCTIONS, F.STATIC),
    ("zcwj", "政策文件", S.STATUTORY, Article20.RULES, F.NOTICE_POLICY),
    ("zcjd", "政策解读", S.STATUTORY, Article20.RULES, F.NOTICE_POLICY),
    ("ghjh", "规划计划", S.STATUTORY, Article20.PLANNING, F.PERSONNEL_PLAN),
    ("tjxx", "统计信息", S.STATUTORY, Article20.STATISTICS, F.NOTICE_POLICY),
    ("czyjs", "财政预决算", S.STATUTORY, Article20.BUDGET, F.PERSONNEL_PLAN),
    ("rsxx", "人事信息", S.STATUTORY, Article20.CIVIL_SERVANTS, F.PERSONNEL_PLAN),
    ("tzgg", "通知公告", S.STATUTORY, Article20.OTHER, F.NOTICE_POLICY),
    ("gzdt", "工作动态", S.NEWS, None, F.DYNAMIC),
]
UNITS = ["市政府", "市政府办公室", "市民政局", "市发展改革局", "市财政局", "蓬江区政府", "区民政局"]
LEADERS = "王建国=市长\n刘志明=副市长\n陈卫东=秘书长"


def _column(unit: Unit, slug, name, section, article20, klass, opened_on, **extra) -> Column:
    existing = Column.objects.filter(unit=unit, slug=slug).first()
    if existing:
        return existing
    return services.column_create(unit=unit, slug=slug, name=name, section=section, article20=article20,
                                  freshness_class=klass, opened_on=opened_on, order=len(unit.disclosure_columns.all()),
                                  **extra)


def _published(column: Column, title: str, days_ago: int, today: dt.date, *, handler: User | None,
               reviewer: User | None, kind=ItemKind.NOTICE, body="", formed_days_before: int = 3, **fields):
    """Create, submit and pass every review step, publishing `days_ago` days before today."""
    item = InformationItem.objects.filter(column=column, title=title).first()
    if item is not None:
        return item
    published_on = today - dt.timedelta(days=days_ago)
    item = services.item_create(
        column=column, title=title, by=handler, kind=kind,
        body=body or f"{title}。\n\n现将有关情况公布如下，请社会各界监督。\n\n{column.unit.name}",
        written_on=published_on - dt.timedelta(days=formed_days_before), issuing_organ=column.unit.name,
        topic=fields.pop("topic", "综合政务\\政务公开"), **fields,
    )
    services.item_attachment_add(item=item, by=handler, name=f"{title[:40]}.pdf",
                                 data=f"%PDF-1.4\n% {title}\n".encode())
    services.item_submit(item=item, by=handler)
    item.refresh_from_db()
    while item.status == ItemStatus.IN_REVIEW:
        item = services.item_approve(item=item, by=reviewer, acknowledge_findings=True, publish_on=published_on)
    return item


def _in_review(column, title, body, handler, reviewer, steps_passed: int):
    if InformationItem.objects.filter(column=column, title=title).exists():
        return
    item = services.item_create(column=column, title=title, body=body, by=handler, kind=ItemKind.NOTICE,
                                written_on=timezone.localdate() - dt.timedelta(days=2))
    services.item_submit(item=item, by=handler)
    for _ in range(steps_passed):
        item = services.item_approve(item=item, by=reviewer, acknowledge_findings=True)


def load(stdout) -> None:
    today = timezone.localdate()
    opened = today - dt.timedelta(days=420)
    if not WordList.objects.exists():
        services.wordlists_load_defaults()
        services.wordlist_save(name="市领导姓名职务", kind=WordListKind.LEADER, entries=LEADERS,
                               unit=Unit.objects.get(short_name="市政府"))
    units = {short: Unit.objects.get(short_name=short) for short in UNITS}
    columns: dict[tuple[str, str], Column] = {}
    for short, unit in units.items():
        for slug, name, section, article20, klass in STANDARD_COLUMNS:
            columns[short, slug] = _column(unit, slug, name, section, article20, klass, opened)
    for short in ("市民政局", "区民政局"):
        columns[short, "shjz"] = _column(
            units[short], "shjz", "社会救助", S.STATUTORY, Article20.LIVELIHOOD, F.CUSTOM, opened,
            custom_period=CustomPeriod.MONTH, custom_min_count=2,
            description="低保、特困供养资金发放情况，按工作要点每月至少更新2条",
        )
    services.review_config_set(unit=units["蓬江区政府"], steps=[ReviewStep.SECRECY, ReviewStep.FIRST, ReviewStep.FINAL])

    users = {u.username: u for u in User.objects.filter(username__in=["gkb", "gkb_jb", "gkb_sh", "mzj_jb", "mzj_sh"])}
    crew = {  # (handler, reviewer); None = recorded as 系统 for units without demo reviewers
        "市政府": (users.get("gkb"), None), "市政府办公室": (users.get("gkb_jb"), users.get("gkb_sh")),
        "市民政局": (users.get("mzj_jb"), users.get("mzj_sh")),
    }

    def pub(short, slug, title, days_ago, **kwargs):
        handler, reviewer = crew.get(short, (None, None))
        return _published(columns[short, slug], title, days_ago, today, handler=handler, reviewer=reviewer, **kwargs)

    for short, unit in units.items():
        pub(short, "xxgkzn", f"{unit.name}政府信息公开指南", 400, kind=ItemKind.GUIDE,
            body=f"为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》，编制本指南。\n\n"
                 f"一、主动公开\n{unit.name}通过本平台“法定主动公开内容”栏目主动公开政府信息。\n\n"
                 f"二、依申请公开\n公民、法人或者其他组织可以通过“依申请公开”栏目在线提出申请。\n\n"
                 f"三、监督和救济\n认为行政机关在政府信息公开工作中侵犯其合法权益的，可以依法申请行政复议或者提起行政诉讼。")
        pub(short, "xxgkzd", f"{unit.name}政府信息公开保密审查制度", 390, kind=ItemKind.SYSTEM)
        pub(short, "jgzn", f"{unit.name}机构职能", 380, kind=ItemKind.ORGANISATION)

    # 市政府 and 市政府办公室: lively columns over several months.
    for n, days in enumerate([2, 9, 16, 30, 47, 75, 110, 150], start=1):
        pub("市政府", "gzdt", f"江门市召开第{n}次政务公开工作推进会", days, kind=ItemKind.NEWS)
    for n, days in enumerate([5, 40, 95, 160], start=1):
        pub("市政府", "tzgg", f"江门市人民政府关于第{n}批政务服务事项调整的通告", days)
    pub("市政府", "ghjh", "江门市国民经济和社会发展第十五个五年规划纲要", 120, kind=ItemKind.PLAN)
    pub("市政府", "tjxx", "2026年上半年江门市国民经济运行情况", 60, kind=ItemKind.STATISTICS)
    pub("市政府", "czyjs", "江门市2026年市级预算执行情况", 200, kind=ItemKind.FINANCE)
    pub("市政府办公室", "gzdt", "市政府办公室开展政务公开业务培训", 4, kind=ItemKind.NEWS)
    pub("市政府办公室", "tzgg", "关于公布2026年度政务公开重点工作任务分工的通知", 80)

    # 市民政局: the custom 每月至少2条 column, budget and personnel, items bound to its catalogue.
    for months_ago, (a, b) in enumerate([(3, 18), (33, 49), (64, 80), (95, 111)]):
        pub("市民政局", "shjz", f"江门市城乡低保资金发放情况（第{months_ago + 1}期）", a, kind=ItemKind.FINANCE)
        pub("市民政局", "shjz", f"江门市特困人员供养资金发放情况（第{months_ago + 1}期）", b, kind=ItemKind.FINANCE)
    for n, days in enumerate([6, 12, 26, 55], start=1):
        pub("市民政局", "gzdt", f"市民政局养老服务工作动态（{n}）", days, kind=ItemKind.NEWS)
    pub("市民政局", "tzgg", "关于开展2026年度养老机构等级评定工作的通知", 35)
    pub("市民政局", "rsxx", "江门市民政局2026年公开招聘事业单位工作人员拟聘用人员公示", 150, kind=ItemKind.PERSONNEL)
    pub("市民政局", "czyjs", "江门市民政局2026年部门预算", 240, kind=ItemKind.FINANCE)

    # 市发展改革局: deliberately neglected — stale news and notices, blank plans and statistics.
    pub("市发展改革局", "gzdt", "市发展改革局召开重点项目建设推进会", 40, kind=ItemKind.NEWS)
    pub("市发展改革局", "tzgg", "关于征集2026年市重点建设项目的通知", 230)
    pub("市发展改革局", "czyjs", "江门市发展和改革局2025年部门决算", 390, kind=ItemKind.FINANCE)

    # 市财政局: fine except an undated legacy personnel item (未注明发布时间).
    pub("市财政局", "gzdt", "市财政局推进预算绩效管理改革", 8, kind=ItemKind.NEWS)
    pub("市财政局", "czyjs", "江门市2026年市级一般公共预算", 70, kind=ItemKind.FINANCE)
    if not InformationItem.objects.filter(column=columns["市财政局", "rsxx"]).exists():
        services.item_import(column=columns["市财政局", "rsxx"], title="江门市财政局2019年公开遴选公务员拟遴选人员名单",
                             published_on=None, by=None, kind=ItemKind.PERSONNEL, note="原网站迁移，原页面未注明发布日期")

    # 蓬江区: the district platform and its 民政局 with a standard catalogue.
    pub("蓬江区政府", "gzdt", "蓬江区推进基层政务公开标准化规范化", 3, kind=ItemKind.NEWS)
    pub("蓬江区政府", "tzgg", "蓬江区人民政府关于2026年度区级政务公开工作的通知", 20)
    late = pub("区民政局", "shjz", "蓬江区2026年第三季度特困人员认定结果公示", 12, kind=ItemKind.FINANCE,
               formed_days_before=40)
    pub("区民政局", "shjz", "蓬江区城乡低保资金发放情况（本月）", 5, kind=ItemKind.FINANCE)
    pub("区民政局", "gzdt", "区民政局开展社会救助政策宣传进社区活动", 15, kind=ItemKind.NEWS)

    civil_pj = units["区民政局"]
    catalogue = Catalogue.objects.filter(unit=civil_pj, kind=CatalogueKind.STANDARD, domain="社会救助").first()
    if catalogue is None:
        catalogue = services.catalogue_load_standard_domain(unit=civil_pj, domain="社会救助",
                                                            column=columns["区民政局", "shjz"])
        entry = catalogue.entries.get(level2="审核审批结果")
        late.catalogue_entry = entry
        late.save(update_fields=["catalogue_entry"])
        monthly = catalogue.entries.get(level2="低保对象及资金发放情况")
        InformationItem.objects.filter(column=columns["区民政局", "shjz"], title__contains="低保").update(
            catalogue_entry=monthly)
    if not Catalogue.objects.filter(unit=units["市民政局"], kind=CatalogueKind.BASIC).exists():
        basic = services.catalogue_create(unit=units["市民政局"], kind=CatalogueKind.BASIC)
        services.catalogue_entry_save(
            catalogue=basic, level1="财政信息", level2="部门预算", content="部门预算报表及说明、“三公”经费预算",
            basis="《中华人民共和国预算法》第十四条", time_limit="财政部门批复后20日内", subject="市民政局",
            channels=["政府网站"], recurrence="yearly", column=columns["市民政局", "czyjs"])
        services.catalogue_entry_save(
            catalogue=basic, level1="社会救助", level2="低保、特困供养资金发放情况",
            content="发放对象人数、资金总额", basis="《社会救助暂行办法》", time_limit="信息形成之日起20个工作日内",
            subject="市民政局", channels=["政府网站", "社区/企事业单位/村公示栏（电子屏）"], recurrence="monthly",
            column=columns["市民政局", "shjz"])
        budget_entry, relief_entry = basic.entries.order_by("seq")
        InformationItem.objects.filter(column=columns["市民政局", "czyjs"]).update(catalogue_entry=budget_entry)
        InformationItem.objects.filter(column=columns["市民政局", "shjz"]).update(catalogue_entry=relief_entry)

    # Items waiting in review (one with an 易错词 and a leader's wrong title to show the word check).
    handler, reviewer = crew["市民政局"]
    _in_review(columns["市民政局", "tzgg"], "关于做好2027年元旦春节期间困难群众走访慰问工作的通知",
               "各县（市、区）民政局：\n为深入开展党史教育，副市长王建国要求做好走访慰问工作，现通知如下。",
               handler, reviewer, steps_passed=1)
    _in_review(columns["市民政局", "gzdt"], "市民政局召开年度工作总结会", "会议总结了全年民政工作。", handler, reviewer,
               steps_passed=0)
    handler, reviewer = crew["市政府办公室"]
    _in_review(columns["市政府办公室", "tzgg"], "关于调整市政府信息公开工作领导小组成员的通知",
               "根据工作需要，调整领导小组成员。", handler, reviewer, steps_passed=0)
    stdout.write(f"政府信息公开：{Column.objects.count()}个栏目，"
                 f"{InformationItem.objects.filter(status=ItemStatus.PUBLISHED).count()}条已公开信息，"
                 f"{InformationItem.objects.filter(status=ItemStatus.IN_REVIEW).count()}条审核中")
