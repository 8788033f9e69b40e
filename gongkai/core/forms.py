import datetime as dt
import re

from django import forms

from .calendar import HolidaySpan

# <input type="date"> accepts only an ISO date; without a format Django prints the zh-hans one (2025/09/02),
# which browsers discard, so a pre-filled date would show blank.
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

_DATE = r"(\d{4}-\d{2}-\d{2})"
_SPAN_LINE = re.compile(rf"^\s*(\S+)\s+{_DATE}(?:\s*(?:至|到|~|—|-{{1,2}})?\s*{_DATE})?\s*$")


class HolidayScheduleForm(forms.Form):
    year = forms.IntegerField(label="年份", min_value=2000, max_value=2100)
    source = forms.CharField(label="依据文件", max_length=200, help_text="如：国务院办公厅关于2027年部分节假日安排的通知")
    published_on = forms.DateField(label="发布日期", required=False, widget=DATE_INPUT)
    holidays = forms.CharField(
        label="放假安排", widget=forms.Textarea(attrs={"rows": 8}),
        help_text="每行一个节日：名称 开始日期 结束日期，如“春节 2027-02-05 2027-02-13”",
    )
    workdays = forms.CharField(
        label="调休上班日", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="周末上班的日期，用空格、逗号或换行分隔",
    )

    def clean_holidays(self) -> list[HolidaySpan]:
        spans = []
        for number, line in enumerate(self.cleaned_data["holidays"].splitlines(), start=1):
            if not line.strip():
                continue
            match = _SPAN_LINE.match(line)
            if not match:
                raise forms.ValidationError(f"第{number}行格式不对：{line.strip()}（应为：名称 开始日期 结束日期）")
            name, first, last = match.groups()
            try:
                spans.append(HolidaySpan(name, dt.date.fromisoformat(first), dt.date.fromisoformat(last or first)))
            except ValueError:
                raise forms.ValidationError(f"第{number}行日期无效：{line.strip()}")
        if not spans:
            raise forms.ValidationError("至少填写一个节日")
        return spans

    def clean_workdays(self) -> list[dt.date]:
        days = []
        for token in re.split(r"[\s,，、]+", self.cleaned_data.get("workdays") or ""):
            if not token:
                continue
            try:
                days.append(dt.date.fromisoformat(token))
            except ValueError:
                raise forms.ValidationError(f"日期无效：{token}（格式为 YYYY-MM-DD）")
        return days


class HolidayScheduleImportForm(forms.Form):
    file = forms.FileField(
        label="节假日安排文件（JSON）",
        help_text='格式同 core/data/holidays.json：{"2027": {"source": "…", "published_on": "2026-11-05", '
        '"holidays": [["春节", "2027-02-05", "2027-02-13"]], "workdays": ["2027-02-14"]}}',
    )

    def clean_file(self) -> list[dict]:
        import json

        upload = self.cleaned_data["file"]
        if upload.size > 1024 * 1024:
            raise forms.ValidationError("文件不能超过1MB")
        try:
            data = json.loads(upload.read().decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise forms.ValidationError(f"不是有效的JSON文件：{exc}")
        if not isinstance(data, dict) or not data:
            raise forms.ValidationError("文件应是以年份为键的对象")
        years = []
        for year_text, entry in data.items():
            try:
                years.append({
                    "year": int(year_text),
                    "source": str(entry["source"]),
                    "published_on": dt.date.fromisoformat(entry["published_on"]) if entry.get("published_on") else None,
                    "holidays": [HolidaySpan(n, dt.date.fromisoformat(a), dt.date.fromisoformat(b))
                                 for n, a, b in entry["holidays"]],
                    "workdays": [dt.date.fromisoformat(d) for d in entry.get("workdays", [])],
                })
            except (KeyError, TypeError, ValueError) as exc:
                raise forms.ValidationError(f"{year_text}年的数据格式不对：{exc}")
        return years
