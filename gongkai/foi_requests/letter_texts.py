"""Built-in letter templates (Django template syntax). A coordinator may replace any of them in the
admin (LetterTemplate, versioned). Paragraphs are separated by blank lines; a paragraph starting with
">" is right-aligned (signature and date)."""

COMMON_FOOTER = """联系人及电话：{{ office_name }} {{ office_phone }}

>{{ unit_name }}
>{{ letter_date }}"""

DEFAULTS: dict[str, tuple[str, str]] = {
    "receipt": ("政府信息公开申请登记回执", """{{ applicant_name }}：

本机关于{{ received_on }}收到您（单位）提出的政府信息公开申请（申请编号：{{ case_number }}），所需信息为：“{{ title }}”。现予登记。

根据《中华人民共和国政府信息公开条例》第三十三条的规定，本机关将自收到申请之日起20个工作日内予以答复；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知您，延长的期限最长不超过20个工作日。征求第三方和其他机关意见所需时间不计算在上述期限内。目前答复期限为{{ due_on }}。

您可以凭查询码 {{ tracking_code }} 在本机关网站“依申请公开”栏目查询办理进度。

""" + COMMON_FOOTER),
    "correction": ("政府信息公开申请补正告知书", """{{ applicant_name }}：

本机关于{{ received_on }}收到您（单位）提出的政府信息公开申请（申请编号：{{ case_number }}）。经审查，您的申请内容不够明确，根据《中华人民共和国政府信息公开条例》第三十条的规定，现一次性告知您需要补正的事项如下：

{{ items }}

请您自收到本告知书之日起{{ period_days }}个工作日内补正。答复期限自本机关收到补正的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。

""" + COMMON_FOOTER),
    "extension": ("政府信息公开申请延期答复告知书", """{{ applicant_name }}：

本机关于{{ received_on }}收到您（单位）提出的政府信息公开申请（申请编号：{{ case_number }}）。因{{ reason }}，本机关不能在法定期限内作出答复。根据《中华人民共和国政府信息公开条例》第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长{{ days }}个工作日，本机关将于{{ new_due_on }}前作出答复。

特此告知。

""" + COMMON_FOOTER),
    "consultation": ("政府信息公开第三方意见征询函", """{{ party }}：

本机关于{{ received_on }}收到申请人提出的政府信息公开申请（申请编号：{{ case_number }}），申请公开“{{ title }}”。本机关认为该信息的公开可能损害贵方合法权益，根据《中华人民共和国政府信息公开条例》第三十二条的规定，现书面征求贵方意见。

请贵方自收到本函之日起15个工作日内提出书面意见；不同意公开的，请说明理由。逾期未提出意见的，本机关将依照《中华人民共和国政府信息公开条例》的规定决定是否公开。

""" + COMMON_FOOTER),
    "fee": ("政府信息公开信息处理费收费通知书", """{{ applicant_name }}：

您（单位）提出的政府信息公开申请（申请编号：{{ case_number }}）的数量、频次明显超过合理范围。根据《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，本机关决定收取信息处理费：

收费依据：《政府信息公开信息处理费管理办法》第三条、第四条；收费标准：{{ basis }}；应缴金额：{{ amount }}元；缴纳方式：{{ payment_method }}。

请您自收到本通知次日起20个工作日内缴纳。逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。收费通知至缴费期间不计算在答复期限内。

""" + COMMON_FOOTER),
    "reply_granted": ("政府信息公开申请答复书", """{{ applicant_name }}：

本机关于{{ received_on }}收到您（单位）提出的政府信息公开申请（申请编号：{{ case_number }}），所需信息为：“{{ title }}”。

经审查，您申请公开的信息属于可以公开的政府信息。根据《中华人民共和国政府信息公开条例》第三十六条第二项的规定，现向您提供（{{ obtain_by }}）。{{ summary }}

{{ remedy_clause }}

""" + COMMON_FOOTER),
    "reply_public": ("政府信息公开申请答复书", """{{ applicant_name }}：

本机关于{{ received_on }}收到您（单位）提出的政府信息公开申请（申请编号：{{ case_number }}），所需信息为：“{{ title }}”。

经审查，您申请公开的信息已经主动公开。根据《中华人民共和国政府信息公开条例》第三十六条第一项的规定，告知您获取该政府信息的方式和途径：{{ summary }}

{{ remedy_clause }}

""" + COMMON_FOOTER),
    "reply_partial": ("政府信息公开申请答复书", """{{ applicant_name }}：

本机关于{{ received_on }}收到您（单位）提出的政府信息公开申请（申请编号：{{ case_number }}），所需信息为：“{{ title }}”。

经审查，您申请的信息中含有不应当公开或者不属于政府信息的内容，但能够作区分处理。根据《中华人民共和国政府信息公开条例》第三十七条的规定，现向您提供可以公开的部分；不予公开部分的理由如下：{{ summary }}

{{ remedy_clause }}

""" + COMMON_FOOTER),
    "reply_denied": ("政府信息公开申请答复书", """{{ applicant_name }}：

本机关于{{ received_on }}收到您（单位）提出的政府信息公开申请（申请编号：{{ case_number }}），所需信息为：“{{ title }}”。

经审查，您申请公开的信息{{ outcome_reason }}。根据《中华人民共和国政府信息公开条例》第三十六条第三项的规定，本机关决定不予公开。理由如下：{{ summary }}

{{ remedy_clause }}

""" + COMMON_FOOTER),
    "reply_unable": ("政府信息公开申请答复书", """{{ applicant_name }}：

本机关于{{ received_on }}收到您（单位）提出的政府信息公开申请（申请编号：{{ case_number }}），所需信息为：“{{ title }}”。

经审查，{{ outcome_reason }}，本机关无法提供。{{ summary }}

{{ remedy_clause }}

""" + COMMON_FOOTER),
    "reply_not_processed": ("政府信息公开申请告知书", """{{ applicant_name }}：

本机关于{{ received_on }}收到您（单位）提出的申请（申请编号：{{ case_number }}）。

经审查，{{ outcome_reason }}，本机关不作为政府信息公开申请处理。{{ summary }}

{{ remedy_clause }}

""" + COMMON_FOOTER),
    "reply_terminated": ("政府信息公开申请终止办理告知书", """{{ applicant_name }}：

您（单位）提出的政府信息公开申请（申请编号：{{ case_number }}）{{ outcome_reason }}，本机关不再处理。{{ summary }}

""" + COMMON_FOOTER),
}

# The reason sentence put into reply letters for each outcome (条例第十四条至第三十九条).
OUTCOME_REASONS = {
    "denied_state_secret": "属于依法确定的国家秘密（条例第十四条）",
    "denied_law_forbidden": "属于法律、行政法规禁止公开的政府信息（条例第十四条）",
    "denied_security": "公开后可能危及国家安全、公共安全、经济安全、社会稳定（条例第十四条）",
    "denied_third_party": "涉及商业秘密、个人隐私等公开后会对第三方合法权益造成损害的信息（条例第十五条）",
    "denied_internal": "属于人事管理、后勤管理、内部工作流程等内部事务信息（条例第十六条第一款）",
    "denied_process": "属于讨论记录、过程稿、磋商信函、请示报告等过程性信息（条例第十六条第二款）",
    "denied_enforcement": "属于行政执法案卷信息（条例第十六条第二款）",
    "denied_admin_query": "属于法律、行政法规对信息的获取有特别规定的行政查询事项，请依照有关规定办理（条例第三十六条第七项）",
    "unable_not_held": "经检索，本机关未制作或获取您申请公开的政府信息（条例第三十六条第四项、第五项）",
    "unable_need_creation": "您申请的信息需要本机关对现有政府信息进行加工、分析（条例第三十八条）",
    "unable_unclear": "您补正后的申请内容仍不明确（条例第三十条）",
    "np_petition": "您的申请实为信访、投诉、举报（条例第三十九条第一款），请通过相应渠道提出",
    "np_repeat": "您重复申请公开相同的政府信息，本机关已作出过答复（条例第三十六条第六项）",
    "np_publication": "您申请获取的是公开出版物（条例第三十九条第二款），可以通过公开发行渠道获取",
    "np_massive": "您申请的数量、频次明显超过合理范围且说明的理由不合理（条例第三十五条）",
    "np_confirm": "您要求本机关确认或重新出具已获取的信息，不属于政府信息公开申请",
    "other_other": "经您撤回",
    "other_no_correction": "因无正当理由逾期不补正，视为放弃申请（条例第三十条）",
    "other_no_fee": "因逾期未按收费通知要求缴纳信息处理费，视为放弃申请",
    "granted": "",
    "partial": "",
}
