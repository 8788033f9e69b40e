"""The state machine: each transition, pause and lapse, with hand-computed dates (2025 calendar)."""

import datetime as dt

import pytest

from gongkai.core.exceptions import DomainError
from gongkai.foi_requests import letters, services
from gongkai.foi_requests.intake import Channel
from gongkai.foi_requests.models import EventKind, FeeMethod, LetterKind, LetterStatus, PauseKind, Status
from gongkai.foi_requests.outcomes import RemedyKind, RemedyResult, ReplyOutcome
from gongkai.foi_requests.services import Application
from gongkai.organisations.services import user_create

D = dt.date


@pytest.fixture
def people(directory):
    head = user_create(username="mzj_fzr", password=None, unit=directory.unit("市民政局"), roles=["reviewer"],
                       full_name="民政负责人")
    services.agency_profile_set(unit=directory.unit("市民政局"), case_prefix="江民信公", office_head=head)
    return {"handler": directory.user("mzj_jb"), "reviewer": directory.user("mzj_sh"), "head": head,
            "unit": directory.unit("市民政局"), "outsider": directory.user("fgj")}


def application(**extra):
    data = {"applicant_name": "张三", "id_number": "440703199001011234", "phone": "13800001111",
            "title": "2024年江门市城乡低保资金发放明细", "description": "按区县分列的发放金额"}
    return Application(**{**data, **extra})


def register(people, **kwargs):
    defaults = {"channel": Channel.IN_PERSON, "arrived_on": D(2025, 1, 20)}
    return services.foi_request_register(unit=people["unit"], application=application(), by=people["handler"],
                                         **{**defaults, **kwargs})


def approve(letter, people):
    for who in ("handler", "reviewer", "head"):
        letter = letters.letter_sign(letter=letter, by=people[who])
    return letter


def test_registering_in_person_starts_the_clock_and_numbers_the_case(people):
    case = register(people)
    assert case.status == Status.REGISTERED
    assert case.received_on == D(2025, 1, 20)
    assert case.due_on == D(2025, 2, 21)
    assert case.correction_notice_due_on == D(2025, 2, 5)
    assert case.case_number == "江民信公〔2025〕第1号"
    assert register(people).case_number == "江民信公〔2025〕第2号"


def test_a_plain_letter_waits_for_confirmation_and_contact_failure_stops_no_clock(people):
    case = register(people, channel=Channel.PLAIN_LETTER, arrived_on=D(2025, 3, 3))
    assert case.status == Status.PENDING_CONFIRMATION and case.due_on is None and case.received_on is None
    services.foi_request_contact_failed(request=case, on=D(2025, 3, 3), by=people["handler"])
    assert case.status == Status.CONTACT_FAILED and case.due_on is None
    services.foi_request_confirm(request=case, on=D(2025, 3, 10), by=people["handler"])
    # contact restored Mon 03-10: 20 working days → 2025-04-08 (清明 04-04 holiday)
    assert case.received_on == D(2025, 3, 10) and case.due_on == D(2025, 4, 8)
    assert "恢复联系" in case.due_explanation


def test_registered_mail_counts_from_the_signature(people):
    case = register(people, channel=Channel.REGISTERED_MAIL, arrived_on=D(2025, 1, 20), signed_on=D(2025, 1, 21))
    assert case.received_on == D(2025, 1, 21)


def test_correction_restarts_the_clock_and_lapses_when_not_corrected(people):
    case = register(people)
    services.foi_request_start_review(request=case, by=people["handler"])
    with pytest.raises(DomainError, match="7个工作日"):
        services.foi_request_request_correction(request=case, by=people["handler"], sent_on=D(2025, 2, 6), items="x")
    services.foi_request_request_correction(request=case, by=people["handler"], sent_on=D(2025, 2, 5),
                                            items="请明确年份", period_days=10)
    assert case.status == Status.AWAITING_CORRECTION
    assert case.correction_due_on == D(2025, 2, 18)  # 02-05 + 10 working days (02-08 Sat is a workday)
    services.foi_request_receive_correction(request=case, by=people["handler"], received_on=D(2025, 2, 17))
    assert case.status == Status.REVIEWING
    assert case.due_on == D(2025, 3, 17)  # 2025-02-17 + 20 working days
    assert "补正" in case.due_explanation

    other = register(people)
    services.foi_request_request_correction(request=other, by=people["handler"], sent_on=D(2025, 1, 21), items="x")
    with pytest.raises(DomainError, match="尚未届满"):
        services.foi_request_lapse_correction(request=other, by=None, on=other.correction_due_on)
    services.foi_request_lapse_correction(request=other, by=None, on=other.correction_due_on + dt.timedelta(days=1))
    assert other.status == Status.LAPSED and other.outcome == ReplyOutcome.OTHER_NO_CORRECTION


def test_full_case_with_consultation_extension_fee_reply_and_delivery_through_letters(people):
    case = register(people)
    services.foi_request_accept(request=case, by=people["handler"], handler=people["handler"])
    consult = letters.letter_draft(request=case, kind=LetterKind.CONSULTATION, by=people["handler"],
                                   params={"party": "江门市某养老服务有限公司", "kind": PauseKind.THIRD_PARTY})
    with pytest.raises(DomainError, match="签批"):
        letters.letter_send(letter=consult, by=people["handler"], sent_on=D(2025, 2, 10))
    letters.letter_send(letter=approve(consult, people), by=people["handler"], sent_on=D(2025, 2, 10))
    pause = case.pauses.get()
    assert pause.limit_on == D(2025, 3, 3)  # 15 working days after 02-10
    services.foi_consultation_close(pause=pause, by=people["handler"], replied_on=D(2025, 2, 12), result="不同意公开")
    case.refresh_from_db()
    assert case.due_on == D(2025, 2, 26)  # 02-21 + 3 paused working days (02-10..02-12)

    ext = letters.letter_draft(request=case, kind=LetterKind.EXTENSION, by=people["handler"],
                               params={"days": 20, "reason": "需调取多个年度档案"})
    assert "2025年3月26日" in ext.body  # 02-26 + 20 working days
    letters.letter_send(letter=approve(ext, people), by=people["handler"], sent_on=D(2025, 2, 20))
    case.refresh_from_db()
    assert case.extension_days == 20 and case.due_on == D(2025, 3, 26)

    fee = letters.letter_draft(request=case, kind=LetterKind.FEE, by=people["handler"],
                               params={"method": FeeMethod.BY_PAGES, "pages": 101})
    assert "720元" in fee.body
    letters.letter_send(letter=approve(fee, people), by=people["handler"], sent_on=D(2025, 3, 10))
    case.refresh_from_db()
    assert case.status == Status.AWAITING_FEE and case.fee_due_on == D(2025, 4, 8)
    services.foi_fee_pay(request=case, by=people["handler"], paid_on=D(2025, 3, 12))
    case.refresh_from_db()
    assert case.status == Status.PROCESSING and str(case.fee_amount_yuan) == "720.00"
    assert case.due_on == D(2025, 3, 31)  # 03-26 + 3 paused working days (03-10..03-12 inclusive)

    reply = letters.letter_draft(request=case, kind=LetterKind.REPLY_DENIED, by=people["handler"],
                                 params={"outcome": ReplyOutcome.DENIED_THIRD_PARTY, "summary": "涉及第三方商业秘密"})
    assert "应当先申请行政复议" in reply.body and "江门市人民政府" in reply.body
    letters.letter_send(letter=approve(reply, people), by=people["handler"], sent_on=D(2025, 3, 28))
    case.refresh_from_db()
    assert case.status == Status.REPLIED and case.concluded_on == D(2025, 3, 28)
    services.foi_request_deliver(request=case, by=people["handler"], method="mail", posted_on=D(2025, 3, 31))
    assert case.delivered_on_time is True
    services.foi_request_archive(request=case, by=people["handler"], on=D(2025, 4, 2))
    assert case.status == Status.ARCHIVED
    kinds = list(case.events.values_list("kind", flat=True))
    for kind in (EventKind.REGISTERED, EventKind.CONSULTATION_SENT, EventKind.EXTENDED, EventKind.FEE_NOTIFIED,
                 EventKind.FEE_PAID, EventKind.REPLIED, EventKind.DELIVERED, EventKind.ARCHIVED):
        assert kind in kinds
    assert letters.render_docx(reply)[:2] == b"PK"
    assert letters.render_pdf(reply)[:4] == b"%PDF"


def test_extension_needs_the_office_head_and_at_most_twenty_days(people):
    case = register(people)
    services.foi_request_accept(request=case, by=people["handler"])
    with pytest.raises(DomainError, match="负责人"):
        services.foi_request_extend(request=case, by=people["handler"], approved_by=people["reviewer"], days=10,
                                    reason="r", notified_on=D(2025, 2, 10))
    with pytest.raises(DomainError, match="20个工作日"):
        services.foi_request_extend(request=case, by=people["handler"], approved_by=people["head"], days=21,
                                    reason="r", notified_on=D(2025, 2, 10))
    with pytest.raises(DomainError, match="已过"):
        services.foi_request_extend(request=case, by=people["handler"], approved_by=people["head"], days=5,
                                    reason="r", notified_on=D(2025, 2, 24))
    services.foi_request_extend(request=case, by=people["handler"], approved_by=people["head"], days=5, reason="r",
                                notified_on=D(2025, 2, 10))
    with pytest.raises(DomainError, match="再次延期"):
        services.foi_request_extend(request=case, by=people["handler"], approved_by=people["head"], days=5,
                                    reason="r", notified_on=D(2025, 2, 11))


def test_unpaid_fee_lapses_and_nothing_is_collected(people):
    case = register(people)
    services.foi_request_accept(request=case, by=people["handler"])
    services.foi_fee_notify(request=case, by=people["handler"], method=FeeMethod.BY_PAGES, pages=40,
                            notice_received_on=D(2025, 2, 10))
    assert case.fee_amount_yuan == 100
    lines = services.foi_sweep_lapses(today=D(2025, 4, 1))
    case.refresh_from_db()
    assert len(lines) == 1
    assert case.status == Status.LAPSED and case.outcome == ReplyOutcome.OTHER_NO_FEE and case.fee_amount_yuan == 0


def test_illegal_moves_are_refused(people):
    case = register(people)
    with pytest.raises(DomainError, match="不能登记送达"):
        services.foi_request_deliver(request=case, by=people["handler"], method="mail", posted_on=D(2025, 2, 1))
    with pytest.raises(DomainError, match="本单位以外"):
        services.foi_request_start_review(request=case, by=people["outsider"])


def test_signoff_needs_three_different_people_in_order(people):
    case = register(people)
    receipt = letters.letter_draft(request=case, kind=LetterKind.RECEIPT, by=people["handler"])
    with pytest.raises(DomainError, match="经办人"):
        letters.letter_sign(letter=receipt, by=people["outsider"])
    letters.letter_sign(letter=receipt, by=people["handler"])
    with pytest.raises(DomainError):
        letters.letter_sign(letter=receipt, by=people["handler"])
    letters.letter_sign(letter=receipt, by=people["reviewer"])
    with pytest.raises(DomainError, match="负责人"):
        letters.letter_sign(letter=receipt, by=people["reviewer"])
    letters.letter_sign(letter=receipt, by=people["head"])
    assert receipt.status == LetterStatus.APPROVED


def test_withdrawal_and_reopening_after_reconsideration(people):
    case = register(people)
    services.foi_request_withdraw(request=case, by=people["handler"], on=D(2025, 1, 25))
    assert case.outcome == ReplyOutcome.OTHER_OTHER and case.concluded_on == D(2025, 1, 25)

    case = register(people)
    services.foi_request_accept(request=case, by=people["handler"])
    services.foi_request_reply(request=case, by=people["handler"], outcome=ReplyOutcome.DENIED_PROCESS,
                               replied_on=D(2025, 2, 14))
    remedy = services.foi_remedy_record(request=case, kind=RemedyKind.RECONSIDERATION, filed_on=D(2025, 3, 1),
                                        body="江门市人民政府", by=people["handler"])
    services.foi_remedy_decide(remedy=remedy, result=RemedyResult.CORRECTED, decided_on=D(2025, 4, 21),
                               reopens_case=True, by=people["handler"])
    case.refresh_from_db()
    assert case.status == Status.PROCESSING and case.outcome == "" and case.reopened_count == 1
    assert case.due_on == D(2025, 5, 21)  # 04-21 + 20 working days (04-27 Sun workday; 05-01..05-05 holiday)


def test_the_remedy_clause_sends_denials_to_reconsideration_first_only_from_2024():
    args = {"reconsideration_body": "江门市人民政府", "court": "江门市中级人民法院"}
    assert "应当先申请行政复议" in letters.remedy_clause(outcome="denied_internal", decided_on=D(2024, 1, 1), **args)
    assert "6个月内" in letters.remedy_clause(outcome="denied_internal", decided_on=D(2023, 12, 29), **args)
    assert "6个月内" in letters.remedy_clause(outcome="granted", decided_on=D(2025, 1, 1), **args)
