"""Forms: validation only; views pass cleaned data to one service."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from gongkai.core.forms import DATE_INPUT as DATE
from gongkai.organisations.models import Unit, UnitKind, User

from .intake import Channel
from .models import DeliveryMethod, FeeMethod, FormOfProvision, IdType, LetterKind, ObtainBy, PauseKind
from .outcomes import ApplicantCategory, ReplyOutcome


class MultiFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultiFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultiFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


def agency_units():
    return Unit.objects.filter(is_active=True, kind__in=[UnitKind.GOVERNMENT, UnitKind.DEPARTMENT]).order_by("path")


class ApplicationForm(forms.Form):
    """条例第二十九条第二款: who applies, what information, in which form."""

    unit = forms.ModelChoiceField(label="受理机关", queryset=Unit.objects.none(), empty_label="请选择受理机关")
    applicant_category = forms.ChoiceField(
        label="申请人类型", choices=ApplicantCategory.choices, initial=ApplicantCategory.NATURAL_PERSON,
        help_text="法人或其他组织请按商业企业、科研机构、社会公益组织、法律服务机构、其他选择")
    applicant_name = forms.CharField(label="申请人姓名或名称", max_length=120)
    id_type = forms.ChoiceField(label="证件类型", choices=IdType.choices, initial=IdType.ID_CARD)
    id_number = forms.CharField(label="证件号码（身份证明）", max_length=40)
    legal_representative = forms.CharField(label="法定代表人或负责人（组织填写）", max_length=60, required=False)
    contact_person = forms.CharField(label="联系人（组织填写）", max_length=60, required=False)
    phone = forms.CharField(label="联系电话", max_length=40)
    email = forms.EmailField(label="电子邮箱", required=False)
    address = forms.CharField(label="通信地址", max_length=200, required=False)
    postcode = forms.CharField(label="邮政编码", max_length=10, required=False)
    title = forms.CharField(label="所需政府信息的名称", max_length=300)
    description = forms.CharField(label="文号或便于查询的其他特征性描述", widget=forms.Textarea(attrs={"rows": 4}),
                                  required=False)
    form_of_provision = forms.ChoiceField(label="提供政府信息的形式", choices=FormOfProvision.choices,
                                          initial=FormOfProvision.ANY)
    obtain_by = forms.ChoiceField(label="获取信息的方式", choices=ObtainBy.choices, initial=ObtainBy.MAIL)
    purpose = forms.CharField(label="备注", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    attachments = MultiFileField(label="附件（身份证明、补充材料等）")

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else agency_units()

    def clean(self):
        data = super().clean()
        if data.get("obtain_by") == ObtainBy.MAIL and not data.get("address"):
            self.add_error("address", "选择邮寄的，请填写通信地址")
        if data.get("obtain_by") == ObtainBy.EMAIL and not data.get("email"):
            self.add_error("email", "选择电子邮件的，请填写电子邮箱")
        return data

    def application_fields(self) -> dict:
        skip = {"unit", "attachments", "channel", "arrived_on", "signed_on", "confirmed_on"}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}


class RegisterForm(ApplicationForm):
    channel = forms.ChoiceField(label="申请渠道", choices=Channel.choices, initial=Channel.IN_PERSON)
    arrived_on = forms.DateField(label="到达（提交）日期", widget=DATE, initial=timezone.localdate)
    signed_on = forms.DateField(label="签收日期（挂号信、EMS等）", widget=DATE, required=False)
    confirmed_on = forms.DateField(label="确认日期（平常信函、网上、电子邮件、传真）", widget=DATE, required=False,
                                   help_text="平常信函应在收到当日与申请人确认；暂未确认的留空，案件进入“待确认”")
    field_order = ["unit", "channel", "arrived_on", "signed_on", "confirmed_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("id_number", "phone"):
            self.fields[name].required = False  # paper applications are registered as received


class DateForm(forms.Form):
    on = forms.DateField(label="日期", widget=DATE, initial=timezone.localdate)


class NoteDateForm(DateForm):
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReopenForm(DateForm):
    on = forms.DateField(label="收到复议决定书或判决书日期", widget=DATE)
    reason = forms.CharField(label="依据", max_length=200, help_text="如：江门市人民政府行政复议决定书（江府复〔2025〕3号）")


class AssignForm(forms.Form):
    handling_unit = forms.ModelChoiceField(label="承办单位", queryset=Unit.objects.none())
    handler = forms.ModelChoiceField(label="经办人", queryset=User.objects.none(), required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handling_unit"].queryset = units if units is not None else Unit.objects.none()
        self.fields["handler"].queryset = User.objects.filter(is_active=True, unit__in=self.fields["handling_unit"].queryset)


class EmptyForm(forms.Form):
    pass


class ConsultationCloseForm(forms.Form):
    pause = forms.IntegerField(widget=forms.HiddenInput)
    replied_on = forms.DateField(label="收到答复日期", widget=DATE, required=False,
                                 help_text="逾期未答复的留空，按期限届满处理")
    result = forms.CharField(label="意见", required=False, max_length=200)


class DeliveryForm(forms.Form):
    method = forms.ChoiceField(label="送达方式", choices=DeliveryMethod.choices)
    posted_on = forms.DateField(label="交邮日期（邮寄送达）", widget=DATE, required=False)
    signed_on = forms.DateField(label="签收日期（直接、委托或电子送达）", widget=DATE, required=False)


# ---------------------------------------------------------------------------------------- letters


class CorrectionLetterForm(forms.Form):
    items = forms.CharField(label="需要补正的事项（一次性告知）", widget=forms.Textarea(attrs={"rows": 4}))
    period_days = forms.IntegerField(label="补正期限（工作日）", min_value=1, max_value=60, required=False)


class ConsultationLetterForm(forms.Form):
    kind = forms.ChoiceField(label="征求对象类型", choices=[(PauseKind.THIRD_PARTY.value, PauseKind.THIRD_PARTY.label),
                                                      (PauseKind.CO_AGENCY.value, PauseKind.CO_AGENCY.label)])
    party = forms.CharField(label="征求意见对象", max_length=200)


class ExtensionLetterForm(forms.Form):
    days = forms.IntegerField(label="延长工作日数", min_value=1, max_value=20, initial=20)
    reason = forms.CharField(label="延期理由", max_length=300)


class FeeLetterForm(forms.Form):
    method = forms.ChoiceField(label="收费方式", choices=[(FeeMethod.BY_ITEM.value, FeeMethod.BY_ITEM.label),
                                                      (FeeMethod.BY_PAGES.value, FeeMethod.BY_PAGES.label)])
    pages = forms.IntegerField(label="页数（按量）", min_value=1, required=False)
    position = forms.IntegerField(label="本月第几件（按件，留空自动计算）", min_value=1, required=False)


class ReplyLetterForm(forms.Form):
    outcome = forms.ChoiceField(label="答复结果", choices=[
        c for c in ReplyOutcome.choices if c[0] not in ("other_no_correction", "other_no_fee")])
    already_public = forms.BooleanField(label="属于已主动公开的信息（条例第三十六条第一项）", required=False)
    summary = forms.CharField(label="答复要点、理由或获取方式", widget=forms.Textarea(attrs={"rows": 4}), required=False)


LETTER_FORMS = {
    LetterKind.RECEIPT: EmptyForm, LetterKind.CORRECTION: CorrectionLetterForm,
    LetterKind.CONSULTATION: ConsultationLetterForm, LetterKind.EXTENSION: ExtensionLetterForm,
    LetterKind.FEE: FeeLetterForm, "reply": ReplyLetterForm,
}


class LetterBodyForm(forms.Form):
    body = forms.CharField(label="正文", widget=forms.Textarea(attrs={"rows": 18}))


class LetterSendForm(forms.Form):
    sent_on = forms.DateField(label="发出（送达申请人）日期", widget=DATE, initial=timezone.localdate)


class RemedyForm(forms.Form):
    from .outcomes import RemedyKind

    kind = forms.ChoiceField(label="类型", choices=RemedyKind.choices)
    filed_on = forms.DateField(label="立案/受理日期", widget=DATE)
    body = forms.CharField(label="复议机关/法院", max_length=120, required=False)
    case_ref = forms.CharField(label="案号", max_length=80, required=False)


class RemedyDecideForm(forms.Form):
    from .outcomes import RemedyResult

    result = forms.ChoiceField(label="结果", choices=[c for c in RemedyResult.choices if c[0] != "pending"])
    decided_on = forms.DateField(label="审结日期", widget=DATE)
    summary = forms.CharField(label="结果摘要", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    reopens_case = forms.BooleanField(label="责令重新答复（重新办理本申请）", required=False)


class ImportForm(forms.Form):
    unit = forms.ModelChoiceField(label="受理机关", queryset=Unit.objects.none())
    file = forms.FileField(label="文件（.xlsx 或 .json）")

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()


class TrackForm(forms.Form):
    code = forms.CharField(label="查询码", max_length=24, help_text="提交申请后获得的16位查询码，如 ABCD-EFGH-JKLM-NPQR")

    def clean_code(self):
        raw = self.cleaned_data["code"].upper().replace(" ", "").replace("-", "")
        return "-".join(raw[i:i + 4] for i in range(0, len(raw), 4))
