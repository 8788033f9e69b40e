"""统一社会信用代码 (GB 32100-2015): check digit computation and validation."""

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def check_digit(first17: str) -> str:
    total = sum(ALPHABET.index(ch) * w for ch, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def is_valid(code: str) -> bool:
    if len(code) != 18 or any(ch not in ALPHABET for ch in code):
        return False
    return check_digit(code[:17]) == code[17]


def make_code(region: str, serial: int) -> str:
    """A well-formed code for an organ of state (登记管理部门 1, 机构类别 1) in a 6-digit region."""
    body = f"11{region}{serial:09d}"[:17]
    body = "".join(ALPHABET[int(c)] for c in body)
    return body + check_digit(body)
