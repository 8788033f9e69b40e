from gongkai.organisations import credit_codes


def test_known_valid_code():
    # 国务院办公厅's published code
    assert credit_codes.is_valid("11100000000013127D")


def test_generated_codes_validate_and_a_changed_digit_does_not():
    code = credit_codes.make_code("440700", 101)
    assert credit_codes.is_valid(code)
    assert not credit_codes.is_valid(code[:-1] + ("0" if code[-1] != "0" else "1"))
