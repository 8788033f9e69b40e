"""Demo library for 江门市: a dozen documents in every status (暂行/试行, one due for 评估 within 6 months,
one repealed, one amended, one lapsed), interpretations in several forms (one late), and a gazette issue with
its PDF. Dates are relative to today so the alerts stay meaningful. Idempotent."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from gongkai.core.workdays import WorkCalendar
from gongkai.organisations.models import Unit

from .models import DocumentKind, GazetteIssue, PolicyDocument
from .services import (
    gazette_article_add,
    gazette_issue_create,
    gazette_issue_publish,
    interpretation_approve,
    interpretation_create,
    interpretation_submit,
    policy_document_amend,
    policy_document_approve,
    policy_document_create,
    policy_document_register,
    policy_document_repeal,
    policy_document_submit,
    policy_documents_expire_due,
    registration_scheme_set,
)
from .validity import add_months, add_years

MARKER = "江门市最低生活保障审核确认办法"
BODY = (
    "第一条　为规范{subject}工作，保障困难群众基本生活，根据有关法律法规和省有关规定，结合本市实际，制定本办法。\n"
    "第二条　本办法适用于本市行政区域内的{subject}工作。\n"
    "第三条　{subject}工作坚持公开、公平、公正的原则，实行属地管理、分级负责。\n"
    "第四条　市、县级人民政府民政部门负责本行政区域内的{subject}管理工作，乡镇人民政府（街道办事处）具体承办。\n"
    "第五条　本办法自印发之日起施行。"
)


def _unit(short: str) -> Unit:
    return Unit.objects.get(short_name=short)


def _publish(document: PolicyDocument, on: dt.date) -> PolicyDocument:
    if document.kind == DocumentKind.NORMATIVE:
        document = policy_document_register(document=document, on=on)
    policy_document_submit(document=document, by=None, note="演示数据")
    for _ in range(6):  # pass every configured review step; the last one publishes
        document = policy_document_approve(document=document, by=None, publish_on=on)
        if document.is_published:
            return document
    raise RuntimeError("review did not finish")


def _interpret(document, *, on, form, title, body, **extra):
    interpretation = interpretation_create(document=document, title=title, form=form, body=body, **extra)
    interpretation_submit(interpretation=interpretation, by=None)
    for _ in range(6):
        interpretation = interpretation_approve(interpretation=interpretation, by=None, publish_on=on)
        if interpretation.is_public:
            return interpretation
    raise RuntimeError("review did not finish")


def _doc(unit, title, number, written_on, *, subject, kind=DocumentKind.NORMATIVE, drafting=None, topic="", **extra):
    return policy_document_create(
        unit=unit, title=title, doc_number=number, written_on=written_on, kind=kind, drafting_unit=drafting,
        topic=topic or "民政、扶贫、救灾\\社会救助", body=BODY.format(subject=subject),
        contact_name=extra.pop("contact_name", "市民政局社会救助科"), contact_phone=extra.pop("contact_phone", "0750-3501234"),
        **extra,
    )


def load(stdout) -> None:
    if PolicyDocument.objects.filter(title=MARKER).exists():
        stdout.write("政策文件库演示数据已存在")
        return
    from gongkai.core.calendar import work_calendar

    today = timezone.localdate()
    calendar: WorkCalendar = work_calendar()
    city, pengjiang = Unit.objects.get(name="江门市人民政府"), Unit.objects.get(name="江门市蓬江区人民政府")
    mzj, gkb, fgj, pjmz = _unit("市民政局"), _unit("市政府办公室"), _unit("市发展改革局"), _unit("区民政局")
    registration_scheme_set(government=city, prefix="JMFG", number_format="{prefix}—{year}—{serial:03d}")

    def day(text):
        return dt.date.fromisoformat(text)

    # 1. In force, city government, multi-form interpretations on time.
    dibao = _publish(_doc(city, MARKER, "江府〔2023〕5号", day("2023-03-28"), subject="最低生活保障审核确认",
                          drafting=mzj), day("2023-04-10"))
    _interpret(dibao, on=day("2023-04-11"), form="text", title="《江门市最低生活保障审核确认办法》政策解读",
               body="一、出台背景\n二、主要内容\n三、适用范围\n四、新旧政策差异")
    _interpret(dibao, on=day("2023-04-12"), form="graphic", title="一图读懂：江门市最低生活保障审核确认办法",
               body="图解文字说明：申请—受理—家庭经济状况核对—入户调查—民主评议—审核确认—公示。",
               external_url="https://www.jiangmen.gov.cn/zcjd/tujie/dibao.png")
    # 2. 试行: 2-year term, Q&A interpretation.
    temp = _publish(_doc(mzj, "江门市临时救助实施办法（试行）", "江民〔2025〕8号", day("2025-09-03"), subject="临时救助"),
                    day("2025-09-12"))
    _interpret(temp, on=day("2025-09-15"), form="qa", title="江门市临时救助实施办法（试行）问答",
               body="问：哪些人可以申请临时救助？\n答：因遭遇突发事件、意外伤害、重大疾病等导致基本生活陷入困境的家庭或个人。")
    # 3. 暂行, expiring within 6 months of today (evaluation alert).
    published = add_months(add_years(today, -2), 4)
    subsidy = _publish(_doc(mzj, "江门市困难群众价格临时补贴暂行办法", f"江民〔{published.year}〕3号",
                            published - dt.timedelta(days=10), subject="困难群众价格临时补贴"), published)
    _interpret(subsidy, on=calendar.add_working_days(published, 1).value, form="text",
               title="《江门市困难群众价格临时补贴暂行办法》解读", body="一、补贴对象\n二、启动条件\n三、发放标准")
    # 4. 规章 (政府令), no fixed term.
    _publish(_doc(city, "江门市城市绿化管理办法", "江门市人民政府令第5号", day("2024-05-20"), subject="城市绿化",
                  kind=DocumentKind.RULE, topic="城乡建设、环境保护\\城市规划", contact_name="市城市管理综合执法局",
                  contact_phone="0750-3210000"), day("2024-06-03"))
    # 5–6. Repealed by a new version.
    old = _publish(_doc(mzj, "江门市社会救助家庭经济状况核对办法", "江民〔2021〕12号", day("2021-06-01"),
                        subject="社会救助家庭经济状况核对"), day("2021-06-10"))
    new = _publish(_doc(mzj, "江门市社会救助家庭经济状况核对实施办法", "江民〔2024〕6号", day("2024-08-01"),
                        subject="社会救助家庭经济状况核对"), day("2024-08-12"))
    policy_document_repeal(document=old, repealing=new, on=day("2024-08-12"), reason="被新办法替代")
    _interpret(new, on=day("2024-08-14"), form="expert", title="专家解读：社会救助家庭经济状况核对实施办法",
               body="家庭经济状况核对是精准认定救助对象的关键环节……", speaker="李教授（五邑大学政法学院）")
    # 7–8. Amended.
    elderly = _publish(_doc(mzj, "江门市养老服务补贴管理办法", "江民〔2022〕20号", day("2022-09-01"),
                            subject="养老服务补贴", topic="民政、扶贫、救灾\\养老服务"), day("2022-09-09"))
    amend = _publish(_doc(mzj, "关于修改《江门市养老服务补贴管理办法》的决定", "江民〔2025〕15号", day("2025-05-06"),
                          subject="养老服务补贴", topic="民政、扶贫、救灾\\养老服务"), day("2025-05-13"))
    policy_document_amend(document=elderly, amending=amend, on=day("2025-05-13"))
    _interpret(amend, on=day("2025-05-15"), form="video", title="视频解读：养老服务补贴标准调整",
               body="视频文字稿：本次修改将高龄老人补贴标准由每月100元提高到150元……",
               external_url="https://www.jiangmen.gov.cn/zcjd/video/ylbt.mp4")
    # 9. 暂行 from 2022: its 2-year term ended → 失效 by the expiry run below.
    _publish(_doc(city, "江门市公共租赁住房管理暂行办法", "江府〔2022〕9号", day("2022-02-20"), subject="公共租赁住房管理",
                  drafting=_unit("市住房城乡建设局"), topic="城乡建设、环境保护\\住房保障"), day("2022-03-01"))
    # 10. In force, interpretation published late (8 working days after the document).
    rules = _publish(_doc(gkb, "江门市政府信息公开工作规程", "江府办〔2025〕11号", day("2025-06-03"),
                          subject="政府信息公开", topic="综合政务\\政务公开", contact_name="市政府办公室政务公开科",
                          contact_phone="0750-3271234"), day("2025-06-10"))
    _interpret(rules, on=calendar.add_working_days(day("2025-06-10"), 8).value, form="text",
               title="《江门市政府信息公开工作规程》解读", body="一、制定背景\n二、主要内容\n三、工作要求")
    # 11. A department's document, press conference + media interpretation.
    projects = _publish(_doc(fgj, "江门市重点建设项目管理办法", "江发改〔2025〕21号", day("2025-07-01"),
                             subject="重点建设项目管理", topic="国民经济管理、国有资产监管\\固定资产投资",
                             contact_name="市发展改革局重点项目科", contact_phone="0750-3502222"), day("2025-07-08"))
    _interpret(projects, on=day("2025-07-09"), form="press", title="江门市重点建设项目管理办法新闻发布会",
               body="发布会实录：市发展改革局有关负责人介绍办法出台背景和主要内容……", speaker="市发展改革局副局长")
    _interpret(projects, on=day("2025-07-10"), form="media", title="江门日报：重点项目管理有了新规矩",
               body="记者从市发展改革局获悉……", source="江门日报")
    # 12. 蓬江区.
    pj = _publish(_doc(pengjiang, "蓬江区困难残疾人生活补贴实施细则", "蓬府〔2025〕2号", day("2025-04-01"),
                       subject="困难残疾人生活补贴", drafting=pjmz, contact_name="区民政局", contact_phone="0750-3300000"),
                  day("2025-04-08"))
    _interpret(pj, on=day("2025-04-09"), form="text", title="《蓬江区困难残疾人生活补贴实施细则》解读",
               body="一、补贴对象\n二、补贴标准\n三、申领流程")
    # 13. A draft awaiting registration.
    _doc(mzj, "江门市慈善组织公开募捐管理办法", f"江民〔{today.year}〕30号", today - dt.timedelta(days=5),
         subject="慈善组织公开募捐管理")

    lapsed = policy_documents_expire_due(on=today)

    if not GazetteIssue.objects.filter(government=city).exists():
        issue = gazette_issue_create(government=city, year=2025, number=3, issued_on=day("2025-06-25"), total_number=215)
        gazette_article_add(issue=issue, section="市政府文件", document=dibao)
        gazette_article_add(issue=issue, section="市政府办公室文件", document=rules)
        gazette_article_add(issue=issue, section="部门文件", document=projects)
        gazette_article_add(issue=issue, section="人事任免", title="江门市人民政府关于李明等同志职务任免的通知",
                            issuing_organ="江门市人民政府", doc_number="江府任〔2025〕7号",
                            body="各市、区人民政府，市政府各部门、各直属机构：\n任命李明为江门市民政局副局长。")
        gazette_issue_publish(issue=issue)
    stdout.write(f"政策文件库：{PolicyDocument.objects.count()} 件文件（失效 {len(lapsed)} 件），公报 1 期")
