"""Demo annual reports, built from the FOI demo cases (runs after gongkai.foi_requests.demo):

- 江门市民政局: the 2024 report (published) and the 2025 report (published), whose section 五 repeats a
  sentence of 2024 so that the 内容雷同 check has something to show;
- 江门市人民政府: the consolidated 2025 report over the city's subtree (published).
"""

from __future__ import annotations

from django.db import transaction

from gongkai.organisations.models import Unit, User

from . import services
from .models import AnnualReport, ReportStatus
from .validation import PROMPT_RE

FILL = {
    "政府信息公开属性源头认定": "严格执行公文公开属性源头认定制度，拟制公文时同步明确公开属性；信息发布前落实“先审查、后公开”和“一事一审”，全年未发生泄密事件。",
    "政府信息公开专栏": "按照国办公开办函〔2019〕61号要求规范政府信息公开专栏，统一栏目设置和标准目录，做好政府网站与政务新媒体的内容保障，栏目更新情况纳入日常巡查。",
    "组织领导": "调整充实政务公开工作领导小组，主要负责同志定期听取政务公开工作汇报；将政务公开纳入年度绩效考核，组织业务培训两期，本年度未发生因政务公开工作引发的责任追究情况。",
    "本年度主动公开": "围绕重点领域做好主动公开，及时发布各类政府信息。",
    "落实上级年度政务公开工作要点": "认真落实上级年度政务公开工作要点，人大代表建议和政协提案办理复文按规定公开。",
}
SECTION5 = {
    2024: ("一是政策解读形式较为单一，图解、视频等多元化解读占比不高；二是部分栏目更新不够及时。"
           "下一步，我们将丰富解读形式，建立栏目巡查机制，确保信息更新及时准确。"),
    2025: ("一是部分栏目更新不够及时，个别领域信息发布存在滞后；二是依申请公开答复的说理还需加强。"
           "下一步，我们将丰富解读形式，建立栏目巡查机制，确保信息更新及时准确；同时加强答复文书审核，提升答复质量。"),
}
SECTION2 = {"licensing": {"decisions": 1268}, "penalty": {"decisions": 37}, "coercion": {"decisions": 4},
            "fees": {"amount_wan": "0"}}
CITY_SECTION2 = {"licensing": {"decisions": 185362}, "penalty": {"decisions": 9254}, "coercion": {"decisions": 612},
                 "fees": {"amount_wan": "12873.46"}}


def _fill_prompts(text: str) -> str:
    def replace(match):
        for key, value in FILL.items():
            if key in match.group():
                return value
        return "本年度相关工作按计划推进。"

    return PROMPT_RE.sub(replace, text)


def _complete(report: AnnualReport, *, composer: User, reviewer: User, publisher: User, section2: dict) -> None:
    services.report_update_section2(report=report, by=composer, cells=section2)
    services.report_update_texts(
        report=report, by=composer, title=report.title, section1_text=_fill_prompts(report.section1_text),
        section5_text=SECTION5.get(report.year, SECTION5[2025]), section6_text=_fill_prompts(report.section6_text),
        fee_cases=report.fee_cases, fee_amount_yuan=report.fee_amount_yuan,
    )
    services.report_submit(report=report, by=composer)
    services.report_approve(report=report, by=reviewer, note="数据核对无误，同意发布")
    services.report_publish(report=report, by=publisher)


def _report(unit: Unit, year: int, *, composer: User, reviewer: User, publisher: User, section2: dict, stdout) -> None:
    existing = AnnualReport.objects.filter(unit=unit, year=year).first()
    if existing is not None:
        stdout.write(f"年度报告：{existing.title}已存在（{existing.get_status_display()}），跳过")
        return
    with transaction.atomic():
        report = services.report_generate(unit=unit, year=year, by=composer)
        _complete(report, composer=composer, reviewer=reviewer, publisher=publisher, section2=section2)
    assert report.status == ReportStatus.PUBLISHED
    s3 = report.section3
    stdout.write(f"年度报告：{report.title}已发布（新收{s3['new_received']['total']}件，办结{s3['total_processed']['total']}件）")


def load(stdout) -> None:
    civil = Unit.objects.get(short_name="市民政局")
    city = Unit.objects.get(name="江门市人民政府")
    users = {u.username: u for u in User.objects.filter(username__in=["mzj_jb", "mzj_sh", "gkb"])}
    jb, sh, gkb = users["mzj_jb"], users["mzj_sh"], users["gkb"]
    _report(civil, 2024, composer=jb, reviewer=sh, publisher=jb, section2=SECTION2, stdout=stdout)
    _report(civil, 2025, composer=jb, reviewer=sh, publisher=jb, section2=SECTION2, stdout=stdout)
    _report(city, 2025, composer=gkb, reviewer=gkb, publisher=gkb, section2=CITY_SECTION2, stdout=stdout)
