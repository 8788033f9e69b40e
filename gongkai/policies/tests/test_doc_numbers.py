import datetime as dt

import pytest

from gongkai.core.exceptions import DomainError
from gongkai.policies.doc_numbers import normalise_doc_number, parse_doc_number

TODAY = dt.date(2025, 6, 1)


@pytest.mark.parametrize("raw", [
    "江府〔2025〕3号", "江府[2025]3号", "江府［2025］3号", "江府（2025）3号", "江府(2025)3号", "江府【2025】3号",
    "江府﹝2025﹞3号", "江府 〔2025〕 03 号", "江府〔2025〕第3号", "江府〔２０２５〕３号",
])
def test_every_common_bracket_style_normalises_to_the_hexagonal_form(raw):
    assert normalise_doc_number(raw, today=TODAY) == "江府〔2025〕3号"


def test_parts_are_split_into_organ_code_year_and_serial():
    number = parse_doc_number("江府办函[2024]127号", today=TODAY)
    assert (number.organ_code, number.year, number.serial) == ("江府办函", 2024, 127)


def test_a_decree_number_of_a_rule_has_no_year():
    number = parse_doc_number("江门市人民政府令 第 5 号", today=TODAY)
    assert (number.organ_code, number.year, number.serial, number.text) == ("江门市人民政府令", None, 5, "江门市人民政府令第5号")


@pytest.mark.parametrize("raw, message", [
    ("江府2025年3号", "无法识别"),
    ("江府〔2025〕号", "无法识别"),
    ("江府〔1901〕3号", "年份1901不合理"),
    ("江府〔2027〕3号", "年份2027不合理"),  # more than a year ahead of TODAY
    ("江府〔2025〕0号", "正整数"),
    ("", "请填写发文字号"),
])
def test_malformed_numbers_are_refused_with_a_chinese_reason(raw, message):
    with pytest.raises(DomainError, match=message):
        parse_doc_number(raw, today=TODAY)


def test_next_years_number_is_accepted_for_documents_written_at_year_end():
    assert normalise_doc_number("江府〔2026〕1号", today=TODAY) == "江府〔2026〕1号"


def test_an_empty_number_stays_empty_when_normalising():
    assert normalise_doc_number("  ") == ""
