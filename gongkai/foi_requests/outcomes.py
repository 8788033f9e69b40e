"""The statutory vocabularies of an FOI case that the annual report aggregates.

Values are the row and column ids of the annual report's table 三 (shared/domain §3.4), so that a
case's outcome maps to exactly one row (§3.9) and its applicant category to exactly one column.
"""

from django.db import models


class ApplicantCategory(models.TextChoices):
    """申请人情况: table 三's columns (总计 is computed)."""

    NATURAL_PERSON = "natural_person", "自然人"
    COMMERCIAL = "commercial", "商业企业"  # 法人或其他组织
    RESEARCH = "research", "科研机构"
    PUBLIC_INTEREST = "public_interest", "社会公益组织"
    LEGAL_SERVICE = "legal_service", "法律服务机构"
    OTHER_ORG = "other_org", "其他"


class ReplyOutcome(models.TextChoices):
    """办理结果: one per concluded case, each exactly one row of table 三 (2021 format)."""

    GRANTED = "granted", "予以公开"  # Art.36(一)(二)
    PARTIAL = "partial", "部分公开"  # Art.37 区分处理
    DENIED_STATE_SECRET = "denied_state_secret", "不予公开：属于国家秘密"  # Art.14
    DENIED_LAW_FORBIDDEN = "denied_law_forbidden", "不予公开：其他法律行政法规禁止公开"  # Art.14
    DENIED_SECURITY = "denied_security", "不予公开：危及“三安全一稳定”"  # Art.14
    DENIED_THIRD_PARTY = "denied_third_party", "不予公开：保护第三方合法权益"  # Art.15, 32
    DENIED_INTERNAL = "denied_internal", "不予公开：属于三类内部事务信息"  # Art.16 ¶1
    DENIED_PROCESS = "denied_process", "不予公开：属于四类过程性信息"  # Art.16 ¶2
    DENIED_ENFORCEMENT = "denied_enforcement", "不予公开：属于行政执法案卷"  # Art.16 ¶2
    DENIED_ADMIN_QUERY = "denied_admin_query", "不予公开：属于行政查询事项"  # Art.36(七), practice
    UNABLE_NOT_HELD = "unable_not_held", "无法提供：本机关不掌握相关政府信息"  # Art.36(四)(五)
    UNABLE_NEED_CREATION = "unable_need_creation", "无法提供：没有现成信息需要另行制作"  # Art.38
    UNABLE_UNCLEAR = "unable_unclear", "无法提供：补正后申请内容仍不明确"  # Art.30
    NP_PETITION = "np_petition", "不予处理：信访举报投诉类申请"  # Art.39 ¶1
    NP_REPEAT = "np_repeat", "不予处理：重复申请"  # Art.36(六)
    NP_PUBLICATION = "np_publication", "不予处理：要求提供公开出版物"  # Art.39 ¶2
    NP_MASSIVE = "np_massive", "不予处理：无正当理由大量反复申请"  # Art.35
    NP_CONFIRM = "np_confirm", "不予处理：要求行政机关确认或重新出具已获取信息"
    OTHER_NO_CORRECTION = "other_no_correction", "其他处理：逾期不补正"  # Art.30
    OTHER_NO_FEE = "other_no_fee", "其他处理：逾期未缴纳信息处理费"  # 收费办法
    OTHER_OTHER = "other_other", "其他处理：其他（含撤回申请）"


DENIAL_OUTCOMES = frozenset(o for o in ReplyOutcome.values if o.startswith("denied_"))


class RemedyKind(models.TextChoices):
    """Table 四's three groups."""

    RECONSIDERATION = "reconsideration", "行政复议"
    LITIGATION_DIRECT = "litigation_direct", "行政诉讼（未经复议直接起诉）"
    LITIGATION_AFTER_RECONSIDERATION = "litigation_after_reconsideration", "行政诉讼（复议后起诉）"


class RemedyResult(models.TextChoices):
    """Table 四's columns (总计 is computed)."""

    UPHELD = "upheld", "结果维持"
    CORRECTED = "corrected", "结果纠正"
    OTHER = "other", "其他结果"
    PENDING = "pending", "尚未审结"
