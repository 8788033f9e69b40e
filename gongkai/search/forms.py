"""The search form (GET parameters of /search/ and /staff/search/). Invalid parameters are reported and
ignored; they never stop the search."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from gongkai.organisations.models import Unit, UnitKind

from .kinds import DocumentKind
from .selectors import ORDER_LABELS, Order

VALIDITY_CHOICES = [("", "不限"), ("有效", "有效"), ("修改", "修改"), ("废止", "废止"), ("失效", "失效")]
FIRST_YEAR = 2008  # 《政府信息公开条例》施行之年


def _unit_choices():
    units = Unit.objects.filter(is_active=True).exclude(kind=UnitKind.OFFICE).values_list("id", "name", "path")
    choices = [("", "全部单位")]
    for pk, name, path in units:
        indent = "\u3000" * max(0, path.count("/") - 2)
        choices.append((str(pk), f"{indent}{name}"))
    return choices


def _year_choices():
    this_year = timezone.localdate().year
    return [("", "不限")] + [(str(y), f"{y}年") for y in range(this_year, FIRST_YEAR - 1, -1)]


class SearchForm(forms.Form):
    q = forms.CharField(label="关键词", max_length=100, required=False,
                        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
                        help_text="多个词用空格分开；用引号查找完整短语，如“依申请公开”")
    kind = forms.MultipleChoiceField(label="类型", required=False, choices=DocumentKind.choices,
                                     widget=forms.CheckboxSelectMultiple)
    unit = forms.TypedChoiceField(label="发布单位", required=False, coerce=int, empty_value=None)
    year = forms.TypedChoiceField(label="年份", required=False, coerce=int, empty_value=None)
    topic = forms.CharField(label="主题分类", max_length=100, required=False)
    validity = forms.ChoiceField(label="有效性", required=False, choices=VALIDITY_CHOICES)
    order = forms.ChoiceField(label="排序", required=False, choices=list(ORDER_LABELS.items()),
                              widget=forms.RadioSelect)
    page = forms.IntegerField(required=False, min_value=1, max_value=10000, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = _unit_choices()
        self.fields["year"].choices = _year_choices()
        self.fields["unit"].error_messages["invalid_choice"] = "所选单位不存在，已忽略"
        self.fields["year"].error_messages["invalid_choice"] = "年份无效，已忽略"
        self.fields["kind"].error_messages["invalid_choice"] = "类型无效，已忽略"
        self.fields["validity"].error_messages["invalid_choice"] = "有效性无效，已忽略"
        self.fields["order"].error_messages["invalid_choice"] = "排序方式无效，已按相关度排序"
        self.fields["page"].error_messages["invalid"] = "页码无效，已显示第一页"
        self.fields["page"].error_messages["min_value"] = "页码无效，已显示第一页"
        self.fields["page"].error_messages["max_value"] = "页码过大，已显示第一页"

    def search_arguments(self) -> dict:
        """The valid parameters as `selectors.search` arguments (invalid ones left out)."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "query": data.get("q") or "",
            "kinds": data.get("kind") or None,
            "unit": data.get("unit"),
            "year": data.get("year"),
            "topic": (data.get("topic") or "").strip() or None,
            "validity": data.get("validity") or None,
            "order": data.get("order") or Order.RELEVANCE,
            "page": data.get("page") or 1,
        }

    def problems(self) -> list[str]:
        self.is_valid()
        return [e for errors in self.errors.values() for e in errors]
