"""Staff forms: they validate input only; views pass cleaned data to the services."""

from __future__ import annotations

from django import forms

from gongkai.core.forms import DATE_INPUT as DATE
from gongkai.organisations.models import Unit

from .models import (
    VALID_STATUSES,
    CleanupDecision,
    DocumentKind,
    GazetteIssue,
    InterpretationForm,
    PolicyDocument,
)


class DocumentForm(forms.Form):
    unit = forms.ModelChoiceField(Unit.objects.none(), label="制发单位")
    drafting_unit = forms.ModelChoiceField(Unit.objects.none(), label="起草单位", required=False,
                                           help_text="以政府名义印发、由部门起草的，选择起草部门")
    kind = forms.ChoiceField(label="文件类别", choices=DocumentKind.choices, initial=DocumentKind.NORMATIVE)
    title = forms.CharField(label="标题", max_length=300, help_text="标题含“暂行”“试行”的，有效期自动按2年计")
    issuing_organ = forms.CharField(label="发文机关", max_length=200, required=False, help_text="留空取制发单位名称")
    doc_number = forms.CharField(label="发文字号", max_length=80, required=False, help_text="如 江府〔2025〕3号；[2025]、（2025）会自动规范")
    written_on = forms.DateField(label="成文日期", widget=DATE)
    effective_on = forms.DateField(label="施行日期", widget=DATE, required=False, help_text="有效期自施行日期起算；留空自发布日期起算")
    validity_years = forms.IntegerField(label="有效期（年）", min_value=1, max_value=10, required=False,
                                        help_text="留空按规定：一般5年，暂行、试行2年；规章不设固定有效期")
    topic = forms.CharField(label="主题分类", max_length=120, required=False, help_text="大类\\小类，如 民政、扶贫、救灾\\社会救助")
    keywords = forms.CharField(label="主题词", max_length=200, required=False)
    body = forms.CharField(label="正文", widget=forms.Textarea(attrs={"rows": 12}), required=False)
    contact_name = forms.CharField(label="咨询联系人", max_length=60, required=False, help_text="发布前必填")
    contact_phone = forms.CharField(label="咨询电话", max_length=40, required=False, help_text="发布前必填")
    needs_interpretation = forms.BooleanField(label="需要解读（3个工作日内发布）", required=False, initial=True)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["drafting_unit"].queryset = units


class RegisterForm(forms.Form):
    on = forms.DateField(label="登记日期", widget=DATE)


class AttachForm(forms.Form):
    file = forms.FileField(label="原件（PDF、OFD、Word 等）")


class NoteForm(forms.Form):
    note = forms.CharField(label="说明", max_length=500, required=False)


class ApproveForm(forms.Form):
    note = forms.CharField(label="审核意见", max_length=500, required=False)
    acknowledge_findings = forms.BooleanField(label="已逐条核对错敏词提示", required=False)
    publish_on = forms.DateField(label="发布日期（终审时）", widget=DATE, required=False, help_text="留空为今天")


class ReturnForm(forms.Form):
    reason = forms.CharField(label="退回意见", max_length=500)


def related_candidates(government_id: int):
    """Documents that may amend or repeal a document of this government: its published documents in force."""
    return PolicyDocument.objects.filter(government_id=government_id, status__in=VALID_STATUSES,
                                         item__status="published").order_by("-published_on")


def _related_queryset(document: PolicyDocument):
    return related_candidates(document.government_id).exclude(pk=document.pk)


class AmendForm(forms.Form):
    amending = forms.ModelChoiceField(PolicyDocument.objects.none(), label="修改文件")
    on = forms.DateField(label="修改日期", widget=DATE)
    reason = forms.CharField(label="说明", max_length=500, required=False)

    def __init__(self, *args, document: PolicyDocument, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["amending"].queryset = _related_queryset(document)


class RepealForm(forms.Form):
    repealing = forms.ModelChoiceField(PolicyDocument.objects.none(), label="废止文件", required=False)
    on = forms.DateField(label="废止日期", widget=DATE)
    reason = forms.CharField(label="理由", max_length=500, required=False, help_text="未指定废止文件时必填")

    def __init__(self, *args, document: PolicyDocument, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["repealing"].queryset = _related_queryset(document)


class ExpireForm(forms.Form):
    on = forms.DateField(label="失效日期", widget=DATE)
    reason = forms.CharField(label="理由", max_length=500, required=False, help_text="有效期未届满、因任务完成等原因自然失效的必填")


class RenewForm(forms.Form):
    on = forms.DateField(label="重新公布日期", widget=DATE)
    reason = forms.CharField(label="评估结论", max_length=500, required=False)


class InterpretationEditForm(forms.Form):
    title = forms.CharField(label="标题", max_length=300)
    form = forms.ChoiceField(label="解读形式", choices=InterpretationForm.choices)
    body = forms.CharField(label="解读内容 / 文字说明", widget=forms.Textarea(attrs={"rows": 10}), required=False,
                           help_text="图解、音视频须提供文字说明或文字稿，供无法查看的读者使用")
    media = forms.FileField(label="图解/音视频文件", required=False)
    external_url = forms.URLField(label="外部链接", required=False, assume_scheme="https")
    speaker = forms.CharField(label="解读人", max_length=120, required=False, help_text="专家、领导解读必填")
    source = forms.CharField(label="来源媒体", max_length=120, required=False, help_text="媒体解读必填")
    contact_name = forms.CharField(label="咨询联系人", max_length=60, required=False, help_text="留空沿用文件的咨询联系人")
    contact_phone = forms.CharField(label="咨询电话", max_length=40, required=False)

    MEDIA_EXTENSIONS = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".mp4", ".webm", ".mp3", ".m4a", ".pdf")
    MAX_BYTES = 200 * 1024 * 1024

    def clean_media(self):
        media = self.cleaned_data.get("media")
        if media:
            if not media.name.lower().endswith(self.MEDIA_EXTENSIONS):
                raise forms.ValidationError("只支持图片（png/jpg/svg）、音视频（mp4/webm/mp3/m4a）或PDF文件")
            if media.size > self.MAX_BYTES:
                raise forms.ValidationError("文件不能超过200MB")
        return media


class WithdrawForm(forms.Form):
    reason = forms.CharField(label="撤回原因", max_length=300)


class CleanupCreateForm(forms.Form):
    title = forms.CharField(label="批次名称", max_length=200, initial="规范性文件清理")
    documents = forms.ModelMultipleChoiceField(PolicyDocument.objects.none(), label="列入清理的文件",
                                               widget=forms.CheckboxSelectMultiple)
    notes = forms.CharField(label="说明", widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["documents"].queryset = candidates


class CleanupDecideForm(forms.Form):
    decision = forms.ChoiceField(label="清理意见", choices=CleanupDecision.choices, required=False)
    reason = forms.CharField(label="理由", max_length=500, required=False)
    related_document = forms.ModelChoiceField(PolicyDocument.objects.none(), label="修改/废止文件", required=False)
    renew = forms.BooleanField(label="重新登记并重新计算有效期", required=False)

    def __init__(self, *args, document: PolicyDocument, candidates: list[PolicyDocument] | None = None, **kwargs):
        """`candidates`, read once with related_candidates(), lets a page of many entries render its selects
        without one query per entry; validation still reads the document's own queryset."""
        super().__init__(*args, **kwargs)
        field = self.fields["related_document"]
        field.queryset = _related_queryset(document)
        if candidates is not None:
            field.choices = [("", field.empty_label)] + [
                (c.pk, field.label_from_instance(c)) for c in candidates if c.pk != document.pk]


class CleanupApplyForm(forms.Form):
    on = forms.DateField(label="执行日期", widget=DATE)
    decision_document = forms.ModelChoiceField(PolicyDocument.objects.none(), label="清理决定文件", required=False)

    def __init__(self, *args, government, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision_document"].queryset = related_candidates(government.pk)


class GazetteIssueForm(forms.Form):
    government = forms.ModelChoiceField(Unit.objects.none(), label="人民政府")
    year = forms.IntegerField(label="年份", min_value=2000, max_value=2100)
    number = forms.IntegerField(label="期号", min_value=1)
    total_number = forms.IntegerField(label="总期号", min_value=1, required=False)
    issued_on = forms.DateField(label="出版日期", widget=DATE)

    def __init__(self, *args, governments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["government"].queryset = governments


class GazetteArticleForm(forms.Form):
    section = forms.CharField(label="栏目", max_length=60, initial="市政府文件")
    document = forms.ModelChoiceField(PolicyDocument.objects.none(), label="文件库记录", required=False,
                                      help_text="选择后标题、文号、正文取自文件库")
    title = forms.CharField(label="标题", max_length=300, required=False)
    issuing_organ = forms.CharField(label="发文机关", max_length=200, required=False)
    doc_number = forms.CharField(label="发文字号", max_length=80, required=False)
    body = forms.CharField(label="正文", widget=forms.Textarea(attrs={"rows": 6}), required=False)

    def __init__(self, *args, issue: GazetteIssue, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = PolicyDocument.objects.filter(
            government=issue.government, item__status="published").order_by("-published_on")


class SchemeForm(forms.Form):
    prefix = forms.CharField(label="编号前缀", max_length=40)
    number_format = forms.CharField(label="编号格式", max_length=80, initial="{prefix}—{year}—{serial}",
                                    help_text="可用 {prefix} {year} {serial}；{serial:03d} 补足3位")
