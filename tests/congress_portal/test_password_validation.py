import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from congress_portal.validators import CharacterClassValidator

CLASSES = {
    "upper": st.sampled_from("ABCDEFGHJKLMNPQRSTUVWXYZ"),
    "lower": st.sampled_from("abcdefghijkmnopqrstuvwxyz"),
    "digit": st.sampled_from("0123456789"),
    "symbol": st.sampled_from("!@#$%^&*-_+=?"),
}


def password_from(classes):
    """Passwords of 10-20 characters drawn from exactly these classes, each used."""
    chars = st.one_of(*(CLASSES[name] for name in classes))
    return st.tuples(
        *(CLASSES[name] for name in classes), st.lists(chars, min_size=10, max_size=20)
    )


@given(
    st.sampled_from(
        [["upper", "lower", "digit"], ["lower", "digit", "symbol"], list(CLASSES)]
    ).flatmap(password_from)
)
def test_three_or_more_character_classes_pass(parts):
    password = "".join(parts[:-1]) + "".join(parts[-1])
    CharacterClassValidator().validate(password)


@given(
    st.sampled_from([["lower"], ["digit"], ["upper", "lower"], ["lower", "symbol"]]).flatmap(
        password_from
    )
)
def test_fewer_than_three_classes_fail(parts):
    password = "".join(parts[:-1]) + "".join(parts[-1])
    with pytest.raises(ValidationError):
        CharacterClassValidator().validate(password)


@pytest.mark.parametrize(
    "password, reason",
    [("Ab1!", "太短"), ("Password123", "太常见"), ("aaaaaaaaaaaaaa", "四类字符")],
)
def test_settings_refuse_short_common_and_simple_passwords(password, reason):
    with pytest.raises(ValidationError) as refused:
        validate_password(password)
    assert reason in " ".join(refused.value.messages)


def test_a_strong_password_passes():
    validate_password("Qingshi#Street-2026")
