from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cases.people.forms import YouthForm
from cases.validators import bsn_passes_eleven_test, validate_bsn, validate_postcode
from tests.factories import YouthFactory, district


@pytest.mark.parametrize("bsn", ["111222333", "123456782", "999990019"])
def test_it_accepts_bsns_that_pass_the_eleven_test(bsn):
    assert bsn_passes_eleven_test(bsn)
    validate_bsn(bsn)  # raises on failure


@pytest.mark.parametrize(
    ("bsn", "code"),
    [
        ("123456789", "bsn_eleven_test"),
        ("000000000", "bsn_eleven_test"),
        ("12345678", "bsn_format"),
        ("1234567890", "bsn_format"),
        ("12345678a", "bsn_format"),
        ("１２３４５６７８２", "bsn_format"),  # full-width digits are not ASCII digits
    ],
)
def test_it_refuses_bad_bsns_with_a_dutch_message(bsn, code):
    with pytest.raises(ValidationError) as raised:
        validate_bsn(bsn)
    assert raised.value.code == code
    assert "BSN" in raised.value.messages[0] or "elfproef" in raised.value.messages[0]


@pytest.mark.django_db
def test_model_validation_puts_the_bsn_error_on_the_field():
    youth = YouthFactory.build(bsn="123456789", household=None)
    with pytest.raises(ValidationError) as raised:
        youth.full_clean()
    assert raised.value.message_dict["bsn"] == [
        "Dit is geen geldig BSN: het voldoet niet aan de elfproef."
    ]


def form_data(**overrides):
    data = {
        "first_name": "Ayoub",
        "name_prefix": "el",
        "last_name": "Idrissi",
        "date_of_birth": "2009-04-12",
        "bsn": "",
        "postcode": "3074 RL",
        "district": str(district().pk),
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_the_youth_form_refuses_a_bsn_failing_the_eleven_test_and_keeps_the_input():
    form = YouthForm(data=form_data(bsn="123456789"))
    assert not form.is_valid()
    assert form.errors["bsn"] == ["Dit is geen geldig BSN: het voldoet niet aan de elfproef."]
    assert 'value="123456789"' in str(form["bsn"])
    assert 'value="Ayoub"' in str(form["first_name"])


@pytest.mark.django_db
def test_the_youth_form_accepts_a_bsn_typed_with_dots_and_stores_digits():
    form = YouthForm(data=form_data(bsn="123.456.782"))
    assert form.is_valid(), form.errors
    assert form.save().bsn == "123456782"


@pytest.mark.django_db
def test_the_youth_form_stores_no_bsn_as_empty():
    form = YouthForm(data=form_data())
    assert form.is_valid(), form.errors
    assert form.save().bsn is None


@pytest.mark.django_db
def test_a_birth_date_in_the_future_is_refused():
    tomorrow = timezone.localdate() + timedelta(days=1)
    form = YouthForm(data=form_data(date_of_birth=tomorrow.isoformat()))
    assert not form.is_valid()
    assert form.errors["date_of_birth"] == ["De geboortedatum kan niet in de toekomst liggen."]


@pytest.mark.parametrize("postcode", ["3083 AB", "3083AB", "1011ab"])
def test_dutch_postcodes_are_accepted(postcode):
    validate_postcode(postcode)


@pytest.mark.parametrize("postcode", ["0123 AB", "30833", "ABCD 12"])
def test_other_postcodes_are_refused(postcode):
    with pytest.raises(ValidationError, match="postcode"):
        validate_postcode(postcode)
