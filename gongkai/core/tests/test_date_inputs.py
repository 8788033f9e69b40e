"""Every date field of the staff and public forms renders an ISO value, the only one <input type="date"> takes."""

import datetime as dt
import importlib
import inspect

import pytest
from django import forms
from django.utils import translation

from gongkai.core.forms import DATE_INPUT

FORM_MODULES = ["gongkai.core.forms", "gongkai.disclosure.forms", "gongkai.foi_requests.forms",
                "gongkai.policies.forms", "gongkai.workplan.forms"]


def test_a_prefilled_date_is_printed_as_an_iso_date_under_zh_hans():
    with translation.override("zh-hans"):
        html = DATE_INPUT.render("on", dt.date(2025, 9, 2))
    assert 'value="2025-09-02"' in html and 'type="date"' in html


@pytest.mark.parametrize("module_name", FORM_MODULES)
def test_every_date_field_uses_the_iso_date_input(module_name):
    module = importlib.import_module(module_name)
    formats = {
        f"{name}.{field_name}": field.widget.format
        for name, form in inspect.getmembers(module, inspect.isclass)
        if issubclass(form, forms.BaseForm) and form.__module__ == module_name
        for field_name, field in form.base_fields.items()
        if isinstance(field, forms.DateField) and isinstance(field.widget, forms.DateInput)
    }
    assert formats, f"{module_name} has no date fields: drop it from the list"
    assert {field: fmt for field, fmt in formats.items() if fmt != "%Y-%m-%d"} == {}
