"""Demo cases for 市政府办公室 and 市民政局, 2025 (complete: every outcome, fees, remedies, a few
carried into 2026) and 2026 (concluded and open). Deterministic and idempotent."""

from __future__ import annotations

import datetime as dt
import random

from gongkai.core.calendar import work_calendar
from gongkai.organisations.models import Unit, User
from gongkai.organisations.services import user_create

from . import services
from .intake import Channel
from .models import DeliveryMethod, FeeMethod, FoiRequest, PauseKind
from .outcomes import ApplicantCategory, RemedyKind, RemedyResult, ReplyOutcome
from .services import Application

DEMO_MARK = "演示数据"
SURNAMES = "陈李黄张梁林刘吴何郑谭冯余关伍邓区甘"
GIVEN = ["志明", "丽华", "建国", "小红", "伟强", "美玲", "国华", "晓东", "秀英", "家豪", "嘉欣", "少芬"]
ORGS = {
    ApplicantCategory.COMMERCIAL: ["江门市恒达建材有限公司", "广东侨乡物流有限公司", "江门市新会区葵艺贸易有限公司"],
    ApplicantCategory.RESEARCH: ["五邑大学地方政府研究中心", "江门市社会科学研究所"],
    ApplicantCategory.PUBLIC_INTEREST: ["江门市绿色侨乡环保促进会", "江门市助老公益服务中心"],
    ApplicantCategory.LEGAL_SERVICE: ["广东邑法律师事务所", "江门市公正法律服务所"],
    ApplicantCategory.OTHER_ORG: ["蓬江区某业主委员会", "江门市个体劳动者协会"],
}
TOPICS = {
    "市政府办公室": ["2024年市政府常务会议纪要中关于旧城改造的内容", "江门市2025年重点建设项目计划", "市政府规范性文件清理结果",
               "潮连岛开发规划批复文件", "2024年市政府信息公开工作年度报告所依据的统计数据", "市长热线2024年办理情况汇总",
               "江门大道扩建工程征地补偿标准", "市政府关于某小区加装电梯的批复", "2025年市级财政预算草案编制说明"],
    "市民政局": ["2024年城乡最低生活保障资金发放明细", "养老机构名录及等级评定结果", "社会组织年检结果", "殡葬设施专项规划",
             "临时救助申请审批流程及2024年救助人数", "某养老院运营补贴发放情况", "婚姻登记处工作规范", "特困人员供养标准调整文件",
             "2025年福利彩票公益金使用情况"],
}
# Outcome mix per unit and year: every table 三 row appears in 2025.
OUTCOME_CYCLE = [
    ReplyOutcome.GRANTED, ReplyOutcome.GRANTED, ReplyOutcome.GRANTED, ReplyOutcome.PARTIAL, ReplyOutcome.GRANTED,
    ReplyOutcome.UNABLE_NOT_HELD, ReplyOutcome.DENIED_STATE_SECRET, ReplyOutcome.DENIED_LAW_FORBIDDEN,
    ReplyOutcome.DENIED_SECURITY, ReplyOutcome.DENIED_THIRD_PARTY, ReplyOutcome.DENIED_INTERNAL,
    ReplyOutcome.DENIED_PROCESS, ReplyOutcome.DENIED_ENFORCEMENT, ReplyOutcome.DENIED_ADMIN_QUERY,
    ReplyOutcome.UNABLE_NEED_CREATION, ReplyOutcome.UNABLE_UNCLEAR, ReplyOutcome.NP_PETITION, ReplyOutcome.NP_REPEAT,
    ReplyOutcome.NP_PUBLICATION, ReplyOutcome.NP_MASSIVE, ReplyOutcome.NP_CONFIRM, ReplyOutcome.OTHER_NO_CORRECTION,
    ReplyOutcome.OTHER_NO_FEE, ReplyOutcome.OTHER_OTHER, ReplyOutcome.GRANTED, ReplyOutcome.PARTIAL,
    ReplyOutcome.UNABLE_NOT_HELD, ReplyOutcome.GRANTED,
]


def _applicant(rng: random.Random, category: str) -> Application:
    if category == ApplicantCategory.NATURAL_PERSON:
        name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        return Application(applicant_category=category, applicant_name=name,
                           id_number=f"4407{rng.randint(10, 99)}19{rng.randint(60, 99)}{rng.randint(1, 12):02d}"
                                     f"{rng.randint(1, 28):02d}{rng.randint(1000, 9999)}",
                           phone=f"13{rng.randint(100000000, 999999999)}", address="江门市蓬江区建设路某号",
                           purpose=DEMO_MARK)
    name = rng.choice(ORGS[category])
    return Application(applicant_category=category, applicant_name=name, id_type="credit_code",
                       id_number=f"91440700MA{rng.randint(10000000, 99999999)}", contact_person=rng.choice(GIVEN),
                       phone=f"0750-{rng.randint(3000000, 3999999)}", address="江门市蓬江区白沙大道西某号",
                       purpose=DEMO_MARK)


def _category(rng: random.Random) -> str:
    return rng.choices(list(ApplicantCategory.values), weights=[70, 12, 4, 3, 6, 5])[0]


def _working_days(start: dt.date, end: dt.date) -> list[dt.date]:
    cal, days, day = work_calendar(), [], start
    while day <= end:
        if cal.is_working_day(day):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def _wd(day: dt.date, n: int) -> dt.date:
    return work_calendar().add_working_days(day, n).value


def _register(unit, app, received: dt.date, rng, *, online=False):
    if online:
        case = services.foi_request_submit(unit=unit, application=app, today=received)
        services.foi_request_confirm(request=case, on=received, by=None)
        return case
    channel = rng.choice([Channel.IN_PERSON, Channel.REGISTERED_MAIL, Channel.EMAIL])
    signed = received if channel == Channel.REGISTERED_MAIL else None
    confirmed = received if channel == Channel.EMAIL else None
    return services.foi_request_register(unit=unit, application=app, channel=channel, arrived_on=received, by=None,
                                         signed_on=signed, confirmed_on=confirmed)


def _conclude(case, outcome, rng, handler, today, *, late=False):
    """Drive a registered case to `outcome` through the services, all dates in the past."""
    r = case.received_on
    if outcome == ReplyOutcome.OTHER_NO_CORRECTION:
        services.foi_request_start_review(request=case, by=None)
        services.foi_request_request_correction(request=case, by=None, sent_on=_wd(r, 2), items="请明确所需信息的年份和范围")
        lapse = case.correction_due_on + dt.timedelta(days=1)
        if lapse <= today:
            services.foi_request_lapse_correction(request=case, by=None, on=lapse)
            services.foi_request_archive(request=case, by=None, on=min(today, lapse + dt.timedelta(days=3)))
        return
    if outcome == ReplyOutcome.OTHER_OTHER:
        services.foi_request_withdraw(request=case, by=None, on=_wd(r, 3), note="申请人来电撤回申请")
        services.foi_request_archive(request=case, by=None, on=_wd(r, 5))
        return
    services.foi_request_accept(request=case, by=None, handler=handler)
    if outcome == ReplyOutcome.OTHER_NO_FEE:
        services.foi_fee_notify(request=case, by=None, method=FeeMethod.BY_PAGES, pages=rng.choice([60, 120, 180]),
                                notice_received_on=_wd(r, 4))
        lapse = case.fee_due_on + dt.timedelta(days=1)
        if lapse <= today:
            services.foi_fee_lapse(request=case, by=None, on=lapse)
            services.foi_request_archive(request=case, by=None, on=min(today, lapse + dt.timedelta(days=2)))
        return
    if outcome == ReplyOutcome.DENIED_THIRD_PARTY:
        pause = services.foi_consultation_open(request=case, by=None, kind=PauseKind.THIRD_PARTY,
                                               party="江门市某养老服务有限公司", sent_on=_wd(r, 3))
        services.foi_consultation_close(pause=pause, by=None, replied_on=_wd(r, 8), result="不同意公开，涉及商业秘密")
        case.refresh_from_db()
    reply_on = _wd(case.due_on, 2) if late else _wd(case.clock_started_on or r, rng.randint(4, 17))
    if reply_on > today:
        return
    services.foi_request_reply(request=case, by=None, outcome=outcome, replied_on=reply_on,
                               summary="详见答复书")
    method = rng.choice([DeliveryMethod.MAIL, DeliveryMethod.MAIL, DeliveryMethod.ELECTRONIC])
    kwargs = {"posted_on": reply_on} if method == DeliveryMethod.MAIL else {"signed_on": reply_on}
    services.foi_request_deliver(request=case, by=None, method=method, **kwargs)
    archive_on = _wd(reply_on, 3)
    if archive_on <= today:
        services.foi_request_archive(request=case, by=None, on=archive_on)


def _people():
    head = User.objects.filter(username="mzj_fzr").first()
    if head is None:
        head = user_create(username="mzj_fzr", password="gongkai-demo-2026", unit=Unit.objects.get(short_name="市民政局"),
                           roles=["reviewer"], full_name="孙主任", title="办公室主任（政府信息公开工作机构负责人）",
                           email="mzj_fzr@demo.gongkai.local")
    return head


def load(stdout) -> None:
    gov_office = Unit.objects.get(short_name="市政府办公室")
    civil = Unit.objects.get(short_name="市民政局")
    head = _people()
    services.agency_profile_set(unit=gov_office, case_prefix="江府信公", office_name="江门市人民政府办公室政务公开科",
                                office_address="江门市蓬江区白沙大道西1号", office_phone="0750-3272000",
                                reconsideration_body="广东省人民政府", court="江门市中级人民法院",
                                office_head=User.objects.filter(username="gkb").first())
    services.agency_profile_set(unit=civil, case_prefix="江民信公", office_name="江门市民政局办公室",
                                office_address="江门市蓬江区港口一路某号", office_phone="0750-3500000",
                                reconsideration_body="江门市人民政府", court="江门市蓬江区人民法院", office_head=head)
    if FoiRequest.objects.filter(unit__in=[gov_office, civil], purpose=DEMO_MARK).exists():
        stdout.write("依申请公开：演示案件已存在，跳过")
        return
    today = min(dt.date.today(), dt.date(2026, 11, 20))
    rng = random.Random(20250101)
    created = 0
    for unit, handler_name, per_year in ((gov_office, "gkb_jb", {2025: 42, 2026: 30}), (civil, "mzj_jb", {2025: 34, 2026: 24})):
        handler = User.objects.filter(username=handler_name).first()
        for year, count in per_year.items():
            end = dt.date(year, 12, 31) if year == 2025 else today
            days = _working_days(dt.date(year, 1, 5), end)
            picks = sorted(rng.sample(days, count))
            for index, received in enumerate(picks):
                outcome = OUTCOME_CYCLE[index % len(OUTCOME_CYCLE)]
                app = _applicant(rng, _category(rng))
                app.title = rng.choice(TOPICS[unit.short_name])
                if outcome == ReplyOutcome.NP_PETITION:
                    app.description = "举报某单位违规发放补贴，要求查处并给个说法"
                case = _register(unit, app, received, rng, online=index % 3 == 0)
                created += 1
                # The most recent 2026 cases stay open in various states.
                if year == 2026 and received > _wd(today, -0) - dt.timedelta(days=25):
                    _open_state(case, index, today)
                    continue
                _conclude(case, outcome, rng, handler, today, late=(index == 7))
        created += _repeat_applicant(unit, handler, rng, today)
    _remedies(gov_office, civil)
    stdout.write(f"依申请公开：{created}件演示申请，{FoiRequest.objects.filter(outcome='').count()}件未办结")


def _open_state(case, index, today):
    step = index % 5
    if step == 0:
        return
    services.foi_request_start_review(request=case, by=None)
    if step == 1:
        limit = case.correction_notice_due_on
        services.foi_request_request_correction(request=case, by=None, sent_on=min(today, limit), items="请提供身份证明")
    elif step >= 2:
        services.foi_request_accept(request=case, by=None)
        if step == 3 and case.clock_started_on < today:
            services.foi_consultation_open(request=case, by=None, kind=PauseKind.CO_AGENCY, party="江门市财政局",
                                           sent_on=min(today, _wd(case.clock_started_on, 1)))


def _repeat_applicant(unit, handler, rng, today) -> int:
    """One person files 12 applications in March 2025: #11 and #12 are charged 100 元 each (按件, §2.6 ex. 1);
    another application of 150 pages is charged 按量 1,700 元."""
    app = Application(applicant_name="周大伟", id_number="440703198506061234", phone="13902220000",
                      address="江门市江海区某路8号", purpose=DEMO_MARK)
    days = _working_days(dt.date(2025, 3, 3), dt.date(2025, 3, 14))[:12]
    for index, received in enumerate(days, start=1):
        app.title = f"{unit.short_name}2024年第{index}批政府采购合同"
        case = _register(unit, app, received, rng)
        services.foi_request_accept(request=case, by=None, handler=handler)
        if index > 10:
            services.foi_fee_notify(request=case, by=None, method=FeeMethod.BY_ITEM, notice_received_on=_wd(received, 2))
            services.foi_fee_pay(request=case, by=None, paid_on=_wd(received, 5))
        services.foi_request_reply(request=case, by=None, outcome=ReplyOutcome.GRANTED, replied_on=_wd(received, 12))
        services.foi_request_deliver(request=case, by=None, method=DeliveryMethod.MAIL, posted_on=_wd(received, 12))
        services.foi_request_archive(request=case, by=None, on=_wd(received, 14))
    big = Application(applicant_name="江门市恒达建材有限公司", applicant_category=ApplicantCategory.COMMERCIAL,
                      id_type="credit_code", id_number="91440700MA12345678", phone="0750-3123456",
                      title=f"{unit.short_name}2020—2024年全部招标文件", purpose=DEMO_MARK)
    case = _register(unit, big, dt.date(2025, 6, 9), rng)
    services.foi_request_accept(request=case, by=None, handler=handler)
    services.foi_fee_notify(request=case, by=None, method=FeeMethod.BY_PAGES, pages=150,
                            notice_received_on=dt.date(2025, 6, 11))
    services.foi_fee_pay(request=case, by=None, paid_on=dt.date(2025, 6, 18))
    services.foi_request_reply(request=case, by=None, outcome=ReplyOutcome.PARTIAL, replied_on=dt.date(2025, 7, 8))
    services.foi_request_deliver(request=case, by=None, method=DeliveryMethod.MAIL, posted_on=dt.date(2025, 7, 8))
    services.foi_request_archive(request=case, by=None, on=dt.date(2025, 7, 10))
    return 13


def _remedies(gov_office, civil) -> None:
    """A few 复议/诉讼 over denials: decided in 2025, one reopening the case, one still pending."""
    plan = [
        (civil, RemedyKind.RECONSIDERATION, RemedyResult.UPHELD, "江门市人民政府", 20, 45),
        (civil, RemedyKind.RECONSIDERATION, RemedyResult.CORRECTED, "江门市人民政府", 15, 40),
        (gov_office, RemedyKind.RECONSIDERATION, RemedyResult.UPHELD, "广东省人民政府", 25, 50),
        (gov_office, RemedyKind.LITIGATION_DIRECT, RemedyResult.PENDING, "江门市中级人民法院", 30, None),
        (civil, RemedyKind.LITIGATION_AFTER_RECONSIDERATION, RemedyResult.OTHER, "江门市蓬江区人民法院", 60, 120),
    ]
    used = set()
    for unit, kind, result, body, filed_after, decided_after in plan:
        case = (FoiRequest.objects.filter(unit=unit, outcome__startswith="denied_", concluded_on__year=2025,
                                          concluded_on__lte=dt.date(2025, 6, 30))
                .exclude(pk__in=used).order_by("concluded_on").first())
        if case is None:
            continue
        used.add(case.pk)
        remedy = services.foi_remedy_record(request=case, kind=kind, filed_on=case.concluded_on + dt.timedelta(days=filed_after),
                                            body=body, case_ref=f"{body[:2]}{'复' if 'reconsideration' == kind else '行初'}〔2025〕{len(used)}号")
        if result != RemedyResult.PENDING:
            services.foi_remedy_decide(remedy=remedy, result=result,
                                       decided_on=case.concluded_on + dt.timedelta(days=decided_after),
                                       summary="", reopens_case=result == RemedyResult.CORRECTED)
            if result == RemedyResult.CORRECTED:
                case.refresh_from_db()
                reply_on = _wd(case.clock_started_on, 10)
                services.foi_request_reply(request=case, by=None, outcome=ReplyOutcome.PARTIAL, replied_on=reply_on,
                                           summary="依复议决定重新答复")
                services.foi_request_deliver(request=case, by=None, method=DeliveryMethod.MAIL, posted_on=reply_on)
