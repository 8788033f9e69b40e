"""Forms of the staff workspace. They only validate input; the services decide."""

from __future__ import annotations

from django import forms

from gongkai.core.forms import DATE_INPUT as DATE
from gongkai.organisations.models import UnitKind
from gongkai.organisations.selectors import visible_units

from . import catalogue as catalogue_rules
from .models import (
    CatalogueEntry,
    CatalogueKind,
    Column,
    InformationItem,
    ItemKind,
    ItemStatus,
    ReviewStep,
    WordList,
)

# Column codes that would shadow fixed public paths (/xxgk/<unit>/catalogue/ …).
RESERVED_SLUGS = {"catalogue", "item", "file", "feed", "ndbg", "ysqgk"}


def _units(user):
    return visible_units(user).exclude(kind=UnitKind.OFFICE).filter(is_active=True)


class ItemForm(forms.ModelForm):
    class Meta:
        model = InformationItem
        fields = ["column", "kind", "title", "body", "topic", "issuing_organ", "written_on", "doc_number",
                  "validity", "keywords", "catalogue_entry"]
        widgets = {"written_on": DATE, "body": forms.Textarea(attrs={"rows": 14}),
                   "title": forms.TextInput(attrs={"size": 60})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = _units(user)
        self.fields["column"].queryset = (Column.objects.filter(unit__in=units, is_active=True)
                                          .select_related("unit").order_by("unit__path", "section", "order"))
        self.fields["column"].label_from_instance = lambda c: f"{c.unit} · {c.get_section_display()} · {c.name}"
        self.fields["catalogue_entry"].queryset = (CatalogueEntry.objects.filter(catalogue__unit__in=units)
                                                   .select_related("catalogue"))
        self.fields["catalogue_entry"].required = False
        self.fields["kind"].choices = [(k, label) for k, label in ItemKind.choices]


class AttachmentForm(forms.Form):
    file = forms.FileField(label="选择文件")
    is_original = forms.BooleanField(label="这是原件（正式文本）", required=False, initial=True)


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(label="审核意见", choices=[("approve", "通过"), ("return", "退回修改")],
                                 widget=forms.RadioSelect)
    note = forms.CharField(label="意见说明", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    acknowledge_findings = forms.BooleanField(label="已逐条核对错敏词检查结果", required=False)

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not (data.get("note") or "").strip():
            self.add_error("note", "退回时请写明修改意见")
        return data


class WithdrawForm(forms.Form):
    reason = forms.CharField(label="撤回理由", widget=forms.Textarea(attrs={"rows": 3}))


class ItemFilterForm(forms.Form):
    q = forms.CharField(label="标题或文号", required=False)
    status = forms.ChoiceField(label="状态", required=False, choices=[("", "全部")] + ItemStatus.choices)
    kind = forms.ChoiceField(label="类别", required=False, choices=[("", "全部")] + ItemKind.choices)
    unit = forms.ModelChoiceField(label="单位", required=False, queryset=None, empty_label="全部")
    column = forms.ModelChoiceField(label="栏目", required=False, queryset=None, empty_label="全部")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = _units(user)
        self.fields["unit"].queryset = units
        self.fields["column"].queryset = Column.objects.filter(unit__in=units).select_related("unit")
        self.fields["column"].label_from_instance = lambda c: f"{c.unit} · {c.name}"


class ColumnForm(forms.ModelForm):
    class Meta:
        model = Column
        fields = ["unit", "name", "slug", "section", "parent", "article20", "freshness_class", "custom_period",
                  "custom_min_count", "description", "order", "opened_on", "is_active"]
        widgets = {"opened_on": DATE, "description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = _units(user)
        self.fields["unit"].queryset = units
        self.fields["parent"].queryset = Column.objects.filter(unit__in=units).select_related("unit")
        self.fields["parent"].label_from_instance = lambda c: f"{c.unit} · {c.name}"
        if self.instance.pk:
            self.fields["unit"].disabled = True
            self.fields["slug"].disabled = True  # stable URLs: the code never changes

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(f"“{slug}”是平台保留的网址，请换一个栏目代码")
        return slug

    def validate_unique(self):
        """Uniqueness and the 专栏姓专 rule are checked by the service with a Chinese message."""


class CatalogueCreateForm(forms.Form):
    unit = forms.ModelChoiceField(label="单位", queryset=None)
    kind = forms.ChoiceField(label="目录类型", choices=CatalogueKind.choices)
    domain = forms.ChoiceField(label="试点领域（标准目录）", required=False)
    local_domain = forms.CharField(label="或本地领域名称", required=False, help_text="如 自然资源、乡村振兴")
    load_rows = forms.BooleanField(label="载入该领域的示范事项", required=False, initial=True)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _units(user)
        self.fields["domain"].choices = [("", "—")] + [
            (d["name"], d["name"] + ("" if d["confirmed"] else "（待核实）")) for d in catalogue_rules.standard_domains()
        ]

    def clean(self):
        data = super().clean()
        data["domain_name"] = (data.get("local_domain") or "").strip() or data.get("domain") or ""
        if data.get("kind") == CatalogueKind.STANDARD and not data["domain_name"]:
            raise forms.ValidationError("基层政务公开标准目录须选择或填写领域")
        return data


class CatalogueEntryForm(forms.ModelForm):
    channels = forms.MultipleChoiceField(label="公开渠道和载体", required=False, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = CatalogueEntry
        fields = ["seq", "level1", "level2", "content", "basis", "time_limit", "subject", "channels", "audience_all",
                  "audience_specific", "mode_active", "mode_on_request", "level_county", "level_township",
                  "level_village", "process", "recurrence", "column"]
        widgets = {"content": forms.Textarea(attrs={"rows": 2}), "basis": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, catalogue, **kwargs):
        super().__init__(*args, **kwargs)
        vocabulary = catalogue_rules.channel_vocabulary()
        extra = [c for c in (self.instance.channels or []) if c not in vocabulary]
        self.fields["channels"].choices = [(c, c) for c in vocabulary + extra]
        self.fields["column"].queryset = Column.objects.filter(unit=catalogue.unit)
        self.fields["seq"].required = False

    def validate_unique(self):
        """The service checks the 序号 with a Chinese message."""


class ReviewConfigForm(forms.Form):
    unit = forms.ModelChoiceField(label="单位", queryset=None)
    steps = forms.MultipleChoiceField(label="审核环节", choices=ReviewStep.choices, widget=forms.CheckboxSelectMultiple)
    allow_self_review = forms.BooleanField(label="允许本人审核本人提交的信息", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _units(user)

    def clean_steps(self):
        chosen = self.cleaned_data["steps"]
        return [s for s in ReviewStep.values if s in chosen]


class WordListForm(forms.ModelForm):
    class Meta:
        model = WordList
        fields = ["name", "kind", "unit", "entries", "is_active"]
        widgets = {"entries": forms.Textarea(attrs={"rows": 12})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _units(user)
        self.fields["unit"].required = not user.is_superuser and not user.has_role("coordinator")
