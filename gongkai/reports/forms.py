"""Forms of the staff pages; they only validate (writes go through services)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils import timezone

from gongkai.organisations.models import Unit, UnitKind
from gongkai.organisations.selectors import visible_units

from . import access, formats
from .formats import CellKind, ReportFormat
from .models import AnnualReport, ReportScope


class GenerateForm(forms.Form):
    unit = forms.ModelChoiceField(label="报告单位", queryset=Unit.objects.none())
    year = forms.IntegerField(label="报告年度", min_value=2019)
    scope = forms.ChoiceField(label="统计范围", choices=[("", "按单位类型自动（人民政府为汇总）"), *ReportScope.choices],
                              required=False)
    format = forms.ChoiceField(label="报告格式", choices=[("", "按年度自动"), *ReportFormat.choices], required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = visible_units(user).exclude(kind=UnitKind.OFFICE).order_by("path")
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=[u.pk for u in units if access.can_compose(user, u)])
        self.fields["year"].max_value = timezone.localdate().year
        self.fields["year"].initial = timezone.localdate().year - 1
        if user.unit_id and self.fields["unit"].queryset.filter(pk=user.unit_id).exists():
            self.fields["unit"].initial = user.unit_id


class TextsForm(forms.Form):
    title = forms.CharField(label="标题", max_length=200)
    section1_text = forms.CharField(label=formats.SECTION_HEADINGS["1"], widget=forms.Textarea(attrs={"rows": 16}),
                                    required=False, help_text="以“（一）主动公开”等小标题分段；【请填写…】提示须全部替换后才能审核发布")
    section5_text = forms.CharField(label=formats.SECTION_HEADINGS["5"], widget=forms.Textarea(attrs={"rows": 8}),
                                    required=False)
    section6_text = forms.CharField(label=formats.SECTION_HEADINGS["6"], widget=forms.Textarea(attrs={"rows": 8}),
                                    required=False, help_text="没有需要报告的事项时写“无”")
    fee_cases = forms.IntegerField(label="收取信息处理费件数", min_value=0)
    fee_amount_yuan = forms.DecimalField(label="收取信息处理费金额（元）", min_value=Decimal(0), max_digits=12,
                                         decimal_places=2)

    @classmethod
    def for_report(cls, report: AnnualReport, data=None):
        return cls(data, initial={
            "title": report.title, "section1_text": report.section1_text, "section5_text": report.section5_text,
            "section6_text": report.section6_text, "fee_cases": report.fee_cases,
            "fee_amount_yuan": report.fee_amount_yuan,
        })


class Section2Form(forms.Form):
    """One field per table 二 cell, named "<row>__<column>"."""

    def __init__(self, *args, report: AnnualReport, **kwargs):
        super().__init__(*args, **kwargs)
        self.report = report
        for row, column, kind, label in formats.section2_cells(report.format):
            name = f"{row}__{column}"
            locked = report.section2_sources.get(row) == "policies"
            self.fields[name] = forms.CharField(
                label=f"{label} {column}", required=False, disabled=locked,
                initial=report.section2.get(row, {}).get(column, ""),
                widget=forms.TextInput(attrs={"inputmode": "text" if kind == CellKind.TEXT else "decimal",
                                              "size": 10}),
            )

    def cells(self) -> dict[str, dict[str, str]]:
        out: dict[str, dict[str, str]] = {}
        for name, value in self.cleaned_data.items():
            row, column = name.split("__")
            out.setdefault(row, {})[column] = value
        return out


class ImportSection2Form(forms.Form):
    file = forms.FileField(label="导入表二（xlsx或csv）",
                           help_text="两列：项目（如“行政处罚”“行政事业性收费”）和数值；第二十条第（一）项可用“规章-本年制发件数”形式")


class NoteForm(forms.Form):
    note = forms.CharField(label="说明", widget=forms.Textarea(attrs={"rows": 3}), required=False)
