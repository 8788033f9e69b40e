"""Forms of the task ledger: they validate input only; the views call services."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone

from gongkai.core.forms import DATE_INPUT

from . import conf
from .models import AdjustmentKind, AssignmentRole, AssignmentStatus, BulletinKind, Recurrence


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class PlanUploadForm(forms.Form):
    file = forms.FileField(label="方案文件", help_text="支持 txt、docx、xlsx、html、pdf；原文件将永久保存")
    year = forms.IntegerField(label="方案年度", required=False, min_value=2000, max_value=2100,
                              help_text="留空则从文件中识别")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(conf.PLAN_EXTENSIONS):
            raise forms.ValidationError("不支持的文件格式：请上传 txt、docx、xlsx、html 或 pdf 文件")
        if upload.size > conf.plan_upload_max_bytes():
            raise forms.ValidationError(f"文件超过{conf.plan_upload_max_bytes() // (1024 * 1024)}MB上限")
        return upload


class ProgressReportForm(forms.Form):
    text = forms.CharField(label="工作进展", widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)
    reported_on = forms.DateField(label="报送日期", widget=DATE_INPUT)
    evidence_links = forms.CharField(label="佐证链接", required=False, widget=forms.Textarea(attrs={"rows": 2}),
                                     help_text="网页链接，每行一个")
    files = MultipleFileField(label="佐证附件", required=False,
                              help_text="可多选；pdf、Office 文档、图片等，单个不超过10MB")
    marks_done = forms.BooleanField(label="该项任务已完成", required=False)
    consolidated = forms.BooleanField(label="作为牵头单位汇总报送", required=False)

    def __init__(self, *args, is_lead: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reported_on"].initial = timezone.localdate()
        if not is_lead:
            del self.fields["consolidated"]

    def clean_reported_on(self):
        day = self.cleaned_data["reported_on"]
        if day > timezone.localdate():
            raise forms.ValidationError("报送日期不能晚于今天")
        return day

    def links(self) -> list[str]:
        return [x.strip() for x in self.cleaned_data.get("evidence_links", "").splitlines() if x.strip()]


class StatusForm(forms.Form):
    status = forms.ChoiceField(label="新状态", choices=[
        (AssignmentStatus.IN_PROGRESS, "推进中"), (AssignmentStatus.DONE, "已完成"),
        (AssignmentStatus.NOT_APPLICABLE, "不适用"), (AssignmentStatus.NOT_STARTED, "未开始")])
    reason = forms.CharField(label="理由", required=False, max_length=300, help_text="标记为不适用时必填")


class AddUnitForm(forms.Form):
    target = forms.ChoiceField(label="单位或单位组")
    role = forms.ChoiceField(label="角色", choices=AssignmentRole.choices)

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = list(choices)


class SplitForm(forms.Form):
    parts = forms.CharField(label="拆分后的任务", widget=forms.Textarea(attrs={"rows": 5}),
                            help_text="每行一项任务，至少两行；原任务的单位和时限带入每一项")


class TaskEditForm(forms.Form):
    no = forms.CharField(label="序号", required=False, max_length=20)
    text = forms.CharField(label="具体要求", widget=forms.Textarea(attrs={"rows": 4}))
    deadline = forms.DateField(label="完成时限", required=False, widget=DATE_INPUT)
    deadline_text = forms.CharField(label="时限原文", required=False, max_length=100)
    deadline_in_working_days = forms.BooleanField(label="按工作日计算", required=False)
    recurrence = forms.ChoiceField(label="周期", required=False, choices=[("", "不定期")] + list(Recurrence.choices))
    recurrence_min_count = forms.IntegerField(label="每期至少更新次数", required=False, min_value=1)
    column_id = forms.TypedChoiceField(label="绑定栏目", required=False, coerce=int, empty_value=None,
                                       help_text="绑定后，报送进展时自动附上该栏目的更新情况")

    def __init__(self, *args, columns=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["column_id"].choices = [("", "不绑定")] + list(columns)


class BulletinForm(forms.Form):
    kind = forms.ChoiceField(label="类型", choices=BulletinKind.choices)
    as_of = forms.DateField(label="统计截至", widget=DATE_INPUT)
    remarks = forms.CharField(label="督办意见", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["as_of"].initial = timezone.localdate()


class RubricForm(forms.Form):
    weight_completion = forms.DecimalField(label="完成情况（分）", min_value=0, max_value=100, decimal_places=2)
    weight_timeliness = forms.DecimalField(label="按时完成（分）", min_value=0, max_value=100, decimal_places=2)
    weight_evidence = forms.DecimalField(label="佐证材料（分）", min_value=0, max_value=100, decimal_places=2)
    pass_mark = forms.DecimalField(label="合格分", min_value=0, max_value=100, decimal_places=2)


class AdjustmentForm(forms.Form):
    unit = forms.TypedChoiceField(label="单位", coerce=int)
    kind = forms.ChoiceField(label="类型", choices=AdjustmentKind.choices)
    points = forms.DecimalField(label="分值", required=False, min_value=0, max_value=100, decimal_places=2,
                                help_text="一票否决不填")
    reason = forms.CharField(label="理由", max_length=300)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = list(units)


class ExcelUploadForm(forms.Form):
    file = forms.FileField(label="填好的台账（xlsx）")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("请上传 .xlsx 文件（从台账导出后填写）")
        return upload


class LookbackForm(forms.Form):
    plan = forms.TypedChoiceField(label="结转到本年度方案", coerce=int)

    def __init__(self, *args, plans=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].choices = list(plans)


class CascadeForm(forms.Form):
    unit = forms.TypedChoiceField(label="为哪个单位起草", coerce=int)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = list(units)


def parse_iso_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None
