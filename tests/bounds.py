"""What the tests of bounds type: dates out of bounds, with the message each gets
while time is frozen in 2026, and a text longer than any field holds."""

OUT_OF_BOUNDS = [
    ("0001-01-01", "日期不能早于1949年1月1日。"),
    ("1900-01-01", "日期不能早于1949年1月1日。"),
    ("9999-12-31", "日期不能晚于2027年12月31日。"),
]
TOO_LONG = "长" * 100_000


def too_long_for(limit):
    """Django's message refusing TOO_LONG in a field of at most `limit` characters."""
    return f"确保该变量包含不超过 {limit} 字符 (目前字符数 {len(TOO_LONG)})。"
