from django import forms


class ResolveForm(forms.Form):
    name = forms.CharField(label="单位名称（按文件原文）", max_length=200)


class DirectoryImportForm(forms.Form):
    KIND_CHOICES = [("units", "单位"), ("groups", "单位组")]
    kind = forms.ChoiceField(label="导入内容", choices=KIND_CHOICES)
    file = forms.FileField(label="文件（.xlsx 或 .csv）")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError("只支持 .xlsx 或 .csv 文件")
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError("文件不能超过5MB")
        return upload
